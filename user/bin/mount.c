/*
 * mount: list the mounts, or mount a file system.
 *   mount                      "source on target type fstype (rw)" per mount
 *   mount [-r] -t TYPE SOURCE TARGET
 * The list comes from sysctl(SYSCTL_MOUNTS) (uapi/statfs.h). Exit 1 on an
 * error, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

static int mount_list(void)
{
	struct mntinfo *m = NULL;
	long room = 16, n;

	for (;;) {
		m = realloc(m, sizeof(*m) * (size_t)room);
		if (!m) {
			fprintf(stderr, "mount: out of memory\n");
			return 1;
		}
		n = sysctl(SYSCTL_MOUNTS, room, m);
		if (n < 0) {
			fprintf(stderr, "mount: cannot list the mounts: %s\n", strerror(errno));
			return 1;
		}
		if (n < room)
			break;
		room *= 2;
	}
	for (long i = 0; i < n; i++)
		printf("%s on %s type %s (%s)\n", m[i].source, m[i].target, m[i].fstype,
		       (m[i].flags & MS_RDONLY) ? "ro" : "rw");
	free(m);
	return 0;
}

int main(int argc, char **argv)
{
	const char *type = NULL;
	unsigned long flags = 0;
	int c;

	while ((c = getopt(argc, argv, "t:rwo:")) != -1) {
		if (c == 't')
			type = optarg;
		else if (c == 'r')
			flags |= MS_RDONLY;
		else if (c == 'w')
			flags &= ~(unsigned long)MS_RDONLY;
		else if (c == 'o') {
			if (!strcmp(optarg, "ro"))
				flags |= MS_RDONLY;
		} else
			goto usage;
	}
	if (optind == argc && !type)
		return mount_list();
	if (argc - optind != 2 || !type)
		goto usage;
	if (mount(argv[optind], argv[optind + 1], type, flags, NULL) != 0) {
		fprintf(stderr, "mount: %s: %s\n", argv[optind + 1], strerror(errno));
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: mount | mount [-rw] -t type source target\n");
	return 2;
}
