/*
 * tail [-n [+]N] [-c [+]N] [-f] [-qv] [file...]: the last N (10) lines,
 * or bytes with -c; +N starts at line (byte) N instead. -f then follows
 * the files as they grow, looking for new data every second. Several
 * files get "==> name <==" headers (-q: never, -v: always).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tl_bytes, tl_from, tl_follow;
static long long tl_count = 10;

static void tl_number(const char *s)
{
	char *end;

	tl_from = *s == '+';
	tl_count = strtoll(s + (*s == '-' || *s == '+'), &end, 10);
	if (end == s || *end || tl_count < 0) {
		fprintf(stderr, "tail: invalid number of %s: '%s'\n", tl_bytes ? "bytes" : "lines",
			s);
		exit(1);
	}
}

static char *tl_slurp(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	ssize_t k;

	while (buf && (k = read(fd, buf + n, cap - n)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return NULL;
		}
		n += (size_t)k;
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			break;
	}
	if (!buf)
		errno = ENOMEM;
	*len = n;
	return buf;
}

/* Where the output starts in buf[0, n). */
static size_t tl_start(const char *buf, size_t n)
{
	size_t p = 0;
	long long k = tl_count;

	if (tl_bytes) {
		if (tl_from)
			return k > 0 && (size_t)(k - 1) < n ? (size_t)(k - 1) : k > 0 ? n : 0;
		return (size_t)k >= n ? 0 : n - (size_t)k;
	}
	if (tl_from) {
		for (; k > 1 && p < n; p++)
			if (buf[p] == '\n')
				k--;
		return p;
	}
	p = n;
	if (p && buf[p - 1] == '\n')
		p--;
	for (; p > 0; p--)
		if (buf[p - 1] == '\n' && --k <= 0)
			break;
	return k <= 0 || tl_count == 0 ? (tl_count == 0 ? n : p) : 0;
}

static void tl_follow_fds(int *fds, char **names, int n, int headers)
{
	char buf[4096];
	int last = n - 1;

	for (;;) {
		int got = 0;
		for (int i = 0; i < n; i++) {
			ssize_t k;
			if (fds[i] < 0)
				continue;
			while ((k = read(fds[i], buf, sizeof(buf))) > 0) {
				if (headers && i != last)
					printf("\n==> %s <==\n", names[i]);
				last = i, got = 1;
				fwrite(buf, 1, (size_t)k, stdout);
			}
		}
		fflush(stdout);
		if (!got)
			sleep(1);
	}
}

static int tl_file(const char *p, int i, int headers, int *fdout)
{
	int fd = strcmp(p, "-") ? open(p, O_RDONLY) : 0;
	size_t n;
	char *buf;

	if (fd < 0) {
		fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", p, strerror(errno));
		return 1;
	}
	if (!(buf = tl_slurp(fd, &n))) {
		fprintf(stderr, "tail: error reading '%s': %s\n", p, strerror(errno));
		return 1;
	}
	if (headers && (tl_count || tl_from)) /* GNU: no headers for nothing */
		printf("%s==> %s <==\n", i ? "\n" : "", fd ? p : "standard input");
	size_t s = tl_start(buf, n);
	fwrite(buf + s, 1, n - s, stdout);
	free(buf);
	if (tl_follow && fd)
		*fdout = fd;
	else if (fd)
		close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int c, headers = -1, status = 0, nfiles, *fds;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		tl_number(argv[1] + 1);
		argv[1] = argv[0], argv++, argc--;
	}
	while ((c = getopt(argc, argv, "n:c:fqv")) != -1) {
		if (c == 'n' || c == 'c') {
			tl_bytes = c == 'c';
			tl_number(optarg);
		} else if (c == 'f') {
			tl_follow = 1;
		} else if (c == 'q' || c == 'v') {
			headers = c == 'v';
		} else {
			return 1;
		}
	}
	nfiles = argc - optind;
	if (headers < 0)
		headers = nfiles > 1;
	fds = malloc(sizeof(int) * (size_t)(nfiles ? nfiles : 1));
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		fds[i] = -1;
		status |= tl_file(nfiles ? argv[optind + i] : "-", i, headers, &fds[i]);
	}
	if (tl_follow && nfiles)
		tl_follow_fds(fds, argv + optind, nfiles, headers);
	return fflush(stdout) ? 1 : status;
}
