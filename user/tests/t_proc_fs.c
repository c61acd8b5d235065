/*
 * In-guest tests of /proc (modules/procfs): /proc/self, status, cmdline,
 * maps (text, data, heap, stack, an anonymous mapping that comes and
 * goes), fd/, the directory of a child that vanishes once reaped,
 * meminfo, modules, reads in 1-byte pieces, refused writes, the listing
 * of /proc, a second mount, and the shell's tools reading it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

#define BIG 65536

static int saved_argc;
static char **saved_argv;
static char buf[BIG], buf2[BIG];
static int data_word = 42; /* in the program's data */

/* The whole of @path into @b (NUL-terminated); its length or -1. */
static long slurp(const char *path, char *b, size_t room)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while ((size_t)n < room - 1 && (r = read(fd, b + n, room - 1 - n)) > 0)
		n += r;
	close(fd);
	b[n] = '\0';
	return r < 0 ? -1 : n;
}

/* The value after "key:\t" in status text, or -1. */
static long status_field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The maps line whose range holds @addr, copied into @line; 0 or -1. */
static int maps_line_of(const char *maps, uintptr_t addr, char *line, size_t room)
{
	const char *p = maps;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *dash;
		unsigned long lo = strtoul(p, &dash, 16), hi = strtoul(dash + 1, NULL, 16);

		if (*dash == '-' && addr >= lo && addr < hi) {
			if (len >= room)
				len = room - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			return 0;
		}
		p += len + (end ? 1 : 0);
	}
	return -1;
}

static void self_link(void)
{
	char target[32], want[32];
	ssize_t n = readlink("/proc/self", target, sizeof(target) - 1);
	struct stat st;

	T_CHECK(n > 0);
	target[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d", (int)getpid());
	T_CHECK(strcmp(target, want) == 0);
	T_CHECK(stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode));
	T_CHECK(lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode));
}

static void status_fields(void)
{
	T_CHECK(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	T_CHECK(strstr(buf, "Name:\tt_proc_fs\n") != NULL);
	T_EQ(status_field(buf, "\nPid:\t"), (long)getpid());
	T_EQ(status_field(buf, "\nPPid:\t"), (long)getppid());
	T_EQ(status_field(buf, "\nUid:\t"), (long)getuid());
	T_EQ(status_field(buf, "\nGid:\t"), (long)getgid());
	T_EQ(status_field(buf, "\nThreads:\t"), 1L);
	T_CHECK(status_field(buf, "\nVmSize:\t") > 0);
	T_CHECK(status_field(buf, "\nVmRSS:\t") > 0);
	T_CHECK(strstr(buf, "State:\tR (running)\n") != NULL);
}

static void cmdline_matches(void)
{
	long n = slurp("/proc/self/cmdline", buf, sizeof(buf)), want = 0;

	for (int i = 0; i < saved_argc; i++) {
		size_t len = strlen(saved_argv[i]) + 1;

		T_CHECK(n >= want + (long)len && memcmp(buf + want, saved_argv[i], len) == 0);
		want += (long)len;
	}
	T_EQ(n, want);
}

static void maps_layout(void)
{
	char line[256], local = 1;
	char *heap = sbrk(0);

	T_CHECK(sbrk(4 * 4096) == heap);
	heap[0] = 1;
	T_CHECK(slurp("/proc/self/maps", buf, sizeof(buf)) > 0);
	T_CHECK(maps_line_of(buf, (uintptr_t)maps_layout, line, sizeof(line)) == 0 &&
		strstr(line, " r-xp ") && strstr(line, "t_proc_fs"));
	T_CHECK(maps_line_of(buf, (uintptr_t)&data_word, line, sizeof(line)) == 0 &&
		strstr(line, " rw-p ") && strstr(line, "t_proc_fs"));
	T_CHECK(maps_line_of(buf, (uintptr_t)heap, line, sizeof(line)) == 0 &&
		strstr(line, "[heap]"));
	T_CHECK(maps_line_of(buf, (uintptr_t)&local, line, sizeof(line)) == 0 &&
		strstr(line, " rw-p ") && strstr(line, "[stack]"));
	T_CHECK(sbrk(-4 * 4096) != (void *)-1);
}

static void maps_mapping_comes_and_goes(void)
{
	char line[256];
	char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long lo = 0, hi = 0;

	T_CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	m[0] = 1;
	T_CHECK(slurp("/proc/self/maps", buf, sizeof(buf)) > 0);
	T_CHECK(maps_line_of(buf, (uintptr_t)m + 4096, line, sizeof(line)) == 0 &&
		strstr(line, " rw-p ") && strstr(line, "[anon]"));
	sscanf(line, "%lx-%lx", &lo, &hi);
	T_CHECK(lo <= (uintptr_t)m && hi >= (uintptr_t)m + 3 * 4096);
	T_CHECK(munmap(m, 3 * 4096) == 0);
	T_CHECK(slurp("/proc/self/maps", buf, sizeof(buf)) > 0);
	T_CHECK(maps_line_of(buf, (uintptr_t)m + 4096, line, sizeof(line)) != 0);
}

static int dir_has(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		found |= strcmp(e->d_name, name) == 0;
	closedir(d);
	return found;
}

static void fd_listing(void)
{
	int fd = open("/etc/inittab", O_RDONLY), p[2];
	char name[32], target[128];
	ssize_t n;

	T_CHECK(fd > 2);
	T_CHECK(pipe(p) == 0);
	T_EQ(dir_has("/proc/self/fd", "0"), 1);
	T_EQ(dir_has("/proc/self/fd", "1"), 1);
	T_EQ(dir_has("/proc/self/fd", "2"), 1);
	snprintf(name, sizeof(name), "%d", fd);
	T_EQ(dir_has("/proc/self/fd", name), 1);
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	n = readlink(name, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	T_CHECK(strcmp(target, "/etc/inittab") == 0);
	snprintf(name, sizeof(name), "/proc/self/fd/%d", p[0]);
	n = readlink(name, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	T_CHECK(strncmp(target, "pipe:[", 6) == 0);
	n = readlink("/proc/self/fd/0", target, sizeof(target) - 1);
	T_CHECK(n > 0);
	close(p[0]);
	close(p[1]);
	T_EQ(dup2(fd, 40), 40); /* a number opendir() will not take */
	close(fd);
	T_EQ(dir_has("/proc/self/fd", "40"), 1);
	n = readlink("/proc/self/fd/40", target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	T_CHECK(strcmp(target, "/etc/inittab") == 0);
	close(40);
	T_EQ(dir_has("/proc/self/fd", "40"), 0);
	T_CHECK(readlink("/proc/self/fd/40", target, sizeof(target)) < 0 && errno == ENOENT);
}

static void child_vanishes(void)
{
	int p[2], st, fd;
	char dir[32], path[64], c;
	pid_t pid;
	struct stat sb;

	T_CHECK(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1); /* until the parent closes */
		_exit(0);
	}
	close(p[0]);
	snprintf(dir, sizeof(dir), "%d", (int)pid);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	T_EQ(dir_has("/proc", dir), 1);
	T_CHECK(slurp(path, buf, sizeof(buf)) > 0);
	T_EQ(status_field(buf, "\nPPid:\t"), (long)getpid());
	fd = open(path, O_RDONLY);
	T_CHECK(fd >= 0);
	close(p[1]);
	T_CHECK(waitpid(pid, &st, 0) == pid);
	T_EQ(dir_has("/proc", dir), 0);
	T_CHECK(stat(path, &sb) < 0 && errno == ENOENT);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	T_CHECK(stat(path, &sb) < 0 && errno == ENOENT);
	T_CHECK(read(fd, buf, 16) < 0 && errno == ESRCH);
	close(fd);
}

static long meminfo_free(void)
{
	if (slurp("/proc/meminfo", buf, sizeof(buf)) <= 0)
		return -1;
	return status_field(buf, "MemFree:");
}

static void meminfo_changes(void)
{
	size_t len = 8u << 20;
	long before = meminfo_free(), after;
	char *m;

	T_CHECK(strstr(buf, "MemTotal:") && strstr(buf, "MemAvailable:") &&
		strstr(buf, "Buffers:") && strstr(buf, "Cached:"));
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T_CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	for (size_t i = 0; i < len; i += 4096)
		m[i] = 1;
	after = meminfo_free();
	T_CHECK(before > 0 && after > 0 && before - after >= 6 * 1024);
	munmap(m, len);
	T_CHECK(meminfo_free() > after + 6 * 1024);
}

static void modules_listed(void)
{
	T_CHECK(slurp("/proc/modules", buf, sizeof(buf)) > 0);
	T_CHECK(strncmp(buf, "io ", 3) == 0 || strstr(buf, "\nio ") != NULL);
	T_CHECK(strstr(buf, "\nprocfs ") != NULL && strstr(buf, " Live 0x") != NULL);
	T_CHECK(slurp("/proc/uptime", buf, sizeof(buf)) > 0 && strchr(buf, '.') != NULL);
	T_CHECK(slurp("/proc/mounts", buf, sizeof(buf)) > 0 && strstr(buf, " /proc proc ro "));
}

static void small_reads_same_bytes(void)
{
	static const char *files[] = { "/proc/self/maps", "/proc/self/cmdline", "/proc/modules" };

	for (int i = 0; i < 3; i++) {
		long whole = slurp(files[i], buf, sizeof(buf)), n = 0;
		int fd = open(files[i], O_RDONLY);
		ssize_t r;

		T_CHECK(whole > 0 && fd >= 0);
		while (n < BIG - 1 && (r = read(fd, buf2 + n, 1)) == 1)
			n++;
		close(fd);
		T_EQ(n, whole);
		T_CHECK(memcmp(buf, buf2, (size_t)whole) == 0);
	}
}

static void writes_refused(void)
{
	int fd = open("/proc/self/status", O_WRONLY);

	T_CHECK(fd < 0 && (errno == EROFS || errno == EACCES));
	fd = open("/proc/newfile", O_WRONLY | O_CREAT, 0644);
	T_CHECK(fd < 0 && (errno == EROFS || errno == EACCES));
	T_CHECK(mkdir("/proc/dir", 0755) < 0 && errno == EROFS);
	T_CHECK(unlink("/proc/meminfo") < 0 && (errno == EROFS || errno == EACCES));
	T_CHECK(rename("/proc/meminfo", "/proc/x") < 0 && errno == EROFS);
	T_CHECK(chmod("/proc/meminfo", 0666) < 0 && errno == EROFS);
	fd = open("/proc/self/status", O_RDONLY);
	T_CHECK(fd >= 0 && write(fd, "x", 1) < 0 && errno == EBADF);
	close(fd);
	T_CHECK(open("/proc/99999/status", O_RDONLY) < 0 && errno == ENOENT);
	T_CHECK(open("/proc/self/nothing", O_RDONLY) < 0 && errno == ENOENT);
}

static void readdir_lists_pids(void)
{
	char me[16];
	DIR *d = opendir("/proc");
	struct dirent *e;
	int self = 0, mine = 0, init = 0, bad = 0;

	snprintf(me, sizeof(me), "%d", (int)getpid());
	T_CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL) {
		self |= strcmp(e->d_name, "self") == 0;
		mine |= strcmp(e->d_name, me) == 0;
		init |= strcmp(e->d_name, "1") == 0;
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9') {
			char path[64];
			struct stat st;

			snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
			bad += stat(path, &st) != 0;
		}
	}
	if (d)
		closedir(d);
	T_CHECK(self && mine && init);
	T_EQ(bad, 0);
	T_EQ(dir_has("/proc/self", "maps"), 1);
	T_EQ(dir_has("/proc/self", "fd"), 1);
}

static void mount_again(void)
{
	struct stat st;

	mkdir("/tmp", 0777);
	T_CHECK(mkdir("/tmp/proc2", 0755) == 0 || errno == EEXIST);
	T_CHECK(mount("proc", "/tmp/proc2", "proc", 0, NULL) == 0);
	T_CHECK(stat("/tmp/proc2/self/status", &st) == 0 && S_ISREG(st.st_mode));
	T_CHECK(slurp("/tmp/proc2/self/status", buf, sizeof(buf)) > 0);
	T_EQ(status_field(buf, "\nPid:\t"), (long)getpid());
	T_CHECK(umount("/tmp/proc2") == 0);
	T_CHECK(stat("/tmp/proc2/self", &st) < 0);
	rmdir("/tmp/proc2");
}

/* @cmd through /bin/sh, its output into buf. */
static int run_sh(const char *cmd)
{
	int p[2], st = -1;
	long n = 0, r;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (n < BIG - 1 && (r = read(p[0], buf + n, BIG - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void shell_tools_read_proc(void)
{
	T_EQ(run_sh("cat /proc/self/maps"), 0);
	T_CHECK(strstr(buf, "/bin/cat") && strstr(buf, "[stack]") && strstr(buf, " r-xp "));
	T_EQ(run_sh("ls /proc"), 0);
	T_CHECK(strstr(buf, "self") && strstr(buf, "meminfo") && strstr(buf, "1\n"));
	T_EQ(run_sh("cat /proc/self/cmdline"), 0);
	T_CHECK(memcmp(buf, "cat\0/proc/self/cmdline", 23) == 0);
}

int main(int argc, char **argv)
{
	static const struct ztest tests[] = {
		ZTEST(self_link),
		ZTEST(status_fields),
		ZTEST(cmdline_matches),
		ZTEST(maps_layout),
		ZTEST(maps_mapping_comes_and_goes),
		ZTEST(fd_listing),
		ZTEST(child_vanishes),
		ZTEST(meminfo_changes),
		ZTEST(modules_listed),
		ZTEST(small_reads_same_bytes),
		ZTEST(writes_refused),
		ZTEST(readdir_lists_pids),
		ZTEST(mount_again),
		ZTEST(shell_tools_read_proc),
	};

	saved_argc = argc;
	saved_argv = argv;
	memset(buf2, 0, sizeof(buf2));
	return ztest_main("t_proc_fs", tests, ZTEST_COUNT(tests));
}
