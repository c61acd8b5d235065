/*
 * cp: copy files and directories.
 *   cp [opts] SRC DST; cp [opts] SRC... DIR
 *   -r/-R directories recursively (symbolic links in them copied as links),
 *   -p keep mode, owner and times, -a = -R -p -P, -P/-d copy symbolic links
 *   as links, -L follow them, -f remove a destination that cannot be
 *   opened, -i ask before overwriting, -n never overwrite, -v say what was
 *   copied. Exit 1 on an error (the other operands are still copied).
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
	int recursive, preserve, force, interactive, noclobber, verbose;
	int deref; /* 1 follow links, 0 copy them as links, -1 not said */
} cp_opt = { .deref = -1 };

static int cp_err(const char *what, const char *path)
{
	fprintf(stderr, "cp: %s'%s': %s\n", what, path, strerror(errno));
	return 1;
}

static char *cp_join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	char *p = malloc(l + strlen(name) + 2);

	if (!p) {
		fprintf(stderr, "cp: out of memory\n");
		exit(1);
	}
	sprintf(p, "%s%s%s", dir, l && dir[l - 1] == '/' ? "" : "/", name);
	return p;
}

static const char *cp_base(const char *p)
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

static int cp_ask(const char *dst)
{
	char buf[64];

	fprintf(stderr, "cp: overwrite '%s'? ", dst);
	return fgets(buf, sizeof(buf), stdin) && (buf[0] == 'y' || buf[0] == 'Y');
}

/* Mode, owner and times of @st onto @dst (-p); the link itself for links. */
static void cp_keep(const char *dst, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };

	if (S_ISLNK(st->st_mode)) {
		lchown(dst, st->st_uid, st->st_gid);
		utimensat(AT_FDCWD, dst, ts, AT_SYMLINK_NOFOLLOW);
		return;
	}
	chown(dst, st->st_uid, st->st_gid);
	if (chmod(dst, st->st_mode & 07777) != 0)
		cp_err("preserving permissions for ", dst);
	if (utimensat(AT_FDCWD, dst, ts, 0) != 0)
		cp_err("preserving times for ", dst);
}

static int cp_data(int in, int out, const char *src, const char *dst)
{
	char buf[16384];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return cp_err("error reading ", src);
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return cp_err("error writing ", dst);
			off += w;
		}
	}
	return 0;
}

static int cp_file(const char *src, const char *dst, const struct stat *st)
{
	int in, out, r;

	in = open(src, O_RDONLY);
	if (in < 0)
		return cp_err("cannot open ", src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0 && cp_opt.force && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		close(in);
		return cp_err("cannot create regular file ", dst);
	}
	r = cp_data(in, out, src, dst);
	close(in);
	if (close(out) != 0 && !r)
		r = cp_err("error writing ", dst);
	return r;
}

static int cp_link(const char *src, const char *dst)
{
	char target[4096];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		return cp_err("cannot read symbolic link ", src);
	target[n] = 0;
	if (symlink(target, dst) != 0 &&
	    !(errno == EEXIST && unlink(dst) == 0 && symlink(target, dst) == 0))
		return cp_err("cannot create symbolic link ", dst);
	return 0;
}

static int cp_any(const char *src, const char *dst, int top);

static int cp_dir(const char *src, const char *dst, const struct stat *st)
{
	struct stat dt;
	struct dirent *de;
	int status = 0;
	DIR *d;

	if (stat(dst, &dt) != 0) {
		if (mkdir(dst, (st->st_mode & 0777) | 0700) != 0)
			return cp_err("cannot create directory ", dst);
	} else if (!S_ISDIR(dt.st_mode)) {
		fprintf(stderr, "cp: cannot overwrite non-directory '%s' with directory '%s'\n",
			dst, src);
		return 1;
	}
	d = opendir(src);
	if (!d)
		return cp_err("cannot access ", src);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *a = cp_join(src, de->d_name), *b = cp_join(dst, de->d_name);
		status |= cp_any(a, b, 0);
		free(a);
		free(b);
	}
	closedir(d);
	if (!cp_opt.preserve && (st->st_mode & 0700) != 0700)
		chmod(dst, st->st_mode & 07777);
	return status;
}

/* Is @dst inside @src (or @src itself)? Compared by device and inode up the tree. */
static int cp_inside(const char *src, const char *dst)
{
	struct stat s, d;
	char path[4096];

	if (stat(src, &s) != 0)
		return 0;
	snprintf(path, sizeof(path), "%s", dst);
	for (int depth = 0; depth < 64; depth++) {
		char *slash = strrchr(path, '/');
		if (!slash)
			snprintf(path, sizeof(path), ".");
		else if (slash == path)
			path[1] = 0;
		else
			*slash = 0;
		if (stat(path, &d) == 0 && d.st_dev == s.st_dev && d.st_ino == s.st_ino)
			return 1;
		if (!strcmp(path, ".") || !strcmp(path, "/"))
			break;
	}
	return 0;
}

/* May @dst be written? Same-file and -i/-n checks; 1: yes, 0: skip, -1: error. */
static int cp_dest_ok(const char *src, const char *dst, const struct stat *st)
{
	struct stat dt;

	if (lstat(dst, &dt) != 0)
		return 1;
	if (dt.st_dev == st->st_dev && dt.st_ino == st->st_ino) {
		fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst);
		return -1;
	}
	if (S_ISDIR(dt.st_mode))
		return 1;
	if (cp_opt.noclobber)
		return 0;
	if (cp_opt.interactive && !cp_ask(dst))
		return 0;
	return 1;
}

static int cp_any(const char *src, const char *dst, int top)
{
	struct stat st;
	int follow = cp_opt.deref == 1 || (cp_opt.deref == -1 && !cp_opt.recursive);
	int r;

	if ((follow ? stat(src, &st) : lstat(src, &st)) != 0)
		return cp_err(top ? "cannot stat " : "cannot access ", src);
	if (S_ISDIR(st.st_mode) && !cp_opt.recursive) {
		fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
		return 1;
	}
	if (S_ISDIR(st.st_mode) && cp_inside(src, dst)) {
		fprintf(stderr, "cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst);
		return 1;
	}
	r = cp_dest_ok(src, dst, &st);
	if (r <= 0)
		return r < 0;
	if (S_ISDIR(st.st_mode))
		r = cp_dir(src, dst, &st);
	else if (S_ISLNK(st.st_mode))
		r = cp_link(src, dst);
	else
		r = cp_file(src, dst, &st);
	if (!r && cp_opt.verbose)
		printf("'%s' -> '%s'\n", src, dst);
	if (!r && cp_opt.preserve)
		cp_keep(dst, &st);
	return r;
}

static int cp_isdir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void cp_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "rRpafinvPdL")) != -1) {
		switch (c) {
		case 'r':
		case 'R':
			cp_opt.recursive = 1;
			break;
		case 'p':
			cp_opt.preserve = 1;
			break;
		case 'a':
			cp_opt.recursive = cp_opt.preserve = 1, cp_opt.deref = 0;
			break;
		case 'f':
			cp_opt.force = 1, cp_opt.interactive = cp_opt.noclobber = 0;
			break;
		case 'i':
			cp_opt.interactive = 1, cp_opt.noclobber = 0;
			break;
		case 'n':
			cp_opt.noclobber = 1, cp_opt.interactive = 0;
			break;
		case 'v':
			cp_opt.verbose = 1;
			break;
		case 'P':
		case 'd':
			cp_opt.deref = 0;
			break;
		case 'L':
			cp_opt.deref = 1;
			break;
		default:
			fprintf(stderr, "usage: cp [-rRpafinvPdL] src dst | cp [...] src... dir\n");
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	int n, status = 0;
	const char *dir;

	cp_options(argc, argv);
	n = argc - optind;
	if (n < 2) {
		fprintf(stderr,
			n ? "cp: missing destination file operand after '%s'\n"
			  : "cp: missing file operand\n",
			n ? argv[optind] : "");
		return 1;
	}
	dir = argv[argc - 1];
	if (!cp_isdir(dir)) {
		if (n > 2) {
			fprintf(stderr, "cp: target '%s' is not a directory\n", dir);
			return 1;
		}
		return cp_any(argv[optind], dir, 1);
	}
	for (int i = optind; i < argc - 1; i++) {
		char *dst = cp_join(dir, cp_base(argv[i]));
		status |= cp_any(argv[i], dst, 1);
		free(dst);
	}
	return status;
}
