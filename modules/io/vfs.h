/**
 * @file vfs.h
 * @brief The io module's VFS: vnodes, file-system types, mounts and namei.
 * @ingroup io
 *
 * Private to modules/io. A vnode is one file of some file system: the
 * attributes every file has live here (type and mode, owner, size, links,
 * times, device number), what is particular to a file system behind
 * @c data and its `struct vnode_ops`, so that ramfs, ext2 and procfs
 * vnodes coexist in one name space.
 *
 * Locking (the order is written at the top of vfs_ops.c):
 * - vfs_ns_lock, a mutex: the name space. Every directory's entries, every
 *   parent link, the mount table and each vnode's @c nlink change only
 *   under it; namei runs under it.
 * - vnode::lock, a mutex per vnode: the contents and the attributes of one
 *   file (size, data, mode, owner, times). Taken after vfs_ns_lock, and
 *   never two at once.
 * - vfs_ref_lock, a spinlock: the reference counts, against the last
 *   vfs_vrele() freeing a vnode. Innermost.
 */
#ifndef IO_VFS_H_
#define IO_VFS_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

/** Longest name of one path component, without the NUL. */
#define VFS_NAME_MAX 255
/** Symbolic links namei follows in one lookup before it says ELOOP. */
#define VFS_SYMLINK_MAX 40
/** The version of struct vnode_ops this VFS speaks. */
#define VNODE_OPS_VERSION 1

/** Access bits asked of vfs_access(). */
#define VFS_R 4 /**< Read. */
#define VFS_W 2 /**< Write. */
#define VFS_X 1 /**< Execute, or search a directory. */

struct vnode;
struct vfs_mount;

/** What a new file is made of (vnode_ops::create). */
struct vfs_new {
	unsigned mode;	    /**< Type and permission bits. */
	uint32_t uid;	    /**< Owner. */
	uint32_t gid;	    /**< Group. */
	uint64_t rdev;	    /**< Device number (S_IFCHR, S_IFBLK). */
	const char *target; /**< Symbolic link target (S_IFLNK), @c tlen bytes. */
	size_t tlen;	    /**< Length of @c target. */
};

/**
 * @brief Called by vnode_ops::readdir for each entry.
 * @param arg the caller's.
 * @param name the entry's name (not NUL-terminated).
 * @param len its length.
 * @param ino its inode number.
 * @param type DT_* type.
 * @param next the position after this entry.
 * @return 0 to go on, nonzero to stop before this entry.
 */
typedef int vfs_dirent_fn(void *arg, const char *name, size_t len, uint64_t ino, unsigned type,
			  uint64_t next);

/**
 * @brief Operations of one file-system type on its vnodes.
 *
 * Calling context: a thread that may sleep. Directory operations (lookup,
 * create, link, unlink, rename, readdir, empty) run under vfs_ns_lock;
 * read, write and truncate under the vnode's lock. None is NULL.
 */
struct vnode_ops {
	uint32_t version; /**< VNODE_OPS_VERSION. */
	/**
	 * @brief Find @p name (not "." or "..") in directory @p dvp.
	 * @return 0 with *@p out referenced, or -ENOENT.
	 */
	int (*lookup)(struct vnode *dvp, const char *name, size_t len, struct vnode **out);
	/**
	 * @brief Make a new file called @p name in @p dvp (the name is free).
	 * @return 0 with *@p out referenced, or -ENOSPC, -EMLINK.
	 */
	int (*create)(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
		      struct vnode **out);
	/** @brief Add the name @p name for @p vp in @p dvp (free name). @return 0 or -ENOSPC. */
	int (*link)(struct vnode *dvp, const char *name, size_t len, struct vnode *vp);
	/** @brief Remove the name @p name of @p vp from @p dvp. @return 0 or -errno. */
	int (*unlink)(struct vnode *dvp, const char *name, size_t len, struct vnode *vp);
	/**
	 * @brief Move @p vp from (@p fdvp, @p fname) to (@p tdvp, @p tname), dropping
	 *        @p tvp (the file @p tname named, or NULL) first.
	 * @return 0 or -ENOSPC.
	 */
	int (*rename)(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
		      struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp);
	/** @brief The parent of directory @p dvp, referenced, or NULL if it was removed. */
	struct vnode *(*parent)(struct vnode *dvp);
	/**
	 * @brief Call @p fn for the entries of @p dvp from position *@p off on.
	 * @return 0 or -errno; *@p off is where to go on.
	 */
	int (*readdir)(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg);
	/** @brief Tell whether directory @p dvp has no entry but "." and "..". */
	int (*empty)(struct vnode *dvp);
	/** @brief Read file data at @p off. @return bytes moved or -errno. */
	long (*read)(struct vnode *vp, struct uio *uio, uint64_t off);
	/** @brief Write file data at @p off, growing the file. @return bytes moved or -errno. */
	long (*write)(struct vnode *vp, struct uio *uio, uint64_t off);
	/** @brief Set the size of a regular file. @return 0 or -ENOSPC. */
	int (*truncate)(struct vnode *vp, uint64_t size);
	/** @brief Copy a symbolic link's target (no NUL). @return its length or -errno. */
	long (*readlink)(struct vnode *vp, char *buf, size_t len);
	/** @brief Write the file's data and attributes to its backing store (under its lock).
	 * @return 0 or -EIO. */
	int (*fsync)(struct vnode *vp);
	/** @brief Free what the file system holds for @p vp (no name, no reference left). */
	void (*reclaim)(struct vnode *vp);
};

/** One file, as the VFS sees it. */
struct vnode {
	const struct vnode_ops *ops;  /**< Its file system's operations. */
	void *data;		      /**< Its file system's state. */
	struct vfs_mount *mount;      /**< The mount it belongs to. */
	struct vfs_mount *covered_by; /**< A mount on this directory, or NULL. */
	struct mutex lock;	      /**< Contents and attributes. */
	unsigned refs;		      /**< References (vfs_ref_lock). */
	unsigned nlink;		      /**< Names (vfs_ns_lock). */
	unsigned mode;		      /**< Type and permission bits. */
	uint32_t uid;		      /**< Owner. */
	uint32_t gid;		      /**< Group. */
	uint64_t ino;		      /**< Inode number. */
	uint64_t rdev;		      /**< Device number of a device file. */
	uint64_t size;		      /**< Size in bytes. */
	uint64_t blocks;	      /**< Storage it holds, in 512-byte units (st_blocks). */
	uint64_t atime;		      /**< Last access, ns. */
	uint64_t mtime;		      /**< Last change of contents, ns. */
	uint64_t ctime;		      /**< Last change of the inode, ns. */
};

struct fs_type_ops;

/** A file system mounted somewhere in the name space. */
struct vfs_mount {
	struct list_node link;	      /**< In the mount table. */
	struct vnode *root;	      /**< Its root directory (one reference). */
	struct vnode *covered;	      /**< The directory it hides (one reference), NULL for "/". */
	uint64_t dev;		      /**< Device number reported as st_dev. */
	const char *fstype;	      /**< Name of its type. */
	const struct fs_type_ops *fs; /**< Its type. */
	unsigned flags;		      /**< MS_RDONLY. */
	unsigned vrefs;		      /**< References to its vnodes, summed (vfs_ref_lock). */
	uint64_t pages;	       /**< Pages of data its files hold (atomic; its type counts). */
	char source[MNT_NAME]; /**< What was mounted ("none", "initramfs"). */
};

/**
 * @brief A file-system type: how to make, describe, sync and drop an instance.
 *
 * Calling context: a thread that may sleep; mount, unmount and sync run
 * under vfs_ns_lock, statfs with no lock. None is NULL.
 */
struct fs_type_ops {
	uint32_t version; /**< VNODE_OPS_VERSION. */
	const char *name; /**< "ramfs"... */
	uint64_t magic;	  /**< statfs() f_type. */
	/**
	 * @brief Make a file system instance.
	 * @param mp the mount it will be (for vfs_vnode_alloc()).
	 * @param rootp out: its root directory, referenced.
	 * @return 0 or -ENOMEM.
	 */
	int (*mount)(struct vfs_mount *mp, struct vnode **rootp);
	/**
	 * @brief Drop every file of an instance but its root (none is referenced but the root).
	 * @param mp the mount.
	 */
	void (*unmount)(struct vfs_mount *mp);
	/** @brief Describe an instance (f_type, f_fsid and f_flags are the VFS's).
	 * @param mp the mount. @param st out (zeroed). */
	void (*statfs)(struct vfs_mount *mp, struct statfs *st);
	/** @brief Write what an instance has not written yet. @param mp the mount.
	 * @return 0 or -EIO. */
	int (*sync)(struct vfs_mount *mp);
};

/** The name space lock (see the top of this file). */
extern struct mutex vfs_ns_lock;

/**
 * @brief Make a vnode with one reference and no name.
 * @param mp its mount. @param ops its file system's operations. @param mode type and bits.
 * @return the vnode, or NULL when memory is short.
 */
struct vnode *vfs_vnode_alloc(struct vfs_mount *mp, const struct vnode_ops *ops, unsigned mode);
/** @brief Take a reference. @param vp the vnode. @return @p vp. */
struct vnode *vfs_vref(struct vnode *vp);
/** @brief Drop a reference; the last one of a file without names frees it. @param vp or NULL. */
void vfs_vrele(struct vnode *vp);
/**
 * @brief Change the link count (under vfs_ns_lock).
 * @param vp the vnode. @param delta +1 or -1 (or -nlink to drop every name).
 */
void vfs_nlink_add(struct vnode *vp, int delta);
/** @brief The current time for timestamps, ns. @return nanoseconds. */
uint64_t vfs_now(void);
/**
 * @brief Check access to a vnode.
 * @param vp the file. @param cred who. @param want VFS_R | VFS_W | VFS_X.
 * @return 0 or -EACCES.
 */
int vfs_access(struct vnode *vp, const struct cred *cred, unsigned want);
/** @brief Fill a struct stat from a vnode (takes its lock). @param vp file. @param st out. */
void vfs_getattr(struct vnode *vp, struct stat *st);
/**
 * @brief Say -EROFS if @p vp is on a read-only mount.
 * @param vp the vnode.
 * @return 0 or -EROFS.
 */
int vfs_rofs(struct vnode *vp);

/** namei: what to do with the last component. */
#define NAMEI_FOLLOW 0x1 /**< Follow a symbolic link in the last component. */
#define NAMEI_PARENT 0x2 /**< Return the parent and the last name; the file may be missing. */

/** What namei found. */
struct nameidata {
	struct vnode *dvp;	     /**< NAMEI_PARENT: the parent directory, referenced. */
	struct vnode *vp;	     /**< The file, referenced, or NULL (missing, NAMEI_PARENT). */
	char last[VFS_NAME_MAX + 1]; /**< NAMEI_PARENT: the last name, NUL-terminated. */
	size_t lastlen;		     /**< Its length. */
	int dot;		     /**< The last name is "." or ".." (or the path is "/"). */
	int slash;		     /**< The path ended with a slash. */
};

/**
 * @brief Resolve a path (call with vfs_ns_lock held).
 * @param cwd start of a relative path. @param path the path (NUL-terminated).
 * @param flags NAMEI_*. @param cred who (search permission on every directory).
 * @param nd out; on failure nothing is referenced.
 * @return 0, or -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -ELOOP, -ENOMEM.
 */
int vfs_namei(struct vnode *cwd, const char *path, unsigned flags, const struct cred *cred,
	      struct nameidata *nd);
/** @brief Drop what a successful vfs_namei() referenced. @param nd its result. */
void vfs_namei_done(struct nameidata *nd);

/**
 * @brief Mount a new instance of @p fs on directory @p covered (NULL: the root).
 * @param fs the type. @param covered a directory (referenced by the mount), or NULL.
 * @param out the mount, or NULL.
 * @return 0, or -EBUSY (already covered, or a root exists), -ENOTDIR, -ENOMEM.
 */
int vfs_mount(const struct fs_type_ops *fs, struct vnode *covered, struct vfs_mount **out);
/**
 * @brief Take a mount away again (call with vfs_ns_lock held).
 * @param mp a mount other than the root.
 * @return 0, or -EBUSY (the root, its root in use, or files in it).
 */
int vfs_unmount(struct vfs_mount *mp);
/** @brief The root of the name space, referenced, or NULL. @return vnode. */
struct vnode *vfs_root(void);
/**
 * @brief Mount a ramfs at "/", unpack the initramfs into it and make /dev (io_ops::mount_root).
 * @param image a cpio "newc" archive. @param len its size (0: empty).
 * @return 0, -EBUSY (a root exists), -EINVAL (a bad entry, logged; what came before stays),
 *         -ENOMEM.
 */
int vfs_mount_root(const void *image, size_t len);
/** @brief Forget every mount (host tests). */
void vfs_reset(void);

/**
 * @brief Open a vnode: the struct file with the fileops of its kind.
 * @param vp the file (the file takes a reference of its own).
 * @param flags O_* flags. @param out the file.
 * @return 0, or -ENXIO (no such device), -ENOMEM.
 */
int vfs_open_vnode(struct vnode *vp, int flags, struct file **out);

/**
 * @brief Open a file (io_ops::open).
 * @param cwd start of a relative path (NULL: the root). @param path the path.
 * @param flags O_* flags. @param mode bits of a new file. @param cred who asks.
 * @param out the open file.
 * @return 0 or a negative errno (see io_ops::open).
 */
int vfs_open(struct vnode *cwd, const char *path, int flags, unsigned mode, const struct cred *cred,
	     struct file **out);
/**
 * @brief Describe a file by name (io_ops::stat).
 * @param cwd start. @param path the path. @param flags 0 or AT_SYMLINK_NOFOLLOW.
 * @param cred who asks. @param st out.
 * @return 0 or a negative errno.
 */
int vfs_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	     struct stat *st);
/**
 * @brief Make a directory, device file, FIFO or empty file (io_ops::mknod).
 * @param cwd start. @param path the new name. @param mode type and bits.
 * @param dev device number. @param cred who asks (device files: root only, else -EPERM).
 * @return 0 or a negative errno.
 */
int vfs_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
	      const struct cred *cred);
/**
 * @brief Make a symbolic link.
 * @param cwd start. @param target what it points at (1 to IO_PATH_MAX - 1 bytes).
 * @param path the new name. @param cred who asks.
 * @return 0, or -ENOENT (empty target), -ENAMETOOLONG, -EEXIST, -EACCES, -ENOSPC.
 */
int vfs_symlink(struct vnode *cwd, const char *target, const char *path, const struct cred *cred);
/**
 * @brief Remove a name (io_ops::remove).
 * @param cwd start. @param path the name. @param dir 1 for rmdir. @param cred who asks.
 * @return 0 or a negative errno.
 */
int vfs_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred);
/**
 * @brief Make a second name for a file (io_ops::link).
 * @param cwd start. @param from the existing name. @param to the new name. @param cred who.
 * @return 0 or a negative errno.
 */
int vfs_link(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
/**
 * @brief Rename (io_ops::rename).
 * @param cwd start. @param from the existing name. @param to the new name. @param cred who.
 * @return 0 or a negative errno.
 */
int vfs_rename(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
/**
 * @brief Resolve a directory for chdir (io_ops::lookup_dir).
 * @param cwd start. @param path the path. @param cred who. @param out the directory.
 * @return 0 or a negative errno.
 */
int vfs_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred,
		   struct vnode **out);
/**
 * @brief Write the absolute path of a directory (io_ops::getcwd).
 * @param dir the directory. @param buf out. @param len its size.
 * @return the length with the NUL, or -ERANGE, -ENOENT, -ENOMEM.
 */
long vfs_getcwd(struct vnode *dir, char *buf, size_t len);
/**
 * @brief Open a file for exec (io_ops::open_exec).
 * @param cwd start. @param path the path. @param cred who. @param out the file.
 * @return 0 or a negative errno.
 */
int vfs_open_exec(struct vnode *cwd, const char *path, const struct cred *cred, struct file **out);

/**
 * @brief Find a file by name (io_ops::lookup).
 * @param cwd start. @param path the path. @param flags 0 or AT_SYMLINK_NOFOLLOW.
 * @param cred who asks. @param out the file, referenced.
 * @return 0 or a negative errno.
 */
int vfs_lookup(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	       struct vnode **out);
/**
 * @brief Change attributes of a file (io_ops::setattr).
 * @param vp the file. @param a what to change. @param cred who asks.
 * @return 0, or -EPERM, -EACCES, -EROFS, -EISDIR, -EINVAL, -EFBIG.
 */
int vfs_setattr(struct vnode *vp, const struct io_attr *a, const struct cred *cred);
/**
 * @brief Check access as access() does (io_ops::access).
 * @param vp the file. @param mode F_OK or R_OK | W_OK | X_OK. @param cred the real IDs.
 * @return 0, -EACCES, -EROFS.
 */
int vfs_access_check(struct vnode *vp, int mode, const struct cred *cred);
/**
 * @brief Read a symbolic link's target (io_ops::readlink).
 * @param vp the link. @param buf out. @param len its size.
 * @return bytes (no NUL), or -EINVAL (not a link).
 */
long vfs_readlink(struct vnode *vp, char *buf, size_t len);
/**
 * @brief Describe the file system of a file (io_ops::statfs).
 * @param vp a file on it. @param st out.
 * @return 0.
 */
int vfs_statfs(struct vnode *vp, struct statfs *st);
/**
 * @brief Write a file's data, or every file system's (io_ops::sync).
 * @param vp the file, or NULL for all.
 * @return 0 or -EIO.
 */
int vfs_sync(struct vnode *vp);
/**
 * @brief Mount a new file system (io_ops::mount).
 * @param cwd start. @param source what. @param target a directory. @param fstype its type.
 * @param flags MS_RDONLY. @param cred who (root only).
 * @return 0, or -EPERM, -ENODEV, -EBUSY, -ENOTDIR, -EINVAL, -ENOMEM, a lookup error.
 */
int vfs_mount_at(struct vnode *cwd, const char *source, const char *target, const char *fstype,
		 unsigned long flags, const struct cred *cred);
/**
 * @brief Unmount the file system mounted at @p target (io_ops::umount).
 * @param cwd start. @param target its mount point. @param flags 0. @param cred who (root).
 * @return 0, or -EPERM, -EINVAL (not a mount point, bad flags), -EBUSY, a lookup error.
 */
int vfs_umount_at(struct vnode *cwd, const char *target, int flags, const struct cred *cred);
/**
 * @brief Describe the mounts (io_ops::mounts).
 * @param buf out: up to @p room records (may be NULL when @p room is 0).
 * @param room records @p buf holds.
 * @return the number of mounts, or -ENOMEM.
 */
long vfs_mounts(struct mntinfo *buf, size_t room);
/**
 * @brief Write the absolute path of a directory (call with vfs_ns_lock held).
 * @param dir the directory. @param buf out. @param len its size.
 * @return the length with the NUL, or -ERANGE, -ENOENT, -ENOMEM.
 */
long vfs_path_locked(struct vnode *dir, char *buf, size_t len);

/** The ramfs file-system type (also mounted as "tmpfs"). */
extern const struct fs_type_ops ramfs_fs_type;
/** ramfs under the name "tmpfs". */
extern const struct fs_type_ops tmpfs_fs_type;
/** ramfs as /dev (its own type name and magic). */
extern const struct fs_type_ops devfs_fs_type;

#endif /* IO_VFS_H_ */
