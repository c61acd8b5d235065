/*
 * chmod: change file mode bits.
 *   chmod [-Rcfv] MODE[,MODE]... FILE...
 *   MODE is octal (644) or symbolic: [ugoa]*[-+=][rwxXst]* or [-+=][ugo]
 *   (g=u), several joined by commas; with no [ugoa] the umask's bits are
 *   left alone. -R recursive, -v say every file, -c only changed ones, -f
 *   no errors. Exit 1 on an error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int recursive, verbose, changes, quiet;
} chmod_opt;
static unsigned int chmod_umask;

static unsigned int chmod_who(const char **sp)
{
	unsigned int who = 0;
	const char *s = *sp;

	for (; *s && strchr("ugoa", *s); s++)
		who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
	*sp = s;
	return who;
}

/* The permission letters after an operator; @m is the mode before. */
static unsigned int chmod_perm(const char **sp, unsigned int m, int isdir)
{
	const char *s = *sp;
	unsigned int p = 0, src;

	if (*s && strchr("ugo", *s)) {
		src = *s == 'u' ? (m >> 6) & 7 : *s == 'g' ? (m >> 3) & 7 : m & 7;
		*sp = s + 1;
		return src * 0111;
	}
	for (; *s && strchr("rwxXst", *s); s++) {
		if (*s == 'r')
			p |= 0444;
		else if (*s == 'w')
			p |= 0222;
		else if (*s == 'x' || (*s == 'X' && (isdir || (m & 0111))))
			p |= 0111;
		else if (*s == 's')
			p |= 06000;
		else if (*s == 't')
			p |= 01000;
	}
	*sp = s;
	return p;
}

/* Apply the mode string @spec to @m; -1 if @spec is not valid. */
static long chmod_apply(const char *spec, unsigned int m, int isdir)
{
	char *end;
	long v = strtol(spec, &end, 8);

	if (*spec >= '0' && *spec <= '7')
		return *end || v > 07777 ? -1 : v;
	for (const char *s = spec;;) {
		unsigned int who = chmod_who(&s), mask = who ? who : 07777 & ~chmod_umask;
		if (*s != '+' && *s != '-' && *s != '=')
			return -1;
		while (*s == '+' || *s == '-' || *s == '=') {
			char op = *s++;
			unsigned int p = chmod_perm(&s, m, isdir) & mask;
			if (op == '+')
				m |= p;
			else if (op == '-')
				m &= ~p;
			else
				m = (m & ~(who ? who : 07777u)) | p;
		}
		if (!*s)
			return m;
		if (*s++ != ',')
			return -1;
	}
}

static char *chmod_str(unsigned int m, char *s)
{
	static const char rwx[] = "rwxrwxrwx";

	for (int i = 0; i < 9; i++)
		s[i] = (m & (0400u >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[2] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		s[5] = (m & 010) ? 's' : 'S';
	if (m & S_ISVTX)
		s[8] = (m & 01) ? 't' : 'T';
	s[9] = 0;
	return s;
}

static void chmod_report(const char *path, unsigned int old, unsigned int new)
{
	char a[12], b[12];

	if (old == new &&chmod_opt.verbose)
		printf("mode of '%s' retained as %04o (%s)\n", path, new, chmod_str(new, a));
	else if (old != new && (chmod_opt.verbose || chmod_opt.changes))
		printf("mode of '%s' changed from %04o (%s) to %04o (%s)\n", path, old,
		       chmod_str(old, a), new, chmod_str(new, b));
}

static int chmod_path(const char *spec, const char *path, int top);

static int chmod_tree(const char *spec, const char *path)
{
	struct dirent *de;
	int status = 0;
	DIR *d = opendir(path);

	if (!d) {
		if (!chmod_opt.quiet)
			fprintf(stderr, "chmod: cannot read directory '%s': %s\n", path,
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
		status |= chmod_path(spec, sub, 0);
		free(sub);
	}
	closedir(d);
	return status;
}

static int chmod_path(const char *spec, const char *path, int top)
{
	struct stat st;
	long m;
	int status = 0;

	if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
		if (!chmod_opt.quiet)
			fprintf(stderr, "chmod: cannot access '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISLNK(st.st_mode)) /* met in a tree: links have no mode of their own */
		return 0;
	m = chmod_apply(spec, st.st_mode & 07777, S_ISDIR(st.st_mode));
	if (chmod(path, (unsigned int)m) != 0) {
		if (!chmod_opt.quiet)
			fprintf(stderr, "chmod: changing permissions of '%s': %s\n", path,
				strerror(errno));
		status = 1;
	} else {
		chmod_report(path, st.st_mode & 07777, (unsigned int)m);
	}
	if (chmod_opt.recursive && S_ISDIR(st.st_mode))
		status |= chmod_tree(spec, path);
	return status;
}

int main(int argc, char **argv)
{
	int status = 0, i = 1;

	chmod_umask = (unsigned int)umask(0);
	umask(chmod_umask);
	/* Options by hand: "-w" or "-x" is a mode, not an option. */
	for (; i < argc && argv[i][0] == '-' && strchr("Rcfv-", argv[i][1]) && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'R')
				chmod_opt.recursive = 1;
			else if (*o == 'v')
				chmod_opt.verbose = 1;
			else if (*o == 'c')
				chmod_opt.changes = 1;
			else if (*o == 'f')
				chmod_opt.quiet = 1;
			else
				goto usage;
		}
	}
	if (argc - i < 2)
		goto usage;
	if (chmod_apply(argv[i], 0, 0) < 0) {
		fprintf(stderr, "chmod: invalid mode: '%s'\n", argv[i]);
		return 1;
	}
	for (int k = i + 1; k < argc; k++)
		status |= chmod_path(argv[i], argv[k], 1);
	return status;
usage:
	fprintf(stderr, "usage: chmod [-Rcfv] mode file...\n");
	return 1;
}
