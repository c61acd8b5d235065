/*
 * Shrinkers (kern/page.h): caches that give frames back from thread
 * context when memory is short. The page daemon asks them below the low
 * water mark (after the provider's own reclaim), and a page fault that
 * found no frame asks them before it gives up (vm). The table is fixed and
 * written under its lock; a call copies the entries it will run, so a
 * shrinker runs with no lock of this file held.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/mm.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/page.h>
#include <uapi/errno.h>

#define PAGE_SHRINKERS 8

static struct spinlock page_shrink_lock = SPINLOCK_INIT("page shrinkers");
static const struct page_shrinker *page_shrinkers[PAGE_SHRINKERS];
static unsigned page_nshrinkers;

int page_shrinker_add(const struct page_shrinker *s)
{
	int rc = 0;

	if (s == NULL || s->shrink == NULL)
		return -EINVAL;
	spin_lock(&page_shrink_lock);
	if (page_nshrinkers < PAGE_SHRINKERS)
		page_shrinkers[page_nshrinkers++] = s;
	else
		rc = -ENOSPC;
	spin_unlock(&page_shrink_lock);
	return rc;
}
KERN_EXPORT(page_shrinker_add);

/* The shrinkers registered now, copied: they run with no lock held. */
static unsigned page_shrinkers_copy(const struct page_shrinker **run)
{
	unsigned n;

	spin_lock(&page_shrink_lock);
	n = page_nshrinkers;
	for (unsigned i = 0; i < n; i++)
		run[i] = page_shrinkers[i];
	spin_unlock(&page_shrink_lock);
	return n;
}

uint64_t page_shrink(uint64_t want)
{
	const struct page_shrinker *run[PAGE_SHRINKERS];
	unsigned n = page_shrinkers_copy(run);
	uint64_t got = 0;

	for (unsigned i = 0; i < n && got < want; i++)
		got += run[i]->shrink(want - got);
	return got;
}
KERN_EXPORT(page_shrink);

static uint64_t page_written; /* pages page_writeback() wrote (atomic) */

uint64_t page_writeback(uint64_t want)
{
	const struct page_shrinker *run[PAGE_SHRINKERS];
	unsigned n = page_shrinkers_copy(run);
	uint64_t got = 0;

	for (unsigned i = 0; i < n && got < want; i++)
		if (run[i]->writeback)
			got += run[i]->writeback(want - got);
	__atomic_add_fetch(&page_written, got, __ATOMIC_RELAXED);
	return got;
}

uint64_t page_written_back(void)
{
	return __atomic_load_n(&page_written, __ATOMIC_RELAXED);
}
KERN_EXPORT(page_written_back);
