/*
 * Assertions and context checks. The counters they read are per CPU:
 * irq_dispatch() counts interrupt nesting, spin_lock() the spinlocks held.
 */
#include <stdbool.h>

#include <core/cpu.h>
#include <kern/assert.h>
#include <kern/cpu.h>
#include <kern/kmod.h>
#include <kern/panic.h>
#include <kern/thr.h>

struct cpu cpu_boot;

unsigned cpu_id(void)
{
	return cpu_self()->id;
}
KERN_EXPORT(cpu_id);

void kassert_fail(const char *expr, const char *file, int line)
{
	panic("assertion failed: %s (%s:%d)", expr, file, line);
}
KERN_EXPORT(kassert_fail);

bool ctx_in_intr(void)
{
	return cpu_self()->intr_depth != 0;
}
KERN_EXPORT(ctx_in_intr);

bool ctx_may_sleep(void)
{
	return cpu_may_sleep();
}
KERN_EXPORT(ctx_may_sleep);
