/*
 * modules/mem/tlsf/mem_tlsf_mod.c - kernel glue of the TLSF allocator
 * (tlsf.ko), the alternate `mem` provider (`mem=tlsf` picks it).
 *
 * The module's init reads its arguments (the word "debug" turns on red
 * zones, poisoning and free checks), sets the heap up over the kernel's
 * backend and registers the table. The provider is pinned: no fini.
 *
 * Locking: one CPU runs and the core's wrappers (core/kern/mm/mem.c) call the
 * provider with interrupts disabled, so the lock is a no-op; when a second
 * CPU starts it becomes a spinlock, and only tlsf_kern_sync changes.
 */
#include <stdbool.h>
#include <stddef.h>

#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/printk.h>

#include "tlsf.h"

static void tlsf_kern_lock(void *lk)
{
	(void)lk;
}

static void tlsf_kern_unlock(void *lk)
{
	(void)lk;
}

static const struct tlsf_sync tlsf_kern_sync = {
	.lock = tlsf_kern_lock,
	.unlock = tlsf_kern_unlock,
};

static int tlsf_mod_init(const char *args)
{
	bool debug = kmod_arg(args, "debug", NULL, NULL);
	int rc = tlsf_setup(mem_kernel_backend(), &tlsf_kern_sync, debug);

	if (rc)
		return rc;
	rc = mem_register(&tlsf_mem_ops);
	if (rc)
		return rc;
	printk("mem: TLSF allocator (two-level segregated fit)%s ready\n", debug ? " [debug]" : "");
	return 0;
}

KMOD(.name = "tlsf", .version = "1.0.0", .role = "mem", .deps = { "page", "vm" },
     .init = tlsf_mod_init);
