/*
 * In-guest tests of the file-attribute, link and file-system calls through
 * libc: chmod, fchmod, chown, lchown, fchown, utimensat, access, symlink,
 * readlink and symbolic links in paths, truncate, ftruncate, sync, fsync,
 * statfs, fstatfs, mount, umount and sysctl(SYSCTL_MOUNTS); directory link
 * counts and st_blocks; and bad pointers (EFAULT) for every pointer
 * argument. It runs as root (init=), in a directory of its own in /tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define BAD   ((void *)0xffff800000000000ul)
#define DIR_T "/tmp/t_fs"

static int fs_put(const char *path, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long w;

	if (fd < 0)
		return -1;
	w = write(fd, data, n);
	close(fd);
	return w == (long)n ? 0 : -1;
}

static int ts_after(struct timespec a, struct timespec b)
{
	return b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec);
}

static void chmod_calls(void)
{
	struct stat a, b;
	int fd, p[2];

	T_EQ(fs_put(DIR_T "/m", "x", 1), 0);
	T_EQ(stat(DIR_T "/m", &a), 0);
	T_EQ(chmod(DIR_T "/m", 04711), 0);
	T_EQ(stat(DIR_T "/m", &b), 0);
	T_EQ(b.st_mode, S_IFREG | 04711);
	T_CHECK(ts_after(a.st_ctim, b.st_ctim));
	fd = open(DIR_T "/m", O_RDONLY);
	T_EQ(fchmod(fd, 0640), 0); /* a read-only descriptor is enough */
	T_EQ(fstat(fd, &b), 0);
	T_EQ(b.st_mode, S_IFREG | 0640);
	close(fd);
	T_ERRNO(chmod(DIR_T "/none", 0600), ENOENT);
	T_ERRNO(chmod(BAD, 0600), EFAULT);
	T_ERRNO(fchmod(99, 0600), EBADF);
	T_EQ(pipe(p), 0);
	T_ERRNO(fchmod(p[0], 0600), EINVAL); /* no file in the name space */
	close(p[0]);
	close(p[1]);
}

static void chown_calls(void)
{
	struct stat st;
	int fd;

	T_EQ(fs_put(DIR_T "/o", "x", 1), 0);
	T_EQ(symlink("o", DIR_T "/ol"), 0);
	T_EQ(chown(DIR_T "/ol", 12, 34), 0); /* follows the link */
	T_EQ(stat(DIR_T "/o", &st), 0);
	T_CHECK(st.st_uid == 12 && st.st_gid == 34);
	T_EQ(chown(DIR_T "/o", (uid_t)-1, 56), 0); /* -1: unchanged */
	T_EQ(stat(DIR_T "/o", &st), 0);
	T_CHECK(st.st_uid == 12 && st.st_gid == 56);
	T_EQ(lchown(DIR_T "/ol", 77, 78), 0);
	T_EQ(lstat(DIR_T "/ol", &st), 0);
	T_CHECK(st.st_uid == 77 && st.st_gid == 78);
	T_EQ(stat(DIR_T "/o", &st), 0);
	T_EQ(st.st_uid, 12);
	fd = open(DIR_T "/o", O_RDONLY);
	T_EQ(fchown(fd, 0, 0), 0);
	T_EQ(fstat(fd, &st), 0);
	T_CHECK(st.st_uid == 0 && st.st_gid == 0);
	close(fd);
	T_ERRNO(fchown(-1, 0, 0), EBADF);
	T_ERRNO(chown(BAD, 0, 0), EFAULT);
	T_EQ(__sys_chown(DIR_T "/o", 0, 0, 0x4000), -EINVAL); /* unknown flags */
}

static void utimens_calls(void)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 6 } };
	struct stat st;

	T_EQ(fs_put(DIR_T "/u", "x", 1), 0);
	T_EQ(utimensat(AT_FDCWD, DIR_T "/u", ts, 0), 0);
	T_EQ(stat(DIR_T "/u", &st), 0);
	T_CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 5);
	T_CHECK(st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 6);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	T_EQ(utimensat(AT_FDCWD, DIR_T "/u", ts, 0), 0);
	T_EQ(stat(DIR_T "/u", &st), 0);
	T_CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 5);
	T_CHECK(st.st_mtim.tv_sec != 2000 || st.st_mtim.tv_nsec != 6);
	T_EQ(utimensat(AT_FDCWD, DIR_T "/u", NULL, 0), 0);
	T_EQ(stat(DIR_T "/u", &st), 0);
	T_CHECK(st.st_atim.tv_sec != 1000 || st.st_atim.tv_nsec != 5);
	ts[0].tv_nsec = 1000000000;
	T_ERRNO(utimensat(AT_FDCWD, DIR_T "/u", ts, 0), EINVAL);
	T_ERRNO(utimensat(AT_FDCWD, DIR_T "/u", BAD, 0), EFAULT);
	T_ERRNO(utimensat(AT_FDCWD, BAD, NULL, 0), EFAULT);
	T_ERRNO(utimensat(AT_FDCWD, DIR_T "/none", NULL, 0), ENOENT);
}

static void access_calls(void)
{
	T_EQ(fs_put(DIR_T "/a", "x", 1), 0);
	T_EQ(chmod(DIR_T "/a", 0), 0);
	T_EQ(access(DIR_T "/a", F_OK), 0);
	T_EQ(access(DIR_T "/a", R_OK | W_OK), 0);  /* root reads and writes anything */
	T_ERRNO(access(DIR_T "/a", X_OK), EACCES); /* but executes only with an x bit */
	T_EQ(chmod(DIR_T "/a", 0010), 0);
	T_EQ(access(DIR_T "/a", X_OK), 0);
	T_EQ(access(DIR_T, X_OK), 0);
	T_ERRNO(access(DIR_T "/none", F_OK), ENOENT);
	T_ERRNO(access(DIR_T "/a", 8), EINVAL);
	T_ERRNO(access(BAD, F_OK), EFAULT);
}

/* Does directory @p dir list @p name with type @p type? */
static int fs_listed(const char *dir, const char *name, unsigned type)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, name) == 0)
			found = de->d_type == type;
	closedir(d);
	return found;
}

static void symlink_calls(void)
{
	char buf[16];
	struct stat st;
	int fd;

	T_EQ(mkdir(DIR_T "/s", 0755), 0);
	T_EQ(fs_put(DIR_T "/s/target", "hello", 5), 0);
	T_EQ(symlink("target", DIR_T "/s/rel"), 0);
	T_EQ(symlink(DIR_T "/s", DIR_T "/abs"), 0);
	memset(buf, '#', sizeof(buf));
	T_EQ(readlink(DIR_T "/s/rel", buf, sizeof(buf)), 6);
	T_CHECK(memcmp(buf, "target#", 7) == 0); /* no NUL */
	T_EQ(readlink(DIR_T "/s/rel", buf, 3), 3);
	T_ERRNO(readlink(DIR_T "/s/target", buf, sizeof(buf)), EINVAL);
	T_ERRNO(readlink(DIR_T "/s/rel", buf, 0), EINVAL);
	T_ERRNO(readlink(DIR_T "/s/rel", BAD, sizeof(buf)), EFAULT);
	T_ERRNO(readlink(BAD, buf, sizeof(buf)), EFAULT);
	T_EQ(lstat(DIR_T "/s/rel", &st), 0);
	T_CHECK(S_ISLNK(st.st_mode) && st.st_size == 6);
	T_EQ(stat(DIR_T "/abs/rel", &st), 0); /* through two links */
	T_CHECK(S_ISREG(st.st_mode) && st.st_size == 5);
	T_ERRNO(open(DIR_T "/s/rel", O_RDONLY | O_NOFOLLOW), ELOOP);
	T_EQ(symlink("made", DIR_T "/s/dangling"), 0);
	fd = open(DIR_T "/s/dangling", O_WRONLY | O_CREAT, 0600);
	T_CHECK(fd >= 0);
	close(fd);
	T_EQ(stat(DIR_T "/s/made", &st), 0);
	T_EQ(symlink("loop2", DIR_T "/s/loop1"), 0);
	T_EQ(symlink("loop1", DIR_T "/s/loop2"), 0);
	T_ERRNO(stat(DIR_T "/s/loop1", &st), ELOOP);
	T_CHECK(fs_listed(DIR_T "/s", "rel", DT_LNK));
	T_CHECK(fs_listed(DIR_T "/s", "target", DT_REG));
	T_EQ(unlink(DIR_T "/s/rel"), 0);
	T_EQ(stat(DIR_T "/s/target", &st), 0);
	T_ERRNO(symlink("x", DIR_T "/s/target"), EEXIST);
	T_ERRNO(symlink(BAD, DIR_T "/s/x"), EFAULT);
	T_ERRNO(symlink("x", BAD), EFAULT);
	T_ERRNO(symlink("", DIR_T "/s/x"), ENOENT);
}

static void truncate_calls(void)
{
	static char data[10000], buf[8192];
	struct stat st;
	int fd, zeros = 1;

	memset(data, 'd', sizeof(data));
	T_EQ(fs_put(DIR_T "/t", data, sizeof(data)), 0);
	T_EQ(stat(DIR_T "/t", &st), 0);
	T_EQ(st.st_blocks, 24); /* three pages in 512-byte units */
	T_EQ(truncate(DIR_T "/t", 100), 0);
	T_EQ(stat(DIR_T "/t", &st), 0);
	T_CHECK(st.st_size == 100 && st.st_blocks == 8);
	fd = open(DIR_T "/t", O_RDWR);
	T_EQ(ftruncate(fd, 8192), 0);
	T_EQ(lseek(fd, 0, SEEK_SET), 0);
	T_EQ(read(fd, buf, sizeof(buf)), 8192);
	for (int i = 100; i < 8192; i++)
		zeros &= buf[i] == 0;
	T_CHECK(zeros && buf[99] == 'd');
	T_ERRNO(ftruncate(fd, -1), EINVAL);
	close(fd);
	fd = open(DIR_T "/t", O_RDONLY);
	T_ERRNO(ftruncate(fd, 0), EINVAL); /* not open for writing */
	close(fd);
	T_ERRNO(ftruncate(99, 0), EBADF);
	T_ERRNO(truncate(DIR_T, 0), EISDIR);
	T_ERRNO(truncate(DIR_T "/t", -5), EINVAL);
	T_ERRNO(truncate(DIR_T "/none", 0), ENOENT);
	T_ERRNO(truncate(BAD, 0), EFAULT);
}

static void sync_calls(void)
{
	int fd = open(DIR_T "/t", O_RDONLY), p[2];

	sync();
	T_EQ(fsync(fd), 0);
	T_EQ(fdatasync(fd), 0);
	close(fd);
	T_ERRNO(fsync(fd), EBADF);
	T_ERRNO(fsync(-1), EBADF);
	T_EQ(pipe(p), 0);
	T_ERRNO(fsync(p[1]), EINVAL);
	close(p[0]);
	close(p[1]);
}

static void statfs_calls(void)
{
	struct statfs s;
	int fd;

	T_EQ(statfs("/", &s), 0);
	T_EQ(s.f_type, 0x858458f6);
	T_EQ(s.f_bsize, 4096);
	T_CHECK(s.f_bfree > 0 && s.f_blocks >= s.f_bfree && s.f_namelen == 255);
	T_EQ(statfs("/dev/null", &s), 0);
	T_EQ(s.f_type, 0x1373);
	fd = open("/", O_RDONLY);
	T_EQ(fstatfs(fd, &s), 0);
	T_EQ(s.f_type, 0x858458f6);
	T_ERRNO(fstatfs(fd, BAD), EFAULT);
	close(fd);
	T_ERRNO(fstatfs(fd, &s), EBADF);
	T_ERRNO(statfs("/", BAD), EFAULT);
	T_ERRNO(statfs(BAD, &s), EFAULT);
	T_ERRNO(statfs("/none", &s), ENOENT);
}

static void mount_calls(void)
{
	struct stat a, b;
	struct statfs s;
	int fd;

	T_EQ(mkdir(DIR_T "/mnt", 0755), 0);
	T_EQ(fs_put(DIR_T "/mnt/under", "u", 1), 0);
	T_EQ(mount("none", DIR_T "/mnt", "tmpfs", 0, NULL), 0);
	T_ERRNO(stat(DIR_T "/mnt/under", &a), ENOENT);
	T_EQ(statfs(DIR_T "/mnt", &s), 0);
	T_EQ(s.f_type, 0x01021994);
	T_EQ(stat(DIR_T "/mnt/..", &a), 0); /* ".." crosses back */
	T_EQ(stat(DIR_T, &b), 0);
	T_EQ(a.st_ino, b.st_ino);
	T_ERRNO(mount("none", DIR_T "/mnt", "ramfs", 0, NULL), EBUSY);
	T_ERRNO(mount("none", DIR_T "/t", "ramfs", 0, NULL), ENOTDIR);
	T_ERRNO(mount("none", DIR_T, "nofs", 0, NULL), ENODEV);
	fd = open(DIR_T "/mnt/f", O_WRONLY | O_CREAT, 0644);
	T_CHECK(fd >= 0);
	T_ERRNO(umount(DIR_T "/mnt"), EBUSY); /* an open file */
	close(fd);
	T_EQ(chdir(DIR_T "/mnt"), 0);
	T_ERRNO(umount(DIR_T "/mnt"), EBUSY); /* our working directory */
	T_EQ(chdir("/"), 0);
	T_ERRNO(umount(DIR_T), EINVAL);
	T_EQ(umount(DIR_T "/mnt"), 0);
	T_EQ(stat(DIR_T "/mnt/under", &a), 0);
	T_EQ(mount(NULL, DIR_T "/mnt", "ramfs", MS_RDONLY, NULL), 0);
	T_ERRNO(open(DIR_T "/mnt/f", O_WRONLY | O_CREAT, 0644), EROFS);
	T_ERRNO(mkdir(DIR_T "/mnt/d", 0755), EROFS);
	T_EQ(umount2(DIR_T "/mnt", 0), 0);
	T_ERRNO(mount(BAD, DIR_T "/mnt", "ramfs", 0, NULL), EFAULT);
	T_ERRNO(mount("none", BAD, "ramfs", 0, NULL), EFAULT);
	T_ERRNO(mount("none", DIR_T "/mnt", BAD, 0, NULL), EFAULT);
	T_ERRNO(umount(BAD), EFAULT);
}

/* The index of the mount at @p target in @p m[0..n), or -1. */
static int fs_mount_at(const struct mntinfo *m, long n, const char *target)
{
	for (long i = 0; i < n; i++)
		if (strcmp(m[i].target, target) == 0)
			return (int)i;
	return -1;
}

static void mount_table(void)
{
	static struct mntinfo m[16];
	long n = sysctl(SYSCTL_MOUNTS, 0, NULL), n2;
	int i;

	T_CHECK(n >= 2 && n <= 16);
	T_EQ(sysctl(SYSCTL_MOUNTS, 16, m), n);
	i = fs_mount_at(m, n, "/");
	T_CHECK(i >= 0 && strcmp(m[i].fstype, "ramfs") == 0 &&
		strcmp(m[i].source, "initramfs") == 0);
	i = fs_mount_at(m, n, "/dev");
	T_CHECK(i >= 0 && strcmp(m[i].fstype, "devfs") == 0);
	T_EQ(mount("scratch", DIR_T "/mnt", "tmpfs", MS_RDONLY, NULL), 0);
	n2 = sysctl(SYSCTL_MOUNTS, 16, m);
	T_EQ(n2, n + 1);
	i = fs_mount_at(m, n2, DIR_T "/mnt");
	T_CHECK(i >= 0 && strcmp(m[i].source, "scratch") == 0 && m[i].flags == MS_RDONLY);
	memset(m, 0, sizeof(m));
	T_EQ(sysctl(SYSCTL_MOUNTS, 1, m), n2); /* the count, one record */
	T_CHECK(m[0].target[0] == '/' && m[1].target[0] == '\0');
	T_EQ(umount(DIR_T "/mnt"), 0);
	T_ERRNO(sysctl(SYSCTL_MOUNTS, 16, BAD), EFAULT);
	T_ERRNO(sysctl(SYSCTL_MOUNTS, -1, m), EINVAL);
}

static void dir_links(void)
{
	struct stat st;

	T_EQ(mkdir(DIR_T "/n", 0755), 0);
	T_EQ(mkdir(DIR_T "/n/a", 0755), 0);
	T_EQ(mkdir(DIR_T "/n/b", 0755), 0);
	T_EQ(fs_put(DIR_T "/n/f", "f", 1), 0);
	T_EQ(stat(DIR_T "/n", &st), 0);
	T_EQ(st.st_nlink, 4); /* 2 + its subdirectories */
	T_EQ(rmdir(DIR_T "/n/a"), 0);
	T_EQ(stat(DIR_T "/n", &st), 0);
	T_EQ(st.st_nlink, 3);
	T_EQ(stat(DIR_T "/n/f", &st), 0);
	T_CHECK(st.st_nlink == 1 && st.st_blocks == 8);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(chmod_calls),  ZTEST(chown_calls),   ZTEST(utimens_calls),
		ZTEST(access_calls), ZTEST(symlink_calls), ZTEST(truncate_calls),
		ZTEST(sync_calls),   ZTEST(statfs_calls),  ZTEST(mount_calls),
		ZTEST(mount_table),  ZTEST(dir_links),
	};

	mkdir(DIR_T, 0755);
	return ztest_main("t_fs", tests, ZTEST_COUNT(tests));
}
