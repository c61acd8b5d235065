/*
 * builtin_job.c: jobs fg bg wait kill. kill is a builtin so that %n names
 * a job (the whole process group).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"

static const char *const bi_state_names[] = { "Running", "Stopped", "Done" };

int bi_jobs(int argc, char **argv)
{
	int pids = argc > 1 && !strcmp(argv[1], "-p"), lflag = argc > 1 && !strcmp(argv[1], "-l");

	sh_jobs_reap(0);
	for (struct sh_job *j = sh_jobs_list(); j; j = j->next) {
		int st = sh_job_state(j);

		if (pids)
			dprintf(1, "%d\n", (int)j->pgid);
		else if (lflag)
			dprintf(1, "[%d] %d %s  %s\n", j->id, (int)j->pgid, bi_state_names[st],
				j->text);
		else
			dprintf(1, "[%d]  %s  %s\n", j->id, bi_state_names[st], j->text);
		if (st != PS_RUNNING)
			j->notified = 1;
	}
	for (struct sh_job *j = sh_jobs_list(), *next; j; j = next) {
		next = j->next;
		if (sh_job_state(j) == PS_DONE)
			sh_job_free(j);
	}
	return 0;
}

static struct sh_job *bi_job_arg(const char *who, int argc, char **argv)
{
	struct sh_job *j;

	sh_jobs_reap(0);
	j = sh_job_find(argc > 1 ? argv[1] : NULL);
	if (!j)
		sh_err("%s: %s: no such job", who, argc > 1 ? argv[1] : "current");
	return j;
}

int bi_fg(int argc, char **argv)
{
	struct sh_job *j = bi_job_arg("fg", argc, argv);

	if (!j)
		return 1;
	dprintf(2, "%s\n", j->text);
	sh_job_continue(j, 1);
	return sh_job_wait_fg(j);
}

int bi_bg(int argc, char **argv)
{
	struct sh_job *j = bi_job_arg("bg", argc, argv);

	if (!j)
		return 1;
	dprintf(2, "[%d]  %s &\n", j->id, j->text);
	sh_job_continue(j, 0);
	sh.lastbg = j->procs[j->nprocs - 1].pid;
	return 0;
}

/* wait [%n | pid ...]: no operand waits for all; the last one's status. */
int bi_wait(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		for (struct sh_job *j = sh_jobs_list(), *next; j; j = next) {
			next = j->next;
			if (sh_job_state(j) == PS_RUNNING)
				sh_jobs_wait_one(j);
			if (sh_job_state(j) == PS_DONE)
				sh_job_free(j);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct sh_job *j = sh_job_find(argv[i]);

		if (!j) {
			if (argv[i][0] == '%')
				sh_err("wait: %s: no such job", argv[i]);
			status = 127;
			continue;
		}
		status = sh_jobs_wait_one(j);
		if (sh_job_state(j) == PS_DONE)
			sh_job_free(j);
	}
	return status;
}

static const struct {
	const char *name;
	int sig;
} bi_signals[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },	    { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT },   { "BUS", SIGBUS },	 { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 },   { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM },   { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP },   { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "WINCH", SIGWINCH },
};

static int bi_signum(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end)
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < sizeof(bi_signals) / sizeof(bi_signals[0]); i++)
		if (!strcasecmp(s, bi_signals[i].name))
			return bi_signals[i].sig;
	return -1;
}

static int bi_kill_one(const char *target, int sig)
{
	if (target[0] == '%') {
		struct sh_job *j = sh_job_find(target);

		if (!j) {
			sh_err("kill: %s: no such job", target);
			return 1;
		}
		if (kill(-j->pgid, sig) == 0) {
			if (sh_job_state(j) == PS_STOPPED && sig != SIGKILL && sig != SIGCONT)
				sh_job_continue(j, 0); /* so that it sees the signal */
			return 0;
		}
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].state != PS_DONE && kill(j->procs[i].pid, sig) < 0) {
				sh_err("kill: %s: %s", target, strerror(errno));
				return 1;
			}
		return 0;
	}
	if (kill((pid_t)atoi(target), sig) < 0) {
		sh_err("kill: %s: %s", target, strerror(errno));
		return 1;
	}
	return 0;
}

int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, rc = 0;

	if (i < argc && !strcmp(argv[i], "-l")) {
		for (size_t k = 0; k < sizeof(bi_signals) / sizeof(bi_signals[0]); k++)
			dprintf(1, "%2d) SIG%s\n", bi_signals[k].sig, bi_signals[k].name);
		return 0;
	}
	if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc) {
		sig = bi_signum(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		sig = bi_signum(argv[i] + 1);
		i++;
	}
	if (sig < 0) {
		sh_err("kill: %s: unknown signal", argv[i - 1]);
		return 2;
	}
	if (i >= argc) {
		sh_err("usage: kill [-SIG | -s SIG] %%job | pid ...");
		return 2;
	}
	for (; i < argc; i++)
		rc |= bi_kill_one(argv[i], sig);
	return rc;
}
