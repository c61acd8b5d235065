/*
 * In-guest tests of the kernel state tools read: sysctl(SYSCTL_PROCS,
 * SYSCTL_MODULES, SYSCTL_LOG) with their counts, contents and bad
 * pointers; the scheduler statistics (run time grows while busy, switches
 * count up, waiting is measured); getpriority/setpriority (raise, lower as
 * root, inherited by fork, seen in SYSCTL_PROCS); and the tools themselves
 * (ps, lsmod, uname, free, top -b, nice, renice, dmesg, uptime) run with a
 * pipe on stdout, their output checked against what the kernel reports.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <time.h>
#include <uapi/modinfo.h>
#include <uapi/procinfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define KERNEL_ADDR ((void *)0xffff800000000000ul)
#define NONCANON    ((void *)0x0000800000000000ul)
#define NPROCS	    128
#define MS	    1000000ULL

static struct procinfo recs[NPROCS];
static char out[16384];

static long procs(void)
{
	return sysctl(SYSCTL_PROCS, NPROCS, recs);
}

/* The first record of @p pid (or of thread @p tid if non-zero), or NULL. */
static const struct procinfo *find(long n, int pid, long tid)
{
	for (long i = 0; i < n && i < NPROCS; i++)
		if (recs[i].pid == pid && (tid ? recs[i].tid == tid : recs[i].thread_index == 0))
			return &recs[i];
	return NULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void spin_ms(unsigned ms)
{
	uint64_t end = now_ns() + ms * MS;

	while (now_ns() < end)
		;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Run @p argv with stdout on a pipe; its output in out[], its exit status returned. */
static int run(char *const argv[])
{
	static char rest[512];
	int fds[2], st = -1;
	size_t len = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (len < sizeof(out) - 1 && (r = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	while (read(fds[0], rest, sizeof(rest)) > 0) /* more than out[] holds: the child */
		;				     /* must not block on a full pipe */
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The line of out[] containing @p word, copied into @p line; 0 if found. */
static int line_with(const char *word, char *line, size_t room)
{
	const char *p = strstr(out, word), *b, *e;

	if (p == NULL)
		return -1;
	for (b = p; b > out && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	e = e ? e : p + strlen(p);
	snprintf(line, room, "%.*s", (int)(e - b), b);
	return 0;
}

static void procs_counts(void)
{
	long n = sysctl(SYSCTL_PROCS, 0, NULL);

	T_CHECK(n >= 1);
	T_EQ(sysctl(SYSCTL_PROCS, 0, KERNEL_ADDR), n); /* room 0 only counts */
	T_EQ(procs(), n);
	memset(recs, 0xa5, sizeof(recs));
	T_EQ(sysctl(SYSCTL_PROCS, 1, recs), n); /* room 1: the count, one record written */
	T_CHECK(recs[0].pid > 0 && recs[0].thread_index == 0);
	T_EQ(recs[1].pid, (int32_t)0xa5a5a5a5);
}

static void procs_self(void)
{
	long n = procs();
	const struct procinfo *me = find(n, getpid(), 0);

	T_CHECK(me != NULL);
	if (me == NULL)
		return;
	T_EQ(me->ppid, getppid());
	T_STREQ(me->comm, "t_sys");
	T_EQ(me->state, PROCINFO_RUN);
	T_EQ(me->tstate, PROCINFO_RUN);
	T_EQ(me->nthreads, 1);
	T_EQ(me->uid, getuid());
	T_EQ(me->cls, 1);
	T_CHECK(me->start_ns > 0 && me->start_ns <= now_ns());
	T_CHECK(me->vsize > 0 && me->rss_pages > 0);
	T_CHECK(find(n, 1, 0) != NULL); /* init */
}

static void procs_sleeping_child(void)
{
	pid_t pid = fork();
	const struct procinfo *c;
	long n;
	int st;

	if (pid == 0) {
		sleep_ms(10000);
		_exit(0);
	}
	T_CHECK(pid > 0);
	sleep_ms(100);
	n = procs();
	c = find(n, pid, 0);
	T_CHECK(c != NULL);
	if (c) {
		T_EQ(c->state, PROCINFO_SLEEP);
		T_EQ(c->ppid, getpid());
		T_STREQ(c->comm, "t_sys");
		T_CHECK(c->nvcsw >= 1); /* it slept at least once */
	}
	kill(pid, SIGKILL);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(find(procs(), pid, 0) == NULL);
}

static volatile int spin_stop;

static void *spinner(void *arg)
{
	(void)arg;
	while (!spin_stop)
		;
	return NULL;
}

/* A busy thread's run time grows; while two compete, one waits and is preempted. */
static void procs_stats(void)
{
	const struct procinfo *me, *other = NULL;
	uint64_t run0, nv0, niv0, wait0;
	pthread_t t;
	long n = procs();

	me = find(n, getpid(), 0);
	T_CHECK(me != NULL);
	if (me == NULL)
		return;
	run0 = me->run_ns, nv0 = me->nvcsw, niv0 = me->nivcsw, wait0 = me->wait_ns;
	spin_ms(100);
	for (int i = 0; i < 5; i++)
		sleep_ms(2);
	T_EQ(pthread_create(&t, NULL, spinner, NULL), 0);
	spin_ms(200);
	n = procs();
	me = find(n, getpid(), 0);
	for (long i = 0; i < n; i++)
		if (recs[i].pid == getpid() && recs[i].thread_index == 1)
			other = &recs[i];
	T_CHECK(me && other);
	if (me && other) {
		T_EQ(me->nthreads, 2);
		/* 100 ms alone, then 200 ms shared: how it is shared is the policy's
		 * business (the Zero scheduler may run the newcomer for several
		 * slices in a row), the total is not. */
		T_CHECK(me->run_ns >= run0 + 80 * MS);
		T_CHECK(me->run_ns + other->run_ns >= run0 + 250 * MS);
		T_CHECK(me->nvcsw >= nv0 + 5);
		T_CHECK(me->nivcsw > niv0);
		T_CHECK(me->wait_ns > wait0);
		T_CHECK(other->run_ns >= 20 * MS);
		T_CHECK(me->cpu_ns >= me->run_ns + other->run_ns - MS);
		T_CHECK(other->tid != me->tid && other->tid > 0);
	}
	spin_stop = 1;
	T_EQ(pthread_join(t, NULL), 0);
}

static void sysctl_bad(void)
{
	T_ERRNO(sysctl(SYSCTL_PROCS, 10, KERNEL_ADDR), EFAULT);
	T_ERRNO(sysctl(SYSCTL_PROCS, 10, NONCANON), EFAULT);
	T_ERRNO(sysctl(SYSCTL_PROCS, 10, (void *)16), EFAULT);
	T_ERRNO(sysctl(SYSCTL_PROCS, -1, recs), EINVAL);
	T_ERRNO(sysctl(SYSCTL_MODULES, 10, KERNEL_ADDR), EFAULT);
	T_ERRNO(sysctl(SYSCTL_MODULES, -1, recs), EINVAL);
	T_ERRNO(sysctl(SYSCTL_LOG, 100, KERNEL_ADDR), EFAULT);
	T_ERRNO(sysctl(SYSCTL_LOG, -1, out), EINVAL);
	T_ERRNO(sysctl(999, 0, NULL), EINVAL);
}

/* The chosen provider of @p role in a module list, or NULL (and counts how many). */
static const struct modinfo *chosen(const struct modinfo *m, long n, const char *role, int *count)
{
	const struct modinfo *c = NULL;

	*count = 0;
	for (long i = 0; i < n; i++) {
		if ((m[i].flags & MODINFO_CHOSEN) && strcmp(m[i].role, role) == 0) {
			c = &m[i];
			(*count)++;
		}
	}
	return c;
}

static struct modinfo mods[64];

static void modules(void)
{
	long n = sysctl(SYSCTL_MODULES, 64, mods);
	const struct modinfo *s, *m;
	int ns, nm;

	T_CHECK(n >= 2 && n <= 64);
	T_EQ(sysctl(SYSCTL_MODULES, 0, NULL), n);
	s = chosen(mods, n, "sched", &ns);
	m = chosen(mods, n, "mem", &nm);
	T_EQ(ns, 1);
	T_EQ(nm, 1);
	T_CHECK(s && (s->state == MODINFO_LIVE || s->state == MODINFO_BUILTIN));
	T_CHECK(m && m->state == MODINFO_LIVE && m->size > 0 && m->text > 0);
	T_CHECK(m && m->text + m->rodata + m->data + m->bss <= m->size);
	T_CHECK(m && (m->flags & MODINFO_PINNED) && m->ops_version > 0);
	memset(mods, 0x5a, sizeof(mods));
	T_EQ(sysctl(SYSCTL_MODULES, 1, mods), n);
	T_EQ((unsigned char)mods[1].name[0], 0x5a);
}

static void klog(void)
{
	long held = sysctl(SYSCTL_LOG, 0, NULL), n;

	T_CHECK(held > 100 && held <= (long)sizeof(out));
	n = sysctl(SYSCTL_LOG, sizeof(out) - 1, out);
	T_CHECK(n >= held);
	out[n > 0 ? n : 0] = '\0';
	T_CHECK(strstr(out, "sched:") != NULL);
	T_EQ(sysctl(SYSCTL_LOG, 10, out), 10);
}

static void prio_child(void)
{
	pid_t pid;
	int st;

	errno = 0;
	if (getpriority(PRIO_PROCESS, 0) != 0 || errno)
		_exit(1);
	if (setpriority(PRIO_PROCESS, 0, 5) != 0 || getpriority(PRIO_PROCESS, 0) != 5)
		_exit(2);
	if (nice(2) != 7 || getpriority(PRIO_PROCESS, getpid()) != 7)
		_exit(3);
	pid = fork(); /* nice is inherited */
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 7 ? 0 : 1);
	if (waitpid(pid, &st, 0) != pid || st != 0)
		_exit(4);
	if (setpriority(PRIO_PROCESS, 0, -3) != 0 || getpriority(PRIO_PROCESS, 0) != -3)
		_exit(5); /* root may lower it */
	if (setpriority(PRIO_PROCESS, 0, 6) != 0)
		_exit(6);
	sleep_ms(10000);
	_exit(0);
}

static void priorities(void)
{
	const struct procinfo *c;
	pid_t pid = fork();
	int st;

	if (pid == 0)
		prio_child();
	T_CHECK(pid > 0);
	sleep_ms(200);
	c = find(procs(), pid, 0);
	T_CHECK(c != NULL && c->nice == 6);
	T_EQ(getpriority(PRIO_PROCESS, pid), 6);
	T_EQ(getpriority(PRIO_PROCESS, 0), 0);
	T_EQ(getpriority(PRIO_USER, 0), 0); /* the lowest of the user's processes */
	T_EQ(setpriority(PRIO_PROCESS, pid, 9), 0);
	c = find(procs(), pid, 0);
	T_CHECK(c != NULL && c->nice == 9);
	T_ERRNO(getpriority(PRIO_PROCESS, 99998), ESRCH);
	T_ERRNO(setpriority(PRIO_PROCESS, 99998, 1), ESRCH);
	T_ERRNO(getpriority(7, 0), EINVAL);
	kill(pid, SIGKILL);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL); /* not an early _exit(n) */
}

static void tool_ps(void)
{
	char line[256];

	T_EQ(run((char *[]){ "/bin/ps", "-e", NULL }), 0);
	T_CHECK(strncmp(out, "  PID TTY          TIME CMD\n", 28) == 0);
	T_CHECK(strstr(out, " ps\n") != NULL);
	T_CHECK(strstr(out, " t_sys\n") != NULL);
	T_EQ(run((char *[]){ "/bin/ps", "-o", "pid,ppid,state,ni,comm", NULL }), 0);
	T_CHECK(line_with(" ps", line, sizeof(line)) == 0);
	T_CHECK(strstr(line, " R ") != NULL);
	snprintf(line, sizeof(line), "%5d R", getpid());
	T_CHECK(strstr(out, line) != NULL); /* ps's parent: t_sys, running */
	T_EQ(run((char *[]){ "/bin/ps", "-L", "-o", "pid,tid,cls,pri,switches,wait,comm", NULL }),
	     0);
	T_CHECK(strstr(out, " TS ") != NULL);
	T_EQ(run((char *[]){ "/bin/ps", "aux", NULL }), 0);
	T_CHECK(strncmp(out, "USER", 4) == 0 && strstr(out, "root") != NULL);
	T_EQ(run((char *[]){ "/bin/ps", "-o", "bogus", NULL }), 1);
}

static void tool_lsmod(void)
{
	long n = sysctl(SYSCTL_MODULES, 64, mods);
	const struct modinfo *s, *m;
	char line[256], want[64];
	int k;

	T_EQ(run((char *[]){ "/bin/lsmod", NULL }), 0);
	s = chosen(mods, n, "sched", &k);
	m = chosen(mods, n, "mem", &k);
	T_CHECK(s && m);
	if (!s || !m)
		return;
	snprintf(want, sizeof(want), "%-12s %-8s *", s->name, "sched");
	T_CHECK(line_with(want, line, sizeof(line)) == 0);
	snprintf(want, sizeof(want), "%-12s %-8s *", m->name, "mem");
	T_CHECK(line_with(want, line, sizeof(line)) == 0 && strstr(line, " live") != NULL);
}

static void tool_misc(void)
{
	T_EQ(run((char *[]){ "/bin/uname", "-a", NULL }), 0);
	T_CHECK(strncmp(out, "zero zero ", 10) == 0 && strstr(out, " x86_64 zero\n") != NULL);
	T_EQ(run((char *[]){ "/bin/uname", "-sm", NULL }), 0);
	T_STREQ(out, "zero x86_64\n");
	T_EQ(run((char *[]){ "/bin/free", NULL }), 0);
	T_CHECK(strstr(out, "total") && strstr(out, "\nMem: ") && strstr(out, "\nSwap: "));
	T_EQ(run((char *[]){ "/bin/free", "-h", NULL }), 0);
	T_CHECK(strstr(out, "Mi") != NULL);
	T_EQ(run((char *[]){ "/bin/meminfo", NULL }), 0);
	T_CHECK(strstr(out, "MemTotal:") && strstr(out, "Allocator:"));
	T_EQ(run((char *[]){ "/bin/uptime", NULL }), 0);
	T_CHECK(strstr(out, " up ") && strstr(out, "load average: "));
	T_EQ(run((char *[]){ "/bin/dmesg", NULL }), 0);
	T_CHECK(strstr(out, "sched:") != NULL);
}

static void tool_top_nice(void)
{
	char *p;

	T_EQ(run((char *[]){ "/bin/top", "-b", "-n", "2", "-d", "0.2", NULL }), 0);
	p = strstr(out, "Tasks:");
	T_CHECK(p && strstr(p + 1, "Tasks:") && strstr(out, " top\n") && strstr(out, "scheduler "));
	T_EQ(run((char *[]){ "/bin/nice", NULL }), 0);
	T_STREQ(out, "0\n");
	T_EQ(run((char *[]){ "/bin/nice", "-n", "4", "/bin/nice", NULL }), 0);
	T_STREQ(out, "4\n");
	T_EQ(run((char *[]){ "/bin/nice", "/bin/nice", NULL }), 0);
	T_STREQ(out, "10\n");
	T_EQ(run((char *[]){ "/bin/nice", "-n", "3", "/bin/ps", "-o", "ni,comm", NULL }), 0);
	T_CHECK(strstr(out, "  3 ps\n") != NULL);
	T_EQ(run((char *[]){ "/bin/nice", "-n", "1", "/bin/renice", "-n", "8", "-p", "0", NULL }),
	     0);
	T_CHECK(strstr(out, "old priority 1, new priority 8") != NULL);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(procs_counts), ZTEST(procs_self), ZTEST(procs_sleeping_child),
		ZTEST(procs_stats),  ZTEST(sysctl_bad), ZTEST(modules),
		ZTEST(klog),	     ZTEST(priorities), ZTEST(tool_ps),
		ZTEST(tool_lsmod),   ZTEST(tool_misc),	ZTEST(tool_top_nice),
	};

	return ztest_main("t_sys", tests, ZTEST_COUNT(tests));
}
