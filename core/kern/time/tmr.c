/*
 * The core side of the `tmr` role: registration and wrappers. Without a
 * provider there is no clock (0) and no callouts (-ENODEV); threads then
 * switch only when they block or yield.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <core/module.h>
#include <core/role.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/role_lock.h>

static const struct tmr_ops *tmr_table;

/* The provider's init failed after registering: forget its table. */
static void tmr_drop(void)
{
	tmr_table = NULL;
}

int tmr_register(const struct tmr_ops *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != TMR_OPS_VERSION || !ops->now_ns || !ops->arm ||
	    !ops->cancel || !ops->hz || !ops->ticks)
		return -EINVAL;
	rc = role_claim("tmr", m->name, true, tmr_drop);
	if (rc == 0)
		tmr_table = ops;
	return rc;
}
KERN_EXPORT(tmr_register);

uint64_t tmr_now_ns(void)
{
	return tmr_table ? tmr_table->now_ns() : 0;
}
KERN_EXPORT(tmr_now_ns);

int tmr_arm(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn, void *arg)
{
	return tmr_table ? ROLE_LOCKED(tmr_table->arm(c, when_ns, period_ns, fn, arg)) : -ENODEV;
}
KERN_EXPORT(tmr_arm);

int tmr_cancel(struct tmr_callout *c)
{
	return tmr_table ? ROLE_LOCKED(tmr_table->cancel(c)) : 0;
}
KERN_EXPORT(tmr_cancel);

unsigned tmr_hz(void)
{
	return tmr_table ? tmr_table->hz() : 0;
}
KERN_EXPORT(tmr_hz);

uint64_t tmr_ticks(void)
{
	return tmr_table ? tmr_table->ticks() : 0;
}
KERN_EXPORT(tmr_ticks);
