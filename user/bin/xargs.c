/*
 * xargs: build command lines from standard input and run them.
 *   -n N at most N arguments per command, -I REPL one command per input
 *   line with REPL replaced by the line, -0 arguments end with NUL (no
 *   quoting), -t show each command on stderr, -r run nothing for empty
 *   input. Blanks and newlines separate arguments; '...', "..." and
 *   backslash quote. The command defaults to echo.
 * Exit 0; 123 if a command exited 1-125; 124 if one exited 255; 125 if one
 * was killed; 126 if it could not be run, 127 if it was not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define XARGS_MAX_ARGS	4096
#define XARGS_MAX_BYTES (64 * 1024)

static struct {
	long maxargs;
	const char *repl;
	int nul, trace, noempty;
} xargs_opt;

static char **xargs_cmd;
static int xargs_ncmd, xargs_status, xargs_nflag;

static char *xargs_buf;
static size_t xargs_len, xargs_cap;

static void xargs_put(int c)
{
	if (xargs_len + 1 >= xargs_cap) {
		xargs_cap = xargs_cap ? xargs_cap * 2 : 256;
		xargs_buf = realloc(xargs_buf, xargs_cap);
		if (!xargs_buf) {
			fprintf(stderr, "xargs: out of memory\n");
			exit(1);
		}
	}
	xargs_buf[xargs_len++] = (char)c;
}

/* The next argument from stdin (malloc'd), or NULL at the end. */
static char *xargs_word(void)
{
	int c, q = 0, any = 0;

	xargs_len = 0;
	while ((c = getchar()) != EOF) {
		if (xargs_opt.nul || xargs_opt.repl) {
			if (c == (xargs_opt.nul ? 0 : '\n'))
				break;
			if (!any && xargs_opt.repl && !xargs_opt.nul && (c == ' ' || c == '\t'))
				continue;
		} else if (q) {
			if (c == q) {
				q = 0;
				continue;
			}
			if (c == '\n') {
				fprintf(stderr, "xargs: unmatched %s quote\n",
					q == '"' ? "double" : "single");
				exit(1);
			}
		} else if (c == ' ' || c == '\t' || c == '\n') {
			if (any)
				break;
			continue;
		} else if (c == '\'' || c == '"') {
			q = c, any = 1;
			continue;
		} else if (c == '\\' && (c = getchar()) == EOF) {
			break;
		}
		xargs_put(c);
		any = 1;
	}
	if (!any && c == EOF)
		return NULL;
	xargs_put(0);
	return strdup(xargs_buf);
}

static void xargs_trace(char **argv)
{
	for (int i = 0; argv[i]; i++)
		fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
	fputc('\n', stderr);
}

/* Run @argv and fold its end into the status; 1 if xargs must stop. */
static int xargs_run(char **argv)
{
	int st;
	pid_t pid;

	if (xargs_opt.trace)
		xargs_trace(argv);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "xargs: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			exit(1);
	if (WIFSIGNALED(st))
		return xargs_status = 125, 1;
	st = WEXITSTATUS(st);
	if (st == 126 || st == 127)
		return xargs_status = st, 1;
	if (st == 255)
		return xargs_status = 124, 1;
	if (st)
		xargs_status = 123;
	return 0;
}

/* -I: each input line gives one command, REPL replaced in every argument. */
static void xargs_replace(void)
{
	char **argv = malloc(sizeof(char *) * (size_t)(xargs_ncmd + 1));
	size_t rl = strlen(xargs_opt.repl);
	char *line;

	if (!argv)
		exit(1);
	while ((line = xargs_word())) {
		if (!*line) { /* an empty line gives no command */
			free(line);
			continue;
		}
		for (int i = 0; i < xargs_ncmd; i++) {
			const char *a = xargs_cmd[i], *s;
			size_t n = strlen(a) + 1;
			for (s = strstr(a, xargs_opt.repl); rl && s;
			     s = strstr(s + rl, xargs_opt.repl))
				n += strlen(line);
			char *o = argv[i] = malloc(n);
			if (!o)
				exit(1);
			while (*a) {
				if (rl && !strncmp(a, xargs_opt.repl, rl))
					o = stpcpy(o, line), a += rl;
				else
					*o++ = *a++;
			}
			*o = 0;
		}
		argv[xargs_ncmd] = NULL;
		int stop = xargs_run(argv);
		for (int i = 0; i < xargs_ncmd; i++)
			free(argv[i]);
		free(line);
		if (stop)
			break;
	}
	free(argv);
}

static void xargs_batches(void)
{
	char **argv = malloc(sizeof(char *) * (size_t)(xargs_ncmd + XARGS_MAX_ARGS + 1));
	char *w = NULL;
	int n, ran = 0, more = 1;
	size_t bytes;

	if (!argv)
		exit(1);
	memcpy(argv, xargs_cmd, sizeof(char *) * (size_t)xargs_ncmd);
	while (more) {
		n = xargs_ncmd, bytes = 0;
		while ((w || (w = xargs_word())) && n - xargs_ncmd < XARGS_MAX_ARGS &&
		       (!xargs_opt.maxargs || n - xargs_ncmd < xargs_opt.maxargs) &&
		       (n == xargs_ncmd || bytes + strlen(w) < XARGS_MAX_BYTES)) {
			bytes += strlen(w) + 1;
			argv[n++] = w;
			w = NULL;
		}
		more = w != NULL;
		if (n == xargs_ncmd && (ran || xargs_opt.noempty))
			break;
		argv[n] = NULL;
		ran = 1;
		int stop = xargs_run(argv);
		for (int i = xargs_ncmd; i < n; i++)
			free(argv[i]);
		if (stop)
			break;
	}
	free(w);
	free(argv);
}

int main(int argc, char **argv)
{
	static char *echo[] = { "echo", NULL };
	int c;

	while ((c = getopt(argc, argv, "+n:I:0trx")) != -1) {
		switch (c) {
		case 'n':
			xargs_opt.maxargs = atol(optarg);
			xargs_nflag = 1;
			break;
		case 'I':
			xargs_opt.repl = optarg;
			break;
		case '0':
			xargs_opt.nul = 1;
			break;
		case 't':
			xargs_opt.trace = 1;
			break;
		case 'r':
			xargs_opt.noempty = 1;
			break;
		case 'x':
			break;
		default:
			fprintf(stderr,
				"usage: xargs [-0rt] [-n max] [-I repl] [command [arg...]]\n");
			return 1;
		}
	}
	if (xargs_opt.maxargs < 0 || (xargs_opt.maxargs == 0 && xargs_nflag)) {
		fprintf(stderr, "xargs: invalid number for -n\n");
		return 1;
	}
	xargs_cmd = optind < argc ? argv + optind : echo;
	xargs_ncmd = optind < argc ? argc - optind : 1;
	if (xargs_opt.repl)
		xargs_replace();
	else
		xargs_batches();
	return xargs_status;
}
