/*
 * redir.c: redirections (POSIX XCU 2.7). A builtin or a group runs in the
 * shell itself, so its redirections are undone afterwards: each descriptor
 * is first copied above 10 (close-on-exec) and put back at the end. A
 * child (or `exec`) passes no save list: the change is for good.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"
#include "exec.h"

static int redir_save(struct sh_fdsave *sv, int fd)
{
	for (int i = 0; i < sv->n; i++)
		if (sv->fd[i] == fd)
			return 0;
	if (sv->n >= SH_FDSAVE_MAX)
		return -1;
	sv->fd[sv->n] = fd;
	sv->saved[sv->n] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	sv->n++;
	return 0;
}

void sh_redir_restore(struct sh_fdsave *sv)
{
	for (int i = sv->n - 1; i >= 0; i--) {
		if (sv->saved[i] >= 0) {
			dup2(sv->saved[i], sv->fd[i]);
			close(sv->saved[i]);
		} else
			close(sv->fd[i]);
	}
	sv->n = 0;
}

static int redir_open(const struct sh_redir *r, const char *file)
{
	static const int modes[] = {
		[R_IN] = O_RDONLY,
		[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
		[R_RDWR] = O_RDWR | O_CREAT,
		[R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC,
	};
	int fd = open(file, modes[r->op], 0666);

	if (fd < 0) {
		sh_err("%s: %s", file, strerror(errno));
		return -1;
	}
	if (fd != r->fd) {
		if (dup2(fd, r->fd) < 0) {
			sh_err("%d: %s", r->fd, strerror(errno));
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

static int redir_dup(const struct sh_redir *r, const char *word)
{
	char *end;
	long from;

	if (!strcmp(word, "-")) {
		close(r->fd);
		return 0;
	}
	from = strtol(word, &end, 10);
	if (!*word || *end || from < 0) {
		sh_err("%s: bad file descriptor", word);
		return -1;
	}
	if (from != r->fd && dup2((int)from, r->fd) < 0) {
		sh_err("%ld: %s", from, strerror(errno));
		return -1;
	}
	return 0;
}

/* A here-document: its text on a pipe, or in an unlinked file if long. */
static int redir_heredoc(const struct sh_redir *r, const char *text)
{
	size_t n = strlen(text);
	int fds[2] = { -1, -1 };

	if (n <= 16384 && pipe(fds) == 0) {
		int rc = sh_write_text(fds[1], text, n);

		close(fds[1]);
		fds[1] = -1;
		if (rc < 0) {
			close(fds[0]);
			fds[0] = -1;
		}
	} else {
		char path[64];

		snprintf(path, sizeof(path), "/tmp/.sh-here.%d", (int)getpid());
		fds[1] = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fds[1] >= 0) {
			fds[0] = sh_write_text(fds[1], text, n) < 0 ? -1 : open(path, O_RDONLY);
			close(fds[1]);
			unlink(path);
		}
	}
	if (fds[0] < 0) {
		sh_err("here-document: %s", strerror(errno));
		return -1;
	}
	if (fds[0] != r->fd) {
		dup2(fds[0], r->fd);
		close(fds[0]);
	}
	return 0;
}

/* Write all of s; 0 or -1. */
int sh_write_text(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Apply the list; sv (may be NULL) records how to undo it. 0 or -1. */
int sh_redir_apply(const struct sh_redir *r, struct sh_fdsave *sv)
{
	for (; r; r = r->next) {
		char *word = r->op == R_HEREDOCQ  ? sh_strdup(r->word)
			     : r->op == R_HEREDOC ? sh_expand_heredoc(r->word)
						  : sh_expand_one(r->word);
		int rc;

		if (sh_expand_error()) {
			free(word);
			return -1;
		}
		if (sv && redir_save(sv, r->fd) < 0) {
			sh_err("too many redirections");
			free(word);
			return -1;
		}
		if (r->op == R_HEREDOC || r->op == R_HEREDOCQ)
			rc = redir_heredoc(r, word);
		else if (r->op == R_DUPIN || r->op == R_DUPOUT)
			rc = redir_dup(r, word);
		else
			rc = redir_open(r, word);
		free(word);
		if (rc < 0)
			return -1;
	}
	return 0;
}
