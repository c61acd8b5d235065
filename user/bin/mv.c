/*
 * mv: move (rename) files.
 *   mv [opts] SRC DST; mv [opts] SRC... DIR
 *   -f never ask, -i ask before overwriting, -n never overwrite, -v say
 *   what was moved. Across file systems (EXDEV) the file or tree is copied
 *   with its mode, owner and times, then removed. Exit 1 on an error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int interactive, noclobber, verbose;
} mv_opt;

static int mv_err(const char *what, const char *path)
{
	fprintf(stderr, "mv: %s'%s': %s\n", what, path, strerror(errno));
	return 1;
}

static char *mv_join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	char *p = malloc(l + strlen(name) + 2);

	if (!p) {
		fprintf(stderr, "mv: out of memory\n");
		exit(1);
	}
	sprintf(p, "%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", name);
	return p;
}

static const char *mv_base(const char *p)
{
	static char buf[4096];
	size_t n;
	char *b;

	snprintf(buf, sizeof(buf), "%s", p);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = 0;
	b = strrchr(buf, '/');
	return b && b[1] ? b + 1 : buf;
}

static int mv_copy(const char *src, const char *dst);

static int mv_copyfile(const char *src, const char *dst, const struct stat *st)
{
	char buf[16384];
	ssize_t n;
	int in = open(src, O_RDONLY), out, r = 0;

	if (in < 0)
		return mv_err("cannot open ", src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		close(in);
		return mv_err("cannot create regular file ", dst);
	}
	while (!r && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			r = mv_err("error writing ", dst);
	close(in);
	if (close(out) != 0)
		r = mv_err("error writing ", dst);
	return r;
}

static int mv_copydir(const char *src, const char *dst, const struct stat *st)
{
	struct dirent *de;
	int r = 0;
	DIR *d;

	if (mkdir(dst, (st->st_mode & 0777) | 0700) != 0)
		return mv_err("cannot create directory ", dst);
	d = opendir(src);
	if (!d)
		return mv_err("cannot open directory ", src);
	while (!r && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *a = mv_join(src, de->d_name), *b = mv_join(dst, de->d_name);
		r = mv_copy(a, b);
		free(a);
		free(b);
	}
	closedir(d);
	return r;
}

/* Copy @src to @dst keeping mode, owner and times; links stay links. */
static int mv_copy(const char *src, const char *dst)
{
	struct stat st;
	struct timespec ts[2];
	char target[4096];
	ssize_t n;
	int r;

	if (lstat(src, &st) != 0)
		return mv_err("cannot stat ", src);
	if (S_ISDIR(st.st_mode)) {
		r = mv_copydir(src, dst, &st);
	} else if (S_ISLNK(st.st_mode)) {
		n = readlink(src, target, sizeof(target) - 1);
		r = n < 0 ? mv_err("cannot read symbolic link ", src) : 0;
		if (!r && (target[n] = 0, symlink(target, dst)) != 0)
			r = mv_err("cannot create symbolic link ", dst);
	} else {
		r = mv_copyfile(src, dst, &st);
	}
	if (r)
		return r;
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	lchown(dst, st.st_uid, st.st_gid);
	if (!S_ISLNK(st.st_mode))
		chmod(dst, st.st_mode & 07777);
	utimensat(AT_FDCWD, dst, ts, AT_SYMLINK_NOFOLLOW);
	return 0;
}

static int mv_remove(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;

	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return unlink(path);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = mv_join(path, de->d_name);
		int r = mv_remove(sub);
		free(sub);
		if (r != 0) {
			closedir(d);
			return -1;
		}
		rewinddir(d);
	}
	closedir(d);
	return rmdir(path);
}

static int mv_ask(const char *dst)
{
	char buf[64];

	fprintf(stderr, "mv: overwrite '%s'? ", dst);
	return fgets(buf, sizeof(buf), stdin) && (buf[0] == 'y' || buf[0] == 'Y');
}

static int mv_one(const char *src, const char *dst)
{
	struct stat st, dt;

	if (lstat(src, &st) != 0)
		return mv_err("cannot stat ", src);
	if (lstat(dst, &dt) == 0) {
		if (dt.st_dev == st.st_dev && dt.st_ino == st.st_ino) {
			fprintf(stderr, "mv: '%s' and '%s' are the same file\n", src, dst);
			return 1;
		}
		if (mv_opt.noclobber || (mv_opt.interactive && !mv_ask(dst)))
			return 0;
	}
	if (rename(src, dst) != 0) {
		if (errno != EXDEV)
			return fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst,
				       strerror(errno)),
			       1;
		if (lstat(dst, &dt) == 0 && mv_remove(dst) != 0)
			return mv_err("cannot remove ", dst);
		if (mv_copy(src, dst) != 0)
			return 1;
		if (mv_remove(src) != 0)
			return mv_err("cannot remove ", src);
	}
	if (mv_opt.verbose)
		printf("renamed '%s' -> '%s'\n", src, dst);
	return 0;
}

int main(int argc, char **argv)
{
	struct stat st;
	int c, n, status = 0;
	const char *dir;

	while ((c = getopt(argc, argv, "finv")) != -1) {
		switch (c) {
		case 'f':
			mv_opt.interactive = mv_opt.noclobber = 0;
			break;
		case 'i':
			mv_opt.interactive = 1, mv_opt.noclobber = 0;
			break;
		case 'n':
			mv_opt.noclobber = 1, mv_opt.interactive = 0;
			break;
		case 'v':
			mv_opt.verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: mv [-finv] src dst | mv [-finv] src... dir\n");
			return 1;
		}
	}
	n = argc - optind;
	if (n < 2) {
		fprintf(stderr, "mv: missing %s operand\n", n ? "destination file" : "file");
		return 1;
	}
	dir = argv[argc - 1];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (n > 2) {
			fprintf(stderr, "mv: target '%s' is not a directory\n", dir);
			return 1;
		}
		return mv_one(argv[optind], dir);
	}
	for (int i = optind; i < argc - 1; i++) {
		char *dst = mv_join(dir, mv_base(argv[i]));
		status |= mv_one(argv[i], dst);
		free(dst);
	}
	return status;
}
