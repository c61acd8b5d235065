/* The file and descriptor calls under their POSIX names (doc/syscalls.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int)__ret(__sys_open(path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

ssize_t read(int fd, void *buf, size_t n)
{
	return __ret(__sys_read(fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __ret(__sys_write(fd, buf, n));
}

int close(int fd)
{
	return (int)__ret(__sys_close(fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	return __ret(__sys_lseek(fd, off, whence));
}

int dup(int fd)
{
	return (int)__ret(__sys_dup(fd));
}

int dup2(int fd, int fd2)
{
	return (int)__ret(__sys_dup2(fd, fd2));
}

int pipe2(int fds[2], int flags)
{
	return (int)__ret(__sys_pipe(fds, flags));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__ret(__sys_fcntl(fd, cmd, arg));
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	return (int)__ret(__sys_ioctl(fd, req, arg));
}

int isatty(int fd)
{
	char t[256];

	return ioctl(fd, TCGETS, t) == 0;
}

int chdir(const char *path)
{
	return (int)__ret(__sys_chdir(path));
}

char *getcwd(char *buf, size_t len)
{
	long r = __sys_getcwd(buf, len);

	return r < 0 ? (__ret(r), (char *)NULL) : buf;
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__ret(__sys_mkdir(path, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return (int)__ret(__sys_mknod(path, mode, dev));
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & 07777) | S_IFIFO, 0);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return (int)__ret(__sys_stat(path, st, 0));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return (int)__ret(__sys_stat(path, st, AT_SYMLINK_NOFOLLOW));
}

int fstat(int fd, struct stat *st)
{
	return (int)__ret(__sys_fstat(fd, st));
}

int link(const char *old, const char *new)
{
	return (int)__ret(__sys_link(old, new));
}

int unlink(const char *path)
{
	return (int)__ret(__sys_unlink(path));
}

int rmdir(const char *path)
{
	return (int)__ret(__sys_rmdir(path));
}

int rename(const char *old, const char *new)
{
	return (int)__ret(__sys_rename(old, new));
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	return errno == EISDIR ? rmdir(path) : -1;
}

mode_t umask(mode_t mask)
{
	return (mode_t)__sys_umask(mask);
}

int getdents(int fd, void *buf, size_t len)
{
	return (int)__ret(__sys_getdents(fd, buf, len));
}
