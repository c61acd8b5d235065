/*
 * main.c: /bin/sh's entry: options, the environment, and the loop that
 * reads commands: from a string (-c), a file (sh file, `.`), or standard
 * input, with the line editor when that is a terminal.
 *
 *   sh [-eilx] [-c command [name [arg...]]]
 *   sh [-eilx] [file [arg...]]
 *
 * A login shell (-l, or a name that starts with '-') first runs
 * /etc/profile and then $HOME/.profile, each if it exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"

void sh_err(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	memcpy(buf, "sh: ", 4);
	va_start(ap, fmt);
	n = vsnprintf(buf + 4, sizeof(buf) - 5, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	n = n + 4 > (int)sizeof(buf) - 2 ? (int)sizeof(buf) - 2 : n + 4;
	buf[n++] = '\n';
	(void)!write(2, buf, (size_t)n);
}

void sh_exit(int status)
{
	if (!sh.in_child && sh.interactive) {
		sh_jobs_hangup();
		if (sh_have_tmodes)
			tcsetattr(sh.tty, TCSADRAIN, &sh_tmodes);
	}
	if (sh.in_child)
		_exit(status & 0xff);
	exit(status & 0xff);
}

/* Parse and run text one complete command at a time. */
int sh_run_string(const char *src, const char *name)
{
	struct sh_parser p;
	struct sh_node *n;
	enum sh_parse_rc rc;
	int status = 0;

	sh_parse_init(&p, src);
	while (!sh.exiting && (rc = sh_parse_next(&p, &n)) == P_OK) {
		status = sh_exec(n, 0);
		sh.status = status;
		sh_node_free(n);
	}
	if (!sh.exiting && (rc == P_ERROR || rc == P_PARTIAL)) {
		sh_err("%s%s%s", name ? name : "", name ? ": " : "",
		       rc == P_PARTIAL ? "syntax error: unexpected end of file" : p.err);
		status = sh.status = 2;
	}
	sh_parse_done(&p);
	return status;
}

static char *main_read_file(const char *path)
{
	struct sh_buf b = { 0 };
	char buf[4096];
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((got = read(fd, buf, sizeof(buf))) > 0 || (got < 0 && errno == EINTR))
		if (got > 0)
			sh_buf_add(&b, buf, (size_t)got);
	close(fd);
	return sh_buf_take(&b);
}

/* Run a script file with $0 = path and the given parameters. */
int sh_run_file(const char *path, int argc, char **argv)
{
	char *text = main_read_file(path);
	int status;

	if (!text) {
		sh_err("%s: %s", path, strerror(errno));
		return 127;
	}
	sh.arg0 = (char *)path; /* lives as long as the run */
	sh.argc = argc;
	sh.argv = argv;
	status = sh_run_string(text, path);
	free(text);
	return status;
}

/* Plain reading, byte at a time so that commands see the rest of input. */
int sh_read_plain_line(struct sh_buf *line)
{
	char c;
	ssize_t got;

	for (;;) {
		got = read(0, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return line->len ? 1 : 0;
		sh_buf_addc(line, c);
		if (c == '\n')
			return 1;
	}
}

static char *main_prompt(int cont)
{
	const char *ps = sh_var_get(cont ? "PS2" : "PS1");

	if (ps)
		return sh_expand_word(ps, 0);
	if (cont)
		return sh_strdup("> ");
	return sh_strdup(geteuid() == 0 ? "zero# " : "zero$ ");
}

static int main_read(int cont, struct sh_buf *line)
{
	char *prompt = sh.interactive ? main_prompt(cont) : NULL;
	int rc;

	if (sh.interactive && sh_have_tmodes)
		rc = sh_edit_read(prompt, line);
	else {
		if (prompt)
			(void)!write(2, prompt, strlen(prompt));
		rc = sh_read_plain_line(line);
	}
	free(prompt);
	return rc;
}

/* Parse the text read so far: 1 ran it, 0 it needs more lines. */
static int main_try(struct sh_buf *text)
{
	struct sh_node *all;
	char err[160];
	enum sh_parse_rc rc = sh_parse_all(text->s, &all, err, sizeof(err));

	if (rc == P_PARTIAL)
		return 0;
	if (sh.interactive && text->len > 1) {
		char *one;

		text->s[text->len - 1] = 0;
		one = sh_hist_join(text->s);
		sh_hist_add(one);
		free(one);
	}
	if (rc == P_ERROR) {
		sh_err("%s", err);
		sh.status = 2;
	} else {
		sh.status = sh_exec(all, 0);
		sh_node_free(all);
	}
	return 1;
}

static int main_loop(void)
{
	struct sh_buf text = { 0 };

	for (;;) {
		struct sh_buf line = { 0 };
		int rc;

		if (sh.interactive)
			sh_jobs_notify();
		rc = main_read(text.len > 0, &line);
		if (rc < 0) {
			free(line.s);
			free(text.s);
			memset(&text, 0, sizeof(text));
			sh.status = 130;
			continue;
		}
		if (rc == 0) {
			if (text.len) {
				sh_err("syntax error: unexpected end of file");
				sh.status = 2;
			}
			break;
		}
		sh_buf_add(&text, line.s, line.len);
		free(line.s);
		if (main_try(&text)) {
			free(text.s);
			memset(&text, 0, sizeof(text));
		}
	}
	free(text.s);
	if (sh.interactive)
		dprintf(2, "exit\n");
	return sh.status;
}

static void main_env(char *arg0)
{
	extern char **environ;
	char cwd[1024];

	sh_var_import(environ);
	if (!sh_var_get("PATH"))
		sh_var_set("PATH", "/bin:/sbin:/usr/bin", 1);
	if (!sh_var_get("HOME"))
		sh_var_set("HOME", "/", 1);
	if (getcwd(cwd, sizeof(cwd)))
		sh_var_set("PWD", cwd, 1);
	sh.pid = getpid();
	sh.arg0 = arg0;
}

/* The option letters; the index of the first operand. */
static int main_opts(int argc, char **argv, const char **cmd, int *force_i, int *login)
{
	int i;

	for (i = 1; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		int on = argv[i][0] == '-';

		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'c' && on)
				*cmd = "";
			else if (*o == 'e')
				sh.opt_e = on;
			else if (*o == 'x')
				sh.opt_x = on;
			else if (*o == 'i')
				*force_i = on;
			else if (*o == 'l')
				*login = on;
			else if (*o != 's') {
				sh_err("-%c: unknown option", *o);
				exit(2);
			}
		}
	}
	return i;
}

/* Run a start-up file in this shell, as `.` does, if it exists. */
static void main_source(const char *path)
{
	char *text = access(path, R_OK) == 0 ? main_read_file(path) : NULL;

	if (text) {
		sh.status = sh_run_string(text, path);
		free(text);
	}
}

/* A login shell's start-up files. */
static void main_profile(void)
{
	char path[1024];
	const char *home = sh_var_get("HOME");

	main_source("/etc/profile");
	if (home && snprintf(path, sizeof(path), "%s/.profile", home) < (int)sizeof(path))
		main_source(path);
}

int main(int argc, char **argv)
{
	const char *cmd = NULL;
	int force_i = 0, login = argv[0] && argv[0][0] == '-', i;

	main_env(argv[0]);
	i = main_opts(argc, argv, &cmd, &force_i, &login);
	if (cmd) {
		if (i >= argc) {
			sh_err("-c: option requires an argument");
			return 2;
		}
		cmd = argv[i++];
		if (i < argc)
			sh.arg0 = argv[i++];
		sh.argv = argv + i;
		sh.argc = argc - i;
		sh_exit(sh_run_string(cmd, NULL));
	}
	if (i < argc)
		sh_exit(sh_run_file(argv[i], argc - i - 1, argv + i + 1));
	sh.argv = argv + i;
	sh.interactive = force_i || (isatty(0) && isatty(2));
	if (sh.interactive)
		sh_tty_init();
	if (login)
		main_profile();
	sh_exit(main_loop());
}
