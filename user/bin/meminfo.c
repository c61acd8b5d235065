/*
 * meminfo: the kernel's whole memory report, one "Name: value" line each
 * (like /proc/meminfo), then the allocator's caches; from
 * sysctl(SYSCTL_MEMINFO) (uapi/meminfo.h). No options.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/zero.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>

static void meminfo_kb(const char *name, uint64_t kib)
{
	printf("%-16s%12llu kB\n", name, (unsigned long long)kib);
}

static void meminfo_n(const char *name, uint64_t n)
{
	printf("%-16s%12llu\n", name, (unsigned long long)n);
}

static void meminfo_caches(const struct meminfo *mi)
{
	unsigned n = mi->ncaches < MEMINFO_MAX_CACHES ? mi->ncaches : MEMINFO_MAX_CACHES;

	printf("\n%-24s %8s %10s %10s\n", "cache", "objsize", "in use", "capacity");
	for (unsigned i = 0; i < n; i++) {
		const struct meminfo_cache *c = &mi->caches[i];

		printf("%-24.*s %8llu %10llu %10llu\n", MEMINFO_NAME, c->name,
		       (unsigned long long)c->objsize, (unsigned long long)c->in_use,
		       (unsigned long long)c->capacity);
	}
}

int main(int argc, char **argv)
{
	static struct meminfo mi;
	uint64_t total = 0, fr = 0;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 1;
	}
	if (sysctl(SYSCTL_MEMINFO, 0, &mi) < 0) {
		fprintf(stderr, "meminfo: sysctl: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		total += mi.zones[i].total_kib;
		fr += mi.zones[i].free_kib;
	}
	meminfo_kb("MemTotal:", total);
	meminfo_kb("MemFree:", fr);
	meminfo_kb("MemAvailable:", fr + mi.reclaimable_kib);
	for (int i = 0; i < 2; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%.8sTotal:", mi.zones[i].name);
		meminfo_kb(name, mi.zones[i].total_kib);
		snprintf(name, sizeof(name), "%.8sFree:", mi.zones[i].name);
		meminfo_kb(name, mi.zones[i].free_kib);
	}
	meminfo_kb("BootReserved:", mi.boot_reserved_kib);
	meminfo_kb("Modules:", mi.modules_kib);
	meminfo_kb("Reclaimable:", mi.reclaimable_kib);
	meminfo_n("ReclaimedPages:", mi.reclaimed_pages);
	meminfo_n("WrittenBackPages:", mi.written_back_pages);
	meminfo_kb("HeapInUse:", mi.heap_in_use / 1024);
	meminfo_kb("HeapHeld:", mi.heap_held / 1024);
	meminfo_n("Allocs:", mi.allocs);
	meminfo_n("Frees:", mi.frees);
	meminfo_n("MagazineHits:", mi.mag_hits);
	meminfo_n("MagazineMisses:", mi.mag_misses);
	printf("%-16s%10u.%u %%\n", "MagazineHitRate:", mi.hit_permille / 10, mi.hit_permille % 10);
	printf("%-16s%12.*s\n", "PageProvider:", MEMINFO_NAME, mi.page_provider);
	printf("%-16s%12.*s\n", "MemProvider:", MEMINFO_NAME,
	       mi.mem_provider[0] ? mi.mem_provider : "-");
	printf("%-16s%12.*s\n", "Allocator:", MEMINFO_NAME, mi.allocator[0] ? mi.allocator : "-");
	meminfo_caches(&mi);
	return 0;
}
