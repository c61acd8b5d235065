/*
 * The bootstrap frame allocator. A sorted table of ranges; allocation takes
 * frames from the bottom of the lowest range that fits under the limit, so
 * each range stays "used below base, free from base on" and the handoff to
 * the page module is exact without any per-frame bookkeeping. Ranges are
 * added and reserved before the first allocation (boot_memory_init()).
 */
#include <stdint.h>

#include <kern/bootmem.h>
#include <kern/kmod.h>
#include <kern/string.h>
#include <uapi/errno.h>

#define BOOTMEM_MASK (PAGE_SIZE - 1)

void bootmem_init(struct bootmem *bm)
{
	memset(bm, 0, sizeof(*bm));
}

static void bootmem_remove_at(struct bootmem *bm, unsigned i)
{
	memmove(&bm->r[i], &bm->r[i + 1], (bm->n - i - 1) * sizeof(bm->r[0]));
	bm->n--;
}

static int bootmem_insert_at(struct bootmem *bm, unsigned i, uint64_t start, uint64_t end)
{
	if (bm->n == BOOTMEM_MAX_RANGES) {
		bm->dropped++;
		return -ENOSPC;
	}
	memmove(&bm->r[i + 1], &bm->r[i], (bm->n - i) * sizeof(bm->r[0]));
	bm->r[i] = (struct bootmem_range){ .start = start, .base = start, .end = end };
	bm->n++;
	return 0;
}

/* Merge range i with its neighbours while they touch or overlap. */
static void bootmem_coalesce(struct bootmem *bm, unsigned i)
{
	while (i + 1 < bm->n && bm->r[i + 1].start <= bm->r[i].end) {
		if (bm->r[i + 1].end > bm->r[i].end)
			bm->r[i].end = bm->r[i + 1].end;
		bootmem_remove_at(bm, i + 1);
	}
	if (i > 0 && bm->r[i - 1].end >= bm->r[i].start)
		bootmem_coalesce(bm, i - 1);
}

int bootmem_add(struct bootmem *bm, uint64_t start, uint64_t end)
{
	unsigned i = 0;
	int rc;

	if (start > UINT64_MAX - BOOTMEM_MASK)
		return 0;
	start = (start + BOOTMEM_MASK) & ~BOOTMEM_MASK;
	if (start == 0)
		start = PAGE_SIZE; /* 0 means failure from bootmem_alloc() */
	end &= ~BOOTMEM_MASK;
	if (end <= start)
		return 0;
	while (i < bm->n && bm->r[i].start < start)
		i++;
	rc = bootmem_insert_at(bm, i, start, end);
	if (rc == 0)
		bootmem_coalesce(bm, i);
	return rc;
}

int bootmem_reserve(struct bootmem *bm, uint64_t start, uint64_t end)
{
	int rc = 0;

	start &= ~BOOTMEM_MASK;
	end = end > UINT64_MAX - BOOTMEM_MASK ? UINT64_MAX & ~BOOTMEM_MASK
					      : (end + BOOTMEM_MASK) & ~BOOTMEM_MASK;
	for (unsigned i = 0; i < bm->n; i++) {
		struct bootmem_range *r = &bm->r[i];

		if (end <= r->start || start >= r->end)
			continue;
		if (start > r->start && end < r->end) {
			uint64_t old_end = r->end;

			r->end = start;
			rc = bootmem_insert_at(bm, i + 1, end, old_end);
			i++;
		} else if (start <= r->start && end >= r->end) {
			bootmem_remove_at(bm, i);
			i--;
		} else if (start <= r->start) {
			r->start = r->base = end;
		} else {
			r->end = start;
		}
	}
	return rc;
}

uint64_t bootmem_alloc(struct bootmem *bm, uint64_t nframes, uint64_t limit)
{
	if (nframes == 0 || nframes > UINT64_MAX / PAGE_SIZE)
		return 0;
	uint64_t bytes = nframes * PAGE_SIZE;

	for (unsigned i = 0; i < bm->n; i++) {
		struct bootmem_range *r = &bm->r[i];
		uint64_t at = r->base;

		if (r->end - at < bytes)
			continue;
		if (at + bytes > limit)
			break; /* every later range lies higher still */
		r->base = at + bytes;
		return at;
	}
	return 0;
}
KERN_EXPORT(bootmem_alloc);

uint64_t bootmem_free_bytes(const struct bootmem *bm)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < bm->n; i++)
		sum += bm->r[i].end - bm->r[i].base;
	return sum;
}
KERN_EXPORT(bootmem_free_bytes);

uint64_t bootmem_used_bytes(const struct bootmem *bm)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < bm->n; i++)
		sum += bm->r[i].base - bm->r[i].start;
	return sum;
}
KERN_EXPORT(bootmem_used_bytes);

uint64_t bootmem_max_addr(const struct bootmem *bm)
{
	return bm->n ? bm->r[bm->n - 1].end : 0;
}
KERN_EXPORT(bootmem_max_addr);
