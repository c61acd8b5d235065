/**
 * @file kern/tmr.h
 * @brief The `tmr` role: the clock, the tick and callouts.
 * @ingroup tmr
 *
 * The provider (modules/tmr) calibrates the TSC against the PIT, runs the
 * local APIC timer (or the PIT) at HZ, keeps a monotonic clock in
 * nanoseconds and a wheel of callouts, and calls sched_tick() on each tick.
 * Hardware access goes through kern/clockhw.h.
 */
#ifndef KERN_TMR_H_
#define KERN_TMR_H_

#include <stdint.h>

/** The version of struct tmr_ops this core speaks. */
#define TMR_OPS_VERSION 1
/** Default tick rate (the Zero book's HZ); `hz=` on the module line changes it. */
#define TMR_HZ_DEFAULT 250

/** Storage for one callout, owned by the caller, used by the provider. */
struct tmr_callout {
	uint64_t opaque[16]; /**< Private to the provider. */
};

/** Callback of a callout; runs in interrupt context, must not sleep. */
typedef void tmr_fn(struct tmr_callout *c, void *arg);

/**
 * @brief Operations of a `tmr` provider.
 *
 * Calling context of every member: any, interrupt handlers included (a
 * callout may arm or cancel callouts from the tick); no member may sleep.
 * The core holds no lock around them: the provider serialises its own
 * state against its tick handler (the shipped one with a recursive
 * spinlock around its callout wheel).
 */
struct tmr_ops {
	uint32_t version; /**< Must be TMR_OPS_VERSION. */
	/**
	 * @brief Read the monotonic clock.
	 * @return nanoseconds since the provider started.
	 */
	uint64_t (*now_ns)(void);
	/**
	 * @brief Arm (or move) a callout.
	 * @param c storage, valid until it fires or is cancelled.
	 * @param when_ns monotonic deadline; rounded up to the next tick.
	 * @param period_ns 0 for one-shot, else the period.
	 * @param fn callback.
	 * @param arg its argument.
	 * @return 0 or -EINVAL.
	 */
	int (*arm)(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn,
		   void *arg);
	/**
	 * @brief Cancel a callout.
	 * @param c the callout.
	 * @return 1 if it was armed, else 0.
	 */
	int (*cancel)(struct tmr_callout *c);
	/**
	 * @brief Return the tick rate.
	 * @return ticks per second.
	 */
	unsigned (*hz)(void);
	/**
	 * @brief Count ticks since the provider started.
	 * @return ticks.
	 */
	uint64_t (*ticks)(void);
};

/**
 * @brief Make the running module's table the `tmr` provider.
 * @param ops the table; must stay valid (providers are pinned).
 * @retval 0 registered.
 * @retval -EINVAL wrong version or a NULL member.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int tmr_register(const struct tmr_ops *ops);

/**
 * @brief Read the monotonic clock.
 * @return nanoseconds (0 without a provider).
 */
uint64_t tmr_now_ns(void);

/**
 * @brief Arm a callout.
 * @param c storage.
 * @param when_ns monotonic deadline.
 * @param period_ns 0 or the period.
 * @param fn callback.
 * @param arg its argument.
 * @return 0, -EINVAL, or -ENODEV without a provider.
 */
int tmr_arm(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn, void *arg);

/**
 * @brief Cancel a callout.
 * @param c the callout.
 * @return 1 if it was armed.
 */
int tmr_cancel(struct tmr_callout *c);

/**
 * @brief Return the tick rate.
 * @return ticks per second (0 without a provider).
 */
unsigned tmr_hz(void);

/**
 * @brief Count ticks.
 * @return ticks since the provider started.
 */
uint64_t tmr_ticks(void);

#endif /* KERN_TMR_H_ */
