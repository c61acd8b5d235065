/*
 * exec.c: running the tree. Lists, and-or lists, the compound commands
 * and pipelines are here; simple commands are in simple.c. A node run with
 * E_NOFORK is the last thing a forked child does, so its command need not
 * fork again (a subshell's last command, each stage of a pipeline).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"

static int exec_cond_depth;

/* A node that runs as a job of its own: a subshell or a background list. */
static int exec_pipeline(struct sh_node *n, int bg);

static int exec_job(struct sh_node *n, int bg)
{
	struct sh_job *j;
	pid_t pid;

	if (n->kind == N_PIPE)
		return exec_pipeline(n, bg);
	j = sh_job_new(n->text);
	pid = sh_job_fork(j, !bg);
	if (pid < 0) {
		sh_job_free(j);
		return 1;
	}
	if (pid == 0) {
		if (n->kind == N_SUBSHELL)
			sh_exit(sh_exec(n, E_NOFORK | E_SUB));
		sh_exit(sh_exec(n, E_NOFORK));
	}
	if (bg) {
		sh_job_put_bg(j);
		return 0;
	}
	return sh_job_wait_fg(j);
}

static int exec_stop(void)
{
	return sh.brk || sh.cont || sh.exiting || sh.returning;
}

static void exec_errexit(struct sh_node *n, int status)
{
	if (sh.opt_e && status && !exec_cond_depth && n->kind != N_AND && n->kind != N_OR &&
	    n->kind != N_NOT)
		sh_exit(status);
}

static int exec_list(struct sh_node *n, int flags)
{
	int status = 0;

	for (int i = 0; i < n->nkids && !exec_stop(); i++) {
		int last = i == n->nkids - 1;

		if (n->bg[i]) {
			status = exec_job(n->kids[i], 1);
			continue;
		}
		status = sh_exec(n->kids[i], last ? flags : flags & ~E_NOFORK);
		sh.status = status;
		exec_errexit(n->kids[i], status);
	}
	return status;
}

static int exec_cond(struct sh_node *n)
{
	int status;

	exec_cond_depth++;
	status = sh_exec(n, 0);
	exec_cond_depth--;
	sh.status = status;
	return status;
}

static int exec_if(struct sh_node *n, int flags)
{
	if (exec_cond(n->kids[0]) == 0)
		return sh_exec(n->kids[1], flags);
	if (exec_stop())
		return sh.status;
	if (n->nkids > 2)
		return sh_exec(n->kids[2], flags);
	return 0;
}

/* After a loop body: 1 if the loop ends here. */
static int exec_loop_next(void)
{
	if (sh.returning)
		return 1;
	if (sh.brk) {
		sh.brk--;
		return 1;
	}
	if (sh.cont) {
		if (--sh.cont)
			return 1;
	}
	return sh.exiting;
}

static int exec_while(struct sh_node *n)
{
	int status = 0;

	sh.loop_depth++;
	for (;;) {
		int c = exec_cond(n->kids[0]);

		if (exec_stop() && exec_loop_next())
			break;
		if ((n->kind == N_WHILE) != (c == 0))
			break;
		status = sh_exec(n->kids[1], 0);
		sh.status = status;
		if (exec_stop() && exec_loop_next())
			break;
	}
	sh.loop_depth--;
	return status;
}

static int exec_for(struct sh_node *n)
{
	struct sh_vec list = { 0 };
	int status = 0;

	if (n->has_in) {
		if (sh_expand_words(n->words.v, n->words.n, &list) < 0)
			return 1;
	} else
		for (int i = 0; i < sh.argc; i++)
			sh_vec_push(&list, sh_strdup(sh.argv[i]));
	sh.loop_depth++;
	for (int i = 0; i < list.n; i++) {
		sh_var_set(n->var, list.v[i], 0);
		status = sh_exec(n->kids[0], 0);
		sh.status = status;
		if (exec_stop() && exec_loop_next())
			break;
	}
	sh.loop_depth--;
	sh_vec_free(&list);
	return status;
}

static int exec_pipe_stage(struct sh_node *n, int in, int out, int close_fd)
{
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if (close_fd >= 0)
		close(close_fd);
	sh_exit(sh_exec(n, E_NOFORK));
}

static int exec_pipeline(struct sh_node *n, int bg)
{
	struct sh_job *j = sh_job_new(n->text);
	int in = 0, fds[2];

	for (int i = 0; i < n->nkids; i++) {
		int last = i == n->nkids - 1;
		pid_t pid;

		fds[0] = -1;
		fds[1] = 1;
		if (!last && pipe(fds) < 0) {
			sh_err("pipe: %s", strerror(errno));
			break;
		}
		pid = sh_job_fork(j, !bg);
		if (pid == 0)
			exec_pipe_stage(n->kids[i], in, fds[1], fds[0]);
		if (in != 0)
			close(in);
		if (!last)
			close(fds[1]);
		in = fds[0];
		if (pid < 0)
			break;
	}
	if (in > 0)
		close(in);
	if (!j->nprocs) {
		sh_job_free(j);
		return 1;
	}
	if (bg) {
		sh_job_put_bg(j);
		return 0;
	}
	return sh_job_wait_fg(j);
}

/* { list } and compound commands with redirections: undone afterwards. */
static int exec_redirected(struct sh_node *n, int flags)
{
	struct sh_fdsave sv = { 0 };
	struct sh_redir *r = n->redirs;
	int status;

	if (sh_redir_apply(r, &sv) < 0) {
		sh_redir_restore(&sv);
		return 1;
	}
	n->redirs = NULL;
	status = sh_exec(n, flags & ~E_NOFORK);
	n->redirs = r;
	sh_redir_restore(&sv);
	return status;
}

int sh_exec(struct sh_node *n, int flags)
{
	if (!n || sh.exiting)
		return sh.status;
	if (n->redirs && n->kind != N_CMD && n->kind != N_SUBSHELL)
		return exec_redirected(n, flags);
	switch (n->kind) {
	case N_CMD:
		return sh_exec_simple(n, flags);
	case N_PIPE:
		return exec_pipeline(n, 0);
	case N_LIST:
		return exec_list(n, flags);
	case N_AND:
	case N_OR: {
		int st = exec_cond(n->kids[0]);

		if (exec_stop() || (n->kind == N_AND ? st != 0 : st == 0))
			return st;
		return sh_exec(n->kids[1], flags);
	}
	case N_NOT:
		return exec_cond(n->kids[0]) ? 0 : 1;
	case N_SUBSHELL:
		if (!(flags & (E_SUB | E_NOFORK)))
			return exec_job(n, 0);
		if (sh_redir_apply(n->redirs, NULL) < 0)
			return 1;
		return sh_exec(n->kids[0], flags & ~E_SUB);
	case N_GROUP:
		return sh_exec(n->kids[0], flags);
	case N_IF:
		return exec_if(n, flags);
	case N_WHILE:
	case N_UNTIL:
		return exec_while(n);
	case N_FOR:
		return exec_for(n);
	case N_CASE:
		return sh_exec_case(n, flags);
	case N_FUNC:
		return sh_func_define(n);
	case N_CASEITEM:
		break;
	}
	return 1;
}
