/*
 * The host half of the power-cut test's file contents: `fscrash_gen SEED
 * LEN` writes the LEN bytes a guest file made from SEED must hold (the
 * stream of user/tests/fscrash_gen.h), so tests/crash/powercut.sh can cmp
 * what debugfs reads off the image with it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../user/tests/fscrash_gen.h"

int main(int argc, char **argv)
{
	static unsigned char buf[65536];
	uint32_t st;
	unsigned long len;

	if (argc != 3) {
		fprintf(stderr, "usage: fscrash_gen SEED LEN\n");
		return 2;
	}
	st = fscrash_start((uint32_t)strtoul(argv[1], NULL, 10));
	len = strtoul(argv[2], NULL, 10);
	while (len > 0) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		fscrash_fill(&st, buf, n);
		if (fwrite(buf, 1, n, stdout) != n)
			return 1;
		len -= n;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
