/* scanf and fscanf: the scan engine over a stream. */
#include <stdio.h>

#include "libc.h"

struct filesrc {
	struct __src s;
	FILE *f;
};

static int file_get(struct __src *s)
{
	return fgetc(((struct filesrc *)s)->f);
}

static void file_unget(struct __src *s, int c)
{
	ungetc(c, ((struct filesrc *)s)->f);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct filesrc fs = { { file_get, file_unget, 0 }, f };

	return __vscan(&fs.s, fmt, ap);
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
