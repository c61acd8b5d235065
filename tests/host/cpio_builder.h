/*
 * Writes cpio "newc" archives entry by entry, for tests and fuzz seeds:
 * well-formed by default, with hooks to break any field.
 */
#ifndef TESTS_HOST_CPIO_BUILDER_H_
#define TESTS_HOST_CPIO_BUILDER_H_

#include <stddef.h>
#include <stdint.h>

/** An archive being written. */
struct cpio_builder {
	uint8_t buf[1 << 16]; /**< The bytes. */
	size_t len;	      /**< How many so far. */
	uint32_t ino;	      /**< The next inode number. */
};

/**
 * @brief Append one entry (header, name with its NUL, data, each padded to 4).
 * @param b the archive. @param name the path. @param mode type and bits.
 * @param data its bytes (may be NULL when @p size is 0). @param size how many.
 * @return the offset of the entry's header.
 */
size_t cpio_add(struct cpio_builder *b, const char *name, uint32_t mode, const void *data,
		size_t size);
/** @brief Append the TRAILER!!! entry. @param b the archive. */
void cpio_trailer(struct cpio_builder *b);
/**
 * @brief Overwrite header field @p field (0 ino ... 12 check) of the entry at @p at.
 * @param b the archive. @param at the header's offset. @param field its index. @param v the value.
 */
void cpio_set_field(struct cpio_builder *b, size_t at, int field, uint32_t v);

/** Field indices for cpio_set_field(). */
enum {
	CPIOB_INO,
	CPIOB_MODE,
	CPIOB_UID,
	CPIOB_GID,
	CPIOB_NLINK,
	CPIOB_MTIME,
	CPIOB_FILESIZE,
	CPIOB_DEVMAJOR,
	CPIOB_DEVMINOR,
	CPIOB_RDEVMAJOR,
	CPIOB_RDEVMINOR,
	CPIOB_NAMESIZE,
	CPIOB_CHECK
};

#endif
