/*
 * Streams: a FILE is a descriptor and one buffer, used for reading or for
 * writing at a time (switching flushes the writes, or gives the unread
 * bytes back to the file with lseek()). stdin and stdout are line
 * buffered when they are terminals (isatty(): TCGETS answered) and fully
 * buffered otherwise, decided at their first use; stderr is unbuffered.
 * Reading a stream first flushes a line-buffered stdout, so a prompt
 * appears before its answer is read. No per-stream locks yet.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"

static char inbuf[BUFSIZ], outbuf[BUFSIZ];
static struct __file f_stderr = {
	2, F_WRITE | F_STATIC | F_MODESET, _IONBF, NULL, 0, 0, 0, 0, -1, NULL, { 0 }
};
static struct __file f_stdout = { 1,  F_WRITE | F_STATIC, _IOFBF, outbuf, BUFSIZ, 0, 0, 0,
				  -1, &f_stderr,	  { 0 } };
static struct __file f_stdin = { 0,  F_READ | F_STATIC, _IOFBF, inbuf, BUFSIZ, 0, 0, 0,
				 -1, &f_stdout,		{ 0 } };
FILE *const stdin = &f_stdin;
FILE *const stdout = &f_stdout;
FILE *const stderr = &f_stderr;
static struct __file *streams = &f_stdin;

/* The first use of a stream whose mode nobody chose: a terminal? */
static void choose_mode(struct __file *f)
{
	if (f->flags & F_MODESET)
		return;
	f->flags |= F_MODESET;
	if (isatty(f->fd))
		f->mode = _IOLBF;
}

static int want_buffer(struct __file *f)
{
	choose_mode(f);
	if (f->mode == _IONBF) {
		f->buf = f->small;
		f->size = 1;
	} else if (!f->buf) {
		f->buf = malloc(BUFSIZ);
		if (!f->buf) {
			f->buf = f->small;
			f->size = 1;
			f->mode = _IONBF;
			return 0;
		}
		f->size = BUFSIZ;
		f->flags |= F_OWNBUF;
	}
	return 0;
}

static int write_all(struct __file *f, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write out what waits; drop what was read ahead (giving it back). */
static int sync_stream(struct __file *f)
{
	if (f->wpos) {
		size_t n = f->wpos;
		f->wpos = 0;
		return write_all(f, f->buf, n);
	}
	if (f->rend > f->rpos || f->unget >= 0) {
		off_t back = (off_t)(f->rend - f->rpos) + (f->unget >= 0);
		lseek(f->fd, -back, SEEK_CUR);
	}
	f->rpos = f->rend = 0;
	f->unget = -1;
	return 0;
}

int __fwritebuf(struct __file *f, const char *p, size_t n)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	want_buffer(f);
	if (f->rend || f->unget >= 0)
		sync_stream(f);
	if (f->mode == _IONBF || n >= f->size) {
		if (sync_stream(f) < 0)
			return -1;
		return write_all(f, p, n);
	}
	while (n) {
		size_t k = f->size - f->wpos < n ? f->size - f->wpos : n;
		memcpy(f->buf + f->wpos, p, k);
		f->wpos += k;
		if (f->wpos == f->size && sync_stream(f) < 0)
			return -1;
		if (f->mode == _IOLBF && memchr(p, '\n', k) && sync_stream(f) < 0)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

int __fillbuf(struct __file *f)
{
	ssize_t n;

	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	want_buffer(f);
	if (f->wpos && sync_stream(f) < 0)
		return -1;
	if (f->mode != _IOFBF && (f_stdout.mode == _IOLBF || !(f_stdout.flags & F_MODESET)))
		fflush(stdout);
	do
		n = read(f->fd, f->buf, f->size);
	while (n < 0 && errno == EINTR);
	f->rpos = 0;
	f->rend = n > 0 ? (size_t)n : 0;
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return -1;
	}
	return 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		for (struct __file *s = streams; s; s = s->next)
			if (s->wpos && fflush(s) < 0)
				r = EOF;
		return r;
	}
	return sync_stream(f) < 0 ? EOF : 0;
}

void __stdio_flushall(void)
{
	fflush(NULL);
}

static int mode_flags(const char *mode, int *fl)
{
	int o;

	switch (mode[0]) {
	case 'r':
		o = O_RDONLY, *fl = F_READ;
		break;
	case 'w':
		o = O_WRONLY | O_CREAT | O_TRUNC, *fl = F_WRITE;
		break;
	case 'a':
		o = O_WRONLY | O_CREAT | O_APPEND, *fl = F_WRITE | F_APPEND;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			o = (o & ~O_ACCMODE) | O_RDWR, *fl = F_READ | F_WRITE | (*fl & F_APPEND);
		else if (*m == 'e')
			o |= O_CLOEXEC;
		else if (*m == 'x')
			o |= O_EXCL;
	}
	return o;
}

FILE *fdopen(int fd, const char *mode)
{
	int fl;
	struct __file *f;

	if (mode_flags(mode, &fl) < 0)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = fl;
	f->mode = _IOFBF;
	f->unget = -1;
	f->next = streams;
	streams = f;
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int fl, o = mode_flags(mode, &fl), fd;
	FILE *f;

	if (o < 0)
		return NULL;
	fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	if (f->flags & F_STATIC)
		return r;
	for (struct __file **pp = &streams; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	free(f);
	return r;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int fl, o = mode_flags(mode, &fl), fd;

	fflush(f);
	if (o < 0 || !path || (fd = open(path, o, 0666)) < 0)
		return NULL;
	if (fd != f->fd) {
		dup2(fd, f->fd);
		close(fd);
	}
	f->flags = (f->flags & (F_STATIC | F_OWNBUF | F_MODESET)) | fl;
	return f;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	fflush(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags = (f->flags & ~F_OWNBUF) | F_MODESET;
	f->mode = mode;
	f->buf = buf && size ? buf : NULL;
	f->size = buf && size ? size : 0;
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rend - f->rpos) + (f->unget >= 0);
	if (f->wpos && sync_stream(f) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->unget = -1;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rend - f->rpos) - (f->unget >= 0) + (off_t)f->wpos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}

int feof(FILE *f)
{
	return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
	return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fileno(FILE *f)
{
	return f->fd;
}
