/*
 * poweroff: power the machine off (QEMU exits; status 33 under halt=exit). Root only. The file
 * systems are synced first (sync()), then halt(HALT_POWEROFF) from <sys/zero.h>. Options: -f is
 * accepted (there is no init to ask: the call is direct).
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
			fprintf(stderr, "usage: poweroff [-f]\n");
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "poweroff: extra operand '%s'\n", argv[optind]);
		return 1;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "poweroff: must be root\n");
		return 1;
	}
	sync();
	halt(HALT_POWEROFF);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
