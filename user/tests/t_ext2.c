/*
 * In-guest test of root on disk (tests/qemu/ext2_root.t): run as init from
 * an ext2 image (root=/dev/vda), it checks that "/" is that disk (statfs,
 * the mount table), that the devfs moved onto its /dev, and that the files
 * mke2fs put there read back; it writes /persist (fsync, fdatasync, sync)
 * for the host to find on the image afterwards; then it mounts a second
 * ext2 disk (/dev/vdb) on /mnt with mount -t ext2, reads and writes it and
 * unmounts it, and refuses what must be refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define EXT2_MAGIC 0xEF53

static long ext2_get(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static void root_is_disk(void)
{
	static struct mntinfo m[16];
	struct statfs sf;
	char buf[64];
	long n;

	T_EQ(statfs("/", &sf), 0);
	T_EQ(sf.f_type, EXT2_MAGIC);
	T_EQ(sf.f_bsize, 4096);
	T_CHECK(sf.f_bfree > 0 && sf.f_files > 0);
	n = sysctl(SYSCTL_MOUNTS, 16, m);
	T_CHECK(n >= 2);
	T_STREQ(m[0].target, "/");
	T_STREQ(m[0].fstype, "ext2");
	T_STREQ(m[0].source, "/dev/vda");
	T_EQ(ext2_get("/ondisk", buf, sizeof(buf)), 12);
	T_STREQ(buf, "on the disk\n");
	T_EQ(statfs("/dev", &sf), 0);
	T_EQ(sf.f_type, 0x1373); /* the devfs, moved here */
	T_EQ(access("/dev/null", W_OK), 0);
}

static void write_persist(void)
{
	static const char text[] = "written by zero on its ext2 root\n";
	int fd = open("/persist", O_WRONLY | O_CREAT | O_TRUNC, 0640);

	T_CHECK(fd >= 0);
	T_EQ(write(fd, text, sizeof(text) - 1), (long)sizeof(text) - 1);
	T_EQ(fdatasync(fd), 0);
	T_EQ(fsync(fd), 0);
	close(fd);
	T_EQ(mkdir("/newdir", 0750), 0);
	T_EQ(symlink("persist", "/newdir/link"), 0);
	T_EQ(rename("/sbin/diskinit.old", "/newdir/moved"), 0);
	T_EQ(unlink("/removeme"), 0);
	sync();
}

static void second_disk(void)
{
	char buf[64];
	struct statfs sf;
	int fd;

	T_ERRNO(mount("/dev/vdb", "/mnt", "ramfs-nope", 0, NULL), ENODEV);
	T_ERRNO(mount("/dev/nosuch", "/mnt", "ext2", 0, NULL), ENODEV);
	T_EQ(mount("/dev/vdb", "/mnt", "ext2", 0, NULL), 0);
	T_EQ(statfs("/mnt", &sf), 0);
	T_EQ(sf.f_type, EXT2_MAGIC);
	T_EQ(sf.f_bsize, 1024);
	T_EQ(ext2_get("/mnt/hello", buf, sizeof(buf)), 6);
	T_STREQ(buf, "hello\n");
	fd = open("/mnt/fromzero", O_WRONLY | O_CREAT, 0644);
	T_CHECK(fd >= 0);
	T_EQ(write(fd, "second disk\n", 12), 12);
	T_ERRNO(umount("/mnt"), EBUSY);
	close(fd);
	T_EQ(umount("/mnt"), 0);
	T_EQ(mount("/dev/vdb", "/mnt", "auto", MS_RDONLY, NULL), 0);
	T_EQ(ext2_get("/mnt/fromzero", buf, sizeof(buf)), 12);
	T_ERRNO(open("/mnt/ro", O_WRONLY | O_CREAT, 0644), EROFS);
	T_EQ(umount("/mnt"), 0);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(root_is_disk),
		ZTEST(write_persist),
		ZTEST(second_disk),
	};

	return ztest_main("t_ext2", tests, ZTEST_COUNT(tests));
}
