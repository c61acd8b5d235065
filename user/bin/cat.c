/*
 * cat [-AbeEnstTuv] [file...]: copy the files (or standard input, also for
 * "-") to standard output. -n numbers the lines, -b only the non-empty
 * ones, -s squeezes runs of empty lines into one, -E marks line ends with
 * '$', -T shows tabs as ^I, -v shows other control bytes as ^X and M-X;
 * -A is -vET, -e is -vE, -t is -vT; -u is ignored. The exit status is 1
 * if any file could not be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int number, number_nonblank, squeeze, show_ends, show_tabs, show_nonprint;
static long line = 1;
static int at_line_start = 1, empty_run;

static void cat_visible(int c)
{
	if (c >= 128) {
		fputs("M-", stdout);
		c -= 128;
	}
	if (c < 32)
		printf("^%c", c + 64);
	else if (c == 127)
		fputs("^?", stdout);
	else
		putchar(c);
}

static void cat_byte(int c)
{
	if (at_line_start) {
		if (c == '\n' && squeeze && empty_run++)
			return;
		if (c != '\n')
			empty_run = 0;
		if (number_nonblank ? c != '\n' : number)
			printf("%6ld\t", line++);
	}
	at_line_start = c == '\n';
	if (c == '\n') {
		if (show_ends)
			putchar('$');
		putchar('\n');
	} else if (c == '\t') {
		fputs(show_tabs ? "^I" : "\t", stdout);
	} else if (show_nonprint && (c < 32 || c >= 127)) {
		cat_visible(c);
	} else {
		putchar(c);
	}
}

static int cat_put(const unsigned char *buf, ssize_t n)
{
	for (ssize_t i = 0; i < n; i++)
		cat_byte(buf[i]);
	return ferror(stdout) ? -1 : 0;
}

static int copy(int fd, const char *name)
{
	unsigned char buf[4096];
	int plain =
	    !(number || number_nonblank || squeeze || show_ends || show_tabs || show_nonprint);
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (!plain ? cat_put(buf, n) < 0 : fwrite(buf, 1, (size_t)n, stdout) != (size_t)n) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			return 1;
		}
	}
	return 0;
}

static int cat_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "AbeEnstTuv")) != -1) {
		switch (c) {
		case 'A':
			show_nonprint = show_ends = show_tabs = 1;
			break;
		case 'b':
			number_nonblank = 1;
			break;
		case 'e':
			show_nonprint = show_ends = 1;
			break;
		case 'E':
			show_ends = 1;
			break;
		case 'n':
			number = 1;
			break;
		case 's':
			squeeze = 1;
			break;
		case 't':
			show_nonprint = show_tabs = 1;
			break;
		case 'T':
			show_tabs = 1;
			break;
		case 'v':
			show_nonprint = 1;
			break;
		case 'u':
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (cat_options(argc, argv) < 0)
		return 1;
	if (optind == argc)
		status = copy(0, "-");
	for (int i = optind; i < argc; i++) {
		int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		if (fd)
			close(fd);
	}
	if (fflush(stdout))
		status = 1;
	return status;
}
