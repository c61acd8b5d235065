/*
 * grep [-EFGHLchilnoqrsvwx] [-e PATTERN]... [-f FILE]... [PATTERN] [FILE...]:
 * print the lines matching a pattern (basic regular expressions by
 * default, -E extended, -F fixed strings; several patterns, one a line).
 * -i ignore case, -v invert, -w/-x whole words/lines, -n line numbers,
 * -c counts, -l/-L names of files with/without a match, -o only the
 * matched parts, -q quiet, -s no messages about files, -h/-H without/with
 * file names, -r directories recursively. Exit 0: a line was selected,
 * 1: none, 2: an error (POSIX).
 */
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int cflags, fixed, invert, number, count, list, unlist, only, quiet, silent;
	int names, recurse, error, implicit_dot;
} gr;
static regex_t *gr_res;
static int gr_nres;
static char **gr_pats;
static int gr_npats;

static void gr_add_pattern(const char *p, size_t len)
{
	gr_pats = realloc(gr_pats, (size_t)(gr_npats + 1) * sizeof(char *));
	if (!gr_pats || !(gr_pats[gr_npats] = strndup(p, len))) {
		fprintf(stderr, "grep: %s\n", strerror(ENOMEM));
		exit(2);
	}
	gr_npats++;
}

/* Patterns separated by newlines. */
static void gr_add_patterns(const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n'))) {
		gr_add_pattern(s, (size_t)(nl - s));
		s = nl + 1;
	}
	gr_add_pattern(s, strlen(s));
}

static void gr_pattern_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			n--;
		gr_add_pattern(line, (size_t)n);
	}
	free(line);
	if (f != stdin)
		fclose(f);
}

/* A fixed string as a basic regular expression. */
static char *gr_quote(const char *s)
{
	char *q = malloc(2 * strlen(s) + 1), *d = q;

	if (!q)
		return NULL;
	for (; *s; s++) {
		if (strchr(".[\\*^$", *s))
			*d++ = '\\';
		*d++ = *s;
	}
	*d = 0;
	return q;
}

static void gr_compile(void)
{
	gr_res = calloc((size_t)gr_npats, sizeof(regex_t));
	for (int i = 0; i < gr_npats; i++) {
		char *p = gr.fixed ? gr_quote(gr_pats[i]) : gr_pats[i], msg[128];
		int err = p ? regcomp(&gr_res[i], p, gr.cflags) : REG_ESPACE;
		if (err) {
			regerror(err, NULL, msg, sizeof(msg));
			fprintf(stderr, "grep: %s\n", msg);
			exit(2);
		}
		if (gr.fixed)
			free(p);
	}
	gr_nres = gr_npats;
}

/* The leftmost (then longest) match of any pattern in line[from, n). */
static int gr_match(const char *line, size_t n, size_t from, regmatch_t *m)
{
	int found = 0;

	for (int i = 0; i < gr_nres; i++) {
		regmatch_t r = { (regoff_t)from, (regoff_t)n };
		if (regexec(&gr_res[i], line, 1, &r, REG_STARTEND))
			continue;
		if (!found || r.rm_so < m->rm_so || (r.rm_so == m->rm_so && r.rm_eo > m->rm_eo))
			*m = r;
		found = 1;
	}
	return found;
}

static void gr_prefix(const char *name, long lineno)
{
	if (gr.names)
		printf("%s:", name);
	if (gr.number)
		printf("%ld:", lineno);
}

/* -o: every non-empty match of the line on a line of its own. */
static void gr_only(const char *name, long lineno, const char *line, size_t n)
{
	size_t pos = 0;
	regmatch_t m;

	while (pos <= n && gr_match(line, n, pos, &m)) {
		if (m.rm_eo == m.rm_so) {
			pos = (size_t)m.rm_so + 1;
			continue;
		}
		gr_prefix(name, lineno);
		fwrite(line + m.rm_so, 1, (size_t)(m.rm_eo - m.rm_so), stdout);
		putchar('\n');
		pos = (size_t)m.rm_eo;
	}
}

/* One line (without its newline): 1 if it is selected. */
static int gr_line(const char *name, long lineno, const char *line, size_t n)
{
	regmatch_t m;
	int hit = gr_match(line, n, 0, &m) != gr.invert;

	if (!hit || gr.quiet || gr.count || gr.list || gr.unlist)
		return hit;
	if (gr.only) {
		if (!gr.invert)
			gr_only(name, lineno, line, n);
		return hit;
	}
	gr_prefix(name, lineno);
	fwrite(line, 1, n, stdout);
	putchar('\n');
	return hit;
}

static long gr_stream(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, hits = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (!gr_line(name, ++lineno, line, (size_t)n))
			continue;
		hits++;
		if (gr.quiet)
			exit(0);
		if (gr.list || gr.unlist)
			break;
	}
	free(line);
	if (gr.count) {
		if (gr.names)
			printf("%s:", name);
		printf("%ld\n", hits);
	}
	if ((gr.list && hits) || (gr.unlist && !hits))
		printf("%s\n", name);
	return hits;
}

static long gr_path(const char *path, int top);

static int gr_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* -r: the entries of a directory, in name order. */
static long gr_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	long hits = 0;

	if (!d) {
		if (!gr.silent)
			fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
		gr.error = 1;
		return 0;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names = realloc(names, (n + 1) * sizeof(char *));
		/* GNU: "grep -r x" names "f", "grep -r x ." names "./f" */
		int bare = gr.implicit_dot && !strcmp(path, ".");
		if (!names ||
		    asprintf(&names[n], "%s%s%s", bare ? "" : path,
			     bare || path[strlen(path) - 1] == '/' ? "" : "/", e->d_name) < 0)
			exit(2);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(char *), gr_namecmp);
	for (size_t i = 0; i < n; i++) {
		hits += gr_path(names[i], 0);
		free(names[i]);
	}
	free(names);
	return hits;
}

static long gr_path(const char *path, int top)
{
	struct stat st;
	FILE *f;
	long hits;

	if (!strcmp(path, "-"))
		return gr_stream(stdin, "(standard input)");
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (gr.recurse)
			return gr_dir(path);
		if (!gr.silent)
			fprintf(stderr, "grep: %s: Is a directory\n", path);
		gr.error = 1;
		return 0;
	}
	if (!top && !S_ISREG(st.st_mode))
		return 0;
	if (!(f = fopen(path, "r"))) {
		if (!gr.silent)
			fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
		gr.error = 1;
		return 0;
	}
	hits = gr_stream(f, path);
	fclose(f);
	return hits;
}

static void gr_usage(void)
{
	fprintf(stderr,
		"usage: grep [-EFGHLchilnoqrsvwx] [-e PATTERN] [-f FILE] [PATTERN] [FILE...]\n");
	exit(2);
}

/* The options that only set a flag. */
static int *gr_flag(int c)
{
	switch (c) {
	case 'R':
	case 'r':
		return &gr.recurse;
	case 'c':
		return &gr.count;
	case 'n':
		return &gr.number;
	case 'o':
		return &gr.only;
	case 'q':
		return &gr.quiet;
	case 's':
		return &gr.silent;
	case 'v':
		return &gr.invert;
	default:
		return NULL;
	}
}

static int gr_options(int argc, char **argv, int *names)
{
	static const char cflag_opts[] = "iywx";
	static const int cflag_bits[] = { REG_ICASE, REG_ICASE, REG_ZWORD, REG_ZLINE };
	int c, pats = 0, *flag;
	const char *cf;

	while ((c = getopt(argc, argv, "EFGHLRce:f:hilnoqrsvwxy")) != -1) {
		if ((flag = gr_flag(c)))
			*flag = 1;
		else if ((cf = strchr(cflag_opts, c)))
			gr.cflags |= cflag_bits[cf - cflag_opts];
		else if (c == 'E' || c == 'F' || c == 'G') {
			gr.fixed = c == 'F';
			gr.cflags = (gr.cflags & ~REG_EXTENDED) | (c == 'E' ? REG_EXTENDED : 0);
		} else if (c == 'H' || c == 'h')
			*names = c == 'H';
		else if (c == 'L' || c == 'l')
			gr.list = c == 'l', gr.unlist = c == 'L';
		else if (c == 'e')
			gr_add_patterns(optarg), pats = 1;
		else if (c == 'f')
			gr_pattern_file(optarg), pats = 1;
		else
			gr_usage();
	}
	return pats;
}

int main(int argc, char **argv)
{
	int names = -1;
	long hits = 0;

	if (!gr_options(argc, argv, &names)) {
		if (optind >= argc)
			gr_usage();
		gr_add_patterns(argv[optind++]);
	}
	gr_compile();
	gr.names = names >= 0 ? names : argc - optind > 1 || gr.recurse;
	gr.implicit_dot = optind == argc && gr.recurse;
	if (optind == argc)
		hits = gr_path(gr.recurse ? "." : "-", 1);
	for (int i = optind; i < argc; i++)
		hits += gr_path(argv[i], 1);
	if (fflush(stdout))
		gr.error = 1;
	return gr.error ? 2 : hits ? 0 : 1;
}
