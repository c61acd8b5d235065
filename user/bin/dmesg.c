/*
 * dmesg: print the kernel log ring, oldest first, from
 * sysctl(SYSCTL_LOG) (the newest bytes the ring holds; it is
 * PRINTK_LOG_SIZE bytes, so the oldest boot lines may be gone). No options.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long held, n;
	char *buf;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 1;
	}
	held = sysctl(SYSCTL_LOG, 0, NULL);
	if (held < 0) {
		fprintf(stderr, "dmesg: sysctl: %s\n", strerror(errno));
		return 1;
	}
	buf = malloc((size_t)held + 1);
	if (buf == NULL) {
		fprintf(stderr, "dmesg: %s\n", strerror(ENOMEM));
		return 1;
	}
	n = held ? sysctl(SYSCTL_LOG, held, buf) : 0;
	if (n < 0) {
		fprintf(stderr, "dmesg: sysctl: %s\n", strerror(errno));
		return 1;
	}
	for (long off = 0; off < n;) {
		ssize_t w = write(1, buf + off, (size_t)(n - off));

		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			fprintf(stderr, "dmesg: write error: %s\n", strerror(errno));
			return 1;
		}
		off += w;
	}
	free(buf);
	return 0;
}
