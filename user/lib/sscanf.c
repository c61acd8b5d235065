/* sscanf and vsscanf: the scan engine over a string. */
#include <stdio.h>

#include "libc.h"

struct strsrc {
	struct __src s;
	const unsigned char *p;
};

static int str_get(struct __src *s)
{
	struct strsrc *ss = (struct strsrc *)s;

	return *ss->p ? *ss->p++ : EOF;
}

static void str_unget(struct __src *s, int c)
{
	(void)c;
	((struct strsrc *)s)->p--;
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap)
{
	struct strsrc ss = { { str_get, str_unget, 0 }, (const unsigned char *)str };

	return __vscan(&ss.s, fmt, ap);
}

int sscanf(const char *restrict str, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(str, fmt, ap);
	va_end(ap);
	return r;
}
