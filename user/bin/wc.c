/*
 * wc [-clmwL] [file...]: lines, words, bytes (-c), characters (-m; bytes
 * in the "C" locale) and the longest line's width (-L) of each file, and
 * a total line when there are several. The columns are as wide as GNU's:
 * the digits of the files' total size, at least 7 if one is not a
 * regular file, and one column of one input is printed unpadded.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WC_LINES, WC_WORDS, WC_CHARS, WC_BYTES, WC_MAXLEN, WC_N };

static int wc_show[WC_N];
static int wc_width = 1;

struct wc_state {
	long long v[WC_N];
	long long col;
	int inword;
};

static void wc_byte(struct wc_state *s, int c)
{
	s->v[WC_BYTES]++, s->v[WC_CHARS]++;
	if (c == '\n' || c == '\r' || c == '\f') {
		if (s->col > s->v[WC_MAXLEN])
			s->v[WC_MAXLEN] = s->col;
		s->col = 0;
		s->v[WC_LINES] += c == '\n';
	} else if (c == '\t') {
		s->col += 8 - s->col % 8;
	} else if (isprint(c)) {
		s->col++;
	}
	if (isspace(c)) {
		s->inword = 0;
	} else if (!s->inword && (isprint(c) || c >= 0x80)) {
		s->inword = 1;
		s->v[WC_WORDS]++;
	}
}

static int wc_count(int fd, const char *name, struct wc_state *s)
{
	unsigned char buf[8192];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			return 1;
		}
		for (ssize_t i = 0; i < n; i++)
			wc_byte(s, buf[i]);
	}
	if (s->col > s->v[WC_MAXLEN])
		s->v[WC_MAXLEN] = s->col;
	return 0;
}

static void wc_print(const long long *v, const char *name)
{
	int first = 1;

	for (int i = 0; i < WC_N; i++) {
		if (!wc_show[i])
			continue;
		printf(first ? "%*lld" : " %*lld", wc_width, v[i]);
		first = 0;
	}
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* GNU's width: the total size's digits, 7 at least for a non-regular input. */
static void wc_set_width(int argc, char **argv, int nshown)
{
	long long total = 0;
	int min = 1, nfiles = argc ? argc : 1;
	struct stat st;

	if (nshown == 1 && nfiles == 1)
		return;
	for (int i = 0; i < nfiles; i++) {
		const char *p = argc ? argv[i] : "-";
		int ok = strcmp(p, "-") ? stat(p, &st) == 0 : fstat(0, &st) == 0;
		if (!ok)
			continue;
		if (S_ISREG(st.st_mode))
			total += st.st_size;
		else
			min = 7;
	}
	for (wc_width = 1; total >= 10; total /= 10)
		wc_width++;
	if (wc_width < min)
		wc_width = min;
}

static int wc_options(int argc, char **argv)
{
	int c, n = 0;

	while ((c = getopt(argc, argv, "clmwL")) != -1) {
		const char *o = strchr("lwmcL", c);
		if (!o)
			return -1;
		wc_show[o - "lwmcL"] = 1;
	}
	for (int i = 0; i < WC_N; i++)
		n += wc_show[i];
	if (!n) {
		wc_show[WC_LINES] = wc_show[WC_WORDS] = wc_show[WC_BYTES] = 1;
		n = 3;
	}
	return n;
}

int main(int argc, char **argv)
{
	long long total[WC_N] = { 0 };
	int status = 0, nshown = wc_options(argc, argv), nfiles = argc - optind;

	if (nshown < 0)
		return 1;
	wc_set_width(nfiles, argv + optind, nshown);
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *p = nfiles ? argv[optind + i] : "-";
		struct wc_state s = { { 0 }, 0, 0 };
		int fd = strcmp(p, "-") ? open(p, O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "wc: %s: %s\n", p, strerror(errno));
			status = 1;
			continue;
		}
		status |= wc_count(fd, p, &s);
		if (fd)
			close(fd);
		wc_print(s.v, nfiles ? p : NULL);
		for (int k = 0; k < WC_N; k++)
			total[k] = k == WC_MAXLEN ? (s.v[k] > total[k] ? s.v[k] : total[k])
						  : total[k] + s.v[k];
	}
	if (nfiles > 1)
		wc_print(total, "total");
	return fflush(stdout) ? 1 : status;
}
