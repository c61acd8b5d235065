/*
 * The core side of the `tmr` role: its descriptor, registration and the
 * wrappers. Without a provider the null table answers: no clock (0), no
 * callouts (-ENODEV), no tick; threads then switch only when they block
 * or yield.
 *
 * Locking: none here. Every tmr operation may be called from any context,
 * interrupt handlers included (a callout re-arms itself from the tick), so
 * the provider serialises its own state (the wheel) against its tick
 * handler with a spinlock of its own.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/kmod.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

static uint64_t tmr_null_now_ns(void)
{
	return 0;
}

static int tmr_null_arm(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn,
			void *arg)
{
	(void)c;
	(void)when_ns;
	(void)period_ns;
	(void)fn;
	(void)arg;
	return -ENODEV;
}

static int tmr_null_cancel(struct tmr_callout *c)
{
	(void)c;
	return 0;
}

static unsigned tmr_null_hz(void)
{
	return 0;
}

static uint64_t tmr_null_ticks(void)
{
	return 0;
}

static const struct tmr_ops tmr_null_ops = {
	.version = TMR_OPS_VERSION,
	.now_ns = tmr_null_now_ns,
	.arm = tmr_null_arm,
	.cancel = tmr_null_cancel,
	.hz = tmr_null_hz,
	.ticks = tmr_null_ticks,
};

static const struct tmr_ops *tmr_ops = &tmr_null_ops;
static struct tmr_ops tmr_resolved;

ROLE_DEFINE(tmr_role, .name = "tmr", .version = TMR_OPS_VERSION, .ops_size = sizeof(struct tmr_ops),
	    .null_ops = &tmr_null_ops, .resolved = &tmr_resolved,
	    .current = (const void **)&tmr_ops, .pinned = true);

int tmr_register(const struct tmr_ops *ops)
{
	return role_register(&tmr_role, ops);
}
KERN_EXPORT(tmr_register);

uint64_t tmr_now_ns(void)
{
	return tmr_ops->now_ns();
}
KERN_EXPORT(tmr_now_ns);

int tmr_arm(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn, void *arg)
{
	return tmr_ops->arm(c, when_ns, period_ns, fn, arg);
}
KERN_EXPORT(tmr_arm);

int tmr_cancel(struct tmr_callout *c)
{
	return tmr_ops->cancel(c);
}
KERN_EXPORT(tmr_cancel);

unsigned tmr_hz(void)
{
	return tmr_ops->hz();
}
KERN_EXPORT(tmr_hz);

uint64_t tmr_ticks(void)
{
	return tmr_ops->ticks();
}
KERN_EXPORT(tmr_ticks);
