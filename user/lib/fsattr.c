/* File attributes, symbolic links, sizes, syncing and file systems. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

int chmod(const char *path, mode_t mode)
{
	return (int)__ret(__sys_chmod(path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return (int)__ret(__sys_fchmod(fd, mode));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__ret(__sys_chown(path, (int)uid, (int)gid, 0));
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__ret(__sys_chown(path, (int)uid, (int)gid, AT_SYMLINK_NOFOLLOW));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__ret(__sys_fchown(fd, (int)uid, (int)gid));
}

int symlink(const char *target, const char *path)
{
	return (int)__ret(__sys_symlink(target, path));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t len)
{
	return __ret(__sys_readlink(path, buf, len));
}

int access(const char *path, int mode)
{
	return (int)__ret(__sys_access(path, mode));
}

int truncate(const char *path, off_t len)
{
	return (int)__ret(__sys_truncate(path, len));
}

int ftruncate(int fd, off_t len)
{
	return (int)__ret(__sys_ftruncate(fd, len));
}

void sync(void)
{
	__sys_sync();
}

int fsync(int fd)
{
	return (int)__ret(__sys_fsync(fd));
}

int fdatasync(int fd)
{
	return (int)__ret(__sys_fdatasync(fd));
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	if (dirfd != AT_FDCWD) {
		errno = EINVAL;
		return -1;
	}
	return (int)__ret(__sys_utimens(path, times, flags));
}

int utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];

	if (!tv)
		return utimensat(AT_FDCWD, path, NULL, 0);
	for (int i = 0; i < 2; i++) {
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return utimensat(AT_FDCWD, path, ts, 0);
}

int statfs(const char *path, struct statfs *buf)
{
	return (int)__ret(__sys_statfs(path, buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return (int)__ret(__sys_fstatfs(fd, buf));
}

static void fsattr_vfs(struct statvfs *v, const struct statfs *s)
{
	memset(v, 0, sizeof(*v));
	v->f_bsize = s->f_bsize;
	v->f_frsize = s->f_frsize ? s->f_frsize : s->f_bsize;
	v->f_blocks = s->f_blocks;
	v->f_bfree = s->f_bfree;
	v->f_bavail = s->f_bavail;
	v->f_files = s->f_files;
	v->f_ffree = s->f_ffree;
	v->f_favail = s->f_ffree;
	v->f_fsid = s->f_fsid;
	v->f_flag = (s->f_flags & MS_RDONLY) ? ST_RDONLY : 0;
	v->f_namemax = s->f_namelen;
}

int statvfs(const char *restrict path, struct statvfs *restrict buf)
{
	struct statfs s;

	if (statfs(path, &s) != 0)
		return -1;
	fsattr_vfs(buf, &s);
	return 0;
}

int fstatvfs(int fd, struct statvfs *buf)
{
	struct statfs s;

	if (fstatfs(fd, &s) != 0)
		return -1;
	fsattr_vfs(buf, &s);
	return 0;
}

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data)
{
	(void)data;
	return (int)__ret(__sys_mount(source, target, fstype, (long)flags));
}

int umount(const char *target)
{
	return umount2(target, 0);
}

int umount2(const char *target, int flags)
{
	return (int)__ret(__sys_umount(target, flags));
}
