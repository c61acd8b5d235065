/*
 * cat [-n] [file...]: copy the files (or standard input, also for "-") to
 * standard output; -n numbers the output lines. The exit status is 1 if
 * any file could not be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int number;
static long line = 1;
static int at_line_start = 1;

static int put_numbered(const char *buf, ssize_t n)
{
	for (ssize_t i = 0; i < n; i++) {
		if (at_line_start)
			printf("%6ld\t", line++);
		putchar(buf[i]);
		at_line_start = buf[i] == '\n';
	}
	return ferror(stdout) ? -1 : 0;
}

static int copy(int fd, const char *name)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (number ? put_numbered(buf, n) < 0
			   : fwrite(buf, 1, (size_t)n, stdout) != (size_t)n) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "nu")) != -1) {
		if (c == 'n')
			number = 1;
		else if (c != 'u')
			return 2;
	}
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
