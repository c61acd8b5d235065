/* The printf family into memory: snprintf, sprintf, asprintf. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc.h"

struct strsink {
	struct __sink s;
	char *buf;
	size_t cap; /* bytes that may be stored, with the NUL */
};

static void str_put(struct __sink *s, const char *p, size_t n)
{
	struct strsink *ss = (struct strsink *)s;

	if (ss->cap && s->count < ss->cap - 1) {
		size_t room = ss->cap - 1 - s->count;
		memcpy(ss->buf + s->count, p, n < room ? n : room);
	}
	s->count += n;
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	struct strsink ss = { { str_put, 0 }, buf, n };
	int r = __vformat(&ss.s, fmt, ap);

	if (n)
		buf[ss.s.count < n ? ss.s.count : n - 1] = '\0';
	return r;
}

int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return r;
}

int vasprintf(char **out, const char *restrict fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !(*out = malloc((size_t)n + 1)))
		return -1;
	return vsnprintf(*out, (size_t)n + 1, fmt, ap);
}

int asprintf(char **out, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}
