/* Reading and writing streams: characters, lines, blocks. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc.h"

int fgetc(FILE *f)
{
	if (f->unget >= 0) {
		int c = f->unget;
		f->unget = -1;
		return c;
	}
	if (f->rpos >= f->rend && __fillbuf(f) < 0)
		return EOF;
	return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget >= 0)
		return EOF;
	if (f->rpos > 0 && f->rpos <= f->rend && f->buf[f->rpos - 1] == (char)c)
		f->rpos--;
	else
		f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	size_t n = 0;
	int c;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		c = fgetc(f);
		if (n + 2 > *cap || !*line) {
			size_t nc = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, nc);
			if (!p)
				return -1;
			*line = p;
			*cap = nc;
		}
		if (c == EOF)
			break;
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return n || c != EOF ? (ssize_t)n : -1;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t want = size * n, got = 0;
	char *d = p;

	if (!size || !n)
		return 0;
	if (f->unget >= 0) {
		d[got++] = (char)f->unget;
		f->unget = -1;
	}
	while (got < want) {
		size_t k;
		if (f->rpos >= f->rend && __fillbuf(f) < 0)
			break;
		k = f->rend - f->rpos < want - got ? f->rend - f->rpos : want - got;
		memcpy(d + got, f->buf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
	return got / size;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	return __fwritebuf(f, p, size * n) < 0 ? 0 : n;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __fwritebuf(f, &ch, 1) < 0 ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return __fwritebuf(f, s, strlen(s)) < 0 ? EOF : 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}
