/*
 * The host side of the ext2 host tests (see ext2_host.h).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ext2_host.h"

static char eh_tmp[64];

static void eh_cleanup(void)
{
	if (eh_tmp[0])
		eh_run("rm -rf '%s'", eh_tmp);
}

const char *eh_tmpdir(void)
{
	if (eh_tmp[0] == '\0') {
		snprintf(eh_tmp, sizeof(eh_tmp), "/tmp/ext2t.XXXXXX");
		if (mkdtemp(eh_tmp) == NULL)
			abort();
		atexit(eh_cleanup);
	}
	return eh_tmp;
}

int eh_lstat(const char *path, struct eh_stat *st)
{
	struct stat s;
	ssize_t n;

	if (lstat(path, &s) != 0)
		return -1;
	memset(st, 0, sizeof(*st));
	st->mode = s.st_mode;
	st->uid = s.st_uid;
	st->gid = s.st_gid;
	st->size = (uint64_t)s.st_size;
	st->nlink = (unsigned)s.st_nlink;
	st->mtime = s.st_mtime;
	st->major = major(s.st_rdev);
	st->minor = minor(s.st_rdev);
	if (S_ISLNK(s.st_mode)) {
		n = readlink(path, st->target, sizeof(st->target) - 1);
		if (n < 0)
			return -1;
		st->target[n] = '\0';
	}
	return 0;
}

char *eh_names(const char *path, int *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t used = 0, room = 4096;
	char *out = malloc(room);

	*n = 0;
	if (d == NULL || out == NULL) {
		if (d)
			closedir(d);
		free(out);
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name) + 1;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (used + l > room) {
			room = room * 2 + l;
			out = realloc(out, room);
		}
		memcpy(out + used, de->d_name, l);
		used += l;
		(*n)++;
	}
	closedir(d);
	return out;
}

void *eh_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

void eh_free(void *p)
{
	free(p);
}

int eh_copy(const char *src, const char *dst)
{
	return eh_run("cp --sparse=always '%s' '%s'", src, dst) == 0 ? 0 : -1;
}

int eh_open(const char *path)
{
	return open(path, O_RDWR);
}

int eh_run(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st == -1 ? -1 : WEXITSTATUS(st);
}

char *eh_output(const char *fmt, ...)
{
	char cmd[8192], *out = NULL;
	size_t len = 0;
	va_list ap;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (p == NULL)
		return NULL;
	for (;;) {
		char buf[4096];
		size_t n = fread(buf, 1, sizeof(buf), p);

		if (n == 0)
			break;
		out = realloc(out, len + n + 1);
		memcpy(out + len, buf, n);
		len += n;
	}
	pclose(p);
	if (out == NULL)
		out = calloc(1, 1);
	else
		out[len] = '\0';
	return out;
}
