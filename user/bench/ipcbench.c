/*
 * ipcbench: IPC and memory-mapping costs of the kernel under it, in guest
 * instructions (issue 14, item 8). One source, POSIX and System V calls
 * only, built for zero (zero-cc) and for Linux (gcc -static, glibc) by
 * `make bench` (tests/bench/run-ipc.sh). QEMU runs with -icount shift=0,
 * where the TSC advances one tick per guest instruction on both kernels,
 * so rdtsc deltas are instruction counts (both processes of a ping-pong
 * and the kernel between them included).
 *
 * Rows: a null system call and a one-byte pipe round trip between two
 * processes (the references), a System V message round trip between two
 * processes, an uncontended semop P+V pair, a semaphore ping-pong between
 * two processes, a shm ping-pong (a counter in a System V segment handed
 * back and forth under two semaphores), mmap + touch + munmap of 4 MiB of
 * anonymous memory, and the per-page fault cost of a MAP_SHARED mapping of
 * a 4 MiB file in /tmp (read, then write). Every value handed over is
 * checked, and after the write rounds read() must see the stores.
 *
 * Prints "ipcbench: <name> | <instructions per op>" rows, then
 * "ipcbench: done". When the kernel cannot map a regular file (mmap fails)
 * the file rows say "| n/a" and the reason is printed on a note line; any
 * other failure prints "ipcbench: failed: <what>: <strerror>" and exits 1.
 * Usage: ipcbench [-q]; -q (or IPCBENCH_QUICK=1 in the environment, as the
 * kernel word init.IPCBENCH_QUICK=1 gives it) runs few iterations.
 * IPCBENCH_ONLY=name runs only that row's benchmark (null, pipe, msg,
 * sem_pair, sem_pingpong, shm_pingpong, mmap_anon, file_fault; "none" runs
 * none), for a profile of one row (tools/qprof/qprof.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE	   4096
#define MAP_LEN	   (4u << 20)
#define MAP_PAGES  (MAP_LEN / PAGE)
#define FILE_PATH  "/tmp/ipcbench.map"
#define MTYPE_PING 1
#define MTYPE_PONG 2

/* What semctl's fourth argument is; the program defines it (POSIX). */
union ipcb_semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

struct ipcb_msg {
	long mtype;
	long seq;
};

static int ipcb_scale = 1;  /* iterations are divided by this (-q: 20) */
static int ipcb_msq = -1;   /* objects removed on failure, so that the */
static int ipcb_semid = -1; /* other process's blocked call fails too */

static uint64_t ipcb_ticks(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static void ipcb_fail(const char *what, const char *why)
{
	if (ipcb_msq >= 0)
		msgctl(ipcb_msq, IPC_RMID, NULL);
	if (ipcb_semid >= 0)
		semctl(ipcb_semid, 0, IPC_RMID);
	printf("ipcbench: failed: %s: %s\n", what, why);
	fflush(stdout);
	exit(1);
}

/* A call failed (errno says why). */
static void ipcb_die(const char *what)
{
	ipcb_fail(what, strerror(errno));
}

/* A value handed over is not the one sent. */
static void ipcb_wrong(const char *what)
{
	ipcb_fail(what, "wrong value");
}

static long ipcb_iters(long n)
{
	return n / ipcb_scale > 0 ? n / ipcb_scale : 1;
}

static void ipcb_row(const char *name, uint64_t t, long n)
{
	printf("ipcbench: %s | %llu\n", name, (unsigned long long)(t / (uint64_t)n));
	fflush(stdout);
}

static pid_t ipcb_fork(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		ipcb_die("fork");
	return pid;
}

/* Waits for the child; it must have exited with status 0. */
static void ipcb_reap(pid_t pid, const char *what)
{
	int st = 0;

	if (waitpid(pid, &st, 0) != pid)
		ipcb_die("waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ipcb_fail(what, "exited with an error");
}

static int ipcb_semop1(int id, unsigned short num, short op)
{
	struct sembuf sb;

	sb.sem_num = num;
	sb.sem_op = op;
	sb.sem_flg = 0;
	return semop(id, &sb, 1);
}

/* A private set of n semaphores, every one at val. */
static int ipcb_semset(int n, int val)
{
	union ipcb_semun arg;
	int id = semget(IPC_PRIVATE, n, IPC_CREAT | 0600);

	if (id < 0)
		ipcb_die("semget");
	ipcb_semid = id;
	memset(&arg, 0, sizeof(arg));
	arg.val = val;
	for (int i = 0; i < n; i++)
		if (semctl(id, i, SETVAL, arg) != 0)
			ipcb_die("semctl SETVAL");
	return id;
}

static void ipcb_semrm(void)
{
	if (semctl(ipcb_semid, 0, IPC_RMID) != 0)
		ipcb_die("semctl IPC_RMID");
	ipcb_semid = -1;
}

static void ipcb_null(void)
{
	long n = ipcb_iters(20000);
	uint64_t t = ipcb_ticks();

	for (long i = 0; i < n; i++)
		getppid();
	ipcb_row("null system call, getppid (reference)", ipcb_ticks() - t, n);
}

/* The child echoes every byte back until its end of the pipe closes. */
static void ipcb_pipe_child(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static void ipcb_pipe(void)
{
	long n = ipcb_iters(2000);
	int a[2], b[2];
	char c = 'x';
	pid_t pid;
	uint64_t t;

	if (pipe(a) || pipe(b))
		ipcb_die("pipe");
	pid = ipcb_fork();
	if (pid == 0) {
		close(a[1]), close(b[0]);
		ipcb_pipe_child(a[0], b[1]);
	}
	close(a[0]), close(b[1]);
	t = ipcb_ticks();
	for (long i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			ipcb_die("pipe round trip");
	t = ipcb_ticks() - t;
	close(a[1]);
	ipcb_reap(pid, "pipe child");
	close(b[0]);
	ipcb_row("pipe round trip, 1 byte (reference)", t, n);
}

/* The child answers each ping (seq) with a pong (seq + 1). */
static void ipcb_msg_child(long n)
{
	struct ipcb_msg m;

	for (long i = 0; i < n; i++) {
		if (msgrcv(ipcb_msq, &m, sizeof(m.seq), MTYPE_PING, 0) != (ssize_t)sizeof(m.seq))
			ipcb_die("msgrcv (child)");
		if (m.seq != i)
			ipcb_wrong("message out of sequence (child)");
		m.mtype = MTYPE_PONG;
		m.seq = i + 1;
		if (msgsnd(ipcb_msq, &m, sizeof(m.seq), 0) != 0)
			ipcb_die("msgsnd (child)");
	}
	_exit(0);
}

static void ipcb_msg(void)
{
	long n = ipcb_iters(2000);
	struct ipcb_msg m;
	pid_t pid;
	uint64_t t;

	ipcb_msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (ipcb_msq < 0)
		ipcb_die("msgget");
	pid = ipcb_fork();
	if (pid == 0)
		ipcb_msg_child(n);
	t = ipcb_ticks();
	for (long i = 0; i < n; i++) {
		m.mtype = MTYPE_PING;
		m.seq = i;
		if (msgsnd(ipcb_msq, &m, sizeof(m.seq), 0) != 0)
			ipcb_die("msgsnd");
		if (msgrcv(ipcb_msq, &m, sizeof(m.seq), MTYPE_PONG, 0) != (ssize_t)sizeof(m.seq))
			ipcb_die("msgrcv");
		if (m.seq != i + 1)
			ipcb_wrong("message out of sequence");
	}
	t = ipcb_ticks() - t;
	ipcb_reap(pid, "message child");
	if (msgctl(ipcb_msq, IPC_RMID, NULL) != 0)
		ipcb_die("msgctl IPC_RMID");
	ipcb_msq = -1;
	ipcb_row("SysV message round trip, 8 bytes (msgsnd+msgrcv each way)", t, n);
}

static void ipcb_sem_pair(void)
{
	long n = ipcb_iters(20000);
	int id = ipcb_semset(1, 1);
	uint64_t t = ipcb_ticks();

	for (long i = 0; i < n; i++)
		if (ipcb_semop1(id, 0, -1) != 0 || ipcb_semop1(id, 0, 1) != 0)
			ipcb_die("semop");
	t = ipcb_ticks() - t;
	if (semctl(id, 0, GETVAL) != 1)
		ipcb_wrong("semaphore value after P+V pairs");
	ipcb_semrm();
	ipcb_row("semop P+V pair, uncontended (one process)", t, n);
}

/*
 * Semaphore 0 says "the child's turn", 1 "the parent's turn". With word
 * set, each turn also checks and advances a counter in it (shm ping-pong).
 */
static void ipcb_turns_child(int id, volatile long *word, long n)
{
	for (long i = 0; i < n; i++) {
		if (ipcb_semop1(id, 0, -1) != 0)
			ipcb_die("semop P (child)");
		if (word && *word != 2 * i + 1)
			ipcb_wrong("shared counter (child)");
		if (word)
			*word = 2 * i + 2;
		if (ipcb_semop1(id, 1, 1) != 0)
			ipcb_die("semop V (child)");
	}
	_exit(0);
}

static uint64_t ipcb_turns(int id, volatile long *word, long n)
{
	pid_t pid = ipcb_fork();
	uint64_t t;

	if (pid == 0)
		ipcb_turns_child(id, word, n);
	t = ipcb_ticks();
	for (long i = 0; i < n; i++) {
		if (word)
			*word = 2 * i + 1;
		if (ipcb_semop1(id, 0, 1) != 0 || ipcb_semop1(id, 1, -1) != 0)
			ipcb_die("semop (parent)");
		if (word && *word != 2 * i + 2)
			ipcb_wrong("shared counter");
	}
	t = ipcb_ticks() - t;
	ipcb_reap(pid, "ping-pong child");
	return t;
}

static void ipcb_sem_pingpong(void)
{
	long n = ipcb_iters(2000);
	uint64_t t = ipcb_turns(ipcb_semset(2, 0), NULL, n);

	ipcb_semrm();
	ipcb_row("semaphore ping-pong round trip (two processes)", t, n);
}

static void ipcb_shm_pingpong(void)
{
	long n = ipcb_iters(2000);
	int shm = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	volatile long *word;
	uint64_t t;

	if (shm < 0)
		ipcb_die("shmget");
	word = shmat(shm, NULL, 0);
	if (word == (void *)-1)
		ipcb_die("shmat");
	if (shmctl(shm, IPC_RMID, NULL) != 0) /* it lives until the last detach */
		ipcb_die("shmctl IPC_RMID");
	*word = 0;
	t = ipcb_turns(ipcb_semset(2, 0), word, n);
	ipcb_semrm();
	if (shmdt((const void *)word) != 0)
		ipcb_die("shmdt");
	ipcb_row("shm ping-pong round trip (SysV segment, two semaphores)", t, n);
}

static void ipcb_mmap_anon(void)
{
	long n = ipcb_iters(40);
	uint64_t t = ipcb_ticks();

	for (long i = 0; i < n; i++) {
		char *p =
		    mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			ipcb_die("mmap anonymous");
		for (size_t off = 0; off < MAP_LEN; off += PAGE)
			p[off] = 1;
		if (munmap(p, MAP_LEN) != 0)
			ipcb_die("munmap");
	}
	ipcb_row("mmap 4 MiB anonymous + touch every page + munmap", ipcb_ticks() - t, n);
}

/* The 4 MiB file: the first byte of page k is k & 0xff, the rest 'f'. */
static int ipcb_file_make(void)
{
	static char buf[PAGE];
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		ipcb_die("open " FILE_PATH);
	memset(buf, 'f', sizeof(buf));
	for (unsigned k = 0; k < MAP_PAGES; k++) {
		buf[0] = (char)(k & 0xff);
		if (write(fd, buf, PAGE) != PAGE)
			ipcb_die("write " FILE_PATH);
	}
	return fd;
}

/* Every page's first byte, after the write rounds, read with pread. */
static void ipcb_file_check(int fd, int mark)
{
	for (unsigned k = 0; k < MAP_PAGES; k++) {
		char c = 0;

		if (lseek(fd, (off_t)k * PAGE, SEEK_SET) < 0 || read(fd, &c, 1) != 1)
			ipcb_die("read " FILE_PATH);
		if ((unsigned char)c != (unsigned char)(mark + k))
			ipcb_wrong("a store through MAP_SHARED not seen by read()");
	}
}

/* One round: map the file, touch every page (read or write), unmap. */
static int ipcb_file_round(int fd, int write_round, int mark)
{
	volatile char *p = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	for (unsigned k = 0; k < MAP_PAGES; k++) {
		if (write_round)
			p[(size_t)k * PAGE] = (char)(mark + k);
		else if ((unsigned char)p[(size_t)k * PAGE] != (k & 0xff))
			ipcb_wrong("file mapping: a page does not hold the file's data");
	}
	if (munmap((void *)p, MAP_LEN) != 0)
		ipcb_die("munmap file");
	return 0;
}

static const char *const ipcb_file_names[2] = {
	"file mapping fault, read (MAP_SHARED, 4 MiB in /tmp), per page",
	"file mapping fault, write (MAP_SHARED, 4 MiB in /tmp), per page",
};

/* The read rows, then the write rows; the rest say n/a if mmap fails. */
static int ipcb_file_rows(int fd, long n)
{
	for (int w = 0; w < 2; w++) {
		uint64_t t = ipcb_ticks();

		for (long i = 0; i < n; i++) {
			if (ipcb_file_round(fd, w, (int)i) == 0)
				continue;
			printf("ipcbench: note: mmap of a regular file: %s\n", strerror(errno));
			for (; w < 2; w++)
				printf("ipcbench: %s | n/a\n", ipcb_file_names[w]);
			return -1;
		}
		ipcb_row(ipcb_file_names[w], ipcb_ticks() - t, n * MAP_PAGES);
	}
	return 0;
}

static void ipcb_file_fault(void)
{
	long n = ipcb_iters(20);
	int fd = ipcb_file_make();

	if (ipcb_file_rows(fd, n) == 0)
		ipcb_file_check(fd, (int)n - 1);
	close(fd);
	if (unlink(FILE_PATH) != 0)
		ipcb_die("unlink " FILE_PATH);
}

static const struct {
	const char *name;
	void (*fn)(void);
} ipcb_rows[] = {
	{ "null", ipcb_null },
	{ "pipe", ipcb_pipe },
	{ "msg", ipcb_msg },
	{ "sem_pair", ipcb_sem_pair },
	{ "sem_pingpong", ipcb_sem_pingpong },
	{ "shm_pingpong", ipcb_shm_pingpong },
	{ "mmap_anon", ipcb_mmap_anon },
	{ "file_fault", ipcb_file_fault },
};

int main(int argc, char **argv)
{
	const char *q = getenv("IPCBENCH_QUICK"), *only = getenv("IPCBENCH_ONLY");

	if ((q && strcmp(q, "1") == 0) || (argc > 1 && strcmp(argv[1], "-q") == 0))
		ipcb_scale = 20;
	for (unsigned i = 0; i < sizeof(ipcb_rows) / sizeof(ipcb_rows[0]); i++)
		if (only == NULL || strcmp(only, ipcb_rows[i].name) == 0)
			ipcb_rows[i].fn();
	printf("ipcbench: done\n");
	fflush(stdout);
	return 0;
}
