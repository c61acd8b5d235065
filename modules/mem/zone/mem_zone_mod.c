/*
 * modules/mem/zone/mem_zone_mod.c - kernel glue of the zone allocator
 * (zone.ko), the default `mem` provider.
 *
 * The module's init reads its arguments (the word "debug" turns on red
 * zones, poisoning and free checks), sets the allocator up over the
 * kernel's backend (page_alloc() and the direct map) and registers the
 * table. The provider is pinned: no fini.
 *
 * Locking: one CPU runs and the core's wrappers (core/kern/mm/mem.c) call the
 * provider with interrupts disabled, so the allocator's locks are no-ops
 * and the CPU index is 0. When a second CPU starts, only zone_kern_sync
 * below changes (spinlocks and the real CPU index).
 */
#include <stdbool.h>
#include <stddef.h>

#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/printk.h>

#include "zone.h"

static void zone_kern_lock(void *lk)
{
	(void)lk;
}

static void zone_kern_unlock(void *lk)
{
	(void)lk;
}

static unsigned zone_kern_cpu(void)
{
	return 0;
}

static const struct zone_sync zone_kern_sync = {
	.lock = zone_kern_lock,
	.unlock = zone_kern_unlock,
	.cpu = zone_kern_cpu,
};

static int zone_mod_init(const char *args)
{
	bool debug = kmod_arg(args, "debug", NULL, NULL);
	int rc = zone_setup(mem_kernel_backend(), &zone_kern_sync, debug);

	if (rc)
		return rc;
	rc = mem_register(&zone_mem_ops);
	if (rc)
		return rc;
	printk("mem: zone allocator (magazines over slabs)%s ready\n", debug ? " [debug]" : "");
	return 0;
}

KMOD(.name = "zone", .version = "1.0.0", .role = "mem", .deps = { "page", "vm" },
     .init = zone_mod_init);
