/**
 * @file core/sys_file.h
 * @brief The file system calls: their verify halves (sys_*) and the
 *        implement halves (kern_*) they call.
 * @ingroup core
 *
 * Each call `name` of syscalls.tbl has a handler `long sys_<name>(a0..a5)`
 * that the dispatch table calls: the **verify** half. It copies in and
 * checks every user argument (paths with copyinstr() into a kernel buffer
 * of IO_PATH_MAX bytes, -EFAULT for any bad pointer, -EINVAL, -EBADF...)
 * and calls the **implement** half, `kern_<name>()` (FreeBSD's naming),
 * which trusts its arguments, takes the process explicitly and never
 * touches user memory itself except through a uio whose @c user is 1 (the
 * bytes of read() and write() move straight between the user's buffer and
 * the file, with no bounce buffer). Host tests call both halves.
 *
 * Offsets: a read, write, getdents or lseek of a seekable file holds the
 * file's pos_lock (a mutex) around the operation and the offset update, so
 * threads sharing an open file each see and advance the offset as one
 * step; pipes and terminals (not seekable) take no lock here. With
 * O_APPEND the file's kind writes at its end (atomically, under its own
 * lock) and the offset then moves to the end it reports.
 *
 * The working directory: p->cwd is read (and referenced) and replaced
 * under one mutex of this layer (lock order: it, then a descriptor table's
 * spinlock; io operations run with neither held).
 *
 * Context of every function: a thread of a user process that may sleep.
 */
#ifndef CORE_SYS_FILE_H_
#define CORE_SYS_FILE_H_

#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <kern/assert.h>
#include <kern/file.h>
#include <uapi/stat.h>

struct vnode;

/** Most bytes one read(), write() or getdents() moves (larger counts are cut, as on Linux). */
#define SYS_IO_MAX 0x7ffff000L

/** The parameter list of every system-call handler (unused ones are fine). */
#define SYS_HANDLER_ARGS                                                                           \
	__attribute__((unused)) long a0, __attribute__((unused)) long a1,                          \
	    __attribute__((unused)) long a2, __attribute__((unused)) long a3,                      \
	    __attribute__((unused)) long a4, __attribute__((unused)) long a5

/**
 * @brief A descriptor argument as an int: out-of-range values become -1 (EBADF).
 * @param a the raw argument.
 * @return @p a, or -1.
 */
static inline int sys_fd_arg(long a)
{
	return a >= 0 && a <= 0x7fffffffL ? (int)a : -1;
}

/**
 * @brief The calling process (system calls come only from user threads).
 * @return the process; it has a descriptor table.
 */
static inline struct proc *sys_proc(void)
{
	struct proc *p = proc_self();

	KASSERT(p != NULL && p->fds != NULL);
	return p;
}

/** @name Verify halves: the dispatch table's handlers (see doc/syscalls.md)
 * @{ */
/** @brief open(path, flags, mode). @return the result, or a negative errno. */
long sys_open(SYS_HANDLER_ARGS);
/** @brief read(fd, buf, len). @return the result, or a negative errno. */
long sys_read(SYS_HANDLER_ARGS);
/** @brief write(fd, buf, len). @return the result, or a negative errno. */
long sys_write(SYS_HANDLER_ARGS);
/** @brief close(fd). @return the result, or a negative errno. */
long sys_close(SYS_HANDLER_ARGS);
/** @brief dup(fd). @return the result, or a negative errno. */
long sys_dup(SYS_HANDLER_ARGS);
/** @brief dup2(fd, fd2). @return the result, or a negative errno. */
long sys_dup2(SYS_HANDLER_ARGS);
/** @brief pipe(int fds[2], flags). @return the result, or a negative errno. */
long sys_pipe(SYS_HANDLER_ARGS);
/** @brief chdir(path). @return the result, or a negative errno. */
long sys_chdir(SYS_HANDLER_ARGS);
/** @brief mkdir(path, mode). @return the result, or a negative errno. */
long sys_mkdir(SYS_HANDLER_ARGS);
/** @brief mknod(path, mode, dev). @return the result, or a negative errno. */
long sys_mknod(SYS_HANDLER_ARGS);
/** @brief fstat(fd, struct stat \*). @return the result, or a negative errno. */
long sys_fstat(SYS_HANDLER_ARGS);
/** @brief stat(path, struct stat \*, flags). @return the result, or a negative errno. */
long sys_stat(SYS_HANDLER_ARGS);
/** @brief link(old, new). @return the result, or a negative errno. */
long sys_link(SYS_HANDLER_ARGS);
/** @brief unlink(path). @return the result, or a negative errno. */
long sys_unlink(SYS_HANDLER_ARGS);
/** @brief rmdir(path). @return the result, or a negative errno. */
long sys_rmdir(SYS_HANDLER_ARGS);
/** @brief rename(old, new). @return the result, or a negative errno. */
long sys_rename(SYS_HANDLER_ARGS);
/** @brief lseek(fd, off, whence). @return the result, or a negative errno. */
long sys_lseek(SYS_HANDLER_ARGS);
/** @brief getdents(fd, buf, len). @return the result, or a negative errno. */
long sys_getdents(SYS_HANDLER_ARGS);
/** @brief getcwd(buf, len). @return the result, or a negative errno. */
long sys_getcwd(SYS_HANDLER_ARGS);
/** @brief fcntl(fd, cmd, arg). @return the result, or a negative errno. */
long sys_fcntl(SYS_HANDLER_ARGS);
/** @brief ioctl(fd, req, arg). @return the result, or a negative errno. */
long sys_ioctl(SYS_HANDLER_ARGS);
/** @brief umask(mask). @return the result, or a negative errno. */
long sys_umask(SYS_HANDLER_ARGS);
/** @} */

/**
 * @brief Open a path and install it at the lowest free descriptor.
 * @param p the process. @param path kernel string, not empty.
 * @param flags O_* (O_CLOEXEC sets FD_CLOEXEC). @param mode bits for a new file (umask applies).
 * @return the descriptor, or -EINVAL (access mode 3), -EMFILE, an io error.
 */
long kern_open(struct proc *p, const char *path, int flags, unsigned mode);
/**
 * @brief Read from a descriptor at its offset (advanced for seekable files).
 * @param p the process. @param fd descriptor. @param uio destination.
 * @return bytes read, or -EBADF, a file's error.
 */
long kern_read(struct proc *p, int fd, struct uio *uio);
/**
 * @brief Write to a descriptor at its offset (O_APPEND: at the end).
 * @param p the process. @param fd descriptor. @param uio source.
 * @return bytes written, or -EBADF, -EPIPE, a file's error.
 */
long kern_write(struct proc *p, int fd, struct uio *uio);
/**
 * @brief Move a descriptor's offset.
 * @param p the process. @param fd descriptor. @param off amount. @param whence SEEK_*.
 * @return the new offset, or -EBADF, -ESPIPE, -EINVAL (bad whence, negative result, overflow).
 */
long kern_lseek(struct proc *p, int fd, int64_t off, int whence);
/**
 * @brief Read directory records at the descriptor's offset.
 * @param p the process. @param fd a directory. @param uio destination.
 * @return bytes, 0 at the end, or -EBADF, -ENOTDIR, -EINVAL.
 */
long kern_getdents(struct proc *p, int fd, struct uio *uio);
/**
 * @brief Close a descriptor. @param p the process. @param fd descriptor.
 * @return 0 or -EBADF.
 */
long kern_close(struct proc *p, int fd);
/**
 * @brief Duplicate to the lowest free descriptor. @param p the process. @param fd descriptor.
 * @return the new descriptor, or -EBADF, -EMFILE.
 */
long kern_dup(struct proc *p, int fd);
/**
 * @brief Make @p fd2 refer to @p fd's file (closing what it held).
 * @param p the process. @param fd descriptor. @param fd2 target.
 * @return @p fd2, or -EBADF.
 */
long kern_dup2(struct proc *p, int fd, int fd2);
/**
 * @brief fcntl(): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL.
 * @param p the process. @param fd descriptor. @param cmd F_*. @param arg its argument.
 * @return cmd-specific, or -EBADF, -EINVAL (unknown cmd, F_DUPFD arg out of range), -EMFILE.
 */
long kern_fcntl(struct proc *p, int fd, int cmd, long arg);
/**
 * @brief Device control. @param p the process. @param fd descriptor.
 * @param req request. @param arg its argument (often a user address).
 * @return req-specific, or -EBADF, -ENOTTY.
 */
long kern_ioctl(struct proc *p, int fd, unsigned long req, uint64_t arg);
/**
 * @brief Describe an open file. @param p the process. @param fd descriptor. @param st out.
 * @return 0 or -EBADF, a file's error.
 */
long kern_fstat(struct proc *p, int fd, struct stat *st);
/**
 * @brief Set the file mode creation mask. @param p the process. @param mask new mask (& 0777).
 * @return the old mask.
 */
long kern_umask(struct proc *p, unsigned mask);
/**
 * @brief Make a pipe and install both ends (read end first).
 * @param p the process. @param flags O_CLOEXEC, O_NONBLOCK.
 * @param fds out: the two descriptors. @param ends out: their files (to undo the install).
 * @return 0, or -EMFILE, -ENOMEM, -ENOSYS (no ipc provider).
 */
long kern_pipe(struct proc *p, int flags, int fds[2], struct file *ends[2]);
/**
 * @brief Change the working directory. @param p the process. @param path a directory.
 * @return 0 or an io error (-ENOENT, -ENOTDIR, -EACCES).
 */
long kern_chdir(struct proc *p, const char *path);
/**
 * @brief Make a directory. @param p the process. @param path the name. @param mode bits (umask
 * applies).
 * @return 0 or an io error.
 */
long kern_mkdir(struct proc *p, const char *path, unsigned mode);
/**
 * @brief Make a file, FIFO or device node.
 * @param p the process. @param path the name.
 * @param mode S_IFREG (or type 0), S_IFIFO, S_IFCHR, S_IFBLK and bits (umask applies).
 * @param dev device number.
 * @return 0, or -EINVAL (another type), -EPERM (a device, not root), an io error.
 */
long kern_mknod(struct proc *p, const char *path, unsigned mode, uint64_t dev);
/**
 * @brief Describe a file by name.
 * @param p the process. @param path the name. @param flags 0 or AT_SYMLINK_NOFOLLOW. @param st out.
 * @return 0, or -EINVAL (other flags), an io error.
 */
long kern_stat(struct proc *p, const char *path, int flags, struct stat *st);
/**
 * @brief Second name for a file. @param p the process. @param from old. @param to new.
 * @return 0 or an io error.
 */
long kern_link(struct proc *p, const char *from, const char *to);
/**
 * @brief Rename. @param p the process. @param from old. @param to new.
 * @return 0 or an io error.
 */
long kern_rename(struct proc *p, const char *from, const char *to);
/**
 * @brief Remove a name (@p dir 0) or an empty directory (@p dir 1).
 * @param p the process. @param path the name. @param dir 0 unlink, 1 rmdir.
 * @return 0 or an io error.
 */
long kern_remove(struct proc *p, const char *path, int dir);
/**
 * @brief Write the working directory's path.
 * @param p the process. @param buf out. @param len its size (> 0).
 * @return the length with the NUL, or -ERANGE, -ENOENT.
 */
long kern_getcwd(struct proc *p, char *buf, size_t len);
/**
 * @brief Return the working directory, referenced (for path calls, fork, exec).
 * @param p the process.
 * @return the directory (drop it with io_vrele()), or NULL if it has none.
 */
struct vnode *kern_cwd_hold(struct proc *p);

#endif /* CORE_SYS_FILE_H_ */
