/*
 * The guest side of the power-cut test (tests/crash/powercut.sh). One boot:
 *
 *  1. mount the test disk (FSCRASH_DEV, default /dev/vda, on FSCRASH_MNT,
 *     default /mnt): the mount replays what the last boot left in the
 *     journal; unmount it again and say "fscrash: clean" — the host now
 *     checks the image (e2fsck -fn, and every file the last boot reported
 *     as fsynced);
 *  2. wait for a line on the console: "go" runs the workload, "stop" exits 0;
 *  3. mount again, say "fscrash: running", and run FSCRASH_PROCS workers
 *     (default 3) until the host cuts the power. Each worker removes what
 *     its namesake left (w<N>/), then loops over create, write, append,
 *     overwrite, rename, unlink, truncate, mkdir, rmdir and sync on scratch
 *     files, and now and then writes a "durable" file (s<K>, contents from
 *     fscrash_gen.h), fsyncs it and prints
 *     "fscrash: fsynced /w<N>/s<K> <len> <seed>" (every other one is
 *     written through a shared mapping and msync(MS_SYNC)ed instead:
 *     "fscrash: msynced ..."); a durable file is never touched again in
 *     this boot, so after the cut it must be there whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fscrash_gen.h"

#define FSCRASH_SCRATCH 8     /* scratch files per worker */
#define FSCRASH_MAXLEN	65536 /* longest file */

static const char *fscrash_mnt;
static unsigned char fscrash_buf[FSCRASH_MAXLEN];
static uint32_t fscrash_rng;

static const char *fscrash_env(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

static uint32_t fscrash_rand(void)
{
	fscrash_rng ^= fscrash_rng << 13;
	fscrash_rng ^= fscrash_rng >> 17;
	fscrash_rng ^= fscrash_rng << 5;
	return fscrash_rng;
}

static void fscrash_die(const char *what, const char *path)
{
	printf("fscrash: FAIL %s %s: %s\n", what, path, strerror(errno));
	fflush(stdout);
	_exit(1);
}

/* Write len bytes of seed's stream at the end of fd. */
static int fscrash_put(int fd, uint32_t seed, size_t len)
{
	uint32_t st = fscrash_start(seed);

	fscrash_fill(&st, fscrash_buf, len);
	for (size_t off = 0; off < len;) {
		size_t n = len - off < 5000 ? len - off : 5000; /* odd pieces */
		ssize_t w = write(fd, fscrash_buf + off, n);

		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* The same through a shared mapping: sized by ftruncate, stored in
 * memory, made durable by msync(MS_SYNC). */
static int fscrash_put_mapped(int fd, uint32_t seed, size_t len)
{
	uint32_t st = fscrash_start(seed);
	unsigned char *m;
	int rc;

	if (ftruncate(fd, (off_t)len) != 0)
		return -1;
	if (len == 0)
		return fsync(fd);
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return -1;
	fscrash_fill(&st, m, len);
	rc = msync(m, len, MS_SYNC);
	munmap(m, len);
	return rc;
}

/* A file that must survive: written and fsynced (or, every other one,
 * written through a mapping and msynced), reported, left alone. */
static void fscrash_durable(const char *dir, unsigned k)
{
	char path[256];
	uint32_t seed = fscrash_rand();
	size_t len = fscrash_rand() % FSCRASH_MAXLEN;
	int fd, mapped = k % 2;

	snprintf(path, sizeof(path), "%s/s%u", dir, k);
	fd = open(path, (mapped ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		fscrash_die("create", path);
	if (mapped ? fscrash_put_mapped(fd, seed, len) != 0
		   : fscrash_put(fd, seed, len) != 0 || fsync(fd) != 0)
		fscrash_die(mapped ? "mmap+msync" : "write+fsync", path);
	close(fd);
	printf("fscrash: %s %s %zu %u\n", mapped ? "msynced" : "fsynced",
	       path + strlen(fscrash_mnt), len, seed);
	fflush(stdout);
}

/* One operation on the scratch files t0..t7 and directory d. */
static void fscrash_scratch(const char *dir)
{
	char a[256], b[256];
	unsigned op = fscrash_rand() % 8, i = fscrash_rand() % FSCRASH_SCRATCH;
	int fd;

	snprintf(a, sizeof(a), "%s/t%u", dir, i);
	snprintf(b, sizeof(b), "%s/t%u", dir, (i + 1) % FSCRASH_SCRATCH);
	switch (op) {
	case 0:
	case 1: /* create or overwrite */
		fd = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0 && fscrash_put(fd, fscrash_rand(), fscrash_rand() % FSCRASH_MAXLEN))
			fscrash_die("write", a);
		close(fd);
		break;
	case 2: /* append */
		fd = open(a, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0 && fscrash_put(fd, fscrash_rand(), fscrash_rand() % 9000))
			fscrash_die("append", a);
		close(fd);
		break;
	case 3:
		(void)rename(a, b);
		break;
	case 4:
		(void)unlink(a);
		break;
	case 5:
		(void)truncate(a, fscrash_rand() % FSCRASH_MAXLEN);
		break;
	case 6:
		snprintf(a, sizeof(a), "%s/d%u", dir, i);
		if (mkdir(a, 0755) != 0)
			(void)rmdir(a);
		break;
	default:
		if (fscrash_rand() % 16 == 0)
			sync();
		break;
	}
}

/* Remove what a worker of the last boot left, then make its directory. */
static void fscrash_clear(const char *dir)
{
	char path[256];

	for (unsigned k = 0; k < 4096; k++) {
		snprintf(path, sizeof(path), "%s/s%u", dir, k);
		if (unlink(path) != 0 && errno != ENOENT)
			fscrash_die("unlink", path);
	}
	for (unsigned i = 0; i < FSCRASH_SCRATCH; i++) {
		snprintf(path, sizeof(path), "%s/t%u", dir, i);
		(void)unlink(path);
		snprintf(path, sizeof(path), "%s/d%u", dir, i);
		(void)rmdir(path);
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		fscrash_die("mkdir", dir);
}

static void fscrash_worker(unsigned n)
{
	char dir[200];

	snprintf(dir, sizeof(dir), "%s/w%u", fscrash_mnt, n);
	fscrash_rng = (uint32_t)time(NULL) * 2654435761u + n * 40503u + (uint32_t)getpid();
	fscrash_clear(dir);
	for (unsigned k = 0; k < 4096; k++) {
		for (unsigned j = fscrash_rand() % 6; j > 0; j--)
			fscrash_scratch(dir);
		fscrash_durable(dir, k);
	}
	_exit(0);
}

static void fscrash_mount(const char *dev)
{
	if (mount(dev, fscrash_mnt, "ext2", 0, NULL) != 0)
		fscrash_die("mount", dev);
}

int main(void)
{
	const char *dev = fscrash_env("FSCRASH_DEV", "/dev/vda");
	unsigned procs = (unsigned)atoi(fscrash_env("FSCRASH_PROCS", "3"));
	char line[64] = "";

	fscrash_mnt = fscrash_env("FSCRASH_MNT", "/mnt");
	setvbuf(stdout, NULL, _IOLBF, 0);
	fscrash_mount(dev);
	if (umount(fscrash_mnt) != 0)
		fscrash_die("umount", fscrash_mnt);
	printf("fscrash: clean\n");
	if (fgets(line, sizeof(line), stdin) == NULL || strncmp(line, "go", 2) != 0)
		return strncmp(line, "stop", 4) == 0 ? 0 : 1;
	fscrash_mount(dev);
	printf("fscrash: running\n");
	for (unsigned n = 0; n < procs; n++)
		if (fork() == 0)
			fscrash_worker(n);
	while (wait(NULL) > 0)
		;
	printf("fscrash: FAIL workers ended before the power cut\n");
	return 1;
}
