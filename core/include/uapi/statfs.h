/**
 * @file uapi/statfs.h
 * @brief What statfs() says about a mounted file system, and what
 *        sysctl(SYSCTL_MOUNTS) says about each mount; shared with user space.
 * @ingroup uapi
 */
#ifndef UAPI_STATFS_H_
#define UAPI_STATFS_H_

#include <stdint.h>

#define MS_RDONLY 0x1 /**< mount(): read-only. */

#define MNT_NAME 64  /**< Room for a source or type name in struct mntinfo. */
#define MNT_PATH 256 /**< Room for a mount point in struct mntinfo. */

/** statfs(), fstatfs(). */
struct statfs {
	uint64_t f_type;    /**< File-system magic number (ramfs 0x858458f6). */
	uint64_t f_bsize;   /**< Block size in bytes. */
	uint64_t f_blocks;  /**< Blocks in all. */
	uint64_t f_bfree;   /**< Free blocks. */
	uint64_t f_bavail;  /**< Free blocks for unprivileged users. */
	uint64_t f_files;   /**< Inodes in all (0: no fixed number). */
	uint64_t f_ffree;   /**< Free inodes. */
	uint64_t f_fsid;    /**< File-system identifier (its device number). */
	uint64_t f_namelen; /**< Longest file name. */
	uint64_t f_frsize;  /**< Fragment size (= f_bsize). */
	uint64_t f_flags;   /**< MS_* flags of the mount. */
};

/** One mount, as sysctl(SYSCTL_MOUNTS) lists it. */
struct mntinfo {
	char source[MNT_NAME]; /**< What is mounted ("none", "/dev/vda1"). */
	char fstype[MNT_NAME]; /**< File-system type ("ramfs", "devfs", "ext2"). */
	char target[MNT_PATH]; /**< Mount point. */
	uint64_t flags;	       /**< MS_* flags. */
	uint64_t dev;	       /**< Device number of the file system. */
};

#endif /* UAPI_STATFS_H_ */
