/* opendir/readdir/closedir over getdents(). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define DIRBUF 4096

struct __dir {
	int fd;
	size_t pos, end;
	_Alignas(8) char buf[DIRBUF];
};

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->end = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *e;

	if (d->pos >= d->end) {
		int n = getdents(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL; /* errno is set on an error, kept on the end */
		d->pos = 0;
		d->end = (size_t)n;
	}
	e = (struct dirent *)(d->buf + d->pos);
	if (e->d_reclen == 0 || d->pos + e->d_reclen > d->end) {
		errno = EIO;
		d->pos = d->end;
		return NULL;
	}
	d->pos += e->d_reclen;
	return e;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->end = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}
