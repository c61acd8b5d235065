/*
 * util.c: the shell's growing strings and string vectors. Running out of
 * memory ends the shell: there is nothing sensible left to do.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void *sh_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		static const char msg[] = "sh: out of memory\n";
		(void)!write(2, msg, sizeof(msg) - 1);
		_exit(2);
	}
	return p;
}

char *sh_strndup(const char *s, size_t n)
{
	char *d = sh_alloc(n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *sh_strdup(const char *s)
{
	return sh_strndup(s, strlen(s));
}

void sh_buf_add(struct sh_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;
		char *ns;

		while (cap < b->len + n + 1)
			cap *= 2;
		ns = sh_alloc(cap);
		if (b->s)
			memcpy(ns, b->s, b->len);
		free(b->s);
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sh_buf_addc(struct sh_buf *b, char c)
{
	sh_buf_add(b, &c, 1);
}

void sh_buf_adds(struct sh_buf *b, const char *s)
{
	sh_buf_add(b, s, strlen(s));
}

/* The string, never NULL; the buffer is empty afterwards. */
char *sh_buf_take(struct sh_buf *b)
{
	char *s = b->s ? b->s : sh_strdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sh_vec_push(struct sh_vec *v, char *s)
{
	if (v->n + 2 > v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		char **nv = sh_alloc(cap * sizeof(char *));

		if (v->v)
			memcpy(nv, v->v, v->n * sizeof(char *));
		free(v->v);
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = s;
	v->v[v->n] = NULL;
}

void sh_vec_free(struct sh_vec *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}
