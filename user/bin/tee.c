/*
 * tee: copy standard input to standard output and to each file.
 *   -a append to the files, -i ignore SIGINT. Exit 1 if a file could not
 *   be opened or written (the others still get the data).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tee_write(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, c, n = 0;
	char buf[8192];
	const char **names;
	int *fds;
	ssize_t r;

	while ((c = getopt(argc, argv, "ai")) != -1) {
		if (c == 'a')
			flags = O_WRONLY | O_CREAT | O_APPEND;
		else if (c == 'i')
			signal(SIGINT, SIG_IGN);
		else {
			fprintf(stderr, "usage: tee [-ai] [file...]\n");
			return 1;
		}
	}
	fds = malloc(sizeof(int) * (size_t)(argc - optind + 1));
	names = malloc(sizeof(char *) * (size_t)(argc - optind + 1));
	if (!fds || !names)
		return 1;
	names[n] = "standard output";
	fds[n++] = 1;
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], flags, 0666);
		if (fd < 0) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		names[n] = argv[i];
		fds[n++] = fd;
	}
	while ((r = read(0, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "tee: read error: %s\n", strerror(errno));
			return 1;
		}
		for (int i = 0; i < n; i++) {
			if (fds[i] >= 0 && tee_write(fds[i], buf, (size_t)r) != 0) {
				fprintf(stderr, "tee: %s: %s\n", names[i], strerror(errno));
				fds[i] = -1;
				status = 1;
			}
		}
	}
	for (int i = 1; i < n; i++)
		if (fds[i] >= 0 && close(fds[i]) != 0)
			status = 1;
	return status;
}
