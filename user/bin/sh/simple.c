/*
 * simple.c: a simple command (POSIX XCU 2.9.1): expand its words, then
 * run a builtin in the shell (redirections and NAME=value undone after it)
 * or fork and exec a program found along $PATH. A file that exec refuses
 * as not a program (ENOEXEC) is run by the shell as a script.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"

/* access(), or the mode bits while the kernel lacks access (ENOSYS). */
int sh_access(const char *path, int mode)
{
	struct stat st;
	int bits = mode == X_OK ? 0111 : mode == W_OK ? 0222 : 0444;

	if (access(path, mode) == 0)
		return 0;
	if (errno != ENOSYS || stat(path, &st) < 0)
		return -1;
	return (st.st_mode & bits) || (mode != X_OK && geteuid() == 0) ? 0 : -1;
}

/* The full path of a program along $PATH (malloc'd), or NULL. */
char *sh_path_find(const char *name)
{
	const char *path = sh_var_get("PATH"), *p, *colon;
	struct stat st;

	if (strchr(name, '/'))
		return sh_strdup(name);
	for (p = path ? path : "/bin:/sbin:/usr/bin"; p; p = colon ? colon + 1 : NULL) {
		struct sh_buf b = { 0 };

		colon = strchr(p, ':');
		sh_buf_add(&b, p, colon ? (size_t)(colon - p) : strlen(p));
		if (!b.len)
			sh_buf_addc(&b, '.');
		sh_buf_addc(&b, '/');
		sh_buf_adds(&b, name);
		if (stat(b.s, &st) == 0 && S_ISREG(st.st_mode) && sh_access(b.s, X_OK) == 0)
			return b.s;
		free(b.s);
	}
	return NULL;
}

static __attribute__((noreturn)) void exec_script(const char *path, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	sh_var_drop_local();
	sh.opt_e = sh.opt_x = 0;
	sh.loop_depth = sh.brk = sh.cont = 0;
	sh_exit(sh_run_file(path, argc - 1, argv + 1));
}

/* In a child: become the program (or die with the shell's message). */
void sh_exec_argv(char **argv)
{
	char **env = sh_var_environ();
	char *path = sh_path_find(argv[0]);
	struct stat st;
	int err;

	if (!path) {
		sh_err("%s: not found", argv[0]);
		sh_exit(127);
	}
	if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || sh_access(path, X_OK) < 0)) {
		/* the shell checks too: a kernel may not (or not yet) */
		sh_err("%s: %s", argv[0],
		       S_ISDIR(st.st_mode) ? "Is a directory" : "Permission denied");
		sh_exit(126);
	}
	execve(path, argv, env);
	err = errno;
	if (err == ENOEXEC)
		exec_script(path, argv);
	if (err == ENOENT && !strchr(argv[0], '/'))
		sh_err("%s: not found", argv[0]);
	else if (err == EACCES)
		sh_err("%s: Permission denied", argv[0]);
	else
		sh_err("%s: %s", argv[0], strerror(err));
	sh_exit(err == ENOENT ? 127 : 126);
}

static void simple_trace(char **argv, int n)
{
	struct sh_buf b = { 0 };

	sh_buf_adds(&b, "+");
	for (int i = 0; i < n; i++) {
		sh_buf_addc(&b, ' ');
		sh_buf_adds(&b, argv[i]);
	}
	sh_buf_addc(&b, '\n');
	(void)!write(2, b.s, b.len);
	free(b.s);
}

#define SIMPLE_UNDO_MAX 32
struct simple_undo {
	int n;
	struct {
		char *name, *old;
		int had, wasexp;
	} v[SIMPLE_UNDO_MAX];
};

/* NAME=value words: for good, or noted in undo to be put back. */
static int simple_assign(struct sh_node *n, int export, struct simple_undo *undo)
{
	for (int i = 0; i < n->assigns.n; i++) {
		const char *w = n->assigns.v[i], *eq = strchr(w, '=');
		char *name = sh_strndup(w, (size_t)(eq - w)), *val = sh_expand_one(eq + 1);

		if (sh_expand_error()) {
			free(name);
			free(val);
			return -1;
		}
		if (undo && undo->n < SIMPLE_UNDO_MAX) {
			int k = undo->n++;

			undo->v[k].name = sh_strdup(name);
			sh_var_save(name, &undo->v[k].old, &undo->v[k].had, &undo->v[k].wasexp);
		}
		sh_var_set(name, val, export);
		free(name);
		free(val);
	}
	return 0;
}

static void simple_unassign(struct simple_undo *u)
{
	while (u->n > 0) {
		u->n--;
		sh_var_restore(u->v[u->n].name, u->v[u->n].old, u->v[u->n].had, u->v[u->n].wasexp);
		free(u->v[u->n].name);
	}
}

/* Only assignments and redirections. */
static int simple_noargs(struct sh_node *n)
{
	struct sh_fdsave sv = { 0 };
	int rc = simple_assign(n, 0, NULL);

	if (rc == 0)
		rc = sh_redir_apply(n->redirs, &sv);
	sh_redir_restore(&sv);
	if (rc < 0)
		return 1;
	return sh_subst_status >= 0 ? sh_subst_status : 0;
}

static __attribute__((noreturn)) void simple_child(struct sh_node *n, char **argv)
{
	if (simple_assign(n, 1, NULL) < 0 || sh_redir_apply(n->redirs, NULL) < 0)
		sh_exit(1);
	sh_exec_argv(argv);
}

/* exec [cmd...]: redirections for good, or the shell becomes cmd. */
static int simple_exec(struct sh_node *n, char **argv)
{
	if (sh_redir_apply(n->redirs, NULL) < 0)
		return 1;
	if (!argv[1])
		return simple_assign(n, 0, NULL) < 0;
	if (simple_assign(n, 1, NULL) < 0)
		return 1;
	if (sh.interactive && sh_have_tmodes)
		tcsetattr(sh.tty, TCSADRAIN, &sh_tmodes);
	sh_signals_child();
	sh_exec_argv(argv + 1);
}

static int simple_builtin(struct sh_node *n, const struct sh_builtin *b, struct sh_vec *argv)
{
	struct simple_undo undo = { 0 };
	struct sh_fdsave sv = { 0 };
	int status = 1;

	if (!strcmp(b->name, "exec"))
		return simple_exec(n, argv->v);
	if (simple_assign(n, 0, &undo) == 0 && sh_redir_apply(n->redirs, &sv) == 0)
		status = b->fn(argv->n, argv->v);
	sh_redir_restore(&sv);
	simple_unassign(&undo);
	return status;
}

static int simple_function(struct sh_node *n, struct sh_vec *argv)
{
	struct simple_undo undo = { 0 };
	struct sh_fdsave sv = { 0 };
	int status = 1;

	if (simple_assign(n, 0, &undo) == 0 && sh_redir_apply(n->redirs, &sv) == 0)
		sh_func_call(argv->n, argv->v, &status);
	sh_redir_restore(&sv);
	simple_unassign(&undo);
	return status;
}

/* Run argv as a program in a foreground job of its own; its status. */
int sh_run_argv(char **argv, const char *text)
{
	struct sh_job *j = sh_job_new(text);
	pid_t pid = sh_job_fork(j, 1);

	if (pid == 0)
		sh_exec_argv(argv);
	if (pid < 0) {
		sh_job_free(j);
		return 1;
	}
	return sh_job_wait_fg(j);
}

int sh_exec_simple(struct sh_node *n, int flags)
{
	struct sh_vec argv = { 0 };
	const struct sh_builtin *b;
	int status;

	sh_subst_status = -1;
	if (sh_expand_words(n->words.v, n->words.n, &argv) < 0) {
		sh_vec_free(&argv);
		return 1;
	}
	if (!argv.n) {
		sh_vec_free(&argv);
		return simple_noargs(n);
	}
	if (sh.opt_x)
		simple_trace(argv.v, argv.n);
	if (sh_func_exists(argv.v[0]))
		status = simple_function(n, &argv);
	else if ((b = sh_builtin_find(argv.v[0])))
		status = simple_builtin(n, b, &argv);
	else if (flags & E_NOFORK)
		simple_child(n, argv.v);
	else {
		struct sh_job *j = sh_job_new(n->text);
		pid_t pid = sh_job_fork(j, 1);

		if (pid == 0)
			simple_child(n, argv.v);
		if (pid < 0) {
			sh_job_free(j);
			status = 1;
		} else
			status = sh_job_wait_fg(j);
	}
	sh_vec_free(&argv);
	return status;
}
