/**
 * @file vfs.h
 * @brief The io module's VFS: what is private to it (namei, the mount table, the path calls).
 * @ingroup io
 *
 * Private to modules/io. What a file-system module sees (struct vnode,
 * vnode_ops, vfs_mount, fs_type_ops and the vnode helpers) is in
 * <kern/vfs.h>, which this header includes.
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
#include <kern/vfs.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

/** Symbolic links namei follows in one lookup before it says ELOOP. */
#define VFS_SYMLINK_MAX 40

/** Access bits asked of vfs_access(). */
#define VFS_R 4 /**< Read. */
#define VFS_W 2 /**< Write. */
#define VFS_X 1 /**< Execute, or search a directory. */

/** The name space lock (see the top of this file). */
extern struct mutex vfs_ns_lock;

/**
 * @brief Take a reference on a vnode unless its last one is being dropped
 *        (for lists that do not hold one).
 * @param vp the vnode. @return @p vp referenced, or NULL.
 */
struct vnode *vfs_vref_live(struct vnode *vp);

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
/**
 * @brief Mount a new instance of @p fs from @p source on @p covered (NULL: the root).
 * @param fs the type. @param covered a directory, or NULL. @param source what to mount.
 * @param flags MS_RDONLY. @param out the mount, or NULL.
 * @return 0, or vfs_mount()'s errors and the type's mount errors.
 */
int vfs_mount_src(const struct fs_type_ops *fs, struct vnode *covered, const char *source,
		  unsigned flags, struct vfs_mount **out);
/**
 * @brief Mount an instance that will replace the root (call with vfs_ns_lock held).
 * @param fs the type. @param source what. @param flags MS_RDONLY. @param out the mount.
 * @return 0 or the type's mount error.
 */
int vfs_mount_spare_root(const struct fs_type_ops *fs, const char *source, unsigned flags,
			 struct vfs_mount **out);
/** @brief Make a vfs_mount_spare_root() mount the root; the old one goes if idle.
 * @param mp the new root's mount. */
void vfs_root_replace(struct vfs_mount *mp);
/**
 * @brief Move a mount to another directory (call with vfs_ns_lock held).
 * @param mp a mount covering a directory. @param dir its new place.
 * @return 0, -EBUSY, -ENOTDIR.
 */
int vfs_mount_move(struct vfs_mount *mp, struct vnode *dir);
/** @brief A type by name. @param name "ext2". @return the type, or NULL. */
const struct fs_type_ops *vfs_fs_find(const char *name);
/** @brief The @p i-th type with a probe (a disk type). @param i from 0. @return it, or NULL. */
const struct fs_type_ops *vfs_fs_disk_type(unsigned i);
/**
 * @brief Mount a disk as "/" in place of the initramfs (io_ops::mount_disk_root).
 * @param spec "/dev/vda1", "vda1", "UUID=...", "LABEL=...".
 * @return 0, -ENODEV (no such device), a mount error; the old root stays on failure.
 */
int vfs_mount_disk_root(const char *spec);

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
/** @brief Finish every file system before the power goes (io_ops::shutdown).
 * @return 0 or -EIO. */
int vfs_shutdown(void);
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
 * @brief Open a program's file for exec: read-only, counted in text_refs
 *        until the file is closed (the core keeps it with the process's
 *        image), so that opening it for writing or truncating it fails
 *        with -ETXTBSY meanwhile.
 * @param vp a regular file. @param out the file.
 * @return 0, -ETXTBSY (it is open for writing), or -ENOMEM.
 */
int vfs_open_text(struct vnode *vp, struct file **out);

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
