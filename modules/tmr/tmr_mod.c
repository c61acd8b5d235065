/*
 * modules/tmr: the `tmr` provider. The TSC, calibrated at boot, is the
 * monotonic clock; the local APIC timer (or the PIT, with the word
 * `pit`) ticks at HZ (`hz=N`, default 250 as in the Zero book). Each tick
 * advances the callout wheel (callout.c) and tells the scheduler.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/clockhw.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include "callout.h"

#define NS_PER_SEC 1000000000ULL

struct tmr_impl {
	struct callout c;
	tmr_fn *fn;
	void *arg;
};

_Static_assert(sizeof(struct tmr_impl) <= sizeof(struct tmr_callout),
	       "struct tmr_callout is too small for the provider's record");

static struct callout_wheel tmr_wheel;
/* Guards the wheel: the tick (an interrupt, on any CPU) against arm and
 * cancel. Recursive, since a callout may arm or cancel callouts. */
static struct rspinlock tmr_wheel_lock = RSPINLOCK_INIT("tmr wheel");
static volatile uint64_t tmr_tick_count;
static unsigned tmr_rate = TMR_HZ_DEFAULT;
static uint64_t tmr_ns_per_tick;
static uint64_t tmr_cycles0; /* TSC when the clock read 0 */
static uint64_t tmr_mult;    /* ns per cycle, 32.32 fixed point */

static uint64_t tmr_cycles_to_ns(uint64_t c)
{
	return (c >> 32) * tmr_mult + (((c & 0xffffffffULL) * tmr_mult) >> 32);
}

/*
 * The clock is the TSC, not the number of ticks handled: a stretch with
 * interrupts masked loses ticks but no time. The tick count follows the
 * clock (tmr_tick() sets it to the clock's tick, catching up any ticks
 * that were lost), so a callout armed for a time fires at the first tick
 * whose clock reading has reached it: never early, and late by at most
 * one tick plus the time interrupts were masked.
 */
static uint64_t tmr_now(void)
{
	return tmr_cycles_to_ns(clockhw_cycles() - tmr_cycles0);
}

static void tmr_fire(struct callout *c, void *arg)
{
	struct tmr_impl *t = (struct tmr_impl *)c;

	(void)arg;
	t->fn((struct tmr_callout *)t, t->arg);
}

static int tmr_do_arm(struct tmr_callout *tc, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn,
		      void *arg)
{
	struct tmr_impl *t = (struct tmr_impl *)tc;
	uint64_t when = (when_ns + tmr_ns_per_tick - 1) / tmr_ns_per_tick; /* tick clock */
	uint64_t period = period_ns ? (period_ns + tmr_ns_per_tick - 1) / tmr_ns_per_tick : 0;
	int rc;

	if (fn == NULL)
		return -EINVAL;
	rspin_lock(&tmr_wheel_lock);
	t->fn = fn;
	t->arg = arg;
	rc = callout_arm(&tmr_wheel, &t->c, when, period, tmr_fire, NULL);
	rspin_unlock(&tmr_wheel_lock);
	return rc;
}

static int tmr_do_cancel(struct tmr_callout *tc)
{
	int rc;

	rspin_lock(&tmr_wheel_lock);
	rc = callout_cancel(&tmr_wheel, &((struct tmr_impl *)tc)->c);
	rspin_unlock(&tmr_wheel_lock);
	return rc;
}

static unsigned tmr_get_hz(void)
{
	return tmr_rate;
}

/* The clock's tick: the count the next tick handler will set (ahead of
 * tmr_tick_count while interrupts are masked). */
static uint64_t tmr_get_ticks(void)
{
	uint64_t t = tmr_now() / tmr_ns_per_tick;

	return t > tmr_tick_count ? t : tmr_tick_count;
}

static void tmr_tick(void)
{
	uint64_t t = tmr_now() / tmr_ns_per_tick;

	if (t > tmr_tick_count)
		tmr_tick_count = t;
	rspin_lock(&tmr_wheel_lock);
	callout_advance(&tmr_wheel, tmr_tick_count);
	rspin_unlock(&tmr_wheel_lock);
	sched_tick();
}

static const struct tmr_ops wheel_tmr_ops = {
	.version = TMR_OPS_VERSION,
	.now_ns = tmr_now,
	.arm = tmr_do_arm,
	.cancel = tmr_do_cancel,
	.hz = tmr_get_hz,
	.ticks = tmr_get_ticks,
};

/* Arguments: "hz=N" (10-10000) and "pit" (do not use the local APIC timer).
 * A bad hz= is a warning naming it; the default rate stays. */
static void tmr_args(const char *args, int *use_pit)
{
	const char *v;
	size_t n;
	uint64_t hz;
	int rc = kmod_arg_u64(args, "hz", 10, 10000, &hz);

	*use_pit = kmod_arg(args, "pit", NULL, NULL);
	if (rc == 0) {
		tmr_rate = (unsigned)hz;
	} else if (rc != -ENOENT) {
		kmod_arg(args, "hz", &v, &n);
		printk("tmr: hz=%.*s: %s (expected 10..10000); keeping %u Hz\n", (int)n, v,
		       rc == -ERANGE ? "out of range" : "not a number", tmr_rate);
	}
}

static int tmr_init(const char *args)
{
	int use_pit, rc;
	uint64_t hz_tsc;
	const char *src;

	tmr_args(args, &use_pit);
	hz_tsc = clockhw_calibrate();
	if (hz_tsc < 1000000)
		return -ENODEV;
	tmr_mult = (NS_PER_SEC << 32) / hz_tsc;
	tmr_ns_per_tick = NS_PER_SEC / tmr_rate;
	tmr_cycles0 = clockhw_cycles();
	callout_wheel_init(&tmr_wheel, 0);
	rc = tmr_register(&wheel_tmr_ops);
	if (rc)
		return rc;
	src = clockhw_start(tmr_rate, tmr_tick, use_pit);
	if (src == NULL)
		return -ENODEV;
	printk("tmr: TSC %lu.%03lu MHz, tick %u Hz from the %s\n", hz_tsc / 1000000,
	       hz_tsc / 1000 % 1000, tmr_rate, src[0] == 'l' ? "local APIC timer" : "PIT");
	return 0;
}

KMOD(.name = "tmr", .version = "1.0.0", .role = "tmr", .init = tmr_init);
