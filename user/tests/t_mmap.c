/*
 * In-guest tests of file mappings and the page cache: mmap(MAP_SHARED) of
 * a file shares one copy with read() and write() (in one process and
 * between two), MAP_PRIVATE keeps its changes, SIGBUS past the end and
 * after a truncate, msync and mprotect and their errors, mmap's errors, a
 * mapped file unlinked, offsets, big files read through the cache, and the
 * mapping's line in /proc/self/maps, and madvise's advice. They run in /tmp (ramfs: the page
 * cache is the file's store) and then, for each disk T_MMAP_DISKS names,
 * on it mounted at /mnt (ext2: a cache over the disk; the QEMU
 * test gives a 4 KiB-block and a 1 KiB-block one), where umount must say
 * EBUSY while a file is mapped and the data must be on the image after.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define PG 4096

static char tm_dir[64] = "/tmp";
static char tm_path[128];
static char tm_buf[3 * PG + 100];

static const char *tm_file(const char *name)
{
	snprintf(tm_path, sizeof(tm_path), "%s/%s", tm_dir, name);
	return tm_path;
}

static char tm_byte(size_t i)
{
	return (char)('a' + (i * 7 + i / 13) % 26);
}

/* A file of @p len pattern bytes, opened read-write. */
static int tm_make(const char *name, size_t len)
{
	int fd = open(tm_file(name), O_CREAT | O_TRUNC | O_RDWR, 0644);
	static char chunk[PG];

	for (size_t done = 0; fd >= 0 && done < len;) {
		size_t n = len - done < PG ? len - done : PG;

		for (size_t i = 0; i < n; i++)
			chunk[i] = tm_byte(done + i);
		if (write(fd, chunk, n) != (ssize_t)n)
			return -1;
		done += n;
	}
	return fd;
}

static ssize_t tm_pread(int fd, void *buf, size_t len, off_t off)
{
	if (lseek(fd, off, SEEK_SET) != off)
		return -1;
	return read(fd, buf, len);
}

static int tm_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Run @p fn in a child; return how it ended (128 + signal if killed). */
static int tm_child(void (*fn)(volatile char *), volatile char *p)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(p);
		_exit(0);
	}
	return tm_wait(pid);
}

static void tm_touch(volatile char *p)
{
	(void)*p;
}

static void tm_poke(volatile char *p)
{
	*p = 'w';
}

/* One copy: stores through the mapping are read(), write()s are seen in it. */
static void mm_shared(void)
{
	size_t len = sizeof(tm_buf);
	int fd = tm_make("shared", len), same = 1;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	T_CHECK(fd >= 0 && m != MAP_FAILED);
	for (size_t i = 0; i < len; i++)
		same &= m[i] == tm_byte(i);
	T_CHECK(same);
	m[10] = 'X';
	m[PG + 5] = 'Y';
	memcpy(m + 3 * PG + 90, "tail", 4);
	T_EQ(tm_pread(fd, tm_buf, len, 0), len);
	T_CHECK(tm_buf[10] == 'X' && tm_buf[PG + 5] == 'Y' &&
		!memcmp(tm_buf + 3 * PG + 90, "tail", 4));
	T_EQ(lseek(fd, 2 * PG, SEEK_SET), 2 * PG);
	T_EQ(write(fd, "hello", 5), 5);
	T_CHECK(memcmp(m + 2 * PG, "hello", 5) == 0);
	T_EQ(msync(m, len, MS_SYNC), 0);
	T_EQ(munmap(m, len), 0);
	T_EQ(tm_pread(fd, tm_buf, 16, 0), 16);
	T_CHECK(tm_buf[10] == 'X');
	close(fd);
	unlink(tm_file("shared"));
}

/* A second process maps the file on its own and writes; the first sees it. */
static void mm_two_procs(void)
{
	int fd = tm_make("two", 2 * PG);
	char *m = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	pid_t pid;

	T_CHECK(fd >= 0 && m != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		int cfd = open(tm_file("two"), O_RDWR);
		char *c = cfd < 0 ? MAP_FAILED
				  : mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);

		if (c == MAP_FAILED)
			_exit(2);
		memcpy(c + PG + 100, "from the child", 14);
		_exit(msync(c, 2 * PG, MS_ASYNC) == 0 && munmap(c, 2 * PG) == 0 ? 0 : 3);
	}
	T_EQ(tm_wait(pid), 0);
	T_CHECK(memcmp(m + PG + 100, "from the child", 14) == 0);
	T_EQ(tm_pread(fd, tm_buf, 14, PG + 100), 14);
	T_CHECK(memcmp(tm_buf, "from the child", 14) == 0);
	/* inherited by fork: the child's store is the parent's page */
	munmap(m, 2 * PG);
	m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	T_CHECK(m != MAP_FAILED);
	T_EQ(tm_child(tm_poke, m + 7), 0);
	T_CHECK(m[7] == 'w');
	munmap(m, 2 * PG);
	close(fd);
	unlink(tm_file("two"));
}

/* MAP_PRIVATE: the process's own copy on write; the file and others keep theirs. */
static void mm_private(void)
{
	int fd = tm_make("priv", 2 * PG);
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *s = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);

	T_CHECK(fd >= 0 && p != MAP_FAILED && s != MAP_FAILED);
	T_CHECK(p[1] == tm_byte(1));
	p[1] = '#';
	T_CHECK(p[1] == '#' && s[1] == tm_byte(1));
	T_EQ(tm_pread(fd, tm_buf, 2, 0), 2);
	T_CHECK(tm_buf[1] == tm_byte(1));
	/* a write() to a page the private mapping did not copy shows there */
	T_EQ(lseek(fd, PG, SEEK_SET), PG);
	T_EQ(write(fd, "new", 3), 3);
	T_CHECK(memcmp(s + PG, "new", 3) == 0);
	munmap(p, 2 * PG);
	T_EQ(tm_pread(fd, tm_buf, 2, 0), 2);
	T_CHECK(tm_buf[1] == tm_byte(1));
	munmap(s, 2 * PG);
	close(fd);
	unlink(tm_file("priv"));
}

/* Past the end: zeros to the page's end, SIGBUS on the pages after it. */
static void mm_sigbus(void)
{
	int fd = tm_make("bus", 100), zeros = 1;
	char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	struct stat st;

	T_CHECK(fd >= 0 && m != MAP_FAILED);
	for (int i = 100; i < PG; i++)
		zeros &= m[i] == 0;
	T_CHECK(zeros);
	T_EQ(tm_child(tm_touch, m + PG), 128 + SIGBUS);
	m[200] = 'z'; /* in the last page, past the end: not the file's */
	T_EQ(msync(m, PG, MS_SYNC), 0);
	T_EQ(fstat(fd, &st), 0);
	T_EQ(st.st_size, 100);
	/* shrink under a mapping: the cut page faults; grow: zeros come back */
	T_EQ(ftruncate(fd, 3 * PG), 0);
	m[2 * PG] = 'q';
	T_CHECK(m[200] == 0);
	T_EQ(ftruncate(fd, PG), 0);
	T_EQ(tm_child(tm_touch, m + 2 * PG), 128 + SIGBUS);
	T_EQ(ftruncate(fd, 3 * PG), 0);
	T_CHECK(m[2 * PG] == 0);
	munmap(m, 3 * PG);
	close(fd);
	unlink(tm_file("bus"));
}

static void mm_msync_mprotect(void)
{
	char *a = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);

	T_CHECK(a != MAP_FAILED);
	T_ERRNO(msync(a + 1, PG, MS_SYNC), EINVAL);
	T_ERRNO(msync(a, PG, MS_SYNC | MS_ASYNC), EINVAL);
	T_ERRNO(msync(a, PG, 0x100), EINVAL);
	T_EQ(msync(a, 2 * PG, MS_ASYNC | MS_INVALIDATE), 0);
	T_EQ(msync(a, 0, MS_SYNC), 0);
	T_ERRNO(msync(a, 3 * PG, MS_SYNC), ENOMEM);
	a[0] = 1;
	T_EQ(mprotect(a, PG, PROT_READ), 0);
	T_CHECK(a[0] == 1);
	T_EQ(tm_child(tm_poke, a), 128 + SIGSEGV);
	T_EQ(tm_child(tm_poke, a + PG), 0);
	T_EQ(mprotect(a, PG, PROT_READ | PROT_WRITE), 0);
	a[0] = 2;
	T_CHECK(a[0] == 2);
	T_ERRNO(mprotect(a + 1, PG, PROT_READ), EINVAL);
	T_ERRNO(mprotect(a, PG, 0x80), EINVAL);
	T_ERRNO(mprotect(a, 3 * PG, PROT_READ), ENOMEM);
	munmap(a, 2 * PG);
}

static void mm_errors(void)
{
	int rw = tm_make("err", PG), ro = open(tm_file("err"), O_RDONLY);
	int wo = open(tm_file("err"), O_WRONLY), pr = open("/proc/self/status", O_RDONLY);
	int dir = open(tm_dir, O_RDONLY);
	void *m;

	T_CHECK(rw >= 0 && ro >= 0 && wo >= 0);
	errno = 0;
	T_CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED &&
		errno == EACCES);
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	T_CHECK(m != MAP_FAILED);
	munmap(m, PG);
	errno = 0;
	T_CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED && errno == EACCES);
	errno = 0;
	T_CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, 99, 0) == MAP_FAILED && errno == EBADF);
	errno = 0;
	T_CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, 100) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	T_CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE, rw, 0) == MAP_FAILED &&
		errno == EINVAL);
	if (pr >= 0) {
		errno = 0;
		T_CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, pr, 0) == MAP_FAILED &&
			errno == ENODEV);
	}
	errno = 0;
	T_CHECK(dir >= 0 && mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0) == MAP_FAILED &&
		errno == EACCES);
	close(rw), close(ro), close(wo), close(pr), close(dir);
	unlink(tm_file("err"));
}

/* A mapped file lives on without its name; offsets pick the pages. */
static void mm_unlinked_offset(void)
{
	int fd = tm_make("gone", 3 * PG);
	char *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PG);

	T_CHECK(fd >= 0 && m != MAP_FAILED);
	T_CHECK(m[0] == tm_byte(2 * PG) && m[PG - 1] == tm_byte(3 * PG - 1));
	close(fd);
	T_EQ(unlink(tm_file("gone")), 0);
	m[1] = '!';
	T_CHECK(m[1] == '!' && m[2] == tm_byte(2 * PG + 2));
	T_EQ(munmap(m, PG), 0);
}

/* A file bigger than a batch, read back in odd pieces and through a mapping. */
static void mm_big(void)
{
	size_t len = 1024 * 1024 + 333, got = 0;
	int fd = tm_make("big", len), ok = 1;
	char *m;

	T_CHECK(fd >= 0);
	T_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (ssize_t n; (n = read(fd, tm_buf, 1000 + got % 3000)) > 0; got += (size_t)n)
		for (ssize_t i = 0; i < n; i++)
			ok &= tm_buf[i] == tm_byte(got + (size_t)i);
	T_EQ(got, len);
	T_CHECK(ok);
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	T_CHECK(m != MAP_FAILED);
	for (size_t i = 0; m != MAP_FAILED && i < len; i += 4093)
		ok &= m[i] == tm_byte(i);
	T_CHECK(ok);
	munmap(m, len);
	close(fd);
	unlink(tm_file("big"));
}

/* /proc/self/maps names the mapping: path, and its inode. */
static void mm_maps(void)
{
	int fd = tm_make("named", PG), mfd;
	char *m = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0), *line;
	static char maps[8192], want[160], ino[32];
	struct stat st;
	ssize_t n = 0;

	T_CHECK(fd >= 0 && m != MAP_FAILED && fstat(fd, &st) == 0);
	mfd = open("/proc/self/maps", O_RDONLY);
	if (mfd >= 0)
		n = read(mfd, maps, sizeof(maps) - 1);
	close(mfd);
	maps[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%lx-", (unsigned long)m);
	line = strstr(maps, want);
	snprintf(ino, sizeof(ino), " %lu ", (unsigned long)st.st_ino);
	T_CHECK(line != NULL);
	if (line) {
		*strchr(line, '\n') = '\0';
		T_CHECK(strstr(line, tm_file("named")) != NULL);
		T_CHECK(strstr(line, ino) != NULL);
		T_CHECK(strstr(line, " r--s ") != NULL);
	}
	munmap(m, PG);
	close(fd);
	unlink(tm_file("named"));
}

/* madvise: what each piece of advice does to anonymous and file pages. */
static void mm_advice(void)
{
	int fd = tm_make("adv", 4 * PG);
	char *a = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	char *sa = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	char *sf = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *pf = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	T_CHECK(fd >= 0 && a != MAP_FAILED && sa != MAP_FAILED && sf != MAP_FAILED &&
		pf != MAP_FAILED);
	a[0] = 'a', sa[0] = 's', sf[0] = 'f', pf[0] = 'p';
	T_EQ(madvise(a, PG, MADV_DONTNEED), 0);
	T_EQ(madvise(sa, PG, MADV_DONTNEED), 0);
	T_EQ(madvise(sf, 4 * PG, MADV_DONTNEED), 0);
	T_EQ(madvise(pf, 4 * PG, MADV_DONTNEED), 0);
	T_CHECK(a[0] == 0 && sa[0] == 's' && sf[0] == 'f' && pf[0] == 'f');
	T_EQ(tm_pread(fd, tm_buf, 1, 0), 1);
	T_CHECK(tm_buf[0] == 'f');
	T_EQ(madvise(sf, 4 * PG, MADV_SEQUENTIAL), 0);
	T_EQ(madvise(pf, 4 * PG, MADV_WILLNEED), 0);
	T_CHECK(sf[3 * PG + 1] == tm_byte(3 * PG + 1) && pf[2 * PG] == tm_byte(2 * PG));
	T_EQ(madvise(sf, 4 * PG, MADV_NORMAL), 0);
	T_EQ(madvise(a, PG, MADV_DONTFORK), 0);
	a[1] = 'k';
	T_EQ(tm_child(tm_touch, a), 128 + SIGSEGV); /* the child has no such range */
	T_EQ(madvise(a, PG, MADV_DOFORK), 0);
	T_EQ(tm_child(tm_touch, a), 0);
	T_CHECK(a[1] == 'k');
	T_ERRNO(madvise(a, PG, 0x40), EINVAL);
	T_ERRNO(madvise(a + 1, PG, MADV_NORMAL), EINVAL);
	munmap(a, PG), munmap(sa, PG), munmap(sf, 4 * PG), munmap(pf, 4 * PG);
	a = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	T_EQ(munmap(a + PG, PG), 0);
	T_ERRNO(madvise(a, 2 * PG, MADV_DONTNEED), ENOMEM);
	munmap(a, PG);
	close(fd);
	unlink(tm_file("adv"));
}

/* exec maps a program's text from the page cache: its maps line names it. */
static void mm_exec_text(void)
{
	static char out[8192];
	int p[2], found = 0;
	ssize_t n, got = 0;
	pid_t pid;

	T_EQ(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl("/bin/cat", "cat", "/proc/self/maps", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (got < (ssize_t)sizeof(out) - 1 &&
	       (n = read(p[0], out + got, sizeof(out) - 1 - (size_t)got)) > 0)
		got += n;
	close(p[0]);
	out[got] = '\0';
	T_EQ(tm_wait(pid), 0);
	for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n"))
		found |= strstr(l, " r-xp ") && strstr(l, "/bin/cat");
	T_CHECK(found);
}

static long tm_free_kib(void)
{
	static struct meminfo mi;

	if (sysctl(SYSCTL_MEMINFO, 0, &mi) != 0)
		return -1;
	return (long)(mi.zones[0].free_kib + mi.zones[1].free_kib);
}

/* A child takes @p kib of anonymous memory, a byte per page: its status. */
static int tm_take_anon(long kib)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *m = mmap(NULL, (size_t)kib * 1024, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANON, -1, 0);

		if (m == MAP_FAILED)
			_exit(2);
		for (long i = 0; i < kib * 1024; i += PG)
			m[i] = 1;
		_exit(0);
	}
	return pid < 0 ? -1 : tm_wait(pid);
}

/* KiB for a pressure test's file on a disk: free / @p part, at most half the
 * room left and @p cap; 0 on ramfs (its pages are the data: no test). */
static long tm_pressure_kib(long free, long part, long cap)
{
	struct statfs sf;
	long room, size;

	if (strcmp(tm_dir, "/tmp") == 0 || statfs(tm_dir, &sf) != 0)
		return 0;
	room = (long)(sf.f_bavail * sf.f_bsize / 2048);
	size = free / part < room ? free / part : room;
	return (size < cap ? size : cap) & ~3L;
}

/* Memory short: a disk file's cached pages go back (the page cache's
 * shrinker), so a process can have more than what was free and what the
 * buffer cache's clean copies of the file give back. */
static void mm_pressure(void)
{
	long free0 = tm_free_kib(), free1, want, size = tm_pressure_kib(free0, 3, 48 * 1024);
	int fd;

	if (size == 0)
		return;
	fd = tm_make("big2", (size_t)size * 1024);
	T_CHECK(fd >= 0 && fsync(fd) == 0);
	close(fd);
	free1 = tm_free_kib();
	T_CHECK(free1 < free0 - size / 2); /* the file's pages are cached */
	want = free1 + size + size / 2;	   /* more than the clean buffers of the file give back */
	T_EQ(tm_take_anon(want), 0);
	T_EQ(unlink(tm_file("big2")), 0);
}

/*
 * Memory short while a disk file's pages were written through a shared
 * mapping that is gone: nobody wrote them back yet, so no shrink can drop
 * them. The page daemon writes them back (it need not wait for the 5 s
 * flusher) and frees them, the faulting child waits for it, and the file
 * holds what was stored.
 */
static void mm_pressure_dirty(void)
{
	long size = tm_pressure_kib(tm_free_kib(), 2, 24 * 1024);
	char *m;
	char c;
	int fd;

	if (size == 0)
		return;
	fd = open(tm_file("dirty"), O_CREAT | O_TRUNC | O_RDWR, 0644);
	T_CHECK(fd >= 0 && ftruncate(fd, size * 1024) == 0);
	m = mmap(NULL, (size_t)size * 1024, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	T_CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	for (long i = 0; i < size * 1024; i += PG)
		m[i] = (char)('a' + (i / PG) % 26);
	T_EQ(munmap(m, (size_t)size * 1024), 0);
	/* More than is free now: only the written pages can give it. */
	T_EQ(tm_take_anon(tm_free_kib() + size / 2), 0);
	for (long pg = 0; pg < size / 4; pg += size / 4 / 7 + 1)
		T_CHECK(tm_pread(fd, &c, 1, (off_t)pg * PG) == 1 && c == (char)('a' + pg % 26));
	close(fd);
	T_EQ(unlink(tm_file("dirty")), 0);
}

static const struct ztest tm_tests[] = {
	ZTEST(mm_shared),
	ZTEST(mm_two_procs),
	ZTEST(mm_private),
	ZTEST(mm_sigbus),
	ZTEST(mm_msync_mprotect),
	ZTEST(mm_errors),
	ZTEST(mm_unlinked_offset),
	ZTEST(mm_big),
	ZTEST(mm_maps),
	ZTEST(mm_advice),
	ZTEST(mm_exec_text),
	ZTEST(mm_pressure),
	ZTEST(mm_pressure_dirty),
};

/* The disk's turn: mounted on /mnt, the tests, EBUSY while mapped, a file
 * left for the host (written through a mapping, msync'ed), umount. */
static int tm_disk(const char *dev, const char *prog)
{
	int rc, fd;
	char *m;

	mkdir("/mnt", 0755);
	if (mount(dev, "/mnt", "ext2", 0, NULL) != 0) {
		printf("%s: cannot mount %s: %s\n", prog, dev, strerror(errno));
		return 1;
	}
	snprintf(tm_dir, sizeof(tm_dir), "/mnt");
	rc = ztest_main(prog, tm_tests, ZTEST_COUNT(tm_tests));
	fd = open("/mnt/mapped", O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (fd < 0 || ftruncate(fd, 2 * PG) != 0)
		return 1;
	m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	close(fd);
	for (int i = 0; i < 2 * PG; i++)
		m[i] = tm_byte((size_t)i);
	if (umount("/mnt") == 0 || errno != EBUSY) {
		printf("%s: umount of a mapped file system did not say EBUSY\n", prog);
		rc = 1;
	}
	if (msync(m, 2 * PG, MS_SYNC) != 0 || munmap(m, 2 * PG) != 0 || umount("/mnt") != 0) {
		printf("%s: msync/munmap/umount: %s\n", prog, strerror(errno));
		rc = 1;
	}
	return rc;
}

/* T_MMAP_DISKS: the disks to run on too, by comma ("/dev/vda,/dev/vdb");
 * each is reported as t_mmap_<name>. */
int main(void)
{
	int rc = ztest_main("t_mmap", tm_tests, ZTEST_COUNT(tm_tests));
	const char *env = getenv("T_MMAP_DISKS");
	static char disks[128], prog[160];

	snprintf(disks, sizeof(disks), "%s", env ? env : "");
	for (char *d = disks, *next; *d; d = next) { /* the tests use strtok: not here */
		const char *base;

		next = d + strcspn(d, ",");
		if (*next)
			*next++ = '\0';
		base = strrchr(d, '/');
		snprintf(prog, sizeof(prog), "t_mmap_%s", base ? base + 1 : d);
		rc |= tm_disk(d, prog);
	}
	return rc;
}
