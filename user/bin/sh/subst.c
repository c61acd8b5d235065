/*
 * subst.c: command substitution, $(...) and `...`: a child runs the text
 * with its output on a pipe; the shell reads it all, waits for that child
 * alone, and drops the trailing newlines (POSIX XCU 2.6.3).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"

int sh_subst_status = -1;

static void subst_child(int fds[2], const char *text)
{
	close(fds[0]);
	if (fds[1] != 1) {
		dup2(fds[1], 1);
		close(fds[1]);
	}
	sh_signals_child();
	sh.in_child = 1;
	sh.jobctl = 0;
	sh.interactive = 0;
	sh_jobs_forget();
	sh_exit(sh_run_string(text, NULL));
}

char *sh_cmdsubst(const char *src, size_t n)
{
	struct sh_buf out = { 0 };
	char *text = sh_strndup(src, n), buf[512];
	int fds[2], st = 0;
	pid_t pid;
	ssize_t got;

	if (pipe(fds) < 0) {
		sh_err("pipe: %s", strerror(errno));
		free(text);
		return sh_strdup("");
	}
	pid = fork();
	if (pid == 0)
		subst_child(fds, text);
	close(fds[1]);
	free(text);
	while (pid > 0 &&
	       ((got = read(fds[0], buf, sizeof(buf))) > 0 || (got < 0 && errno == EINTR)))
		if (got > 0)
			sh_buf_add(&out, buf, (size_t)got);
	close(fds[0]);
	if (pid < 0)
		sh_err("fork: %s", strerror(errno));
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sh_subst_status = pid > 0 ? sh_wait_status(st) : 1;
	sh.status = sh_subst_status;
	while (out.len && out.s[out.len - 1] == '\n')
		out.s[--out.len] = 0;
	return sh_buf_take(&out);
}
