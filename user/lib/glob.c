/*
 * glob: pathname expansion (POSIX glob). The pattern is taken one path
 * component at a time: a component without pattern characters is used as
 * it is (its backslashes removed), one with them is matched by fnmatch
 * against the entries of the directory reached so far. Matches come out
 * sorted (unless GLOB_NOSORT), directories marked with '/' on GLOB_MARK.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct glob_ctx {
	int flags;
	int (*errfunc)(const char *, int);
	char **v;
	size_t n, cap;
	int err;
};

static int glob_push(struct glob_ctx *c, const char *path, size_t len, int mark)
{
	char *s;

	if (c->n + 1 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		char **nv = realloc(c->v, cap * sizeof(char *));

		if (!nv)
			return -1;
		c->v = nv;
		c->cap = cap;
	}
	s = malloc(len + 2);
	if (!s)
		return -1;
	memcpy(s, path, len);
	if (mark)
		s[len++] = '/';
	s[len] = 0;
	c->v[c->n++] = s;
	return 0;
}

static int glob_magic(const char *s, size_t n, int flags)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n)
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	}
	return 0;
}

/* Append n bytes of a literal component, its backslashes removed. */
static size_t glob_unescape(char *dst, const char *s, size_t n, int flags)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n)
			i++;
		dst[k++] = s[i];
	}
	return k;
}

static int glob_walk(struct glob_ctx *c, char *path, size_t plen, const char *pat);

static int glob_found(struct glob_ctx *c, char *path, size_t plen)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return 0;
	if ((c->flags & GLOB_MARK) && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return glob_push(c, path, plen, 1);
	return glob_push(c, path, plen, 0);
}

static int glob_dir(struct glob_ctx *c, char *path, size_t plen, const char *comp, size_t clen,
		    const char *rest)
{
	char *pat = strndup(comp, clen);
	DIR *d = opendir(plen ? path : ".");
	struct dirent *de;
	int rc = 0;

	if (!pat || !d) {
		if (d)
			closedir(d);
		free(pat);
		if (!d && ((c->flags & GLOB_ERR) || (c->errfunc && c->errfunc(path, errno))))
			c->err = GLOB_ABORTED;
		return pat ? 0 : -1;
	}
	while (rc == 0 && !c->err && (de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		int fl = FNM_PERIOD | ((c->flags & GLOB_NOESCAPE) ? FNM_NOESCAPE : 0);

		if (fnmatch(pat, de->d_name, fl) != 0 || plen + nl + 2 > 4096)
			continue;
		memcpy(path + plen, de->d_name, nl + 1);
		rc = glob_walk(c, path, plen + nl, rest);
	}
	closedir(d);
	free(pat);
	path[plen] = 0;
	return rc;
}

/* path[0..plen) matched so far (ending in '/' or empty); pat the rest. */
static int glob_walk(struct glob_ctx *c, char *path, size_t plen, const char *pat)
{
	const char *end;
	size_t clen;

	if (!*pat)
		return glob_found(c, path, plen);
	while (*pat == '/') {
		path[plen++] = '/';
		path[plen] = 0;
		pat++;
	}
	if (!*pat)
		return glob_found(c, path, plen);
	end = strchr(pat, '/');
	clen = end ? (size_t)(end - pat) : strlen(pat);
	if (glob_magic(pat, clen, c->flags))
		return glob_dir(c, path, plen, pat, clen, pat + clen);
	if (plen + clen + 2 > 4096)
		return 0;
	plen += glob_unescape(path + plen, pat, clen, c->flags);
	path[plen] = 0;
	return glob_walk(c, path, plen, pat + clen);
}

static int glob_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int glob_store(glob_t *g, struct glob_ctx *c, size_t first)
{
	size_t offs = (c->flags & GLOB_DOOFFS) ? g->gl_offs : 0;
	size_t old = (c->flags & GLOB_APPEND) ? g->gl_pathc : 0;
	char **v = realloc((c->flags & GLOB_APPEND) ? g->gl_pathv : NULL,
			   (offs + old + c->n - first + 1) * sizeof(char *));

	if (!v)
		return GLOB_NOSPACE;
	if (!(c->flags & GLOB_APPEND))
		for (size_t i = 0; i < offs; i++)
			v[i] = NULL;
	memcpy(v + offs + old, c->v + first, (c->n - first) * sizeof(char *));
	g->gl_pathc = old + c->n - first;
	v[offs + g->gl_pathc] = NULL;
	g->gl_pathv = v;
	return 0;
}

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
	 glob_t *restrict g)
{
	struct glob_ctx c = { .flags = flags, .errfunc = errfunc };
	char *path = malloc(4096);
	int rc;

	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
		if (!(flags & GLOB_DOOFFS))
			g->gl_offs = 0;
	}
	if (!path)
		return GLOB_NOSPACE;
	path[0] = 0;
	rc = glob_walk(&c, path, 0, pattern);
	free(path);
	if (rc == 0 && !c.err && !c.n && (flags & GLOB_NOCHECK))
		rc = glob_push(&c, pattern, strlen(pattern), 0);
	if (rc == 0 && !(flags & GLOB_NOSORT) && c.n > 1)
		qsort(c.v, c.n, sizeof(char *), glob_cmp);
	if (rc == 0 && !c.err && c.n)
		rc = glob_store(g, &c, 0) ? -1 : 0;
	if (rc < 0 || c.err || !c.n) {
		for (size_t i = 0; i < c.n && (rc < 0 || c.err); i++)
			free(c.v[i]);
		free(c.v);
		return rc < 0 ? GLOB_NOSPACE : c.err ? c.err : GLOB_NOMATCH;
	}
	free(c.v);
	return 0;
}

void globfree(glob_t *g)
{
	size_t offs = g->gl_offs;

	if (!g->gl_pathv)
		return;
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}
