/*
 * In-guest test of job control in the core: stop and continue signals,
 * wait's WUNTRACED and WCONTINUED, SIGCHLD and SA_NOCLDSTOP, process
 * groups and sessions (setpgid, setsid, getpgid, getsid, kill of a group),
 * orphaned groups, and system calls restarted after a stop or an
 * SA_RESTART handler.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

static pid_t spawn_pauser(int own_group)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		for (;;)
			pause();
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

static void stop_continue_kill(void)
{
	pid_t c = spawn_pauser(0);
	int st = 0;

	T_EQ(kill(c, SIGSTOP), 0);
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	T_EQ(waitpid(c, &st, WNOHANG | WUNTRACED), 0); /* reported once */
	T_EQ(kill(c, SIGCONT), 0);
	T_EQ(waitpid(c, &st, WCONTINUED), c);
	T_CHECK(WIFCONTINUED(st));
	T_CHECK(!WIFSTOPPED(st) && !WIFEXITED(st) && !WIFSIGNALED(st));
	T_EQ(kill(c, SIGSTOP), 0);
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_EQ(kill(c, SIGKILL), 0); /* a stopped process still dies */
	T_EQ(waitpid(c, &st, 0), c);
	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void tstp_stops_then_exits(void)
{
	int st = 0;
	pid_t c = fork();

	if (c == 0) {
		setpgid(0, 0);
		raise(SIGTSTP);
		_exit(7); /* after SIGCONT */
	}
	setpgid(c, c);
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	T_EQ(kill(-c, SIGCONT), 0);
	T_EQ(waitpid(c, &st, 0), c);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static volatile int chld_count;
static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

static void sigchld_and_nocldstop(void)
{
	struct sigaction sa = { 0 };
	int st;
	pid_t c;

	sa.sa_handler = on_chld;
	sa.sa_flags = SA_RESTART; /* waitpid() goes on after the handler */
	sigaction(SIGCHLD, &sa, NULL);
	chld_count = 0;
	c = spawn_pauser(0);
	kill(c, SIGSTOP);
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_CHECK(chld_count >= 1); /* the stop was signalled */
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	chld_count = 0;
	c = spawn_pauser(0);
	kill(c, SIGSTOP);
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_EQ(chld_count, 0); /* SA_NOCLDSTOP: no SIGCHLD for a stop */
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	T_CHECK(chld_count >= 1); /* but one for the end */
	signal(SIGCHLD, SIG_DFL);
}

static void groups_and_sessions(void)
{
	int st, p[2];
	pid_t c;
	char r = 0;

	T_EQ(getpgid(0), getpgrp());
	T_EQ(getsid(0), getsid(getpid()));
	T_ERRNO(getpgid(99999), ESRCH);
	T_ERRNO(setpgid(99999, 99999), ESRCH); /* no such process */
	T_ERRNO(setpgid(0, -1), EINVAL);
	T_CHECK(pipe(p) == 0);
	c = fork();
	if (c == 0) {
		char ok = 'y';
		pid_t old = getpgrp();

		if (setsid() != getpid() || getsid(0) != getpid() || getpgrp() != getpid())
			ok = 's';
		else if (setsid() != -1 || errno != EPERM) /* a group leader now */
			ok = 'l';
		else if (setpgid(0, old) != -1 || errno != EPERM) /* another session's group */
			ok = 'g';
		write(p[1], &ok, 1);
		_exit(0);
	}
	T_EQ(read(p[0], &r, 1), 1);
	T_EQ(r, 'y');
	T_EQ(waitpid(c, &st, 0), c);
	close(p[0]);
	close(p[1]);
}

static void kill_a_group(void)
{
	pid_t a = spawn_pauser(1), b = fork();
	int st, n = 0;

	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	T_EQ(setpgid(b, a), 0);
	T_EQ(getpgid(b), a);
	T_EQ(kill(-a, SIGTERM), 0);
	for (int i = 0; i < 2; i++)
		if (waitpid(-a, &st, 0) > 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM)
			n++;
	T_EQ(n, 2);
	T_ERRNO(kill(-a, SIGTERM), ESRCH);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* A child blocked in read() gets SIGUSR1 (handler with or without
 * SA_RESTART), or is stopped and continued; then the parent writes.
 * Returns the child's exit code: 1 the read returned the byte, 2 EINTR. */
static int read_interrupted(int flags, int stop)
{
	int p[2], st = 0;
	pid_t c;

	if (pipe(p) != 0)
		return -1;
	signal(SIGPIPE, SIG_IGN); /* the child may be gone when we write */
	c = fork();
	if (c == 0) {
		struct sigaction sa = { 0 };
		char b;

		sa.sa_handler = on_usr1;
		sa.sa_flags = flags;
		sigaction(SIGUSR1, &sa, NULL);
		close(p[1]);
		_exit(read(p[0], &b, 1) == 1 ? 1 : errno == EINTR ? 2 : 3);
	}
	close(p[0]);
	usleep(50000); /* let it block in read */
	if (stop) {
		kill(c, SIGSTOP);
		waitpid(c, &st, WUNTRACED);
		kill(c, SIGCONT);
	} else {
		kill(c, SIGUSR1);
	}
	usleep(50000);
	write(p[1], "x", 1);
	close(p[1]);
	waitpid(c, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void calls_restart(void)
{
	T_EQ(read_interrupted(0, 0), 2);	  /* a handler without SA_RESTART: EINTR */
	T_EQ(read_interrupted(SA_RESTART, 0), 1); /* SA_RESTART: the read goes on */
	T_EQ(read_interrupted(0, 1), 1);	  /* stop and continue: transparent */
}

static void on_hup(int sig)
{
	(void)sig;
}

/* When the exit of its parent orphans a group holding a stopped process,
 * that group gets SIGHUP and SIGCONT (POSIX). */
static void orphaned_stopped_group_hangs_up(void)
{
	int p[2], st;
	pid_t a;
	char r = 0;

	T_CHECK(pipe(p) == 0);
	a = fork();
	if (a == 0) {
		pid_t b;

		setsid(); /* so that its group has no parent in the session once it leaves */
		b = fork();
		if (b == 0) {
			struct sigaction sa = { 0 };

			sa.sa_handler = on_hup;
			sigaction(SIGHUP, &sa, NULL);
			raise(SIGSTOP);
			/* continued: a SIGHUP came first (its handler ran) */
			write(p[1], "h", 1);
			_exit(0);
		}
		waitpid(b, &st, WUNTRACED);
		_exit(0); /* orphans b's group, which holds a stopped process */
	}
	close(p[1]);
	waitpid(a, &st, 0);
	alarm(5);
	T_EQ(read(p[0], &r, 1), 1);
	alarm(0);
	T_EQ(r, 'h');
	close(p[0]);
}

/* In an orphaned group the terminal's stop signals are discarded. */
static void orphaned_group_ignores_tstp(void)
{
	int st = 0;
	pid_t c = fork();

	if (c == 0) {
		setsid(); /* a group of its own whose parent is in another session */
		raise(SIGTSTP);
		_exit(5);
	}
	T_EQ(waitpid(c, &st, WUNTRACED), c);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
	if (WIFSTOPPED(st)) {
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
	}
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(stop_continue_kill),
		ZTEST(tstp_stops_then_exits),
		ZTEST(sigchld_and_nocldstop),
		ZTEST(groups_and_sessions),
		ZTEST(kill_a_group),
		ZTEST(calls_restart),
		ZTEST(orphaned_stopped_group_hangs_up),
		ZTEST(orphaned_group_ignores_tstp),
	};

	return ztest_main("t_job", tests, ZTEST_COUNT(tests));
}
