/*
 * ubench: user-space costs of the kernel under it, in guest instructions.
 * One source, POSIX calls only, built for zero (zero-cc) and for Linux (gcc
 * -static, glibc) by `make bench` (tests/bench/run-ubench.sh). QEMU runs
 * with -icount shift=0, where the TSC advances one tick per guest
 * instruction on both kernels, so rdtsc deltas are instruction counts.
 * Prints "ubench: <name> | <instructions per op>" rows, then "ubench: done".
 * Usage: ubench [-q] [-x PATH]; -q runs few iterations (a smoke test),
 * -x names the tiny program fork+exec runs (default: utrue beside argv[0]).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE	    4096
#define BULK	    4096
#define SBRK_SIZE   (4u << 20)
#define FAULT_PAGES 1024

static int scale = 1; /* iterations are divided by this (-q: 20) */
static char exec_path[256];

static uint64_t ticks(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static long iters(long n)
{
	return n / scale > 0 ? n / scale : 1;
}

static void row(const char *name, uint64_t t, long n)
{
	printf("ubench: %s | %llu\n", name, (unsigned long long)(t / (uint64_t)n));
	fflush(stdout);
}

static void bench_null(void)
{
	long n = iters(20000);
	uint64_t t = ticks();

	for (long i = 0; i < n; i++)
		getppid();
	row("null system call (getppid)", ticks() - t, n);
}

/* The child echoes every byte back until its end of the pipe closes. */
static void echo_child(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

static void bench_pingpong(void)
{
	long n = iters(2000);
	int a[2], b[2];
	char c = 'x';
	pid_t pid;
	uint64_t t;

	if (pipe(a) || pipe(b))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(a[1]), close(b[0]);
		echo_child(a[0], b[1]);
	}
	close(a[0]), close(b[1]);
	t = ticks();
	for (long i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			die("ping-pong");
	t = ticks() - t;
	close(a[1]);
	waitpid(pid, NULL, 0);
	close(b[0]);
	row("pipe ping-pong round trip", t, n);
}

static void bench_fork(void)
{
	long n = iters(200);
	uint64_t t = ticks();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	row("fork+exit+wait", ticks() - t, n);
}

static void bench_exec(void)
{
	long n = iters(100);
	char *argv[] = { exec_path, NULL };
	char *envp[] = { NULL };
	uint64_t t = ticks();

	for (long i = 0; i < n; i++) {
		int st = 0;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execve(exec_path, argv, envp);
			_exit(127);
		}
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "ubench: cannot exec %s\n", exec_path);
			exit(1);
		}
	}
	row("fork+exec+wait (tiny static binary)", ticks() - t, n);
}

static void bulk_child(int out, long n)
{
	static char buf[BULK];

	memset(buf, 'b', sizeof(buf));
	for (long i = 0; i < n; i++)
		if (write(out, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			_exit(1);
	_exit(0);
}

static void bench_bulk(void)
{
	static char buf[BULK];
	long n = iters(2000), got = 0;
	int p[2];
	pid_t pid;
	uint64_t t;

	if (pipe(p))
		die("pipe");
	t = ticks();
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(p[0]);
		bulk_child(p[1], n);
	}
	close(p[1]);
	for (;;) {
		ssize_t r = read(p[0], buf, sizeof(buf));

		if (r <= 0)
			break;
		got += r;
	}
	waitpid(pid, NULL, 0);
	t = ticks() - t;
	close(p[0]);
	if (got != n * BULK)
		die("bulk transfer short");
	row("pipe bulk transfer, per 4 KiB", t, n);
}

static void bench_sbrk(void)
{
	long n = iters(40);
	uint64_t t = ticks();

	for (long i = 0; i < n; i++) {
		char *p = sbrk(SBRK_SIZE);

		if (p == (void *)-1)
			die("sbrk");
		for (size_t off = 0; off < SBRK_SIZE; off += PAGE)
			p[off] = 1;
		if (sbrk(-(intptr_t)SBRK_SIZE) == (void *)-1)
			die("sbrk shrink");
	}
	row("sbrk 4 MiB + touch + shrink", ticks() - t, n);
}

static void bench_fault(void)
{
	long n = iters(20);
	uint64_t t = ticks();

	for (long i = 0; i < n; i++) {
		size_t len = (size_t)FAULT_PAGES * PAGE;
		char *p =
		    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			die("mmap");
		for (size_t off = 0; off < len; off += PAGE)
			p[off] = 1;
		munmap(p, len);
	}
	row("page fault (fresh anonymous page)", ticks() - t, n * FAULT_PAGES);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static void bench_thread(void)
{
	long n = iters(200);
	uint64_t t = ticks();

	for (long i = 0; i < n; i++) {
		pthread_t th;

		if (pthread_create(&th, NULL, thread_fn, NULL) != 0)
			die("pthread_create");
		pthread_join(th, NULL);
	}
	row("thread create+join", ticks() - t, n);
}

static void parse_args(int argc, char **argv)
{
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

	if (slash)
		snprintf(exec_path, sizeof(exec_path), "%.*s/utrue", (int)(slash - argv[0]),
			 argv[0]);
	else
		snprintf(exec_path, sizeof(exec_path), "utrue");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0)
			scale = 20;
		else if (strcmp(argv[i], "-x") == 0 && i + 1 < argc)
			snprintf(exec_path, sizeof(exec_path), "%s", argv[++i]);
	}
}

int main(int argc, char **argv)
{
	parse_args(argc, argv);
	bench_null();
	bench_pingpong();
	bench_fork();
	bench_exec();
	bench_bulk();
	bench_sbrk();
	bench_fault();
	bench_thread();
	printf("ubench: done\n");
	return 0;
}
