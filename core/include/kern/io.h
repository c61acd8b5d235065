/**
 * @file kern/io.h
 * @brief The `io` role: the file name space (VFS, namei, mounts), file
 *        systems and devices, as the core's system calls see them.
 * @ingroup io
 *
 * The core holds each process's descriptors (struct file, kern/file.h), its
 * credentials and a reference to its working directory (an opaque struct
 * vnode); everything that resolves a path is the provider's. Paths are
 * kernel strings (the core copied them in, at most IO_PATH_MAX bytes with
 * the NUL); a relative path starts at @c cwd. Every operation checks
 * permissions against @c cred (euid 0 passes every check but exec of a file
 * with no x bit). The mode bits a caller passes are already reduced by its
 * umask.
 *
 * Calling context of every member: a thread that may sleep; the core holds
 * no lock around them (the provider locks its name space and vnodes: write
 * it as if several CPUs called it at once). Members marked optional may be
 * NULL: the core then supplies its default.
 */
#ifndef KERN_IO_H_
#define KERN_IO_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>
#include <kern/file.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

/** The version of struct io_ops this core speaks. */
#define IO_OPS_VERSION 4
/** Longest path the core copies in, with the NUL. */
#define IO_PATH_MAX 4096

struct vnode;
struct vm_object;

/** @name What io_ops::setattr changes (struct io_attr::mask)
 * @{ */
#define IO_ATTR_MODE	  0x01 /**< Permission bits (chmod: owner or root). */
#define IO_ATTR_UID	  0x02 /**< Owner (chown: root). */
#define IO_ATTR_GID	  0x04 /**< Group (root, or the owner to its own group). */
#define IO_ATTR_ATIME	  0x08 /**< Access time: @c atime. */
#define IO_ATTR_MTIME	  0x10 /**< Modification time: @c mtime. */
#define IO_ATTR_ATIME_NOW 0x20 /**< Access time: now. */
#define IO_ATTR_MTIME_NOW 0x40 /**< Modification time: now. */
#define IO_ATTR_SIZE	  0x80 /**< Size (truncate: a regular file). */
#define IO_ATTR_OPENED                                                                             \
	0x100 /**< Asked through a descriptor open for writing (no access check for                \
		   the size). */
/** @} */

/** An attribute change (io_ops::setattr). */
struct io_attr {
	unsigned mask;	/**< IO_ATTR_*: which members count. */
	unsigned mode;	/**< Permission bits (07777). */
	uint32_t uid;	/**< New owner. */
	uint32_t gid;	/**< New group. */
	uint64_t atime; /**< New access time, ns. */
	uint64_t mtime; /**< New modification time, ns. */
	uint64_t size;	/**< New size in bytes. */
};

/** Operations of an `io` provider. */
struct io_ops {
	uint32_t version; /**< Must be IO_OPS_VERSION. */
	/**
	 * @brief Mount the root file system from an initial image.
	 * @param image a cpio "newc" archive in kernel memory (the initramfs
	 *        GRUB loaded), @p len bytes; the provider copies what it needs.
	 * @param len its size in bytes (0: an empty root).
	 * @retval 0 mounted; the root has /dev with console, null, zero, full, kmsg.
	 * @retval -EINVAL the archive is malformed (logged with the entry and reason).
	 * @retval -ENOMEM out of memory.
	 */
	int (*mount_root)(const void *image, size_t len);
	/**
	 * @brief Return the root directory, referenced.
	 * @return the root vnode (the caller drops it with vrele), or NULL before mount_root.
	 */
	struct vnode *(*root)(void);
	/**
	 * @brief Take another reference on a vnode.
	 * @param vp the vnode.
	 */
	void (*vref)(struct vnode *vp);
	/**
	 * @brief Drop a reference on a vnode.
	 * @param vp the vnode (NULL is ignored).
	 */
	void (*vrele)(struct vnode *vp);
	/**
	 * @brief Open (and with O_CREAT maybe create) a file.
	 * @param cwd start of a relative path.
	 * @param path the path.
	 * @param flags O_* flags (access mode, O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
	 *        O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW; O_CLOEXEC is the core's).
	 * @param mode permission bits for a new file.
	 * @param cred who asks.
	 * @param out the open file, one reference.
	 * @return 0, or -ENOENT, -ENOTDIR, -EISDIR, -EEXIST, -EACCES,
	 *         -ENAMETOOLONG, -ELOOP, -ENOSPC, -EROFS, -ENXIO, -ENOMEM.
	 */
	int (*open)(struct vnode *cwd, const char *path, int flags, unsigned mode,
		    const struct cred *cred, struct file **out);
	/**
	 * @brief Describe a file by name.
	 * @param cwd start of a relative path.
	 * @param path the path.
	 * @param flags 0, or AT_SYMLINK_NOFOLLOW (lstat).
	 * @param cred who asks (search permission on the directories).
	 * @param st out.
	 * @return 0, or -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -ELOOP.
	 */
	int (*stat)(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
		    struct stat *st);
	/**
	 * @brief Make a directory, a device file or a FIFO.
	 * @param cwd start of a relative path.
	 * @param path the new name.
	 * @param mode type (S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFREG) and permission bits.
	 * @param dev device number for S_IFCHR and S_IFBLK.
	 * @param cred who asks.
	 * @return 0, or -EEXIST, -ENOENT, -ENOTDIR, -EACCES, -ENOSPC, -EINVAL.
	 */
	int (*mknod)(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
		     const struct cred *cred);
	/**
	 * @brief Remove a name: a file (@p dir 0) or an empty directory (@p dir 1).
	 * @param cwd start of a relative path.
	 * @param path the name.
	 * @param dir 0 unlink(), 1 rmdir().
	 * @param cred who asks.
	 * @return 0, or -ENOENT, -EISDIR (unlink of a directory), -ENOTDIR,
	 *         -ENOTEMPTY, -EBUSY (a mount point, the root), -EACCES, -EINVAL ("." ).
	 */
	int (*remove)(struct vnode *cwd, const char *path, int dir, const struct cred *cred);
	/**
	 * @brief Make a second name for a file (not a directory).
	 * @param cwd start of relative paths.
	 * @param from the existing name.
	 * @param to the new name.
	 * @param cred who asks.
	 * @return 0, or -EEXIST, -ENOENT, -EPERM (a directory), -EXDEV, -EACCES, -EMLINK.
	 */
	int (*link)(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
	/**
	 * @brief Rename, replacing what @p to names (POSIX rules).
	 * @param cwd start of relative paths.
	 * @param from the existing name.
	 * @param to the new name.
	 * @param cred who asks.
	 * @return 0, or -ENOENT, -EXDEV, -EISDIR, -ENOTDIR, -ENOTEMPTY, -EINVAL
	 *         (a directory into itself), -EACCES, -EBUSY.
	 */
	int (*rename)(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
	/**
	 * @brief Resolve a directory for chdir().
	 * @param cwd start of a relative path.
	 * @param path the path.
	 * @param cred who asks (needs search permission on it).
	 * @param out the directory, referenced.
	 * @return 0, or -ENOENT, -ENOTDIR, -EACCES.
	 */
	int (*lookup_dir)(struct vnode *cwd, const char *path, const struct cred *cred,
			  struct vnode **out);
	/**
	 * @brief Write the absolute path of a directory.
	 * @param dir the directory.
	 * @param buf out: the NUL-terminated path.
	 * @param len size of @p buf.
	 * @return the length with the NUL, or -ERANGE (too small), -ENOENT (removed).
	 */
	long (*getcwd)(struct vnode *dir, char *buf, size_t len);
	/**
	 * @brief Open a file for exec: a regular file the caller may execute.
	 * @param cwd start of a relative path.
	 * @param path the path.
	 * @param cred who asks.
	 * @param out the file, open for reading, one reference.
	 * @return 0, or -ENOENT, -EACCES (no x bit, or not a regular file), -ENOTDIR, -ELOOP.
	 */
	int (*open_exec)(struct vnode *cwd, const char *path, const struct cred *cred,
			 struct file **out);
	/**
	 * @brief Find a file by name (optional: -ENODEV).
	 * @param cwd start of a relative path.
	 * @param path the path.
	 * @param flags 0, or AT_SYMLINK_NOFOLLOW: a final symbolic link is the result.
	 * @param cred who asks (search permission on the directories).
	 * @param out the file, referenced.
	 * @return 0, or -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -ELOOP.
	 */
	int (*lookup)(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
		      struct vnode **out);
	/**
	 * @brief Change a file's attributes (optional: -ENODEV). The inode change
	 *        time becomes now; a size change also sets the modification time.
	 * @param vp the file.
	 * @param attr what to change.
	 * @param cred who asks.
	 * @return 0, or -EPERM (not the owner, or not root for the owner), -EACCES
	 *         (no write permission for "now" times or a truncate), -EROFS,
	 *         -EISDIR, -EINVAL (a size on a non-regular file), -EFBIG.
	 */
	int (*setattr)(struct vnode *vp, const struct io_attr *attr, const struct cred *cred);
	/**
	 * @brief Check access as access() does (optional: -ENODEV).
	 * @param vp the file.
	 * @param mode F_OK, or R_OK | W_OK | X_OK.
	 * @param cred the credentials to check (the core passes the real IDs as the effective).
	 * @return 0, or -EACCES, -EROFS (W_OK on a read-only file system).
	 */
	int (*access)(struct vnode *vp, int mode, const struct cred *cred);
	/**
	 * @brief Read a symbolic link (optional: -ENODEV).
	 * @param vp the link.
	 * @param buf out: the target, no NUL, cut at @p len.
	 * @param len size of @p buf.
	 * @return bytes placed, or -EINVAL (not a symbolic link).
	 */
	long (*readlink)(struct vnode *vp, char *buf, size_t len);
	/**
	 * @brief Make a symbolic link (optional: -ENODEV).
	 * @param cwd start of a relative path.
	 * @param target what it points at (stored as given).
	 * @param path the new name.
	 * @param cred who asks.
	 * @return 0, or -EEXIST, -ENOENT, -ENOTDIR, -EACCES, -EROFS, -ENOSPC.
	 */
	int (*symlink)(struct vnode *cwd, const char *target, const char *path,
		       const struct cred *cred);
	/**
	 * @brief Describe the file system a file is on (optional: -ENODEV).
	 * @param vp the file.
	 * @param st out.
	 * @return 0 or a negative errno.
	 */
	int (*statfs)(struct vnode *vp, struct statfs *st);
	/**
	 * @brief Write what is not written yet (optional: 0).
	 * @param vp one file (fsync), or NULL for every file system (sync).
	 * @return 0 or -EIO.
	 */
	int (*sync)(struct vnode *vp);
	/**
	 * @brief Mount a file system on a directory (optional: -ENODEV).
	 * @param cwd start of a relative path.
	 * @param source what to mount (a name for the mount table).
	 * @param target an existing directory.
	 * @param fstype the type ("ramfs", "tmpfs").
	 * @param flags MS_RDONLY.
	 * @param cred who asks (root only).
	 * @return 0, or -EPERM, -ENODEV (unknown type), -EBUSY (something is
	 *         mounted there), -ENOTDIR, -EINVAL (unknown flags), -ENOMEM, a lookup error.
	 */
	int (*mount)(struct vnode *cwd, const char *source, const char *target, const char *fstype,
		     unsigned long flags, const struct cred *cred);
	/**
	 * @brief Unmount (optional: -ENODEV).
	 * @param cwd start of a relative path.
	 * @param target the mount point.
	 * @param flags 0 or MNT_FORCE (accepted; a busy file system stays busy).
	 * @param cred who asks (root only).
	 * @return 0, or -EPERM, -EINVAL (not a mount point, unknown flags), -EBUSY
	 *         (an open file, a working directory or a mount uses it), a lookup error.
	 */
	int (*umount)(struct vnode *cwd, const char *target, int flags, const struct cred *cred);
	/**
	 * @brief Describe the mounts (optional: -ENODEV).
	 * @param buf out: at most @p room records, in mount order.
	 * @param room records @p buf holds (0: only count).
	 * @return the number of mounts, or -ENOMEM.
	 */
	long (*mounts)(struct mntinfo *buf, size_t room);
	/**
	 * @brief Mount a disk as "/" in place of the initial root (optional: -ENODEV).
	 *
	 * Called once by the core after mount_root when the command line has
	 * `root=` other than `ram`. The devfs of the initial root moves to
	 * the disk's /dev; the initial root goes away if nothing uses it.
	 * On failure the reason is logged and the initial root stays.
	 * @param spec "/dev/vda1", "vda1", "UUID=<uuid>" or "LABEL=<name>".
	 * @return 0, or -ENODEV (no such device, or no file system type takes it),
	 *         a mount error (-EINVAL, -EUCLEAN, -EIO).
	 */
	int (*mount_disk_root)(const char *spec);
	/**
	 * @brief Make every file system safe for the power to go (halt, reboot).
	 *
	 * Writes back and finishes every mounted instance, deepest mount
	 * first (a journaled disk is left with its journal empty and marked
	 * clean, as an unmount leaves it); nothing is unmounted, and files
	 * written after this may not reach the disk. Called once, by the
	 * halt system call, just before the machine stops.
	 * @return 0, or -EIO when some instance could not write everything.
	 */
	int (*shutdown)(void);
	/* Version 4: file mappings. */
	/**
	 * @brief The page cache of a regular file, to map it (mmap).
	 * @param vp the file (an open descriptor's vnode).
	 * @param path the path it was opened by (file::path), or NULL: the
	 *        name /proc/\<pid\>/maps shows for its mappings.
	 * @param[out] out its memory object, with a reference for the caller.
	 * @return 0, -EACCES (not a regular file), -ENODEV (its file system
	 *         keeps no page cache, as /proc), -ENOMEM.
	 */
	int (*file_object)(struct vnode *vp, const char *path, struct vm_object **out);
	/**
	 * @brief Write back the files vm_sync() found mapped (msync's second half).
	 * @param flags MS_SYNC (to the disk, as fsync) or MS_ASYNC.
	 * @return 0, or the first error (-EIO, -ENOSPC).
	 */
	int (*msync)(int flags);
};

/**
 * @brief Make the running module's table the `io` provider.
 * @param ops the table; must stay valid while the provider is loaded.
 * @retval 0 registered.
 * @retval -EINVAL NULL table, wrong version, a mandatory member NULL, or a
 *         member outside the module's text.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int io_register(const struct io_ops *ops);

/** @brief See io_ops::mount_root. @param image archive. @param len its size. @return 0 or -errno
 * (-ENODEV without io). */
int io_mount_root(const void *image, size_t len);
/** @brief See io_ops::mount_disk_root. @param spec the root= word. @return 0 or -errno
 * (-ENODEV without io). */
int io_mount_disk_root(const char *spec);
/** @brief See io_ops::shutdown. @return 0 or -EIO (0 without io). */
int io_shutdown(void);
/** @brief See io_ops::file_object. @param vp the file. @param path its path, or NULL.
 * @param out the object. @return 0 or -errno (-ENODEV without io). */
int io_file_object(struct vnode *vp, const char *path, struct vm_object **out);
/** @brief See io_ops::msync. @param flags MS_SYNC or MS_ASYNC. @return 0 or -errno. */
int io_msync(int flags);
/** @brief See io_ops::root. @return the root, referenced, or NULL. */
struct vnode *io_root(void);
/** @brief See io_ops::vref. @param vp the vnode. */
void io_vref(struct vnode *vp);
/** @brief See io_ops::vrele. @param vp the vnode, or NULL. */
void io_vrele(struct vnode *vp);
/**
 * @brief See io_ops::open.
 * @param cwd start. @param path path. @param flags O_*. @param mode bits.
 * @param cred who. @param out the file.
 * @return 0 or a negative errno (-ENODEV without an io provider).
 */
int io_open(struct vnode *cwd, const char *path, int flags, unsigned mode, const struct cred *cred,
	    struct file **out);
/**
 * @brief See io_ops::stat.
 * @param cwd start. @param path path. @param flags 0 or AT_SYMLINK_NOFOLLOW.
 * @param cred who. @param st out.
 * @return 0 or a negative errno.
 */
int io_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	    struct stat *st);
/**
 * @brief See io_ops::mknod.
 * @param cwd start. @param path name. @param mode type and bits. @param dev device.
 * @param cred who.
 * @return 0 or a negative errno.
 */
int io_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
	     const struct cred *cred);
/**
 * @brief See io_ops::remove.
 * @param cwd start. @param path name. @param dir 1 for rmdir. @param cred who.
 * @return 0 or a negative errno.
 */
int io_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred);
/**
 * @brief See io_ops::link.
 * @param cwd start. @param from old name. @param to new name. @param cred who.
 * @return 0 or a negative errno.
 */
int io_link(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
/**
 * @brief See io_ops::rename.
 * @param cwd start. @param from old name. @param to new name. @param cred who.
 * @return 0 or a negative errno.
 */
int io_rename(struct vnode *cwd, const char *from, const char *to, const struct cred *cred);
/**
 * @brief See io_ops::lookup_dir.
 * @param cwd start. @param path path. @param cred who. @param out the directory.
 * @return 0 or a negative errno.
 */
int io_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred, struct vnode **out);
/**
 * @brief See io_ops::getcwd.
 * @param dir directory. @param buf out. @param len its size.
 * @return length with the NUL, or a negative errno.
 */
long io_getcwd(struct vnode *dir, char *buf, size_t len);
/**
 * @brief See io_ops::open_exec.
 * @param cwd start. @param path path. @param cred who. @param out the file.
 * @return 0 or a negative errno.
 */
int io_open_exec(struct vnode *cwd, const char *path, const struct cred *cred, struct file **out);

/**
 * @brief See io_ops::lookup.
 * @param cwd start. @param path path. @param flags 0 or AT_SYMLINK_NOFOLLOW.
 * @param cred who. @param out the file.
 * @return 0 or a negative errno.
 */
int io_lookup(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	      struct vnode **out);
/**
 * @brief See io_ops::setattr.
 * @param vp file. @param attr the change. @param cred who.
 * @return 0 or a negative errno.
 */
int io_setattr(struct vnode *vp, const struct io_attr *attr, const struct cred *cred);
/**
 * @brief See io_ops::access.
 * @param vp file. @param mode F_OK or R_OK | W_OK | X_OK. @param cred the IDs to check.
 * @return 0 or a negative errno.
 */
int io_access(struct vnode *vp, int mode, const struct cred *cred);
/**
 * @brief See io_ops::readlink.
 * @param vp the link. @param buf out. @param len its size.
 * @return bytes, or a negative errno.
 */
long io_readlink(struct vnode *vp, char *buf, size_t len);
/**
 * @brief See io_ops::symlink.
 * @param cwd start. @param target its contents. @param path the new name. @param cred who.
 * @return 0 or a negative errno.
 */
int io_symlink(struct vnode *cwd, const char *target, const char *path, const struct cred *cred);
/**
 * @brief See io_ops::statfs.
 * @param vp a file. @param st out.
 * @return 0 or a negative errno.
 */
int io_statfs(struct vnode *vp, struct statfs *st);
/**
 * @brief See io_ops::sync.
 * @param vp a file, or NULL for all.
 * @return 0 or a negative errno.
 */
int io_sync(struct vnode *vp);
/**
 * @brief See io_ops::mount.
 * @param cwd start. @param source what. @param target where. @param fstype type.
 * @param flags MS_*. @param cred who.
 * @return 0 or a negative errno.
 */
int io_mount(struct vnode *cwd, const char *source, const char *target, const char *fstype,
	     unsigned long flags, const struct cred *cred);
/**
 * @brief See io_ops::umount.
 * @param cwd start. @param target the mount point. @param flags 0. @param cred who.
 * @return 0 or a negative errno.
 */
int io_umount(struct vnode *cwd, const char *target, int flags, const struct cred *cred);
/**
 * @brief See io_ops::mounts.
 * @param buf out. @param room records it holds.
 * @return the number of mounts, or a negative errno.
 */
long io_mounts(struct mntinfo *buf, size_t room);

#endif /* KERN_IO_H_ */
