/*
 * free [-b|-k|-m|-g|-h] [-t]: the amount of free and used memory, like
 * procps' free, from sysctl(SYSCTL_MEMINFO) (uapi/meminfo.h).
 *
 * total is what the physical zones manage; free what they have free now;
 * buff/cache the pages holders marked reclaimable (the page cache);
 * used = total - free - buff/cache; available = free + buff/cache (what
 * could be had without swapping; there is no swap). zero has no shared
 * memory accounting yet: shared is 0. Units: KiB by default (-k), -b
 * bytes, -m MiB, -g GiB, -h the shortest unit with three digits ("248Mi").
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/zero.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

static int free_shift = 10; /* bytes >> free_shift is what is printed; -1: human */

static void free_num(uint64_t kib)
{
	static const char *const unit[] = { "Ki", "Mi", "Gi", "Ti" };
	char buf[32];
	double v = (double)kib;
	int u = 0;

	if (free_shift >= 0) {
		printf("%12llu", (unsigned long long)((kib << 10) >> free_shift));
		return;
	}
	if (kib == 0) {
		printf("%12s", "0B");
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (v < 10)
		snprintf(buf, sizeof(buf), "%.1f%s", v, unit[u]);
	else
		snprintf(buf, sizeof(buf), "%.0f%s", v, unit[u]);
	printf("%12s", buf);
}

static void free_row(const char *label, const uint64_t *v, int n)
{
	printf("%-8s", label);
	for (int i = 0; i < n; i++)
		free_num(v[i]);
	putchar('\n');
}

static int free_option(int c, int *total)
{
	switch (c) {
	case 'b':
		free_shift = 0;
		return 0;
	case 'k':
		free_shift = 10;
		return 0;
	case 'm':
		free_shift = 20;
		return 0;
	case 'g':
		free_shift = 30;
		return 0;
	case 'h':
		free_shift = -1;
		return 0;
	case 't':
		*total = 1;
		return 0;
	default:
		return -1;
	}
}

int main(int argc, char **argv)
{
	static struct meminfo mi;
	uint64_t total = 0, fr = 0, cache, used, row[6];
	int c, with_total = 0;

	while ((c = getopt(argc, argv, "bkmght")) != -1) {
		if (free_option(c, &with_total) != 0) {
			fprintf(stderr, "usage: free [-b|-k|-m|-g|-h] [-t]\n");
			return 1;
		}
	}
	if (sysctl(SYSCTL_MEMINFO, 0, &mi) < 0) {
		fprintf(stderr, "free: sysctl: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		total += mi.zones[i].total_kib;
		fr += mi.zones[i].free_kib;
	}
	cache = mi.reclaimable_kib;
	used = total > fr + cache ? total - fr - cache : 0;
	printf("%-8s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared",
	       "buff/cache", "available");
	row[0] = total, row[1] = used, row[2] = fr, row[3] = 0, row[4] = cache, row[5] = fr + cache;
	free_row("Mem:", row, 6);
	row[0] = row[1] = row[2] = 0;
	free_row("Swap:", row, 3);
	if (with_total) {
		row[0] = total, row[1] = used, row[2] = fr;
		free_row("Total:", row, 3);
	}
	return 0;
}
