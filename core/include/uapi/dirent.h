/**
 * @file uapi/dirent.h
 * @brief Directory entries as getdents() returns them.
 * @ingroup uapi
 *
 * getdents(fd, buf, len) fills @c buf with records one after another, each
 * `d_reclen` bytes long (8-byte aligned), and returns the bytes filled, 0 at
 * the end of the directory.
 */
#ifndef UAPI_DIRENT_H_
#define UAPI_DIRENT_H_

#include <stdint.h>

#define DT_UNKNOWN 0  /**< Type not known. */
#define DT_FIFO	   1  /**< FIFO. */
#define DT_CHR	   2  /**< Character device. */
#define DT_DIR	   4  /**< Directory. */
#define DT_BLK	   6  /**< Block device. */
#define DT_REG	   8  /**< Regular file. */
#define DT_LNK	   10 /**< Symbolic link. */
#define DT_SOCK	   12 /**< Socket. */

/** One directory entry. */
struct dirent {
	uint64_t d_ino;	   /**< Inode number. */
	int64_t d_off;	   /**< Offset of the next entry (for lseek()). */
	uint16_t d_reclen; /**< Length of this record. */
	uint8_t d_type;	   /**< DT_* type. */
	char d_name[];	   /**< NUL-terminated name. */
};

#endif /* UAPI_DIRENT_H_ */
