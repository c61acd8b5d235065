/*
 * mkfifo: make FIFOs (named pipes).
 *   -m mode   permission bits (octal), instead of 0666 less the umask.
 * Exit 1 if any could not be made.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	mode_t mode = 0666;
	int status = 0, setmode = 0, c;
	char *end;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		if (c != 'm') {
			fprintf(stderr, "usage: mkfifo [-m mode] name...\n");
			return 2;
		}
		mode = (mode_t)strtoul(optarg, &end, 8);
		if (*end || end == optarg || mode > 07777) {
			fprintf(stderr, "mkfifo: invalid mode '%s'\n", optarg);
			return 1;
		}
		setmode = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: mkfifo [-m mode] name...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		if (mkfifo(argv[i], mode) != 0) {
			fprintf(stderr, "mkfifo: cannot create fifo '%s': %s\n", argv[i],
				strerror(errno));
			status = 1;
		} else if (setmode && chmod(argv[i], mode) != 0) {
			fprintf(stderr, "mkfifo: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
