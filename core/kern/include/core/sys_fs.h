/**
 * @file core/sys_fs.h
 * @brief The file-attribute, link and file-system calls (chmod ... umount,
 *        sysctl(SYSCTL_MOUNTS)): their implement halves and helpers.
 * @ingroup core
 *
 * The verify halves (sys_chmod() ... sys_umount(), named by syscalls.tbl)
 * live in sys_attr.c and sys_fs.c: they copy each path in with
 * sys_path_copy(), check every user pointer (-EFAULT) and number (-EINVAL),
 * and call the kern_*() halves below, which take the process explicitly,
 * trust their arguments and reach the VFS through the io role. A call on a
 * descriptor acts on the name-space file it was opened from
 * (struct file::vnode); a descriptor without one (a pipe) is -EINVAL.
 *
 * Context of every function: a thread of a user process that may sleep.
 */
#ifndef CORE_SYS_FS_H_
#define CORE_SYS_FS_H_

#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <core/sys_file.h>
#include <kern/io.h>

/** @name Verify halves: the dispatch table's handlers (see doc/syscalls.md)
 * @{ */
/** @brief chmod(path, mode). @return the result, or a negative errno. */
long sys_chmod(SYS_HANDLER_ARGS);
/** @brief fchmod(fd, mode). @return the result, or a negative errno. */
long sys_fchmod(SYS_HANDLER_ARGS);
/** @brief chown(path, uid, gid, flags). @return the result, or a negative errno. */
long sys_chown(SYS_HANDLER_ARGS);
/** @brief fchown(fd, uid, gid). @return the result, or a negative errno. */
long sys_fchown(SYS_HANDLER_ARGS);
/** @brief symlink(target, path). @return the result, or a negative errno. */
long sys_symlink(SYS_HANDLER_ARGS);
/** @brief readlink(path, buf, len). @return the result, or a negative errno. */
long sys_readlink(SYS_HANDLER_ARGS);
/** @brief utimens(path, struct timespec[2] or NULL, flags). @return the result, or a negative
 * errno. */
long sys_utimens(SYS_HANDLER_ARGS);
/** @brief access(path, mode). @return the result, or a negative errno. */
long sys_access(SYS_HANDLER_ARGS);
/** @brief truncate(path, len). @return the result, or a negative errno. */
long sys_truncate(SYS_HANDLER_ARGS);
/** @brief ftruncate(fd, len). @return the result, or a negative errno. */
long sys_ftruncate(SYS_HANDLER_ARGS);
/** @brief sync(). @return the result, or a negative errno. */
long sys_sync(SYS_HANDLER_ARGS);
/** @brief fsync(fd). @return the result, or a negative errno. */
long sys_fsync(SYS_HANDLER_ARGS);
/** @brief statfs(path, struct statfs \*). @return the result, or a negative errno. */
long sys_statfs(SYS_HANDLER_ARGS);
/** @brief fstatfs(fd, struct statfs \*). @return the result, or a negative errno. */
long sys_fstatfs(SYS_HANDLER_ARGS);
/** @brief mount(source, target, fstype, flags). @return the result, or a negative errno. */
long sys_mount(SYS_HANDLER_ARGS);
/** @brief umount(target, flags). @return the result, or a negative errno. */
long sys_umount(SYS_HANDLER_ARGS);
/** @} */

/**
 * @brief Copy a user path into a new kernel buffer of IO_PATH_MAX bytes.
 * @param uaddr the user address.
 * @param out the buffer (free it with mem_free()), NULL on failure.
 * @return 0, or -EFAULT, -ENAMETOOLONG, -ENOENT (empty), -ENOMEM.
 */
long sys_path_copy(long uaddr, char **out);

struct proc;

/**
 * @brief Copy two path arguments in and call @p fn with them (link, rename,
 *        symlink).
 * @param a0 the first path's user address. @param a1 the second's.
 * @param fn the implementation half.
 * @return what @p fn returns, or the copy's -EFAULT, -ENAMETOOLONG, -ENOENT, -ENOMEM.
 */
long sys_two_paths(long a0, long a1, long (*fn)(struct proc *, const char *, const char *));

/**
 * @brief Change the attributes of a file named by path.
 * @param p the process. @param path kernel string.
 * @param flags 0 or AT_SYMLINK_NOFOLLOW. @param a the change.
 * @return 0, or a lookup error, an io_setattr() error.
 */
long kern_setattr_path(struct proc *p, const char *path, int flags, const struct io_attr *a);
/**
 * @brief Change the attributes of the file a descriptor is open on.
 * @param p the process. @param fd the descriptor. @param a the change (IO_ATTR_SIZE needs the
 *        descriptor open for writing).
 * @return 0, or -EBADF, -EINVAL (no name-space file; a size through a descriptor not open for
 *         writing), an io_setattr() error.
 */
long kern_setattr_fd(struct proc *p, int fd, const struct io_attr *a);
/**
 * @brief access(): check @p mode with the process's real user and group IDs.
 * @param p the process. @param path kernel string. @param mode F_OK or R_OK | W_OK | X_OK.
 * @return 0, or -EINVAL (other bits), -EACCES, -EROFS, a lookup error.
 */
long kern_access(struct proc *p, const char *path, int mode);
/**
 * @brief Make a symbolic link. @param p the process. @param target its contents.
 * @param path the new name.
 * @return 0 or an io error.
 */
long kern_symlink(struct proc *p, const char *target, const char *path);
/**
 * @brief Read a symbolic link. @param p the process. @param path the link.
 * @param buf out. @param len its size (> 0).
 * @return bytes (no NUL), or -EINVAL (not a link), a lookup error.
 */
long kern_readlink(struct proc *p, const char *path, char *buf, size_t len);
/**
 * @brief Describe the file system of a path. @param p the process. @param path the file.
 * @param st out.
 * @return 0 or an io error.
 */
long kern_statfs(struct proc *p, const char *path, struct statfs *st);
/**
 * @brief Describe the file system of a descriptor's file. @param p the process.
 * @param fd the descriptor. @param st out.
 * @return 0, or -EBADF, -EINVAL (no name-space file).
 */
long kern_fstatfs(struct proc *p, int fd, struct statfs *st);
/**
 * @brief fsync(). @param p the process. @param fd the descriptor.
 * @return 0, or -EBADF, -EINVAL (no name-space file), -EIO.
 */
long kern_fsync(struct proc *p, int fd);
/**
 * @brief Mount. @param p the process. @param source what. @param target where.
 * @param fstype the type. @param flags MS_RDONLY.
 * @return 0 or an io error.
 */
long kern_mount(struct proc *p, const char *source, const char *target, const char *fstype,
		unsigned long flags);
/**
 * @brief Unmount. @param p the process. @param target the mount point. @param flags 0.
 * @return 0 or an io error.
 */
long kern_umount(struct proc *p, const char *target, int flags);
/**
 * @brief sysctl(SYSCTL_MOUNTS, room, struct mntinfo[]): the mount table.
 * @param room records the user's array holds (0: only count).
 * @param uarg the array's user address.
 * @return the number of mounts (at most @p room records were written), or -EINVAL (negative
 *         room), -EFAULT, -ENOMEM.
 */
long sys_sysctl_mounts(long room, uint64_t uarg);

#endif /* CORE_SYS_FS_H_ */
