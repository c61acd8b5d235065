/*
 * halt: halt the machine (QEMU exits). Root only. The file systems are
 * synced first (sync()), then halt(0) from <sys/zero.h>.
 * Options: -f is accepted (there is no init to ask: the call is direct).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/zero.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f') {
			fprintf(stderr, "usage: halt [-f]\n");
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "halt: extra operand '%s'\n", argv[optind]);
		return 1;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "halt: must be root\n");
		return 1;
	}
	sync();
	halt(0);
	fprintf(stderr, "halt: %s\n", strerror(errno));
	return 1;
}
