/*
 * modules/sched/stride/stride_mod.c - kernel glue of the stride scheduler (stride.ko).
 *
 * The policy lives in stride.c (host-tested); this file only gives the
 * module its metadata record and hands the table to the core. The core
 * moves the ready threads over to the new policy inside sched_register().
 * A `sched` provider is pinned, so there is no fini.
 */
#include <kern/kmod.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/thr.h>

#include "stride.h"

static int stride_mod_init(const char *args)
{
	int err;

	(void)args;
	err = sched_register(&stride_sched_ops);
	if (err) {
		printk("stride: not registered (error %d)\n", err);
		return err;
	}
	printk("stride: stride scheduling for user and batch threads, slice %d ticks, "
	       "%u tickets at nice 0 (%u at nice %d, %u at nice %d)\n",
	       STRIDE_SLICE, (unsigned)stride_tickets(0), (unsigned)stride_tickets(THR_NICE_MIN),
	       THR_NICE_MIN, (unsigned)stride_tickets(THR_NICE_MAX), THR_NICE_MAX);
	return 0;
}

KMOD(.name = "stride", .version = "1.0.0", .role = "sched", .init = stride_mod_init);
