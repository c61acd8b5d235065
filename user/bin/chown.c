/*
 * chown: change the owner and group of files.
 *   chown [-Rhvcf] OWNER[:GROUP] FILE...   (also OWNER: , :GROUP, numbers)
 *   -R recursive, -h change a symbolic link itself, -v say every file, -c
 *   only the changed ones, -f no errors. Exit 1 on an error.
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int recursive, nofollow, verbose, changes, quiet;
} chown_opt;
static long chown_uid = -1, chown_gid = -1;

static long chown_num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 ? v : -1;
}

/* OWNER, OWNER:GROUP, OWNER:, :GROUP (also '.' for ':'); 0 if valid. */
static int chown_spec(char *spec)
{
	char *sep = strchr(spec, ':');
	struct passwd *pw = NULL;
	struct group *gr;

	if (!sep)
		sep = strchr(spec, '.');
	if (sep)
		*sep++ = 0;
	if (*spec) {
		pw = getpwnam(spec);
		chown_uid = pw ? (long)pw->pw_uid : chown_num(spec);
		if (chown_uid < 0)
			return fprintf(stderr, "chown: invalid user: '%s'\n", spec), -1;
	}
	if (sep && *sep) {
		gr = getgrnam(sep);
		chown_gid = gr ? (long)gr->gr_gid : chown_num(sep);
		if (chown_gid < 0)
			return fprintf(stderr, "chown: invalid group: '%s'\n", sep), -1;
	} else if (sep && *spec) {
		pw = getpwuid((uid_t)chown_uid);
		if (!pw)
			return fprintf(stderr, "chown: no login group for '%s'\n", spec), -1;
		chown_gid = pw->pw_gid;
	}
	return 0;
}

static int chown_path(const char *path, int top);

static int chown_tree(const char *path)
{
	struct dirent *de;
	int status = 0;
	DIR *d = opendir(path);

	if (!d) {
		if (!chown_opt.quiet)
			fprintf(stderr, "chown: cannot read directory '%s': %s\n", path,
				strerror(errno));
		return 1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!sub)
			return 1;
		sprintf(sub, "%s/%s", path, de->d_name);
		status |= chown_path(sub, 0);
		free(sub);
	}
	closedir(d);
	return status;
}

static int chown_path(const char *path, int top)
{
	struct stat st;
	int nofollow = chown_opt.nofollow || !top, r;
	uid_t u;
	gid_t g;

	if ((nofollow ? lstat(path, &st) : stat(path, &st)) != 0) {
		if (!chown_opt.quiet)
			fprintf(stderr, "chown: cannot access '%s': %s\n", path, strerror(errno));
		return 1;
	}
	u = chown_uid < 0 ? st.st_uid : (uid_t)chown_uid;
	g = chown_gid < 0 ? st.st_gid : (gid_t)chown_gid;
	r = nofollow ? lchown(path, u, g) : chown(path, u, g);
	if (r != 0) {
		if (!chown_opt.quiet)
			fprintf(stderr, "chown: changing ownership of '%s': %s\n", path,
				strerror(errno));
		return 1;
	}
	if (chown_opt.verbose || (chown_opt.changes && (u != st.st_uid || g != st.st_gid)))
		printf("ownership of '%s' %s %u:%u\n", path,
		       u != st.st_uid || g != st.st_gid ? "changed to" : "retained as", u, g);
	if (chown_opt.recursive && S_ISDIR(st.st_mode))
		return chown_tree(path);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "Rhvcf")) != -1) {
		switch (c) {
		case 'R':
			chown_opt.recursive = 1;
			break;
		case 'h':
			chown_opt.nofollow = 1;
			break;
		case 'v':
			chown_opt.verbose = 1;
			break;
		case 'c':
			chown_opt.changes = 1;
			break;
		case 'f':
			chown_opt.quiet = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind < 2)
		goto usage;
	if (chown_spec(argv[optind]) != 0)
		return 1;
	for (int i = optind + 1; i < argc; i++)
		status |= chown_path(argv[i], 1);
	return status;
usage:
	fprintf(stderr, "usage: chown [-Rhvcf] owner[:group] file...\n");
	return 1;
}
