/*
 * reboot: restart the machine. Root only. The file systems are
 * synced first (sync()), then halt(HALT_REBOOT) from <sys/zero.h>.
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
			fprintf(stderr, "usage: reboot [-f]\n");
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "reboot: extra operand '%s'\n", argv[optind]);
		return 1;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "reboot: must be root\n");
		return 1;
	}
	sync();
	halt(HALT_REBOOT);
	fprintf(stderr, "reboot: %s\n", strerror(errno));
	return 1;
}
