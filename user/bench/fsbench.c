/*
 * fsbench: storage costs of the kernel under it, over a mounted disk.
 * One source, POSIX calls only, built for zero (zero-cc) and for Linux (gcc
 * -static, glibc) by `make bench` (tests/bench/run-fs.sh), which boots each
 * kernel under QEMU -icount shift=0 with the same raw image attached as a
 * virtio disk and this program as the first process.
 *
 * It mounts DEV on DIR itself (mount(2), type TYPE), so that a cold cache is
 * the same thing on both kernels: umount, then mount again. Then:
 *   - sequential write of 64 MiB in 64 KiB write()s, then fsync;
 *     sequential read of it, cache warm, then cold (after the remount);
 *   - 1,000 small files: create + write 4 KiB + fsync + close each, then
 *     unlink them all (and one sync);
 *   - a 5,000-file tree (50 directories of 100 files, made untimed), walked
 *     like `ls -lR` (readdir + lstat of every entry), cold, then warm.
 * Times come from the guest's own clock (clock_gettime(CLOCK_MONOTONIC));
 * under -icount it is derived from the instruction count (and idle time),
 * so the figures repeat. Prints "fsbench: <name> | <value> | <unit>" rows,
 * then "fsbench: done"; any failure prints the call and strerror and exits 1.
 *
 * Usage: fsbench [-q] [-d DEV] [-m DIR] [-t TYPE]; the defaults come from the
 * environment (FSBENCH_DEV, FSBENCH_DIR, FSBENCH_TYPE, FSBENCH_QUICK=1), as
 * the kernel word init.NAME=value gives it to the first process. Without a
 * device DIR is used as it is and the cold rows are left out. -q: small
 * sizes (a smoke test). For a profile of one part (tools/qprof/qprof.sh):
 * FSBENCH_ONLY=seq, small or tree runs that part alone, FSBENCH_WARM_WALKS=N
 * walks the warm tree N times (default 1), FSBENCH_COLD_READS=N reads the
 * sequential file cold N times (a remount before each; default 1),
 * FSBENCH_SMALL_KEEP=1 keeps the small files (no unlink row: the baseline
 * of a profile of the unlinks).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	  (64 * 1024)
#define SMALL	  4096
#define TREE_DIRS 50
#define PATHMAX	  512

static const char *fs_dev, *fs_dir = "/mnt", *fs_type = "ext2", *fs_only;
static long fs_warm_walks = 1, fs_cold_reads = 1;
static long seq_mib = 64, small_files = 1000, tree_files = 5000;
static int small_keep;
static char chunk[CHUNK];

static void fs_die(const char *what, const char *path)
{
	printf("fsbench: failed: %s %s: %s\n", what, path ? path : "", strerror(errno));
	fflush(stdout);
	exit(1);
}

static double fs_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		fs_die("clock_gettime", NULL);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A row; NAME may hold one %ld, given N. */
static void fs_row(const char *name, long n, double value, const char *unit)
{
	char label[128];

	snprintf(label, sizeof(label), name, n);
	printf("fsbench: %s | %.1f | %s\n", label, value, unit);
	fflush(stdout);
}

static void fs_path(char *out, const char *a, const char *b)
{
	if (snprintf(out, PATHMAX, "%s/%s", a, b) >= PATHMAX) {
		errno = ENAMETOOLONG;
		fs_die("path", b);
	}
}

static void fs_mount(void)
{
	if (fs_dev && mount(fs_dev, fs_dir, fs_type, 0, NULL) != 0)
		fs_die("mount", fs_dev);
}

/* A cold cache: everything written goes out, the mount and its cache go. */
static void fs_remount(void)
{
	sync();
	if (!fs_dev)
		return;
	if (umount(fs_dir) != 0)
		fs_die("umount", fs_dir);
	fs_mount();
}

/* Chunk i starts with its own number, so a read can tell chunks apart. */
static void fs_fill(long i)
{
	memcpy(chunk, &i, sizeof(i));
}

static void fs_seq_write(const char *path)
{
	long n = seq_mib * (1024 * 1024 / CHUNK);
	double t = fs_now();
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		fs_die("open", path);
	for (long i = 0; i < n; i++) {
		fs_fill(i);
		if (write(fd, chunk, CHUNK) != CHUNK)
			fs_die("write", path);
	}
	if (fsync(fd) != 0)
		fs_die("fsync", path);
	t = fs_now() - t;
	if (close(fd) != 0)
		fs_die("close", path);
	fs_row("sequential write %ld MiB, 64 KiB write()s + fsync", seq_mib, (double)seq_mib / t,
	       "MiB/s");
}

static void fs_seq_read(const char *path, const char *name)
{
	static char in[CHUNK];
	long n = seq_mib * (1024 * 1024 / CHUNK), i = 0;
	double t = fs_now();
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		fs_die("open", path);
	while ((r = read(fd, in, CHUNK)) == CHUNK) {
		fs_fill(i);
		if (memcmp(in, chunk, CHUNK) != 0) {
			errno = EIO;
			fs_die("read: wrong data in", path);
		}
		i++;
	}
	t = fs_now() - t;
	if (r != 0 || i != n) {
		errno = r < 0 ? errno : EIO;
		fs_die("read: short file", path);
	}
	close(fd);
	fs_row(name, seq_mib, (double)seq_mib / t, "MiB/s");
}

static void fs_bench_seq(void)
{
	char path[PATHMAX];

	fs_path(path, fs_dir, "fsbench.seq");
	memset(chunk, 'z', sizeof(chunk));
	fs_seq_write(path);
	fs_seq_read(path, "sequential read %ld MiB, cache warm");
	for (long i = 0; fs_dev && i < fs_cold_reads; i++) {
		fs_remount();
		fs_seq_read(path, "sequential read %ld MiB, cache cold (remount)");
	}
	if (unlink(path) != 0)
		fs_die("unlink", path);
	sync();
}

static void fs_small_create(const char *dir)
{
	char path[PATHMAX], name[32];
	double t = fs_now();

	for (long i = 0; i < small_files; i++) {
		int fd;

		snprintf(name, sizeof(name), "s%04ld", i);
		fs_path(path, dir, name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			fs_die("open", path);
		if (write(fd, chunk, SMALL) != SMALL)
			fs_die("write", path);
		if (fsync(fd) != 0)
			fs_die("fsync", path);
		if (close(fd) != 0)
			fs_die("close", path);
	}
	t = fs_now() - t;
	fs_row("%ld files: create + write 4 KiB + fsync + close", small_files,
	       (double)small_files / t, "files/s");
}

static void fs_bench_small(void)
{
	char dir[PATHMAX], path[PATHMAX], name[32];
	double t;

	fs_path(dir, fs_dir, "small");
	if (mkdir(dir, 0755) != 0)
		fs_die("mkdir", dir);
	fs_small_create(dir);
	if (small_keep)
		return;
	t = fs_now();
	for (long i = 0; i < small_files; i++) {
		snprintf(name, sizeof(name), "s%04ld", i);
		fs_path(path, dir, name);
		if (unlink(path) != 0)
			fs_die("unlink", path);
	}
	sync();
	t = fs_now() - t;
	fs_row("%ld files: unlink each (then one sync)", small_files, (double)small_files / t,
	       "files/s");
	if (rmdir(dir) != 0)
		fs_die("rmdir", dir);
}

static void fs_tree_make(const char *top)
{
	char dir[PATHMAX], path[PATHMAX], name[32];
	long per = tree_files / TREE_DIRS;

	if (mkdir(top, 0755) != 0)
		fs_die("mkdir", top);
	for (int d = 0; d < TREE_DIRS; d++) {
		snprintf(name, sizeof(name), "d%02d", d);
		fs_path(dir, top, name);
		if (mkdir(dir, 0755) != 0)
			fs_die("mkdir", dir);
		for (long f = 0; f < per; f++) {
			int fd;

			snprintf(name, sizeof(name), "file%04ld", f);
			fs_path(path, dir, name);
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
			if (fd < 0)
				fs_die("open", path);
			close(fd);
		}
	}
}

/* ls -lR: every entry of every directory is read and lstat'ed. */
static long fs_walk(const char *dir)
{
	char path[PATHMAX];
	struct dirent *e;
	struct stat st;
	long n = 0;
	DIR *d = opendir(dir);

	if (!d)
		fs_die("opendir", dir);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		fs_path(path, dir, e->d_name);
		if (lstat(path, &st) != 0)
			fs_die("lstat", path);
		n++;
		if (S_ISDIR(st.st_mode))
			n += fs_walk(path);
	}
	closedir(d);
	return n;
}

static void fs_tree_walk(const char *top, const char *name)
{
	long want = TREE_DIRS + (tree_files / TREE_DIRS) * TREE_DIRS, n;
	double t = fs_now();

	n = fs_walk(top);
	t = fs_now() - t;
	if (n != want) {
		printf("fsbench: failed: the walk found %ld entries, not %ld\n", n, want);
		exit(1);
	}
	fs_row(name, tree_files, (double)n / t, "entries/s");
}

static void fs_tree_remove(const char *top)
{
	char dir[PATHMAX], path[PATHMAX], name[32];

	for (int d = 0; d < TREE_DIRS; d++) {
		snprintf(name, sizeof(name), "d%02d", d);
		fs_path(dir, top, name);
		for (long f = 0; f < tree_files / TREE_DIRS; f++) {
			snprintf(name, sizeof(name), "file%04ld", f);
			fs_path(path, dir, name);
			if (unlink(path) != 0)
				fs_die("unlink", path);
		}
		if (rmdir(dir) != 0)
			fs_die("rmdir", dir);
	}
	if (rmdir(top) != 0)
		fs_die("rmdir", top);
}

static void fs_bench_tree(void)
{
	char top[PATHMAX];

	fs_path(top, fs_dir, "tree");
	fs_tree_make(top);
	if (fs_dev) {
		fs_remount();
		fs_tree_walk(top, "ls -lR walk, %ld files in 50 dirs, cache cold (remount)");
	}
	for (long i = 0; i < fs_warm_walks; i++)
		fs_tree_walk(top, "ls -lR walk, %ld files in 50 dirs, cache warm");
	if (!fs_dev)
		fs_tree_remove(top); /* a scratch image is thrown away instead */
}

static void fs_args(int argc, char **argv)
{
	const char *q = getenv("FSBENCH_QUICK");
	int opt;

	if (getenv("FSBENCH_DEV"))
		fs_dev = getenv("FSBENCH_DEV");
	if (getenv("FSBENCH_DIR"))
		fs_dir = getenv("FSBENCH_DIR");
	if (getenv("FSBENCH_TYPE"))
		fs_type = getenv("FSBENCH_TYPE");
	while ((opt = getopt(argc, argv, "qd:m:t:")) != -1) {
		if (opt == 'q')
			q = "1";
		else if (opt == 'd')
			fs_dev = optarg;
		else if (opt == 'm')
			fs_dir = optarg;
		else if (opt == 't')
			fs_type = optarg;
		else {
			fprintf(stderr, "usage: fsbench [-q] [-d DEV] [-m DIR] [-t TYPE]\n");
			exit(2);
		}
	}
	if (q && strcmp(q, "1") == 0)
		seq_mib = 4, small_files = 50, tree_files = 200;
	if (getenv("FSBENCH_ONLY"))
		fs_only = getenv("FSBENCH_ONLY");
	if (getenv("FSBENCH_WARM_WALKS"))
		fs_warm_walks = atol(getenv("FSBENCH_WARM_WALKS"));
	if (getenv("FSBENCH_COLD_READS"))
		fs_cold_reads = atol(getenv("FSBENCH_COLD_READS"));
	if (getenv("FSBENCH_SMALL_KEEP"))
		small_keep = atoi(getenv("FSBENCH_SMALL_KEEP"));
}

/* FSBENCH_ONLY=seq, small or tree runs that part alone (a profile of it). */
static int fs_part(const char *name)
{
	return fs_only == NULL || strcmp(fs_only, name) == 0;
}

int main(int argc, char **argv)
{
	fs_args(argc, argv);
	fs_mount();
	printf("fsbench: on %s (%s) at %s\n", fs_dev ? fs_dev : "-", fs_type, fs_dir);
	if (fs_part("seq"))
		fs_bench_seq();
	if (fs_part("small"))
		fs_bench_small();
	if (fs_part("tree"))
		fs_bench_tree();
	if (fs_dev && umount(fs_dir) != 0)
		fs_die("umount", fs_dir);
	printf("fsbench: done\n");
	fflush(stdout);
	return 0;
}
