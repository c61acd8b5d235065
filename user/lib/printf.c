/*
 * The printf family to streams and descriptors. Pieces gather in a small
 * buffer on the stack and go to the stream in few writes.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"

struct filesink {
	struct __sink s;
	FILE *f;
	int fd; /* >= 0: write straight to this descriptor (dprintf) */
	int err;
	size_t n;
	char buf[256];
};

static void drain(struct filesink *fs)
{
	if (!fs->n)
		return;
	if (fs->fd >= 0) {
		for (size_t off = 0; off < fs->n;) {
			ssize_t w = write(fs->fd, fs->buf + off, fs->n - off);
			if (w <= 0) {
				fs->err = 1;
				break;
			}
			off += (size_t)w;
		}
	} else if (__fwritebuf(fs->f, fs->buf, fs->n) < 0) {
		fs->err = 1;
	}
	fs->n = 0;
}

static void file_put(struct __sink *s, const char *p, size_t n)
{
	struct filesink *fs = (struct filesink *)s;

	s->count += n;
	while (n) {
		size_t k = sizeof(fs->buf) - fs->n < n ? sizeof(fs->buf) - fs->n : n;
		memcpy(fs->buf + fs->n, p, k);
		fs->n += k;
		p += k;
		n -= k;
		if (fs->n == sizeof(fs->buf))
			drain(fs);
	}
}

static int run(FILE *f, int fd, const char *fmt, va_list ap)
{
	struct filesink fs;
	int r;

	fs.s.put = file_put;
	fs.s.count = 0;
	fs.f = f;
	fs.fd = fd;
	fs.err = 0;
	fs.n = 0;
	r = __vformat(&fs.s, fmt, ap);
	drain(&fs);
	return fs.err ? -1 : r;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	return run(f, -1, fmt, ap);
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return run(stdout, -1, fmt, ap);
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	return run(NULL, fd, fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = run(f, -1, fmt, ap);
	va_end(ap);
	return r;
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = run(stdout, -1, fmt, ap);
	va_end(ap);
	return r;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = run(NULL, fd, fmt, ap);
	va_end(ap);
	return r;
}
