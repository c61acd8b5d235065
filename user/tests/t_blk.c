/*
 * In-guest tests of the block device files on the disk tests/qemu/blk_node.t
 * attaches: 4096 sectors whose byte at offset o is o % 251, except bytes
 * 446-511 (an MBR with partition 1 at sectors 2048-4095). /dev/vda and
 * /dev/vda1: the nodes (S_IFBLK, 0600, root, major 259), reads and writes
 * at any offset and length, the end of the device, lseek, ioctl, fsync.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

#define BLK_SIZE (4096L * 512)
#define BLK_PART (2048L * 512)

static unsigned char blk_buf[70000];

static int blk_pattern_ok(const unsigned char *b, long off, long n)
{
	for (long i = 0; i < n; i++)
		if (b[i] != (unsigned char)((off + i) % 251) && (off + i < 446 || off + i > 511))
			return 0;
	return 1;
}

static long blk_pread(int fd, void *b, long n, long off)
{
	if (lseek(fd, off, SEEK_SET) != off)
		return -2;
	return read(fd, b, (size_t)n);
}

static long blk_pwrite(int fd, const void *b, long n, long off)
{
	if (lseek(fd, off, SEEK_SET) != off)
		return -2;
	return write(fd, b, (size_t)n);
}

static void blk_nodes(void)
{
	struct stat st;
	int fd;

	T_CHECK(stat("/dev/vda", &st) == 0);
	T_CHECK(S_ISBLK(st.st_mode) && (st.st_mode & 07777) == 0600);
	T_CHECK(st.st_uid == 0 && st.st_gid == 0);
	T_CHECK(((st.st_rdev >> 8) & 0xfff) == 259);
	T_CHECK(stat("/dev/vda1", &st) == 0 && S_ISBLK(st.st_mode));
	T_CHECK(((st.st_rdev >> 8) & 0xfff) == 259 && (st.st_rdev & 0xff) != 0);
	fd = open("/dev/vda", O_RDONLY);
	T_CHECK(fd >= 0);
	T_CHECK(fstat(fd, &st) == 0 && S_ISBLK(st.st_mode) && ((st.st_rdev >> 8) & 0xfff) == 259);
	close(fd);
}

static void blk_reads(void)
{
	int fd = open("/dev/vda", O_RDONLY);
	static const long offs[] = { 0, 1, 511, 512, 1000, 4095, 123457 };

	T_CHECK(fd >= 0);
	for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		memset(blk_buf, 0xee, sizeof(blk_buf));
		T_CHECK(blk_pread(fd, blk_buf, 3001, offs[i]) == 3001);
		T_CHECK(blk_pattern_ok(blk_buf, offs[i], 3001));
	}
	T_CHECK(blk_pread(fd, blk_buf, 70000, 777) == 70000 && blk_pattern_ok(blk_buf, 777, 70000));
	T_CHECK(read(fd, blk_buf, 5) == 5 && blk_pattern_ok(blk_buf, 70777, 5));
	close(fd);
}

static void blk_end(void)
{
	int fd = open("/dev/vda", O_RDWR);
	unsigned long long size = 0;
	unsigned long sectors = 0;
	int ssz = 0;

	T_CHECK(fd >= 0);
	T_CHECK(lseek(fd, 0, SEEK_END) == BLK_SIZE);
	T_CHECK(ioctl(fd, BLKGETSIZE64, &size) == 0 && size == (unsigned long long)BLK_SIZE);
	T_CHECK(ioctl(fd, BLKGETSIZE, &sectors) == 0 && sectors == 4096);
	T_CHECK(ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == 512);
	T_CHECK(ioctl(fd, TCGETS, blk_buf) == -1 && errno == ENOTTY);
	T_CHECK(ioctl(fd, BLKGETSIZE64, (void *)0x10) == -1 && errno == EFAULT);
	T_CHECK(blk_pread(fd, blk_buf, 4096, BLK_SIZE - 100) == 100);
	T_CHECK(blk_pattern_ok(blk_buf, BLK_SIZE - 100, 100));
	T_CHECK(read(fd, blk_buf, 10) == 0);
	T_CHECK(blk_pread(fd, blk_buf, 10, BLK_SIZE + 5000) == 0);
	errno = 0;
	T_CHECK(blk_pwrite(fd, blk_buf, 10, BLK_SIZE) == -1 && errno == ENOSPC);
	memset(blk_buf, 'E', 20);
	T_CHECK(blk_pwrite(fd, blk_buf, 20, BLK_SIZE - 10) == 10);
	T_CHECK(blk_pread(fd, blk_buf + 100, 20, BLK_SIZE - 20) == 20);
	T_CHECK(blk_pattern_ok(blk_buf + 100, BLK_SIZE - 20, 10));
	T_CHECK(memcmp(blk_buf + 110, "EEEEEEEEEE", 10) == 0);
	T_CHECK(fsync(fd) == 0);
	close(fd);
}

/* Partial sectors at both ends, and in one sector: the bytes around stay. */
static void blk_writes(void)
{
	static const long spots[][2] = {
		{ 300003, 1500 }, { 400100, 20 }, { 500000, 512 }, { 600511, 40000 }
	};
	int fd = open("/dev/vda", O_RDWR);

	T_CHECK(fd >= 0);
	for (unsigned i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
		long off = spots[i][0], n = spots[i][1];

		memset(blk_buf, 'a' + (int)i, (size_t)n);
		T_CHECK(blk_pwrite(fd, blk_buf, n, off) == n);
		memset(blk_buf, 0, sizeof(blk_buf));
		T_CHECK(blk_pread(fd, blk_buf, n + 2048, off - 1024) == n + 2048);
		T_CHECK(blk_pattern_ok(blk_buf, off - 1024, 1024));
		T_CHECK(blk_pattern_ok(blk_buf + 1024 + n, off + n, 1024));
		for (long k = 0; k < n; k++)
			if (blk_buf[1024 + k] != 'a' + i) {
				T_CHECK(!"written byte");
				break;
			}
	}
	T_CHECK(write(-1, blk_buf, 1) == -1);
	T_CHECK(blk_pwrite(fd, (void *)0x10, 100, 700000) == -1 && errno == EFAULT);
	T_CHECK(blk_pread(fd, blk_buf, 100, 700000) == 100 && blk_pattern_ok(blk_buf, 700000, 100));
	close(fd);
}

/* The partition: its size, its bytes are the disk's from sector 2048 on. */
static void blk_partition(void)
{
	int p = open("/dev/vda1", O_RDWR), d = open("/dev/vda", O_RDONLY);

	T_CHECK(p >= 0 && d >= 0);
	T_CHECK(lseek(p, 0, SEEK_END) == BLK_SIZE - BLK_PART);
	T_CHECK(blk_pread(p, blk_buf, 1000, 10) == 1000 &&
		blk_pattern_ok(blk_buf, BLK_PART + 10, 1000));
	T_CHECK(blk_pwrite(p, "part1!", 6, 5) == 6);
	T_CHECK(blk_pread(d, blk_buf, 8, BLK_PART + 4) == 8);
	T_CHECK(memcmp(blk_buf + 1, "part1!", 6) == 0 && blk_pattern_ok(blk_buf, BLK_PART + 4, 1));
	T_CHECK(blk_pattern_ok(blk_buf + 7, BLK_PART + 11, 1));
	T_CHECK(blk_pread(p, blk_buf, 10, BLK_SIZE - BLK_PART) == 0);
	close(p);
	close(d);
}

/* Run a tool; its output (NUL-terminated) in out. Returns its exit status or -1. */
static int blk_tool(char *const argv[], char *out, size_t room)
{
	int p[2], st;
	size_t len = 0;
	long k;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (len < room - 1 && (k = read(p[0], out + len, room - 1 - len)) > 0)
		len += (size_t)k;
	out[len] = 0;
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define BLK_ARGV(...) ((char *const[]){ __VA_ARGS__, NULL })

/* ls -l, stat and hexdump on a block device. */
static void blk_tools(void)
{
	char out[512];

	T_CHECK(blk_tool(BLK_ARGV("/bin/ls", "-l", "/dev/vda"), out, sizeof(out)) == 0);
	T_CHECK(strncmp(out, "brw------- ", 11) == 0 && strstr(out, "259, 0 ") != NULL);
	printf("t_blk: %s", out);
	T_CHECK(blk_tool(BLK_ARGV("/bin/stat", "-c", "%F %t %T %a", "/dev/vda1"), out,
			 sizeof(out)) == 0);
	T_CHECK(strcmp(out, "block special file 103 1 600\n") == 0);
	T_CHECK(blk_tool(BLK_ARGV("/bin/hexdump", "-C", "-n", "4", "-s", "1004", "/dev/vda"), out,
			 sizeof(out)) == 0);
	/* 1004 % 251 = 0: the bytes 00 01 02 03 */
	T_CHECK(strncmp(out, "000003ec  00 01 02 03 ", 22) == 0);
}

/* dd reads and writes the device in blocks, at block offsets. */
static void blk_dd(void)
{
	static char out[512];
	int fd;

	T_CHECK(blk_tool(BLK_ARGV("/bin/dd", "if=/dev/vda", "bs=100", "skip=10", "count=3",
				  "status=none"),
			 out, sizeof(out)) == 0);
	T_CHECK(blk_pattern_ok((unsigned char *)out, 1000, 300));
	T_CHECK(blk_tool(BLK_ARGV("/bin/dd", "if=/dev/zero", "of=/dev/vda", "bs=512", "seek=1500",
				  "count=2", "status=none"),
			 out, sizeof(out)) == 0);
	fd = open("/dev/vda", O_RDONLY);
	T_CHECK(fd >= 0 && blk_pread(fd, blk_buf, 3 * 512, 1499 * 512) == 3 * 512);
	T_CHECK(blk_pattern_ok(blk_buf, 1499 * 512, 512));
	T_CHECK(blk_buf[512] == 0 && memcmp(blk_buf + 512, blk_buf + 513, 1023) == 0);
	T_CHECK(blk_pread(fd, blk_buf, 512, 1502 * 512) == 512 &&
		blk_pattern_ok(blk_buf, 1502 * 512, 512));
	close(fd);
}

int main(void)
{
	static const struct ztest tests[] = { ZTEST(blk_nodes),	    ZTEST(blk_reads),
					      ZTEST(blk_end),	    ZTEST(blk_writes),
					      ZTEST(blk_partition), ZTEST(blk_tools),
					      ZTEST(blk_dd) };

	return ztest_main("t_blk", tests, ZTEST_COUNT(tests));
}
