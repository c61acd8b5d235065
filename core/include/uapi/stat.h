/**
 * @file uapi/stat.h
 * @brief struct stat and the file mode bits, shared with user space.
 * @ingroup uapi
 */
#ifndef UAPI_STAT_H_
#define UAPI_STAT_H_

#include <stdint.h>

#include <uapi/time.h>

#define S_IFMT	 0170000 /**< Mask of the file type. */
#define S_IFSOCK 0140000 /**< Socket. */
#define S_IFLNK	 0120000 /**< Symbolic link. */
#define S_IFREG	 0100000 /**< Regular file. */
#define S_IFBLK	 0060000 /**< Block device. */
#define S_IFDIR	 0040000 /**< Directory. */
#define S_IFCHR	 0020000 /**< Character device. */
#define S_IFIFO	 0010000 /**< FIFO. */
#define S_ISUID	 0004000 /**< Set user ID on execution. */
#define S_ISGID	 0002000 /**< Set group ID on execution. */
#define S_ISVTX	 0001000 /**< Sticky bit. */

/** @brief Is @p m a regular file? @param m an st_mode. */
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
/** @brief Is @p m a directory? @param m an st_mode. */
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
/** @brief Is @p m a character device? @param m an st_mode. */
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
/** @brief Is @p m a block device? @param m an st_mode. */
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
/** @brief Is @p m a FIFO? @param m an st_mode. */
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
/** @brief Is @p m a symbolic link? @param m an st_mode. */
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
/** @brief Is it a socket? @param m st_mode. */
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)

/** What stat(), fstat() and lstat() report about a file. */
struct stat {
	uint64_t st_dev;	 /**< Device of the file system. */
	uint64_t st_ino;	 /**< Inode number. */
	uint32_t st_mode;	 /**< Type and permission bits. */
	uint32_t st_nlink;	 /**< Hard links. */
	uint32_t st_uid;	 /**< Owner. */
	uint32_t st_gid;	 /**< Group. */
	uint64_t st_rdev;	 /**< Device number, for device files. */
	int64_t st_size;	 /**< Size in bytes. */
	int64_t st_blksize;	 /**< Preferred I/O size. */
	int64_t st_blocks;	 /**< 512-byte blocks allocated. */
	struct timespec st_atim; /**< Last access. */
	struct timespec st_mtim; /**< Last change of the contents. */
	struct timespec st_ctim; /**< Last change of the inode. */
};

#define AT_SYMLINK_NOFOLLOW                                                                        \
	0x100 /**< stat(), chown(), utimens(): do not follow a final symbolic link. */

#define UTIME_NOW  ((1L << 30) - 1) /**< utimens() tv_nsec: set this time to now. */
#define UTIME_OMIT ((1L << 30) - 2) /**< utimens() tv_nsec: leave this time as it is. */

#endif /* UAPI_STAT_H_ */
