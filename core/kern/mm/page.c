/*
 * The core side of the `page` role: registration and the handoff from the
 * bootstrap allocator, and the wrappers that are the only callers of the
 * provider's table. Until a provider registers, page_alloc() serves single
 * frames from bootmem (no freeing, no reference counts); after the takeover
 * every frame, the page tables' included, comes from the provider.
 *
 * Single frames go through per-CPU lists first (core/page_pcp.h) when the
 * provider has batch members: an order-0 allocation or free then takes
 * only its CPU's list lock, not the role lock. An allocation the provider
 * cannot serve has every list given back and is retried before it fails.
 *
 * Lock order: a CPU's list lock, then page_lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <arch/string.h>
#include <core/boot.h>
#include <core/page_pcp.h>
#include <kern/assert.h>
#include <core/mm.h>
#include <kern/kmod.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <core/role.h>
#include <core/role_lock.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

/*
 * Without a provider the null table serves single frames from bootmem (no
 * freeing, no reference counts, no reclaim); its members also stand in
 * for the optional ones a provider leaves out.
 */
static int page_null_takeover(struct bootmem *bm)
{
	(void)bm;
	return -ENODEV;
}

static uint64_t page_null_alloc(unsigned order, unsigned flags)
{
	(void)flags; /* page_alloc() zeroes */
	if (order > PAGE_MAX_ORDER)
		return 0;
	return bootmem_alloc(boot_bootmem(), 1ULL << order, boot_direct_limit());
}

static void page_null_free(uint64_t pa, unsigned order)
{
	(void)pa;
	(void)order;
}

static unsigned page_null_ref(uint64_t pa)
{
	(void)pa;
	return 1;
}

static void page_null_stats(struct page_stats *st)
{
	(void)st;
}

static int page_null_reclaimer_add(const struct page_reclaimer *r)
{
	(void)r;
	return -ENOSYS;
}

static void page_null_set_reclaimable(uint64_t pa, int id)
{
	(void)pa;
	(void)id;
}

static void page_null_touch(uint64_t pa)
{
	(void)pa;
}

static uint64_t page_null_daemon_run(void)
{
	return 0;
}

/* Without batch members the core keeps no per-CPU lists; these stand in
 * (so that no caller tests a member for NULL) and are never called then. */
static unsigned page_null_alloc_batch(unsigned n, uint64_t *pas)
{
	(void)n;
	(void)pas;
	return 0;
}

static void page_null_free_batch(const uint64_t *pas, unsigned n)
{
	(void)pas;
	(void)n;
}

static const struct page_ops page_null_ops = {
	.version = PAGE_OPS_VERSION,
	.takeover = page_null_takeover,
	.alloc = page_null_alloc,
	.free = page_null_free,
	.ref = page_null_ref,
	.unref = page_null_ref,
	.refcount = page_null_ref,
	.stats = page_null_stats,
	.reclaimer_add = page_null_reclaimer_add,
	.set_reclaimable = page_null_set_reclaimable,
	.touch = page_null_touch,
	.daemon_run = page_null_daemon_run,
	.alloc_batch = page_null_alloc_batch,
	.free_batch = page_null_free_batch,
};

static const struct page_ops *page_ops = &page_null_ops;
static struct page_ops page_resolved;
/* Every page operation runs under this lock: they never sleep and may be
 * called from interrupt handlers. Recursive: a reclaimer's evict, called
 * by daemon_run, may unmark or free its page. */
static struct rspinlock page_lock = RSPINLOCK_INIT("page");
static struct page_pcp_set page_pcps = { .role_lock = &page_lock, .ops = &page_ops };
/* Table sizes of the older versions still accepted (from PAGE_OPS_VERSION_MIN). */
static const size_t page_ops_sizes[] = { offsetof(struct page_ops, alloc_batch) };

static uint64_t page_frame_for_tables(void)
{
	return page_alloc(0, PAGE_ZERO);
}

static void page_frame_free_tables(uint64_t pa)
{
	page_free(pa, 0);
}

/* The handoff: the provider takes every frame bootmem has, then page
 * tables and the module area get their frames from it. */
static int page_attach(const void *resolved)
{
	const struct page_ops *ops = resolved;
	int rc = ops->takeover(boot_bootmem());

	if (rc)
		return rc;
	page_pcps.on =
	    ops->alloc_batch != page_null_alloc_batch && ops->free_batch != page_null_free_batch;
	if (!page_pcps.on)
		pr_info("page: the provider has no batch members (ops version %u): no per-CPU "
			"lists\n",
			ops->version);
	arch_paging_set_frames(page_frame_for_tables, page_frame_free_tables);
	modmem_handoff();
	return 0;
}

ROLE_DEFINE(page_role, .name = "page", .version = PAGE_OPS_VERSION,
	    .ops_size = sizeof(struct page_ops), .min_version = PAGE_OPS_VERSION_MIN,
	    .sizes = page_ops_sizes,
	    .optional = ROLE_OPT(struct page_ops, reclaimer_add) |
			ROLE_OPT(struct page_ops, set_reclaimable) |
			ROLE_OPT(struct page_ops, touch) | ROLE_OPT(struct page_ops, daemon_run) |
			ROLE_OPT(struct page_ops, alloc_batch) |
			ROLE_OPT(struct page_ops, free_batch),
	    .null_ops = &page_null_ops, .resolved = &page_resolved,
	    .current = (const void **)&page_ops, .pinned = true, .required = true, .final = true,
	    .attach = page_attach);

int page_register(const struct page_ops *ops)
{
	return role_register(&page_role, ops);
}
KERN_EXPORT(page_register);

/*
 * The page daemon as a kernel thread: it wakes every second, or at once
 * when an allocation fails, and when free memory is below the low water
 * mark runs the provider's scan (which reclaims up to the high one), then,
 * if that was not enough, the shrinkers (page_shrink.c: the page cache). The provider also
 * scans synchronously when an allocation finds nothing, so a thread that
 * needs memory now does not wait for the daemon.
 */
static int page_daemon_wchan;
static int page_daemon_started;
static uint64_t page_daemon_passes;

/* Free frames are below the low water mark: time to reclaim (up to the high one). */
static int page_daemon_needed(void)
{
	struct page_stats st;

	page_stats(&st);
	return st.zone[PAGE_ZONE_DMA].free + st.zone[PAGE_ZONE_NORMAL].free < st.low_water;
}

/* Frames to free to be back at the high water mark. */
static uint64_t page_daemon_shortfall(void)
{
	struct page_stats st;
	uint64_t free;

	page_stats(&st);
	free = st.zone[PAGE_ZONE_DMA].free + st.zone[PAGE_ZONE_NORMAL].free;
	return st.high_water > free ? st.high_water - free : 1;
}

static unsigned page_daemon_done;  /* channel: a pass ended */
static uint64_t page_daemon_ended; /* passes ended (atomic) */
static unsigned page_daemon_busy;  /* 1 during a pass (atomic) */
static uint64_t page_daemon_gains; /* passes that freed or wrote back pages (atomic) */

/* One pass below the low water mark: the provider's reclaim, then the
 * caches that can sleep (kern/page.h), then their write-back and a second
 * reclaim and shrink for what it made clean. Returns whether anything
 * came back. */
static int page_daemon_pass(void)
{
	uint64_t got = 0;

	if (page_daemon_needed())
		got += page_daemon_run();
	if (page_daemon_needed())
		got += page_shrink(page_daemon_shortfall());
	if (page_daemon_needed() && page_writeback(page_daemon_shortfall()) > 0) {
		got++; /* written: its pages clean, its buffers on the disk */
		got += page_daemon_run();
		if (page_daemon_needed())
			got += page_shrink(page_daemon_shortfall());
	}
	return got > 0;
}

static void page_daemon(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t flags = arch_irq_save();

		thr_sleep(&page_daemon_wchan, 1000000000ULL);
		arch_irq_restore(flags);
		page_daemon_passes++;
		__atomic_store_n(&page_daemon_busy, 1, __ATOMIC_RELEASE);
		if (page_daemon_pass())
			__atomic_add_fetch(&page_daemon_gains, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&page_daemon_ended, 1, __ATOMIC_RELEASE);
		__atomic_store_n(&page_daemon_busy, 0, __ATOMIC_RELEASE);
		thr_wakeup(&page_daemon_done);
	}
}

int page_wait_reclaim(void)
{
	/* The pass to wait for is the next one to begin: if one runs now, it
	 * may have looked before this caller ran short. */
	uint64_t want = __atomic_load_n(&page_daemon_ended, __ATOMIC_ACQUIRE) + 1 +
			__atomic_load_n(&page_daemon_busy, __ATOMIC_ACQUIRE);
	uint64_t gains = __atomic_load_n(&page_daemon_gains, __ATOMIC_RELAXED);

	KASSERT_MAY_SLEEP();
	if (!page_daemon_started)
		return 0;
	/* A pass that writes back may take long (every written file page goes
	 * to the disk): up to 50 x 100 ms. */
	for (int i = 0; i < 50; i++) {
		uint64_t flags = arch_irq_save();

		thr_wakeup(&page_daemon_wchan);
		if (__atomic_load_n(&page_daemon_ended, __ATOMIC_ACQUIRE) < want)
			thr_sleep(&page_daemon_done, 100000000ULL);
		arch_irq_restore(flags);
		if (__atomic_load_n(&page_daemon_ended, __ATOMIC_ACQUIRE) >= want)
			break;
	}
	/* A pass that found memory no longer short (others freed some while
	 * the caller waited) gained nothing, yet the caller should try again. */
	return __atomic_load_n(&page_daemon_gains, __ATOMIC_RELAXED) != gains ||
	       !page_daemon_needed();
}
KERN_EXPORT(page_wait_reclaim);

uint64_t page_daemon_wakeups(void)
{
	return page_daemon_passes;
}

int page_daemon_start(void)
{
	if (!role_module("page"))
		return -ENODEV;
	if (thr_create("pagedaemon", page_daemon, NULL, THR_CLASS_USER, -5) == NULL)
		return -ENOMEM;
	page_daemon_started = 1;
	return 0;
}

/* Frames are zeroed here, after the lock is dropped, with the arch's
 * page routine: the provider never sees PAGE_ZERO from the kernel. */
static void page_zero_frames(uint64_t pa, unsigned order)
{
	for (uint64_t i = 0; i < (1ULL << order); i++)
		arch_page_zero(page_virt(pa + i * PAGE_SIZE));
}

/* The provider's allocation; when it finds nothing, every CPU's list
 * is given back and it is asked once more. */
__attribute__((noinline)) static uint64_t page_alloc_provider(unsigned order, unsigned flags)
{
	uint64_t pa = ROLE_CALL_SPIN(&page_lock, page_ops->alloc(order, flags & ~PAGE_ZERO));

	if (pa == 0 && page_pcps.on && page_pcp_drain_all(&page_pcps) > 0)
		pa = ROLE_CALL_SPIN(&page_lock, page_ops->alloc(order, flags & ~PAGE_ZERO));
	if (pa == 0 && thr_current())
		thr_wakeup(&page_daemon_wchan);
	if (pa && (flags & PAGE_ZERO) && order <= PAGE_MAX_ORDER)
		page_zero_frames(pa, order);
	return pa;
}

/* A user frame that would come from the provider while memory is below
 * the low water mark: refused, the daemon woken (see PAGE_NORESERVE). */
__attribute__((noinline)) static bool page_user_refused(void)
{
	if (!page_daemon_started || !page_daemon_needed())
		return false;
	thr_wakeup(&page_daemon_wchan);
	return true;
}

/* The fast path: a single frame off this CPU's list. A user frame is
 * checked against the low water mark only when it cannot come from there. */
uint64_t page_alloc(unsigned order, unsigned flags)
{
	if ((flags & PAGE_NORESERVE) && !(page_pcps.on && page_pcp_has(&page_pcps)) &&
	    page_user_refused())
		return 0;
	flags &= ~(unsigned)PAGE_NORESERVE;
	if ((order | (flags & PAGE_DMA)) == 0 && page_pcps.on) {
		uint64_t pa = page_pcp_alloc(&page_pcps);

		if (pa) {
			if (flags & PAGE_ZERO)
				arch_page_zero(page_virt(pa));
			return pa;
		}
	}
	return page_alloc_provider(order, flags);
}
KERN_EXPORT(page_alloc);

__attribute__((noinline)) static void page_free_provider(uint64_t pa, unsigned order)
{
	ROLE_CALL_SPIN_VOID(&page_lock, page_ops->free(pa, order));
}

/* The fast path: a single frame onto this CPU's list. */
void page_free(uint64_t pa, unsigned order)
{
	if (order == 0 && page_pcps.on && page_pcp_free(&page_pcps, pa))
		return;
	page_free_provider(pa, order);
}
KERN_EXPORT(page_free);

uint64_t page_pcp_drain(void)
{
	return page_pcps.on ? page_pcp_drain_all(&page_pcps) : 0;
}
KERN_EXPORT(page_pcp_drain);

uint64_t page_pcp_cached(void)
{
	return page_pcp_count(&page_pcps);
}
KERN_EXPORT(page_pcp_cached);

unsigned page_ref(uint64_t pa)
{
	return ROLE_CALL_SPIN(&page_lock, page_ops->ref(pa));
}
KERN_EXPORT(page_ref);

unsigned page_unref(uint64_t pa)
{
	return ROLE_CALL_SPIN(&page_lock, page_ops->unref(pa));
}
KERN_EXPORT(page_unref);

unsigned page_refcount(uint64_t pa)
{
	return ROLE_CALL_SPIN(&page_lock, page_ops->refcount(pa));
}
KERN_EXPORT(page_refcount);

void page_stats(struct page_stats *st)
{
	memset(st, 0, sizeof(*st));
	ROLE_CALL_SPIN_VOID(&page_lock, page_ops->stats(st));
	/* Frames on the CPUs' lists are free, though the provider counts them in use. */
	st->zone[PAGE_ZONE_NORMAL].free += page_pcp_count(&page_pcps);
}
KERN_EXPORT(page_stats);

int page_reclaimer_add(const struct page_reclaimer *r)
{
	return ROLE_CALL_SPIN(&page_lock, page_ops->reclaimer_add(r));
}
KERN_EXPORT(page_reclaimer_add);

void page_set_reclaimable(uint64_t pa, int id)
{
	ROLE_CALL_SPIN_VOID(&page_lock, page_ops->set_reclaimable(pa, id));
}
KERN_EXPORT(page_set_reclaimable);

void page_touch(uint64_t pa)
{
	ROLE_CALL_SPIN_VOID(&page_lock, page_ops->touch(pa));
}
KERN_EXPORT(page_touch);

uint64_t page_daemon_run(void)
{
	return ROLE_CALL_SPIN(&page_lock, page_ops->daemon_run());
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
