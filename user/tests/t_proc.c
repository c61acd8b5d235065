/*
 * In-guest tests of processes and signals: fork and wait with exit
 * statuses, exec of good, missing, malformed and #! files, crashing
 * children killed by the right signal, kill, handlers and masks, pipes
 * between parent and child, the break, anonymous memory copied on write,
 * and bad pointers to every pointer argument of these calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <uapi/meminfo.h>
#include <uapi/mman.h>
#include <uapi/proc.h>
#include <uapi/signal.h>
#include <uapi/sysctl.h>
#include <uapi/syscall.h>
#include <unistd.h>

#include "ztest.h"

#define KERNEL_ADDR ((void *)0xffff800000000000ul)
#define NONCANON    ((void *)0x0000800000000000ul)

/* Run @fn in a child; return its wait status. */
static int child_status(void (*fn)(void))
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static void exit_with_7(void)
{
	_exit(7);
}

static void fork_and_wait(void)
{
	int st = child_status(exit_with_7);
	pid_t pids[8];
	int seen = 0;

	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i);
		T_CHECK(pids[i] > 0);
	}
	for (int i = 0; i < 8; i++) {
		pid_t p = wait(&st);

		for (int k = 0; k < 8; k++)
			if (p == pids[k] && WEXITSTATUS(st) == k)
				seen++;
	}
	T_EQ(seen, 8);
	T_ERRNO(wait(&st), ECHILD);
	T_EQ(waitpid(-1, &st, WNOHANG), -1);
}

static void wait_bad_pointers(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	T_ERRNO(waitpid(pid, KERNEL_ADDR, 0), EFAULT);
	T_ERRNO(waitpid(pid, NONCANON, 0), EFAULT);
	T_EQ(waitpid(pid, NULL, 0), pid);
}

static void exec_true(void)
{
	char *argv[] = { "true", NULL };

	execv("/bin/true", argv);
	_exit(99);
}

static void exec_false(void)
{
	char *argv[] = { "false", NULL };

	execv("/bin/false", argv);
	_exit(99);
}

static int write_file(const char *path, const void *data, size_t n, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int ok = fd >= 0 && write(fd, data, n) == (ssize_t)n;

	return close(fd) == 0 && ok ? 0 : -1;
}

static void exec_programs(void)
{
	static const char junk[] = "\x7f"
				   "ELF but not really a program at all";
	static const char script[] = "#!/bin/true -x\nanything\n";
	char *argv[] = { "x", NULL };
	char *bigv[] = { "x", NULL, NULL };
	char *big = malloc(200 * 1024);
	int st;

	st = child_status(exec_true);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = child_status(exec_false);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	T_ERRNO(execv("/no/such/program", argv), ENOENT);
	T_EQ(write_file("/tmp/junk", junk, sizeof(junk), 0755), 0);
	T_ERRNO(execv("/tmp/junk", argv), ENOEXEC);
	T_EQ(write_file("/tmp/noexec", junk, sizeof(junk), 0644), 0);
	T_ERRNO(execv("/tmp/noexec", argv), EACCES);
	T_ERRNO(execv(NULL, argv), EFAULT);
	T_ERRNO(execv("/bin/true", KERNEL_ADDR), EFAULT);
	T_CHECK(big != NULL);
	memset(big, 'a', 200 * 1024 - 1);
	big[200 * 1024 - 1] = '\0';
	bigv[1] = big;
	T_ERRNO(execv("/bin/true", bigv), E2BIG);
	free(big);
	T_EQ(write_file("/tmp/script", script, sizeof(script) - 1, 0755), 0);
	if (fork() == 0) {
		execv("/tmp/script", argv);
		_exit(98);
	}
	T_CHECK(wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void null_deref(void)
{
	*(volatile int *)0 = 1;
}

static void divide(void)
{
	volatile int a = 1, b = 0;

	a = a / b;
}

static void bad_opcode(void)
{
	__asm__ volatile("ud2");
}

static void crashes_are_signals(void)
{
	int st = child_status(null_deref);

	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = child_status(divide);
	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE);
	st = child_status(bad_opcode);
	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGILL);
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

static void kill_a_child(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		sleep_forever();
	T_EQ(kill(pid, SIGKILL), 0);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	T_ERRNO(kill(99999, SIGTERM), ESRCH);
	T_ERRNO(kill(getpid(), 1000), EINVAL);
}

static volatile int caught;

static void on_usr1(int sig)
{
	caught += sig == SIGUSR1;
}

static void handlers_and_masks(void)
{
	struct sigaction sa = { 0 };
	sigset_t set, old;

	sa.sa_handler = on_usr1;
	T_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	caught = 0;
	T_EQ(raise(SIGUSR1), 0);
	T_EQ(caught, 1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	T_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	T_EQ(raise(SIGUSR1), 0);
	T_EQ(caught, 1); /* blocked: pending */
	T_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	T_EQ(caught, 2); /* delivered on unblocking */
	T_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	/* The kernel's side: a bad struct sigarg pointer is EFAULT. */
	T_EQ(__syscall(SYS_sigop, SIG_SETFUNC, SIGUSR1, (long)KERNEL_ADDR, 0, 0, 0), -EFAULT);
	signal(SIGUSR1, SIG_DFL);
}

static void pipe_to_child(void)
{
	int fds[2], st;
	char buf[16] = "";
	pid_t pid;

	T_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		_exit(write(fds[1], "hello", 5) == 5 ? 0 : 1);
	}
	close(fds[1]);
	T_EQ(read(fds[0], buf, sizeof(buf)), 5);
	T_EQ(memcmp(buf, "hello", 5), 0);
	T_EQ(read(fds[0], buf, sizeof(buf)), 0); /* EOF: the writer is gone */
	T_CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 0);
	close(fds[0]);
	T_ERRNO(pipe(KERNEL_ADDR), EFAULT);
}

static void sigpipe_kills(void)
{
	int fds[2], st;
	pid_t pid;

	T_EQ(pipe(fds), 0);
	close(fds[0]);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	close(fds[1]);
	T_CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
}

static void break_grows(void)
{
	char *a = sbrk(0), *b;

	T_CHECK(a != (char *)-1);
	T_CHECK(sbrk(1 << 20) == a);
	b = sbrk(0);
	T_CHECK(b == a + (1 << 20));
	memset(a, 0x5a, 1 << 20);
	T_CHECK(a[(1 << 20) - 1] == 0x5a);
	T_CHECK(sbrk(-(1 << 20)) == b);
	T_CHECK(sbrk(0) == a);
}

static void memory_copied_on_write(void)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	int *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	int st;
	pid_t pid;

	T_CHECK(p != MAP_FAILED && s != MAP_FAILED);
	*p = 1;
	*s = 1;
	pid = fork();
	if (pid == 0) {
		*p = 2;
		*s = 2;
		_exit(*p == 2 ? 0 : 1);
	}
	T_CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 0);
	T_EQ(*p, 1); /* private: the child's write was its own copy */
	T_EQ(*s, 2); /* shared: seen by both */
	T_EQ(munmap(p, 4096), 0);
	T_EQ(munmap(s, 4096), 0);
}

/* Every pointer argument of the calls below, given a bad address, is EFAULT. */
static void bad_pointers_everywhere(void)
{
	static const long bad[] = { 0, (long)KERNEL_ADDR, (long)NONCANON, 0x10000, -4096 };
	char buf[64];
	int fds[2], dir = open("/", O_RDONLY | O_DIRECTORY);

	T_CHECK(dir >= 0);
	T_EQ(pipe(fds), 0);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long b = bad[i];

		T_EQ(write(fds[1], "12345678", 8), 8); /* so the read does not wait */
		T_EQ(__syscall(SYS_read, fds[0], b, 8, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_write, fds[1], b, 8, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_open, b, O_RDONLY, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_stat, (long)"/", b, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_stat, b, (long)buf, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_fstat, fds[0], b, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_getcwd, b, 64, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_chdir, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_mkdir, b, 0755, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_unlink, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_pipe, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_getdents, dir, b, 64, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_nanosleep, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_clock_gettime, 1, b, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_uname, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_exec, b, 0, 0, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_map, -1, MAP_PRIVATE | MAP_ANON, b, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_sigop, SIG_SETMASK, SIG_BLOCK, b, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_throp, THR_NEW, 0, b, 0, 0, 0), -EFAULT);
		T_EQ(__syscall(SYS_sysctl, SYSCTL_MEMINFO, 0, b, 0, 0, 0), -EFAULT);
	}
	close(fds[0]);
	close(fds[1]);
	close(dir);
}

/* Free memory in KiB, from the kernel's memory report. */
static long free_kib(void)
{
	static struct meminfo mi;

	if (sysctl(SYSCTL_MEMINFO, 0, &mi) != 0)
		return -1;
	return (long)(mi.zones[0].free_kib + mi.zones[1].free_kib);
}

/* Fork until the table is full; return how many, and errno in *err. */
static int fork_bomb(int *err)
{
	pid_t pids[300];
	int n = 0, st;

	for (; n < 300; n++) {
		pids[n] = fork();
		if (pids[n] == 0)
			sleep_forever();
		if (pids[n] < 0) {
			*err = errno;
			break;
		}
	}
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		if (waitpid(pids[i], &st, 0) != pids[i])
			return -1;
	return n;
}

/* Two bombs in a row end with the same free memory: nothing leaks per
 * process (the first one may grow the kernel's record caches). */
static void fork_bomb_leaks_nothing(void)
{
	int err = 0, n1, n2;
	long after1, after2;

	n1 = fork_bomb(&err);
	after1 = free_kib();
	n2 = fork_bomb(&err);
	after2 = free_kib();
	T_CHECK(n1 > 10 && n1 == n2);
	T_CHECK(after1 > 0);
	T_CHECK(after2 >= after1 - 256); /* KiB; one process's stack and tables are more */
	T_ERRNO(sysctl(SYSCTL_MEMINFO, 0, (void *)0xffff800000000000ul), EFAULT);
	T_ERRNO(sysctl(12345, 0, NULL), EINVAL);
}

static void fork_limit_and_recovery(void)
{
	pid_t pids[300];
	int n = 0, err = 0, st;

	for (; n < 300; n++) {
		pids[n] = fork();
		if (pids[n] == 0)
			sleep_forever();
		if (pids[n] < 0) {
			err = errno;
			break;
		}
	}
	T_CHECK(n > 10 && n < 300);
	T_EQ(err, EAGAIN);
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		T_CHECK(waitpid(pids[i], &st, 0) == pids[i]);
	st = child_status(exit_with_7); /* the table has room again */
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static volatile unsigned long exec_spins;

static void *exec_spinner(void *arg)
{
	(void)arg;
	for (;;) /* in user mode all the time: only an interrupt stops it */
		exec_spins++;
	return NULL;
}

static void *exec_sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* exec in a process of three threads: the other two end first (a spinning
 * thread left behind would run on in the new image and fault). */
static void exec_ends_other_threads(void)
{
	char buf[32] = "";
	int p[2], st = 0;
	ssize_t n;
	pid_t c;

	T_CHECK(pipe(p) == 0);
	c = fork();
	if (c == 0) {
		pthread_t a, b;

		dup2(p[1], 1);
		close(p[0]);
		pthread_create(&a, NULL, exec_spinner, NULL);
		pthread_create(&b, NULL, exec_sleeper, NULL);
		while (exec_spins < 1000)
			;
		execl("/bin/echo", "echo", "exec-ok", (char *)NULL);
		_exit(99);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	close(p[0]);
	T_EQ(waitpid(c, &st, 0), c);
	T_STREQ(buf, "exec-ok\n");
	T_EQ(st, 0); /* exited 0 */
}

/* One worker of exec_concurrent: @n children exec /bin/true in turn; the
 * exit status is how many did not exit 0. */
static int exec_worker(int n)
{
	int bad = 0, st;

	for (int i = 0; i < n; i++) {
		pid_t c = fork();

		if (c == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(99);
		}
		if (waitpid(c, &st, 0) != c || st != 0)
			bad++;
	}
	return bad > 100 ? 100 : bad;
}

/* Four processes fork and exec at once, so that an exec sleeps on a lock
 * another holds in the middle of filling its new space: each program must
 * still run (a switch there once put the exec back on its old space, and
 * the new image came out garbled: ENOEXEC, or a crash). */
static void exec_concurrent(void)
{
	pid_t w[4];
	int bad = 0, st;

	for (int i = 0; i < 4; i++)
		if ((w[i] = fork()) == 0)
			_exit(exec_worker(60));
	for (int i = 0; i < 4; i++)
		if (waitpid(w[i], &st, 0) != w[i] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	T_EQ(bad, 0);
}

/* Copy /bin/sleep to @p path (mode 0755): 0 or -1. */
static int copy_sleep(const char *path)
{
	static char buf[4096];
	int in = open("/bin/sleep", O_RDONLY), out = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		n = -1;
	return in >= 0 && out >= 0 && n == 0 ? 0 : -1;
}

/* fork + exec of @p path with one argument; the child's exit status, or
 * 100 + errno when exec failed. */
static int run_path(const char *path, const char *arg)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execl(path, path, arg, (char *)NULL);
		_exit(100 + errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * A running program's file (its text): opening it for writing and
 * truncating it are ETXTBSY, reading it is not; a file open for writing
 * cannot be exec'd (ETXTBSY); once the program is gone, both work again.
 */
static void text_busy(void)
{
	const char *path = "/tmp/t_proc_sleep";
	int p[2], fd, st;
	pid_t pid;
	char c;

	T_EQ(copy_sleep(path), 0);
	T_EQ(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fcntl(p[1], F_SETFD, FD_CLOEXEC); /* closed by the exec: the parent sees EOF */
		execl(path, "sleep", "30", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	T_EQ(read(p[0], &c, 1), 0);
	close(p[0]);
	errno = 0;
	T_EQ(open(path, O_WRONLY), -1);
	T_EQ(errno, ETXTBSY);
	errno = 0;
	T_EQ(open(path, O_RDWR | O_TRUNC), -1);
	T_EQ(errno, ETXTBSY);
	errno = 0;
	T_EQ(truncate(path, 0), -1);
	T_EQ(errno, ETXTBSY);
	fd = open(path, O_RDONLY);
	T_CHECK(fd >= 0);
	close(fd);
	T_EQ(kill(pid, SIGKILL), 0);
	T_EQ(waitpid(pid, &st, 0), pid);
	/* Gone: writable again, and while it is open for writing, not runnable. */
	fd = open(path, O_WRONLY);
	T_CHECK(fd >= 0);
	T_EQ(run_path(path, "0"), 100 + ETXTBSY);
	close(fd);
	T_EQ(run_path(path, "0"), 0);
	T_EQ(unlink(path), 0);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(fork_and_wait),
		ZTEST(wait_bad_pointers),
		ZTEST(exec_programs),
		ZTEST(crashes_are_signals),
		ZTEST(kill_a_child),
		ZTEST(handlers_and_masks),
		ZTEST(pipe_to_child),
		ZTEST(sigpipe_kills),
		ZTEST(break_grows),
		ZTEST(memory_copied_on_write),
		ZTEST(fork_limit_and_recovery),
		ZTEST(fork_bomb_leaks_nothing),
		ZTEST(bad_pointers_everywhere),
		ZTEST(exec_ends_other_threads),
		ZTEST(exec_concurrent),
		ZTEST(text_busy),
	};

	return ztest_main("t_proc", tests, ZTEST_COUNT(tests));
}
