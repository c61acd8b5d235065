/*
 * exec.h: what the running parts of the shell share (exec.c, redir.c,
 * jobs.c, the builtins, the line editor): none of it is in the host test.
 */
#ifndef USER_BIN_SH_EXEC_H_
#define USER_BIN_SH_EXEC_H_

#include <sys/types.h>
#include <termios.h>

#include "sh.h"

#define SH_FDSAVE_MAX 16
struct sh_fdsave {
	int n;
	int fd[SH_FDSAVE_MAX], saved[SH_FDSAVE_MAX];
};
int sh_redir_apply(const struct sh_redir *r, struct sh_fdsave *sv);
void sh_redir_restore(struct sh_fdsave *sv);
int sh_write_text(int fd, const char *s, size_t n);

/* ---- jobs ---- */
enum { PS_RUNNING, PS_STOPPED, PS_DONE };
struct sh_proc {
	pid_t pid;
	int status; /* wait status once done or stopped */
	int state;
};
struct sh_job {
	int id;
	pid_t pgid;
	struct sh_proc *procs;
	int nprocs;
	char *text;
	int notified; /* its last change was reported */
	int have_tmodes;
	struct termios tmodes;
	struct sh_job *next;
};
struct sh_job *sh_job_new(const char *text);
pid_t sh_job_fork(struct sh_job *j, int fg);
int sh_job_wait_fg(struct sh_job *j);
void sh_job_put_bg(struct sh_job *j);
void sh_job_continue(struct sh_job *j, int fg);
void sh_jobs_reap(int block);
void sh_jobs_notify(void);
void sh_jobs_hangup(void);
struct sh_job *sh_job_find(const char *spec);
struct sh_job *sh_jobs_list(void);
void sh_job_free(struct sh_job *j);
int sh_job_state(const struct sh_job *j);
int sh_job_status(const struct sh_job *j);
int sh_wait_status(int st);
void sh_jobs_forget(void);
int sh_jobs_wait_one(struct sh_job *j);
void sh_job_print(const struct sh_job *j, const char *what);

/* ---- the terminal ---- */
void sh_tty_init(void);
void sh_tty_take(void);
void sh_signals_child(void);
extern struct termios sh_tmodes;
extern int sh_have_tmodes;

/* ---- running commands ---- */
__attribute__((noreturn)) void sh_exec_argv(char **argv);
int sh_exec_simple(struct sh_node *n, int flags);
int sh_run_argv(char **argv, const char *text);
int sh_func_exists(const char *name);
int sh_func_define(struct sh_node *n);
int sh_func_call(int argc, char **argv, int *status);
int sh_exec_case(struct sh_node *n, int flags);
extern int sh_subst_status;

/* ---- builtins ---- */
typedef int (*sh_builtin_fn)(int argc, char **argv);
struct sh_builtin {
	const char *name;
	sh_builtin_fn fn;
	const char *help;
};
const struct sh_builtin *sh_builtin_find(const char *name);
const struct sh_builtin *sh_builtin_table(int *n);
int sh_run_file(const char *path, int argc, char **argv);
char *sh_path_find(const char *name);
int sh_access(const char *path, int mode);

/* ---- input ---- */
int sh_edit_read(const char *prompt, struct sh_buf *line);
int sh_read_plain_line(struct sh_buf *line);
void sh_hist_add(const char *line);
char *sh_hist_join(const char *text);
const char *sh_hist_get(int back);
int sh_hist_count(void);
void sh_complete(struct sh_buf *line, size_t *cur, int again);

#endif
