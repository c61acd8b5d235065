/*
 * modules/vm: the `vm` provider. Address spaces as ordered region sets
 * (vm_region.c) over page tables (kern/pmap.h), demand-zero and
 * copy-on-write faults (vm_fault.c).
 */
#include <kern/kmod.h>
#include <kern/printk.h>
#include <kern/vm.h>
#include <kern/vm_walk.h>

#include "vm_priv.h"

static int vm_mod_init(const char *args)
{
	int rc = vm_register(&region_vm_ops);

	(void)args;
	if (rc == 0)
		rc = vm_walk_register(vm_walk_regions); /* for /proc/<pid>/maps */
	if (rc == 0)
		printk("vm: address spaces as region sets, demand-zero and copy-on-write faults\n");
	return rc;
}

KMOD(.name = "vm", .version = "1.0.0", .role = "vm", .deps = { "page" }, .init = vm_mod_init);
