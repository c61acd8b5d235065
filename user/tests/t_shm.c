/*
 * In-guest tests of shared memory: System V segments (shmget shmat shmdt
 * shmctl: sharing between processes, SHM_RND, SHM_RDONLY faults, IPC_STAT
 * and IPC_SET, IPC_RMID while attached, fork inheriting and exec and exit
 * dropping attachments) and POSIX shm objects (shm_open, ftruncate, mmap
 * shared with a child, shm_unlink while mapped, SHM_ANON across fork, bad
 * names, EEXIST/ENOENT, read/write refused, fstat, fchmod), EFAULT for
 * each pointer, the demo, ipcs -m, and a leak check at the end (segments,
 * objects, attachments and free memory back to the start).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define BAD_PTR ((void *)8)
#define MIB	(1024 * 1024)

static struct ipc_limits ts_start;
static long ts_free_start;
static char ts_out[8192];

static long ts_free_kib(void)
{
	static struct meminfo mi;

	if (sysctl(SYSCTL_MEMINFO, 0, &mi) != 0)
		return -1;
	return (long)(mi.zones[0].free_kib + mi.zones[1].free_kib);
}

static int ts_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static struct ipc_limits ts_limits(void)
{
	struct ipc_limits lim;

	memset(&lim, 0, sizeof(lim));
	sysctl(SYSCTL_IPC, 0, &lim);
	return lim;
}

static void start(void)
{
	ts_start = ts_limits();
	ts_free_start = ts_free_kib();
	T_CHECK(ts_free_start > 0);
	T_EQ(ts_start.shmmax, 32 * MIB);
	T_EQ(ts_start.shmmni, 128);
	T_EQ(ts_start.shmmin, 1);
	T_CHECK(ts_start.shmall > 0);
}

/* Two processes share a segment: the child's writes are the parent's. */
static void sysv_share(void)
{
	int id = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
	volatile int *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	pid_t pid;

	T_CHECK(id >= 0);
	T_CHECK(p != (void *)-1);
	T_EQ(p[0], 0);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0);
	T_EQ(ds.shm_segsz, 3 * 4096);
	T_EQ(ds.shm_nattch, 1);
	T_EQ(ds.shm_cpid, getpid());
	pid = fork();
	if (pid == 0) {
		p[0] = 42;
		p[2048] = 43; /* the second page */
		_exit(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2 ? 0 : 1);
	}
	T_EQ(ts_wait(pid), 0);
	T_EQ(p[0], 42);
	T_EQ(p[2048], 43);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0);
	T_EQ(ds.shm_nattch, 1); /* the child's exit dropped its attachment */
	T_EQ(shmdt((void *)p), 0);
	T_ERRNO(shmdt((void *)p), EINVAL);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
	T_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
}

/* Keys, sizes, IPC_SET, SHM_RND and errors. */
static void sysv_keys(void)
{
	int id = shmget(0x5e11, 8192, IPC_CREAT | 0640), id2;
	struct shmid_ds ds;
	char *p;

	T_CHECK(id >= 0);
	T_EQ(shmget(0x5e11, 4096, 0), id);
	T_ERRNO(shmget(0x5e11, 8193, 0), EINVAL);
	T_ERRNO(shmget(0x5e11, 4096, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	T_ERRNO(shmget(0x5e12, 4096, 0), ENOENT);
	T_ERRNO(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	T_ERRNO(shmget(IPC_PRIVATE, 33 * MIB, 0600), EINVAL);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0);
	T_EQ(ds.shm_perm.mode & 0777, 0640);
	ds.shm_perm.mode = 0600;
	T_EQ(shmctl(id, IPC_SET, &ds), 0);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0);
	T_EQ(ds.shm_perm.mode & 0777, 0600);
	T_ERRNO(shmctl(id, 99, &ds), EINVAL);
	/* SHM_RND rounds an address down; without it, an unaligned one is EINVAL. */
	T_ERRNO(shmat(id, (void *)0x300000001000ULL + 5, 0), EINVAL);
	p = shmat(id, (void *)(0x300000001000ULL + 5), SHM_RND);
	T_EQ((long)p, 0x300000001000L);
	p[8191] = 'x';
	id2 = shmget(0x5e11, 0, 0);
	T_EQ(id2, id);
	T_EQ(shmdt(p), 0);
	T_ERRNO(shmat(id + 1, NULL, 0), EINVAL);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

/* A write through SHM_RDONLY is SIGSEGV; the segment reads fine. */
static void sysv_rdonly(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	char *w = shmat(id, NULL, 0);
	pid_t pid;

	strcpy(w, "read me");
	pid = fork();
	if (pid == 0) {
		volatile char *r = shmat(id, NULL, SHM_RDONLY);

		if (r == (void *)-1 || strcmp((const char *)r, "read me") != 0)
			_exit(1);
		r[0] = 'X';
		_exit(2);
	}
	T_EQ(ts_wait(pid), 128 + SIGSEGV);
	T_STREQ(w, "read me");
	T_EQ(shmdt(w), 0);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

/* IPC_RMID while attached: the key goes, the memory stays until the last detach. */
static void sysv_rmid_attached(void)
{
	long before = ts_free_kib(), during, after;
	int id = shmget(0x5e13, 2 * MIB, IPC_CREAT | 0600);
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;

	T_CHECK(p != (void *)-1);
	memset(p, 0x5a, 2 * MIB);
	during = ts_free_kib();
	T_CHECK(before - during >= 2000);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0); /* still there, removed */
	T_EQ(ds.shm_perm.key, IPC_PRIVATE);
	T_CHECK(ds.shm_perm.mode & SHM_DEST);
	T_EQ(ds.shm_nattch, 1);
	T_ERRNO(shmget(0x5e13, 0, 0), ENOENT);
	T_EQ(p[2 * MIB - 1], 0x5a);
	T_CHECK(ts_free_kib() < before - 2000);
	T_EQ(shmdt(p), 0);
	T_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
	after = ts_free_kib();
	T_CHECK(after >= before - 64);
}

/* fork inherits, exec and exit drop attachments. */
static void sysv_fork_exec(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		struct shmid_ds c;

		if (shmctl(id, IPC_STAT, &c) != 0 || c.shm_nattch != 2)
			_exit(1);
		strcpy(p, "child");
		if (shmdt(p) != 0) /* the child's own attachment: detachable */
			_exit(2);
		_exit(shmctl(id, IPC_STAT, &c) == 0 && c.shm_nattch == 1 ? 0 : 3);
	}
	T_EQ(ts_wait(pid), 0);
	T_STREQ(p, "child");
	pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	T_EQ(ts_wait(pid), 0);
	T_EQ(shmctl(id, IPC_STAT, &ds), 0);
	T_EQ(ds.shm_nattch, 1);
	T_EQ(ts_limits().shm_attach, ts_start.shm_attach + 1);
	T_EQ(shmdt(p), 0);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

/* shm_open + ftruncate + mmap, shared with a child; unlink while mapped. */
static void posix_share(void)
{
	int fd = shm_open("/t_shm.a", O_RDWR | O_CREAT | O_EXCL, 0640);
	struct stat st;
	volatile char *p;
	pid_t pid;

	T_CHECK(fd >= 0);
	T_EQ(fstat(fd, &st), 0);
	T_EQ(st.st_size, 0);
	T_EQ(st.st_mode & 0777, 0640);
	T_CHECK(S_ISREG(st.st_mode));
	T_EQ(ftruncate(fd, 3 * 4096), 0);
	T_EQ(fstat(fd, &st), 0);
	T_EQ(st.st_size, 3 * 4096);
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	T_CHECK(p != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		int cfd = shm_open("/t_shm.a", O_RDWR, 0);
		volatile char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 8192);

		if (cfd < 0 || q == MAP_FAILED)
			_exit(1);
		q[0] = 'c'; /* the third page of the object */
		p[0] = 'p';
		_exit(0);
	}
	T_EQ(ts_wait(pid), 0);
	T_EQ(p[0], 'p');
	T_EQ(p[8192], 'c');
	T_EQ(close(fd), 0);
	T_EQ(shm_unlink("/t_shm.a"), 0);
	T_ERRNO(shm_open("/t_shm.a", O_RDWR, 0), ENOENT);
	p[1] = 'k'; /* the mapping keeps the object */
	T_EQ(p[0], 'p');
	T_EQ(p[1], 'k');
	T_EQ(munmap((void *)p, 3 * 4096), 0);
}

/* SHM_ANON shared across fork; a touch past the end is SIGBUS. */
static void posix_anon(void)
{
	int fd = shm_open(SHM_ANON, O_RDWR, 0600);
	volatile int *p;
	pid_t pid;

	T_CHECK(fd >= 0);
	T_ERRNO(shm_open(SHM_ANON, O_RDONLY, 0600), EINVAL);
	T_EQ(ftruncate(fd, 4096), 0);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	T_CHECK(p != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		volatile int *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		q[1] = 7;
		_exit(q[1] == 7 ? 0 : 1);
	}
	T_EQ(ts_wait(pid), 0);
	T_EQ(p[1], 7);
	pid = fork();
	if (pid == 0) {
		p[1024] = 1; /* the second page: past the object's end */
		_exit(0);
	}
	T_EQ(ts_wait(pid), 128 + SIGBUS);
	T_EQ(ftruncate(fd, 8192), 0);
	p[1024] = 2;
	T_EQ(p[1024], 2);
	T_EQ(ftruncate(fd, 4096), 0); /* shrinking unmaps the cut page */
	pid = fork();
	if (pid == 0)
		_exit(p[1024] == 0 ? 3 : 4);
	T_EQ(ts_wait(pid), 128 + SIGBUS);
	T_EQ(munmap((void *)p, 8192), 0);
	T_EQ(close(fd), 0);
}

/* Names, flags, read/write, fchmod, permissions. */
static void posix_errors(void)
{
	char buf[8] = "abc", name[300];
	int fd, ro;

	T_ERRNO(shm_open("noslash", O_RDWR | O_CREAT, 0600), EINVAL);
	T_ERRNO(shm_open("/a/b", O_RDWR | O_CREAT, 0600), EINVAL);
	T_ERRNO(shm_open("/", O_RDWR | O_CREAT, 0600), EINVAL);
	T_ERRNO(shm_open("", O_RDWR | O_CREAT, 0600), EINVAL);
	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[299] = 0;
	T_ERRNO(shm_open(name, O_RDWR | O_CREAT, 0600), ENAMETOOLONG);
	T_ERRNO(shm_open("/t_shm.b", O_WRONLY | O_CREAT, 0600), EINVAL);
	T_ERRNO(shm_open("/t_shm.b", O_RDWR, 0600), ENOENT);
	T_ERRNO(shm_unlink("/t_shm.b"), ENOENT);
	T_ERRNO(shm_open(BAD_PTR, O_RDWR, 0), EFAULT);
	T_ERRNO(shm_unlink(BAD_PTR), EFAULT);
	fd = shm_open("/t_shm.b", O_RDWR | O_CREAT, 0600);
	T_CHECK(fd >= 0);
	T_ERRNO(shm_open("/t_shm.b", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	T_ERRNO(write(fd, buf, 3), ENOTSUP);
	T_ERRNO(read(fd, buf, 3), ENOTSUP);
	T_EQ(ftruncate(fd, 100), 0);
	ro = shm_open("/t_shm.b", O_RDONLY, 0);
	T_CHECK(ro >= 0);
	T_ERRNO(ftruncate(ro, 0), EINVAL);
	T_CHECK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
	T_EQ(errno, EACCES);
	T_ERRNO(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
	T_EQ(fchmod(fd, 0604), 0);
	{
		struct stat st;

		T_EQ(fstat(ro, &st), 0);
		T_EQ(st.st_mode & 0777, 0604);
		T_EQ(st.st_size, 100);
	}
	/* O_TRUNC with O_RDWR empties an object. */
	T_EQ(close(shm_open("/t_shm.b", O_RDWR | O_TRUNC, 0)), 0);
	{
		struct stat st;

		T_EQ(fstat(fd, &st), 0);
		T_EQ(st.st_size, 0);
	}
	T_EQ(close(ro), 0);
	T_EQ(close(fd), 0);
	T_EQ(shm_unlink("/t_shm.b"), 0);
}

static void efault_checks(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600), fd = shm_open("/t_shm.f", O_RDWR | O_CREAT, 0600);

	T_ERRNO(shmctl(id, IPC_STAT, BAD_PTR), EFAULT);
	T_ERRNO(shmctl(id, IPC_SET, BAD_PTR), EFAULT);
	T_ERRNO(shmctl(0, SHM_STAT, BAD_PTR), EFAULT);
	T_ERRNO(shm_list(BAD_PTR, 100), EFAULT);
	T_ERRNO(shmat(id, BAD_PTR, 0), EINVAL);
	T_EQ(close(fd), 0);
	T_EQ(shm_unlink("/t_shm.f"), 0);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

static int ts_run(char *const argv[])
{
	return ztest_run(argv, ts_out, sizeof(ts_out));
}

/* ipcs -m, ipcrm -m, shm_list (ls /dev/shm) and the demo. */
static void tools(void)
{
	int id = shmget(0x5e14, 5000, IPC_CREAT | 0640);
	int fd = shm_open("/t_shm.c", O_RDWR | O_CREAT, 0600);
	char line[128], ids[32], names[512];
	ssize_t n;

	T_EQ(ts_run((char *[]){ "/bin/ipcs", "-m", NULL }), 0);
	T_CHECK(strstr(ts_out, "------ Shared Memory Segments --------") != NULL);
	T_CHECK(strstr(ts_out, "key        shmid      owner      perms      bytes      nattch") !=
		NULL);
	snprintf(line, sizeof(line), "0x00005e14 %-10d %-10s %-10o %-10lu %-10lu %-6s\n", id,
		 "root", 0640, 5000ul, 0ul, "");
	T_CHECK(strstr(ts_out, line) != NULL);
	T_CHECK(strstr(ts_out, "Message") == NULL);
	n = shm_list(names, sizeof(names));
	T_EQ(n, (ssize_t)sizeof("t_shm.c"));
	T_STREQ(names, "t_shm.c");
	T_EQ(ts_run((char *[]){ "/bin/ipcs", "-m", NULL }), 0);
	T_CHECK(strstr(ts_out, "/t_shm.c") != NULL);
	snprintf(ids, sizeof(ids), "%d", id);
	T_EQ(ts_run((char *[]){ "/bin/ipcrm", "-m", ids, NULL }), 0);
	T_ERRNO(shmctl(id, IPC_STAT, (struct shmid_ds *)names), EINVAL);
	T_EQ(ts_run((char *[]){ "/bin/ipcrm", "-m", ids, NULL }), 1);
	T_EQ(close(fd), 0);
	T_EQ(shm_unlink("/t_shm.c"), 0);
	T_EQ(ts_run((char *[]){ "/usr/demo/shm_demo", NULL }), 0);
	T_CHECK(strstr(ts_out, "shared -> derahs\n") != NULL);
	T_CHECK(strstr(ts_out, "shm_demo: ok\n") != NULL);
}

static void no_leaks(void)
{
	struct ipc_limits lim = ts_limits();

	T_EQ(lim.shm_used, ts_start.shm_used);
	T_EQ(lim.shm_pages, ts_start.shm_pages);
	T_EQ(lim.shm_attach, ts_start.shm_attach);
	T_EQ(lim.pshm_used, ts_start.pshm_used);
	T_EQ(lim.sem_used, ts_start.sem_used);
	/* Frames back, give or take the kernel's own caches. */
	T_CHECK(ts_free_kib() >= ts_free_start - 256);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(start),
		ZTEST(sysv_share),
		ZTEST(sysv_keys),
		ZTEST(sysv_rdonly),
		ZTEST(sysv_rmid_attached),
		ZTEST(sysv_fork_exec),
		ZTEST(posix_share),
		ZTEST(posix_anon),
		ZTEST(posix_errors),
		ZTEST(efault_checks),
		ZTEST(tools),
		ZTEST(no_leaks),
	};

	return ztest_main("t_shm", tests, ZTEST_COUNT(tests));
}
