/*
 * umount: detach mounted file systems.
 *   umount [-f] TARGET...   -f even when busy. Exit 1 on an error, 2 on a
 *   usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int flags = 0, status = 0, c;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f')
			goto usage;
		flags |= MNT_FORCE;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags) != 0) {
			fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
usage:
	fprintf(stderr, "usage: umount [-f] target...\n");
	return 2;
}
