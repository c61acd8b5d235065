/*
 * The core side of the `page` role: registration and the handoff from the
 * bootstrap allocator, and the wrappers that are the only callers of the
 * provider's table. Until a provider registers, page_alloc() serves single
 * frames from bootmem (no freeing, no reference counts); after the takeover
 * every frame, the page tables' included, comes from the provider.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/layout.h>
#include <arch/paging.h>
#include <core/boot.h>
#include <kern/kmod.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include <core/role_lock.h>

static struct page_ops page_table;
static int page_live;

static int page_default_reclaimer_add(const struct page_reclaimer *r)
{
	(void)r;
	return -ENOSYS;
}

static void page_default_set_reclaimable(uint64_t pa, int id)
{
	(void)pa;
	(void)id;
}

static void page_default_touch(uint64_t pa)
{
	(void)pa;
}

static uint64_t page_default_daemon_run(void)
{
	return 0;
}

static uint64_t page_frame_for_tables(void)
{
	return page_alloc(0, PAGE_ZERO);
}

static void page_frame_free_tables(uint64_t pa)
{
	page_free(pa, 0);
}

static void page_fill_defaults(struct page_ops *t)
{
	if (!t->reclaimer_add)
		t->reclaimer_add = page_default_reclaimer_add;
	if (!t->set_reclaimable)
		t->set_reclaimable = page_default_set_reclaimable;
	if (!t->touch)
		t->touch = page_default_touch;
	if (!t->daemon_run)
		t->daemon_run = page_default_daemon_run;
}

int page_register(const struct page_ops *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != PAGE_OPS_VERSION || !ops->takeover || !ops->alloc ||
	    !ops->free || !ops->ref || !ops->unref || !ops->refcount || !ops->stats)
		return -EINVAL;
	if (role_provider("page"))
		return -EEXIST;
	rc = ops->takeover(boot_bootmem());
	if (rc)
		return rc;
	rc = role_claim("page", m->name, true, NULL);
	if (rc)
		return rc;
	page_table = *ops;
	page_fill_defaults(&page_table);
	page_live = 1;
	arch_paging_set_frames(page_frame_for_tables, page_frame_free_tables);
	modmem_handoff();
	return 0;
}
KERN_EXPORT(page_register);

/*
 * The page daemon as a kernel thread: it wakes every second, or at once
 * when an allocation fails, and when free memory is below the low water
 * mark runs the provider's scan (which reclaims up to the high one). The provider also
 * scans synchronously when an allocation finds nothing, so a thread that
 * needs memory now does not wait for the daemon.
 */
static int page_daemon_wchan;
static uint64_t page_daemon_passes;

/* Free frames are below the low water mark: time to reclaim (up to the high one). */
static int page_daemon_needed(void)
{
	struct page_stats st;

	page_stats(&st);
	return st.zone[PAGE_ZONE_DMA].free + st.zone[PAGE_ZONE_NORMAL].free < st.low_water;
}

static void page_daemon(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t flags = arch_irq_save();

		thr_sleep(&page_daemon_wchan, 1000000000ULL);
		arch_irq_restore(flags);
		page_daemon_passes++;
		if (page_daemon_needed())
			page_daemon_run();
	}
}

uint64_t page_daemon_wakeups(void)
{
	return page_daemon_passes;
}

int page_daemon_start(void)
{
	if (!page_live)
		return -ENODEV;
	return thr_create("pagedaemon", page_daemon, NULL, THR_CLASS_USER, -5) ? 0 : -ENOMEM;
}

uint64_t page_alloc(unsigned order, unsigned flags)
{
	uint64_t pa;

	if (page_live) {
		pa = ROLE_LOCKED(page_table.alloc(order, flags));
		if (pa == 0 && thr_current())
			thr_wakeup(&page_daemon_wchan);
		return pa;
	}
	if (order > PAGE_MAX_ORDER)
		return 0;
	pa = bootmem_alloc(boot_bootmem(), 1ULL << order, boot_direct_limit());
	if (pa && (flags & PAGE_ZERO))
		memset(page_virt(pa), 0, PAGE_SIZE << order);
	return pa;
}
KERN_EXPORT(page_alloc);

void page_free(uint64_t pa, unsigned order)
{
	if (page_live)
		ROLE_LOCKED_VOID(page_table.free(pa, order));
}
KERN_EXPORT(page_free);

unsigned page_ref(uint64_t pa)
{
	return page_live ? ROLE_LOCKED(page_table.ref(pa)) : 1;
}
KERN_EXPORT(page_ref);

unsigned page_unref(uint64_t pa)
{
	return page_live ? ROLE_LOCKED(page_table.unref(pa)) : 1;
}
KERN_EXPORT(page_unref);

unsigned page_refcount(uint64_t pa)
{
	return page_live ? ROLE_LOCKED(page_table.refcount(pa)) : 1;
}
KERN_EXPORT(page_refcount);

void page_stats(struct page_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (page_live)
		ROLE_LOCKED_VOID(page_table.stats(st));
}
KERN_EXPORT(page_stats);

int page_reclaimer_add(const struct page_reclaimer *r)
{
	return page_live ? ROLE_LOCKED(page_table.reclaimer_add(r)) : -ENOSYS;
}
KERN_EXPORT(page_reclaimer_add);

void page_set_reclaimable(uint64_t pa, int id)
{
	if (page_live)
		ROLE_LOCKED_VOID(page_table.set_reclaimable(pa, id));
}
KERN_EXPORT(page_set_reclaimable);

void page_touch(uint64_t pa)
{
	if (page_live)
		ROLE_LOCKED_VOID(page_table.touch(pa));
}
KERN_EXPORT(page_touch);

uint64_t page_daemon_run(void)
{
	return page_live ? ROLE_LOCKED(page_table.daemon_run()) : 0;
}
KERN_EXPORT(page_daemon_run);

void *page_virt(uint64_t pa)
{
	return (void *)(KERN_DIRECT_BASE + pa);
}
KERN_EXPORT(page_virt);

uint64_t page_phys(const void *va)
{
	return (uint64_t)va - KERN_DIRECT_BASE;
}
KERN_EXPORT(page_phys);

const char *page_provider(void)
{
	const char *p = role_provider("page");

	return p ? p : "bootmem";
}
KERN_EXPORT(page_provider);
