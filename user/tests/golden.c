/*
 * golden: run the golden-output cases (tests/golden/NAME.cases, doc/testing.md)
 * and print what each command wrote, in a form that survives a serial
 * console. The same source runs inside zero (as /usr/tests/golden, the
 * first process) and on the build host against GNU coreutils
 * (tests/golden/run.sh), so both sides print the same format by
 * construction and run.sh only compares.
 *
 * Usage: golden [-t TREE] [-w WORK] [-p PATH] [FILE.cases...]
 *   TREE  the input tree (default /usr/golden/tree), copied afresh into
 *         WORK/w (default /tmp/golden) for every case;
 *   PATH  where commands are looked up (default /bin); the commands get
 *         the environment PATH=<PATH> LC_ALL=C TZ=UTC and nothing else;
 *   FILE  case files (default: every /usr/golden/NAME.cases, sorted).
 *
 * Case lines: words separated by blanks, '...' and "..." quoting (a
 * backslash escapes the next character outside single quotes), an optional
 * trailing "< file" for stdin (else /dev/null); several commands joined by
 * " ;; " run one after the other in the same directory, their outputs
 * concatenated. A line that starts with "@sort " has its stdout's lines
 * sorted (bytewise) before printing: for tools that list files in
 * directory order (find, du -a, cp -rv), which differs between file
 * systems. '#' lines and empty lines are skipped.
 *
 * Output, per case:
 *   @@ <file>:<line> exit <status>[,<status>...] stderr empty|nonempty
 *   stdout, line by line: "|text" for a line of printable ASCII (and tabs)
 *   that ends in a newline, else "x" and the line's bytes in hex (with its
 *   newline, 0a, if it has one)
 *   @@ end
 * A status is the exit code (127 when the command could not be found or
 * run), "sig N" for a signal, "noexec" for a case line that does not parse. The run starts with "@@
 * golden begin" and ends with "@@ golden done <cases>"; golden exits 0 after printing everything.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GOLDEN_WORDS 64
#define GOLDEN_CMDS  8
#define GOLDEN_LIMIT 10	 /* seconds a command may run */
#define GOLDEN_UMASK 022 /* the umask of the copies and the commands */

struct golden_cmd {
	char *argv[GOLDEN_WORDS + 1];
	char *in; /* stdin file, or NULL */
};

struct golden_out {
	char *buf;
	size_t len, cap;
	char status[128];
	int err;
};

static const char *golden_tree = "/usr/golden/tree";
static const char *golden_work = "/tmp/golden";
static const char *golden_path = "/bin";
static char golden_dir[4096];
static char *golden_env[4];

static void golden_die(const char *what)
{
	fprintf(stderr, "golden: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Remove @path and everything under it. */
static void golden_rmtree(const char *path)
{
	struct stat st;
	struct dirent *de;
	char sub[4096];
	DIR *d;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	d = opendir(path);
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		golden_rmtree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/*
 * A call the copy needs failed (while the kernel lacks it: ENOSYS): say so
 * once on stderr, between cases, and go on with a copy that differs.
 */
static void golden_warn(const char *call, const char *path)
{
	static int said[3];
	int i = call[0] == 's' ? 0 : call[0] == 'u' ? 1 : 2;

	if (!said[i]++)
		fprintf(stderr, "golden: %s %s: %s (the copies of the tree lack it)\n", call, path,
			strerror(errno));
}

/* chmod() only where creation under the umask did not give the mode. */
static void golden_mode(const char *to, unsigned int want, unsigned int got)
{
	if (want != got && chmod(to, want) != 0)
		golden_warn("chmod", to);
}

static void golden_times(const char *to, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };

	if (utimensat(AT_FDCWD, to, ts, AT_SYMLINK_NOFOLLOW) != 0)
		golden_warn("utimensat", to);
}

static void golden_copyfile(const char *from, const char *to, const struct stat *st)
{
	char buf[4096];
	ssize_t n;
	int in = open(from, O_RDONLY), out;

	if (in < 0)
		golden_die(from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0)
		golden_die(to);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			golden_die(to);
	close(in);
	close(out);
	golden_mode(to, st->st_mode & 07777, st->st_mode & 0777 & ~GOLDEN_UMASK);
}

static void golden_copytree(const char *from, const char *to);

static void golden_copyentry(const char *from, const char *to)
{
	struct stat st;
	char target[4096];
	ssize_t n;

	if (lstat(from, &st) != 0)
		golden_die(from);
	if (S_ISDIR(st.st_mode)) {
		golden_copytree(from, to);
	} else if (S_ISLNK(st.st_mode)) {
		n = readlink(from, target, sizeof(target) - 1);
		if (n >= 0)
			target[n] = 0;
		if (n < 0 || symlink(target, to) != 0) {
			golden_warn("symlink", to);
			return;
		}
	} else {
		golden_copyfile(from, to, &st);
	}
	golden_times(to, &st);
}

/* Copy the directory @from to @to, its times last (children change them). */
static void golden_copytree(const char *from, const char *to)
{
	struct dirent *de;
	struct stat st;
	char a[4096], b[4096];
	DIR *d;

	if (stat(from, &st) != 0 || mkdir(to, (st.st_mode & 0777) | 0700) != 0)
		golden_die(to);
	d = opendir(from);
	if (!d)
		golden_die(from);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(a, sizeof(a), "%s/%s", from, de->d_name);
		snprintf(b, sizeof(b), "%s/%s", to, de->d_name);
		golden_copyentry(a, b);
	}
	closedir(d);
	golden_mode(to, st.st_mode & 07777, ((st.st_mode & 0777) | 0700) & ~GOLDEN_UMASK);
	golden_times(to, &st);
}

/* Split @s into words in place (quotes, backslash); "<" takes a file. */
static int golden_words(char *s, struct golden_cmd *c)
{
	int n = 0;
	char *w = s, *start;
	char q;

	c->in = NULL;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		start = w;
		q = 0;
		for (; *s && (q || (*s != ' ' && *s != '\t')); s++) {
			if (q && *s == q)
				q = 0;
			else if (!q && (*s == '\'' || *s == '"'))
				q = *s;
			else if (q != '\'' && *s == '\\' && s[1])
				*w++ = *++s;
			else
				*w++ = *s;
		}
		if (*s)
			s++;
		*w++ = 0;
		if (n >= GOLDEN_WORDS)
			return -1;
		c->argv[n++] = start;
	}
	c->argv[n] = NULL;
	if (n >= 2 && !strcmp(c->argv[n - 2], "<")) {
		c->in = c->argv[n - 1];
		c->argv[n -= 2] = NULL;
	}
	return n > 0 ? n : -1;
}

/* Split a case line at " ;; " into commands. */
static int golden_parse(char *line, struct golden_cmd *cmds)
{
	int n = 0;
	char *next;

	for (; line; line = next) {
		next = strstr(line, " ;; ");
		if (next) {
			*next = 0;
			next += 4;
		}
		if (n >= GOLDEN_CMDS || golden_words(line, &cmds[n]) < 0)
			return -1;
		n++;
	}
	return n;
}

static void golden_exec(const struct golden_cmd *c)
{
	char path[4096], dirs[4096];
	char *dir, *save = NULL;

	if (strchr(c->argv[0], '/')) {
		execve(c->argv[0], c->argv, golden_env);
		_exit(127);
	}
	snprintf(dirs, sizeof(dirs), "%s", golden_path);
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(path, sizeof(path), "%s/%s", dir, c->argv[0]);
		execve(path, c->argv, golden_env);
	}
	_exit(127);
}

/* In the child: stdin, stdout and stderr, then the command. */
static void golden_child(const struct golden_cmd *c, int out, int err)
{
	int in = open(c->in ? c->in : "/dev/null", O_RDONLY);

	if (in < 0)
		_exit(126);
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	if (in > 2)
		close(in);
	close(out);
	close(err);
	alarm(GOLDEN_LIMIT);
	golden_exec(c);
}

static void golden_take(struct golden_out *o, int fd)
{
	ssize_t n;

	for (;;) {
		if (o->cap - o->len < 4096) {
			o->cap = o->cap ? o->cap * 2 : 8192;
			o->buf = realloc(o->buf, o->cap);
			if (!o->buf)
				golden_die("realloc");
		}
		n = read(fd, o->buf + o->len, o->cap - o->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		o->len += (size_t)n;
	}
}

/* Read back the command's stdout (kept) and stderr (only: was there any?). */
static void golden_collect(struct golden_out *o, int out, int err)
{
	struct golden_out e = { 0 };

	golden_take(o, out);
	golden_take(&e, err);
	if (e.len)
		o->err = 1;
	free(e.buf);
}

static void golden_status(struct golden_out *o, int st, int ran)
{
	size_t l = strlen(o->status);
	char *p = o->status + l;
	size_t room = sizeof(o->status) - l;
	const char *sep = l ? "," : "";

	if (!ran)
		snprintf(p, room, "%snoexec", sep);
	else if (WIFEXITED(st))
		snprintf(p, room, "%s%d", sep, WEXITSTATUS(st));
	else
		snprintf(p, room, "%ssig %d", sep, WTERMSIG(st));
}

/*
 * Run one command. Its stdout and stderr go to files in the work area (not
 * pipes: a command writing much to both could otherwise block on one while
 * we read the other); they are read back when it has ended.
 */
static void golden_run(const struct golden_cmd *c, struct golden_out *o)
{
	char outp[4200], errp[4200];
	int out, err, st = 0;
	pid_t pid;

	snprintf(outp, sizeof(outp), "%s/stdout", golden_work);
	snprintf(errp, sizeof(errp), "%s/stderr", golden_work);
	out = open(outp, O_RDWR | O_CREAT | O_TRUNC, 0600);
	err = open(errp, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (out < 0 || err < 0)
		golden_die("output files");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		golden_die("fork");
	if (pid == 0)
		golden_child(c, out, err);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	golden_status(o, st, 1);
	lseek(out, 0, SEEK_SET);
	lseek(err, 0, SEEK_SET);
	golden_collect(o, out, err);
	close(out);
	close(err);
}

static int golden_printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

static int golden_linecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the lines of @o (a last line without newline gets one). */
static void golden_sort(struct golden_out *o)
{
	char **lines, *copy, *p;
	size_t n = 0, k = 0;

	if (!o->len)
		return;
	copy = malloc(o->len + 1);
	lines = malloc(sizeof(char *) * (o->len + 1));
	if (!copy || !lines)
		golden_die("malloc");
	memcpy(copy, o->buf, o->len);
	copy[o->len] = 0;
	for (p = copy; *p; n++) {
		lines[n] = p;
		p = strchrnul(p, '\n');
		if (*p)
			*p++ = 0;
	}
	qsort(lines, n, sizeof(char *), golden_linecmp);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(lines[i]);
		memcpy(o->buf + k, lines[i], l);
		k += l;
		o->buf[k++] = '\n';
	}
	o->len = k;
	free(lines);
	free(copy);
}

static void golden_print(const struct golden_out *o)
{
	size_t i = 0, n;
	const char *nl;

	while (i < o->len) {
		nl = memchr(o->buf + i, '\n', o->len - i);
		n = nl ? (size_t)(nl - (o->buf + i)) : o->len - i;
		if (nl && golden_printable(o->buf + i, n)) {
			printf("|%.*s\n", (int)n, o->buf + i);
		} else {
			putchar('x');
			for (size_t k = 0; k < n + (nl != NULL); k++)
				printf("%02x", (unsigned char)o->buf[i + k]);
			putchar('\n');
		}
		i += n + (nl != NULL);
	}
}

/* Run one case line in a fresh copy of the tree and print its result. */
static void golden_case(const char *file, int lineno, char *line)
{
	struct golden_cmd cmds[GOLDEN_CMDS];
	struct golden_out o = { 0 };
	char w[4200];
	int sorted = !strncmp(line, "@sort ", 6);
	int n = golden_parse(line + (sorted ? 6 : 0), cmds);

	snprintf(w, sizeof(w), "%s/w", golden_work);
	golden_rmtree(w);
	golden_copytree(golden_tree, w);
	if (chdir(w) != 0)
		golden_die(w);
	if (n < 0)
		golden_status(&o, 0, 0);
	for (int i = 0; i < n; i++)
		golden_run(&cmds[i], &o);
	if (chdir(golden_dir) != 0)
		golden_die(golden_dir);
	if (sorted)
		golden_sort(&o);
	printf("@@ %s:%d exit %s stderr %s\n", file, lineno, o.status,
	       o.err ? "nonempty" : "empty");
	golden_print(&o);
	printf("@@ end\n");
	fflush(stdout);
	free(o.buf);
}

static int golden_file(const char *path)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, cases = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		golden_die(path);
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = 0;
		if (!line[strspn(line, " \t")] || line[strspn(line, " \t")] == '#')
			continue;
		golden_case(name, lineno, line);
		cases++;
	}
	free(line);
	fclose(f);
	return cases;
}

static int golden_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.cases file of /usr/golden, sorted, then each of them run. */
static int golden_all(void)
{
	char *names[64], path[4096];
	struct dirent *de;
	int n = 0, cases = 0;
	size_t l;
	DIR *d = opendir("/usr/golden");

	if (!d)
		golden_die("/usr/golden");
	while ((de = readdir(d)) && n < 64) {
		l = strlen(de->d_name);
		if (l > 6 && !strcmp(de->d_name + l - 6, ".cases"))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), golden_cmp);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/usr/golden/%s", names[i]);
		cases += golden_file(path);
		free(names[i]);
	}
	return cases;
}

static void golden_setup(void)
{
	static char pathvar[4200];

	snprintf(pathvar, sizeof(pathvar), "PATH=%s", golden_path);
	golden_env[0] = pathvar;
	golden_env[1] = "LC_ALL=C";
	golden_env[2] = "TZ=UTC";
	golden_env[3] = NULL;
	umask(GOLDEN_UMASK);
	mkdir(golden_work, 0755);
	if (!getcwd(golden_dir, sizeof(golden_dir)))
		golden_die("getcwd");
	signal(SIGPIPE, SIG_DFL);
}

int main(int argc, char **argv)
{
	int c, cases = 0;

	while ((c = getopt(argc, argv, "t:w:p:")) != -1) {
		if (c == 't')
			golden_tree = optarg;
		else if (c == 'w')
			golden_work = optarg;
		else if (c == 'p')
			golden_path = optarg;
		else
			return 2;
	}
	golden_setup();
	printf("@@ golden begin\n");
	if (optind == argc)
		cases = golden_all();
	for (int i = optind; i < argc; i++)
		cases += golden_file(argv[i]);
	printf("@@ golden done %d\n", cases);
	fflush(stdout);
	return 0;
}
