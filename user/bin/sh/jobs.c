/*
 * jobs.c: the job table. A job is a pipeline (or one command, subshell,
 * background list) run as one process group when job control works, so
 * that the terminal's signals reach all of it and none of the shell. The
 * shell waits with WUNTRACED: a stopped job stays in the table for fg/bg.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"

static struct sh_job *jobs_head;
static int jobs_wflags = WUNTRACED;

struct sh_job *sh_jobs_list(void)
{
	return jobs_head;
}

static void jobs_trim(void);

struct sh_job *sh_job_new(const char *text)
{
	struct sh_job *j, **tail;
	int id = 0;

	if (!sh.interactive) {
		sh_jobs_reap(0);
		jobs_trim();
	}
	j = sh_alloc(sizeof(*j));
	for (tail = &jobs_head; *tail; tail = &(*tail)->next)
		if ((*tail)->id > id)
			id = (*tail)->id;
	j->id = id + 1;
	j->text = sh_strdup(text ? text : "");
	*tail = j;
	return j;
}

void sh_job_free(struct sh_job *j)
{
	for (struct sh_job **pp = &jobs_head; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	free(j->procs);
	free(j->text);
	free(j);
}

/* A forked child forgets its parent's jobs. */
void sh_jobs_forget(void)
{
	while (jobs_head)
		sh_job_free(jobs_head);
}

static void job_add_proc(struct sh_job *j, pid_t pid)
{
	struct sh_proc *p = sh_alloc((j->nprocs + 1) * sizeof(*p));

	if (j->nprocs)
		memcpy(p, j->procs, j->nprocs * sizeof(*p));
	free(j->procs);
	j->procs = p;
	p[j->nprocs].pid = pid;
	p[j->nprocs].state = PS_RUNNING;
	j->nprocs++;
}

/* Fork one process of job j; fg: it gets the terminal. */
pid_t sh_job_fork(struct sh_job *j, int fg)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_err("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (sh.jobctl) {
			pid_t pg = j->pgid ? j->pgid : getpid();

			setpgid(0, pg);
			if (fg)
				tcsetpgrp(sh.tty, pg);
		}
		sh_signals_child();
		if (!sh.jobctl && !fg) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
		}
		sh.in_child = 1;
		sh.jobctl = 0;
		sh.interactive = 0;
		sh_jobs_forget();
		return 0;
	}
	if (!j->pgid)
		j->pgid = pid;
	if (sh.jobctl)
		setpgid(pid, j->pgid);
	job_add_proc(j, pid);
	return pid;
}

int sh_wait_status(int st)
{
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int sh_job_state(const struct sh_job *j)
{
	int stopped = 0;

	for (int i = 0; i < j->nprocs; i++) {
		if (j->procs[i].state == PS_RUNNING)
			return PS_RUNNING;
		stopped |= j->procs[i].state == PS_STOPPED;
	}
	return stopped ? PS_STOPPED : PS_DONE;
}

/* The status of a job: its last process's. */
int sh_job_status(const struct sh_job *j)
{
	return j->nprocs ? sh_wait_status(j->procs[j->nprocs - 1].status) : 0;
}

static void job_record(pid_t pid, int st)
{
	for (struct sh_job *j = jobs_head; j; j = j->next)
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].pid == pid) {
				j->procs[i].status = st;
				j->procs[i].state = WIFSTOPPED(st)     ? PS_STOPPED
						    : WIFCONTINUED(st) ? PS_RUNNING
								       : PS_DONE;
				j->notified = 0;
				return;
			}
}

/* Wait for one child to change; 1 if one did, 0 if none (WNOHANG), -1. */
static int jobs_wait(int flags)
{
	int st;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &st, jobs_wflags | flags);
		if (pid < 0 && errno == EINVAL && jobs_wflags) {
			jobs_wflags = 0; /* no WUNTRACED here: plain waiting */
			continue;
		}
		if (pid < 0 && errno == EINTR)
			continue;
		break;
	}
	if (pid <= 0)
		return pid;
	job_record(pid, st);
	return 1;
}

/* Collect every change there is (block: wait for at least one). */
void sh_jobs_reap(int block)
{
	if (block && jobs_wait(0) <= 0)
		return;
	while (jobs_wait(WNOHANG) > 0)
		;
}

/* Wait until job j is no longer running; its status. */
int sh_jobs_wait_one(struct sh_job *j)
{
	while (sh_job_state(j) == PS_RUNNING)
		if (jobs_wait(0) < 0) {
			for (int i = 0; i < j->nprocs; i++)
				if (j->procs[i].state == PS_RUNNING)
					j->procs[i].state = PS_DONE;
			break;
		}
	return sh_job_status(j);
}

static char job_mark(const struct sh_job *j)
{
	const struct sh_job *last = NULL, *prev = NULL;

	for (const struct sh_job *k = jobs_head; k; k = k->next) {
		prev = last;
		last = k;
	}
	return j == last ? '+' : j == prev ? '-' : ' ';
}

void sh_job_print(const struct sh_job *j, const char *what)
{
	dprintf(2, "[%d]%c  %s  %s\n", j->id, job_mark(j), what, j->text);
}

static void job_print_done(const struct sh_job *j)
{
	char what[48];
	int st = j->nprocs ? j->procs[j->nprocs - 1].status : 0;

	if (WIFSIGNALED(st))
		snprintf(what, sizeof(what), "%s", strsignal(WTERMSIG(st)));
	else if (WEXITSTATUS(st))
		snprintf(what, sizeof(what), "Exit %d", WEXITSTATUS(st));
	else
		snprintf(what, sizeof(what), "Done");
	sh_job_print(j, what);
}

/* Before a prompt: report jobs that ended or stopped in the background. */
void sh_jobs_notify(void)
{
	struct sh_job *j, *next;

	sh_jobs_reap(0);
	for (j = jobs_head; j; j = next) {
		int state = sh_job_state(j);

		next = j->next;
		if (state == PS_DONE) {
			job_print_done(j);
			sh_job_free(j);
		} else if (state == PS_STOPPED && !j->notified) {
			sh_job_print(j, "Stopped");
			j->notified = 1;
		}
	}
}

/* Run job j in the foreground until it ends or stops; its status. */
int sh_job_wait_fg(struct sh_job *j)
{
	int status;

	if (sh.jobctl)
		tcsetpgrp(sh.tty, j->pgid);
	status = sh_jobs_wait_one(j);
	if (sh.jobctl) {
		if (sh_job_state(j) == PS_STOPPED && sh_have_tmodes)
			j->have_tmodes = tcgetattr(sh.tty, &j->tmodes) == 0;
		sh_tty_take();
	}
	if (sh_job_state(j) == PS_STOPPED) {
		dprintf(2, "\n");
		sh_job_print(j, "Stopped");
		j->notified = 1;
		return status;
	}
	if (sh.interactive && status > 128) {
		int sig = status - 128;

		if (sig == SIGINT)
			dprintf(2, "\n");
		else if (sig != SIGPIPE)
			dprintf(2, "%s\n", strsignal(sig));
	}
	sh_job_free(j);
	return status;
}

/* A job started with &: "[1] 123" when interactive. */
void sh_job_put_bg(struct sh_job *j)
{
	if (sh.interactive)
		dprintf(2, "[%d] %d\n", j->id, (int)j->procs[j->nprocs - 1].pid);
	sh.lastbg = j->procs[j->nprocs - 1].pid;
}

/* fg and bg: SIGCONT to the group (or each process without job control). */
void sh_job_continue(struct sh_job *j, int fg)
{
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state == PS_STOPPED)
			j->procs[i].state = PS_RUNNING;
	j->notified = 0;
	if (fg && sh.jobctl) {
		tcsetpgrp(sh.tty, j->pgid);
		if (j->have_tmodes)
			tcsetattr(sh.tty, TCSADRAIN, &j->tmodes);
	}
	if (kill(-j->pgid, SIGCONT) < 0)
		for (int i = 0; i < j->nprocs; i++)
			kill(j->procs[i].pid, SIGCONT);
}

/* %n, %%, %+, %-, %prefix, or a process id. */
struct sh_job *sh_job_find(const char *spec)
{
	struct sh_job *j, *last = NULL, *prev = NULL;

	for (j = jobs_head; j; j = j->next) {
		prev = last;
		last = j;
	}
	if (!spec || !strcmp(spec, "%") || !strcmp(spec, "%%") || !strcmp(spec, "%+"))
		return last;
	if (!strcmp(spec, "%-"))
		return prev;
	for (j = jobs_head; j; j = j->next) {
		if (spec[0] == '%' && spec[1] >= '0' && spec[1] <= '9' && j->id == atoi(spec + 1))
			return j;
		if (spec[0] == '%' && !(spec[1] >= '0' && spec[1] <= '9') &&
		    !strncmp(j->text, spec + 1, strlen(spec + 1)))
			return j;
		if (spec[0] != '%')
			for (int i = 0; i < j->nprocs; i++)
				if (j->procs[i].pid == atoi(spec))
					return j;
	}
	return NULL;
}

/* The interactive shell leaves: its jobs get SIGHUP (stopped ones SIGCONT
 * too, so that they see it), as a terminal hangup would send them. */
void sh_jobs_hangup(void)
{
	for (struct sh_job *j = jobs_head; j; j = j->next) {
		int state = sh_job_state(j);

		if (state == PS_DONE)
			continue;
		if (kill(-j->pgid, SIGHUP) < 0)
			for (int i = 0; i < j->nprocs; i++)
				kill(j->procs[i].pid, SIGHUP);
		if (state == PS_STOPPED)
			sh_job_continue(j, 0);
	}
}

/* A script that starts many background jobs and never waits: forget the
 * oldest finished ones past a bound (wait can no longer report them). */
static void jobs_trim(void)
{
	int done = 0;

	for (struct sh_job *j = jobs_head; j; j = j->next)
		done += sh_job_state(j) == PS_DONE;
	for (struct sh_job *j = jobs_head, *next; j && done > 64; j = next) {
		next = j->next;
		if (sh_job_state(j) == PS_DONE) {
			sh_job_free(j);
			done--;
		}
	}
}
