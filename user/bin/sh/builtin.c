/*
 * builtin.c: the table of builtins, and the small ones: : true false
 * exit break continue echo pwd cd help type command.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"

int bi_true_(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_false_(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

int bi_exit_(int argc, char **argv)
{
	int status = argc > 1 ? atoi(argv[1]) : sh.status;

	sh_exit(status);
}

int bi_break(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 1) {
		sh_err("%s: %s: loop count out of range", argv[0], argv[1]);
		return 1;
	}
	if (!sh.loop_depth)
		return 0;
	if (n > sh.loop_depth)
		n = sh.loop_depth;
	if (argv[0][0] == 'b')
		sh.brk = n;
	else
		sh.cont = n;
	return 0;
}

/* echo [-n] [-e] args: -e turns on \n \t \\ \c and friends. */
int bi_echo_(int argc, char **argv)
{
	struct sh_buf b = { 0 };
	int nl = 1, esc = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;

		if (strspn(o, "neE") != strlen(o))
			break;
		for (; *o; o++)
			*o == 'n' ? (nl = 0) : *o == 'e' ? (esc = 1) : (esc = 0);
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			sh_buf_addc(&b, ' ');
		if (esc && sh_echo_escapes(&b, argv[i])) {
			nl = 0;
			break;
		}
		if (!esc)
			sh_buf_adds(&b, argv[i]);
	}
	if (nl)
		sh_buf_addc(&b, '\n');
	i = sh_write_all(1, b.s, b.len, "echo");
	free(b.s);
	return i;
}

int bi_pwd_(int argc, char **argv)
{
	char cwd[1024];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		sh_err("pwd: %s", strerror(errno));
		return 1;
	}
	dprintf(1, "%s\n", cwd);
	return 0;
}

int bi_cd_(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : sh_var_get("HOME");
	char cwd[1024];
	int print = 0;

	if (argc > 1 && !strcmp(argv[1], "-")) {
		dir = sh_var_get("OLDPWD");
		print = 1;
		if (!dir) {
			sh_err("cd: OLDPWD not set");
			return 1;
		}
	}
	if (!dir || !*dir)
		dir = "/";
	if (chdir(dir) < 0) {
		sh_err("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (sh_var_get("PWD"))
		sh_var_set("OLDPWD", sh_var_get("PWD"), 1);
	if (getcwd(cwd, sizeof(cwd)))
		sh_var_set("PWD", cwd, 1);
	if (print)
		dprintf(1, "%s\n", cwd);
	return 0;
}

/* The \ escapes of echo -e; 1 if \c (stop output) was met. */
int sh_echo_escapes(struct sh_buf *b, const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";

	for (; *s; s++) {
		const char *k;

		if (*s != '\\' || !s[1]) {
			sh_buf_addc(b, *s);
			continue;
		}
		s++;
		if (*s == 'c')
			return 1;
		if ((k = strchr(from, *s))) {
			sh_buf_addc(b, to[k - from]);
		} else if (*s == '0') {
			int v = 0;

			for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
				v = v * 8 + *++s - '0';
			sh_buf_addc(b, (char)v);
		} else {
			sh_buf_addc(b, '\\');
			sh_buf_addc(b, *s);
		}
	}
	return 0;
}

int sh_write_all(int fd, const char *s, size_t n, const char *who)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			sh_err("%s: write error: %s", who, strerror(errno));
			return 1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
