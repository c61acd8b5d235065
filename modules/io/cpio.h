/**
 * @file cpio.h
 * @brief A parser of cpio "newc" archives that trusts nothing in them.
 * @ingroup io
 *
 * Pure: no allocation, no kernel calls, only the archive's bytes, so the
 * same file is linked into the io module, the host tests and the fuzzer.
 * The format: each entry is a 110-byte header of ASCII — the magic
 * "070701" (or "070702", whose checksum is not checked) and thirteen
 * 8-digit hexadecimal fields — then the name (with its NUL, @c namesize
 * bytes), padded to a multiple of 4 from the start of the header, then
 * @c filesize bytes of data, padded to 4. The entry named "TRAILER!!!" ends
 * the archive.
 */
#ifndef IO_CPIO_H_
#define IO_CPIO_H_

#include <stddef.h>
#include <stdint.h>

/** Bytes of a newc header. */
#define CPIO_HDR_SIZE 110
/** Longest name an entry may have, with its NUL. */
#define CPIO_NAME_MAX 4096
/** Longest symbolic-link target, without a NUL. */
#define CPIO_LINK_MAX 4095

/** One entry of an archive, pointing into the archive's bytes. */
struct cpio_entry {
	const char *name;    /**< The path, NUL-terminated (as in the archive). */
	size_t namelen;	     /**< Its length without the NUL. */
	const uint8_t *data; /**< The file's bytes (a link's target). */
	size_t size;	     /**< How many. */
	uint32_t ino;	     /**< Inode number (ties hard links together). */
	uint32_t mode;	     /**< Type and permission bits. */
	uint32_t uid;	     /**< Owner. */
	uint32_t gid;	     /**< Group. */
	uint32_t nlink;	     /**< Links. */
	uint32_t mtime;	     /**< Modification time, seconds since 1970. */
	uint32_t devmajor;   /**< Device of the file (ties hard links together). */
	uint32_t devminor;   /**< Ditto. */
	uint32_t rdevmajor;  /**< Device number of a device file: major. */
	uint32_t rdevminor;  /**< Minor. */
};

/** Where a walk through an archive is. */
struct cpio_iter {
	const uint8_t *buf; /**< The archive. */
	size_t len;	    /**< Its size. */
	size_t pos;	    /**< Offset of the next header. */
};

/**
 * @brief Start a walk.
 * @param it the walk. @param buf the archive. @param len its size in bytes.
 */
void cpio_start(struct cpio_iter *it, const void *buf, size_t len);

/**
 * @brief Read the next entry, checking every field and length.
 * @param it the walk.
 * @param e out: the entry (valid while the archive is).
 * @param why out on -1: a static string saying what is wrong.
 * @retval 1 an entry.
 * @retval 0 the trailer (or an empty archive): the end.
 * @retval -1 malformed: a header past the end, bad magic, a field not hex,
 *         a name size of 0 or over CPIO_NAME_MAX, a name past the end or
 *         without its NUL, data past the end, an unknown file type, a
 *         directory with data, a link target empty or too long.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e, const char **why);

/**
 * @brief Check an entry's path and give it relative to the root.
 *
 * Leading "./" and "/" are dropped, repeated slashes and "." components are
 * fine; a ".." component, or a component over 255 bytes, is not.
 * @param name the path. @param len its length.
 * @param rel out: where the relative path starts in @p name ("" for the root itself).
 * @param why out on -1: the reason.
 * @retval 0 fine. @retval -1 refused.
 */
int cpio_check_path(const char *name, size_t len, const char **rel, const char **why);

#endif /* IO_CPIO_H_ */
