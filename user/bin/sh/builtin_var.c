/*
 * builtin_var.c: builtins about variables and the shell's own input:
 * export unset set shift read eval . (source) umask.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"

/* Print a value quoted so that the shell can read it back. */
static void bi_print_var(const char *prefix, const struct sh_var *v)
{
	struct sh_buf b = { 0 };

	sh_buf_adds(&b, prefix);
	sh_buf_adds(&b, v->name);
	if (v->value) {
		sh_buf_adds(&b, "='");
		for (const char *s = v->value; *s; s++)
			if (*s == '\'')
				sh_buf_adds(&b, "'\\''");
			else
				sh_buf_addc(&b, *s);
		sh_buf_addc(&b, '\'');
	}
	sh_buf_addc(&b, '\n');
	sh_write_all(1, b.s, b.len, prefix);
	free(b.s);
}

int bi_export(int argc, char **argv)
{
	int rc = 0, i = 1;

	if (i < argc && !strcmp(argv[i], "-p"))
		i++;
	if (i >= argc) {
		for (struct sh_var *v = sh_var_list(); v; v = v->next)
			if (v->exported)
				bi_print_var("export ", v);
		return 0;
	}
	for (; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		char *name = sh_strndup(argv[i], n);

		if (!sh_is_name(name, n)) {
			sh_err("export: %s: not a valid name", argv[i]);
			rc = 1;
		} else if (eq)
			sh_var_set(name, eq + 1, 1);
		else
			sh_var_export(name);
		free(name);
	}
	return rc;
}

int bi_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-v") && strcmp(argv[i], "-f"))
			sh_var_unset(argv[i]);
	return 0;
}

/* set -- a b c: new positional parameters (kept for the shell's life). */
static void bi_set_params(int argc, char **argv)
{
	char **v = sh_alloc((size_t)(argc + 1) * sizeof(char *));

	for (int i = 0; i < argc; i++)
		v[i] = sh_strdup(argv[i]);
	sh.argv = v;
	sh.argc = argc;
}

int bi_set(int argc, char **argv)
{
	int i;

	if (argc == 1) {
		for (struct sh_var *v = sh_var_list(); v; v = v->next)
			if (v->value)
				bi_print_var("", v);
		return 0;
	}
	for (i = 1; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		int on = argv[i][0] == '-';

		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'e')
				sh.opt_e = on;
			else if (*o == 'x')
				sh.opt_x = on;
			else {
				sh_err("set: -%c: unknown option", *o);
				return 2;
			}
		}
	}
	if (i < argc || !strcmp(argv[i - 1], "--"))
		bi_set_params(argc - i, argv + i);
	return 0;
}

int bi_shift(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 0 || n > sh.argc) {
		sh_err("shift: %d: shift count out of range", n);
		return 1;
	}
	sh.argv += n;
	sh.argc -= n;
	return 0;
}

/* One line from standard input, a byte at a time; -1 at end of input. */
static int bi_read_line(struct sh_buf *b, int raw)
{
	char c;
	ssize_t got;

	for (;;) {
		got = read(0, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return b->len ? 0 : -1;
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) == 1 && c != '\n')
				sh_buf_addc(b, c);
			continue;
		}
		if (c == '\n')
			return 0;
		sh_buf_addc(b, c);
	}
}

/* read [-r] name...: split at $IFS; the last name gets the rest. */
int bi_read(int argc, char **argv)
{
	const char *ifs = sh_var_get("IFS"), *s;
	struct sh_buf b = { 0 };
	int raw = 0, i = 1, rc;

	if (!ifs)
		ifs = " \t\n";
	if (i < argc && !strcmp(argv[i], "-r")) {
		raw = 1;
		i++;
	}
	rc = bi_read_line(&b, raw);
	s = b.s ? b.s : "";
	for (; i < argc; i++) {
		size_t n;

		while (*s && strchr(ifs, *s) && strchr(" \t\n", *s))
			s++;
		n = i == argc - 1 ? strlen(s) : strcspn(s, ifs);
		{
			char *v = sh_strndup(s, n);

			while (i == argc - 1 && n && strchr(ifs, v[n - 1]) &&
			       strchr(" \t\n", v[n - 1]))
				v[--n] = 0;
			sh_var_set(argv[i], v, 0);
			free(v);
		}
		s += n;
		if (*s)
			s++;
	}
	free(b.s);
	return rc < 0 ? 1 : 0;
}

int bi_eval(int argc, char **argv)
{
	struct sh_buf b = { 0 };
	int rc;

	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sh_buf_addc(&b, ' ');
		sh_buf_adds(&b, argv[i]);
	}
	rc = sh_run_string(b.s ? b.s : "", NULL);
	free(b.s);
	return rc;
}

int bi_dot(int argc, char **argv)
{
	char *saved0 = sh.arg0, **savedv = sh.argv, *path;
	int savedc = sh.argc, rc;

	if (argc < 2) {
		sh_err("%s: a file name is needed", argv[0]);
		return 2;
	}
	path = strchr(argv[1], '/') ? sh_strdup(argv[1]) : sh_path_find(argv[1]);
	if (!path)
		path = sh_strdup(argv[1]);
	rc = sh_run_file(path, argc > 2 ? argc - 2 : savedc, argc > 2 ? argv + 2 : savedv);
	free(path);
	sh.arg0 = saved0;
	if (argc > 2) {
		sh.argv = savedv;
		sh.argc = savedc;
	}
	return rc;
}

int bi_umask(int argc, char **argv)
{
	mode_t old;

	if (argc < 2) {
		old = umask(0);
		umask(old);
		dprintf(1, "%04o\n", (unsigned)old);
		return 0;
	}
	umask((mode_t)strtol(argv[1], NULL, 8));
	return 0;
}
