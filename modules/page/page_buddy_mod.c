/*
 * modules/page/page_buddy_mod.c - kernel glue of the buddy `page` provider.
 *
 * The module's init hands the core its table; page_register() then calls
 * the table's takeover with the bootstrap allocator, after which every
 * frame of the machine is the module's. Frames are reached through the
 * core's direct map (page_virt()). The provider is pinned: no fini.
 * Argument: ops=N registers version N of the ops table (default: the
 * current one).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/page.h>
#include <kern/printk.h>

#include "buddy.h"

static void page_buddy_report(void)
{
	const struct buddy *b = buddy_page_state();
	struct page_stats st;
	uint64_t dma_kib, normal_mib;

	page_stats(&st);
	dma_kib = st.zone[PAGE_ZONE_DMA].total * (PAGE_SIZE / 1024);
	normal_mib = st.zone[PAGE_ZONE_NORMAL].total * PAGE_SIZE >> 20;
	printk("page: buddy: DMA %lu KiB (%lu free frames), NORMAL %lu MiB (%lu free frames)\n",
	       dma_kib, st.zone[PAGE_ZONE_DMA].free, normal_mib, st.zone[PAGE_ZONE_NORMAL].free);
	printk("page: buddy: %lu frames boot-reserved, %lu for %u frame records, "
	       "water marks %lu/%lu frames\n",
	       st.boot_reserved, b->meta_frames, b->nframes, st.low_water, st.high_water);
}

/* page.ops=1 registers a version-1 table (no batch members, so no per-CPU
 * lists in the core): how an older provider loads, for its QEMU test. */
static struct page_ops page_buddy_ops_v1;

static const struct page_ops *page_buddy_table(const char *args)
{
	uint64_t v = PAGE_OPS_VERSION;

	if (kmod_arg_u64(args, "ops", PAGE_OPS_VERSION_MIN, PAGE_OPS_VERSION, &v) != 0 ||
	    v == PAGE_OPS_VERSION)
		return &buddy_page_ops;
	page_buddy_ops_v1 = buddy_page_ops;
	page_buddy_ops_v1.version = (uint32_t)v;
	printk("page: buddy: registering ops version %lu\n", v);
	return &page_buddy_ops_v1;
}

static int page_buddy_init(const char *args)
{
	int rc;

	buddy_page_set_virt(page_virt);
	rc = page_register(page_buddy_table(args));
	if (rc) {
		pr_err("page: buddy: registration failed (error %d)\n", rc);
		return rc;
	}
	page_buddy_report();
	return 0;
}

KMOD(.name = "page", .version = "1.0.0", .role = "page", .init = page_buddy_init);
