/*
 * complete.c: Tab completion of the word before the cursor: file names,
 * or command names (builtins and $PATH) for a command's first word. One
 * match is completed (with '/' for a directory, else a space); several
 * are completed to their common prefix, and a second Tab lists them.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"

static const char cpl_special[] = " \t\n'\"\\$&;|()<>*?[]`";

static void cpl_add(struct sh_vec *v, const char *name)
{
	for (int i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], name))
			return;
	sh_vec_push(v, sh_strdup(name));
}

/* Names in dir starting with prefix (dot files only for a dot prefix). */
static void cpl_dir(struct sh_vec *v, const char *dir, const char *prefix, int exec_only)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;
	size_t n = strlen(prefix);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, n) || (de->d_name[0] == '.' && prefix[0] != '.'))
			continue;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (exec_only) {
			struct sh_buf p = { 0 };

			sh_buf_adds(&p, dir);
			sh_buf_addc(&p, '/');
			sh_buf_adds(&p, de->d_name);
			if (sh_access(p.s, X_OK) == 0)
				cpl_add(v, de->d_name);
			free(p.s);
		} else
			cpl_add(v, de->d_name);
	}
	closedir(d);
}

static void cpl_commands(struct sh_vec *v, const char *prefix)
{
	const char *path = sh_var_get("PATH"), *p, *colon;
	const struct sh_builtin *b;
	int n;

	b = sh_builtin_table(&n);
	for (int i = 0; i < n; i++)
		if (!strncmp(b[i].name, prefix, strlen(prefix)))
			cpl_add(v, b[i].name);
	for (p = path ? path : ""; p && *p; p = colon ? colon + 1 : NULL) {
		char *dir;

		colon = strchr(p, ':');
		dir = sh_strndup(p, colon ? (size_t)(colon - p) : strlen(p));
		cpl_dir(v, dir, prefix, 1);
		free(dir);
	}
}

static int cpl_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void cpl_list(struct sh_vec *v)
{
	struct sh_buf b = { 0 };
	size_t w = 0;

	for (int i = 0; i < v->n; i++)
		if (strlen(v->v[i]) > w)
			w = strlen(v->v[i]);
	sh_buf_addc(&b, '\n');
	for (int i = 0, col = 0; i < v->n; i++) {
		char tmp[300];

		snprintf(tmp, sizeof(tmp), "%-*s", (int)(w + 2), v->v[i]);
		sh_buf_adds(&b, tmp);
		col += (int)w + 2;
		if (col + (int)w + 2 > 78 || i == v->n - 1) {
			sh_buf_addc(&b, '\n');
			col = 0;
		}
	}
	(void)!write(2, b.s, b.len);
	free(b.s);
}

/* Insert text at the cursor, with the shell's special characters escaped. */
static void cpl_insert(struct sh_buf *line, size_t *cur, const char *s, int quote)
{
	struct sh_buf b = { 0 };

	sh_buf_add(&b, line->s ? line->s : "", *cur);
	for (; *s; s++) {
		if (quote && strchr(cpl_special, *s))
			sh_buf_addc(&b, '\\');
		sh_buf_addc(&b, *s);
	}
	size_t at = b.len;

	if (line->len > *cur)
		sh_buf_add(&b, line->s + *cur, line->len - *cur);
	free(line->s);
	*line = b;
	*cur = at;
}

static int cpl_is_command_pos(const char *s, size_t start)
{
	while (start > 0 && (s[start - 1] == ' ' || s[start - 1] == '\t'))
		start--;
	return start == 0 || strchr(";|&(", s[start - 1]) != NULL;
}

/* The completion's suffix after what is typed: '/' or ' ' if unique. */
static void cpl_finish(struct sh_buf *line, size_t *cur, struct sh_vec *m, const char *dir,
		       const char *base, int again)
{
	size_t common = strlen(m->v[0]), bl = strlen(base);

	for (int i = 1; i < m->n; i++) {
		size_t k = 0;

		while (k < common && m->v[i][k] == m->v[0][k])
			k++;
		common = k;
	}
	if (common > bl) {
		char *add = sh_strndup(m->v[0] + bl, common - bl);

		cpl_insert(line, cur, add, 1);
		free(add);
	}
	if (m->n == 1) {
		struct sh_buf p = { 0 };
		struct stat st;

		sh_buf_adds(&p, dir);
		sh_buf_adds(&p, m->v[0]);
		cpl_insert(line, cur, stat(p.s, &st) == 0 && S_ISDIR(st.st_mode) ? "/" : " ", 0);
		free(p.s);
	} else if (again || common == bl) {
		if (again) {
			qsort(m->v, (size_t)m->n, sizeof(char *), cpl_cmp);
			cpl_list(m);
		}
	}
}

void sh_complete(struct sh_buf *line, size_t *cur, int again)
{
	const char *s = line->s ? line->s : "";
	struct sh_vec m = { 0 };
	size_t start = *cur;
	char *word, *slash, *dir, *base;

	while (start > 0 && !strchr(" \t;|&()<>", s[start - 1]))
		start--;
	word = sh_strndup(s + start, *cur - start);
	slash = strrchr(word, '/');
	dir = slash ? sh_strndup(word, (size_t)(slash - word) + 1) : sh_strdup("");
	base = sh_strdup(slash ? slash + 1 : word);
	if (!slash && cpl_is_command_pos(s, start))
		cpl_commands(&m, base);
	else
		cpl_dir(&m, *dir ? dir : ".", base, 0);
	if (m.n)
		cpl_finish(line, cur, &m, dir, base, again);
	else
		(void)!write(2, "\a", 1);
	sh_vec_free(&m);
	free(word);
	free(dir);
	free(base);
}
