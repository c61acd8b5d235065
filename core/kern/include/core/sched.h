/**
 * @file core/sched.h
 * @brief Scheduling mechanism internals: setup, switching, the built-in Zero policy, statistics.
 * @ingroup core
 */
#ifndef CORE_SCHED_H_
#define CORE_SCHED_H_

#include <stdint.h>
#include <kern/sched.h>

/**
 * @brief Turn the boot context into thread 0 and start the idle thread.
 *
 * After this, thr_create() threads run when thread 0 blocks or yields, or
 * when the timer preempts it.
 */
void sched_init(void);

/**
 * @brief Pick the next thread and switch to it (the running one must
 *        already be queued if it stays ready). Interrupts must be disabled.
 */
void sched_switch(void);

/**
 * @brief Switch threads if a tick or a wakeup asked for it; called by the
 *        architecture on the way out of an interrupt.
 */
void sched_preempt(void);

/** @brief Say in the boot log which scheduler runs (and why, if a module failed). */
void sched_print(void);

/**
 * @brief Name the policy running ("zero" for the built-in one).
 * @return the provider's name.
 */
const char *sched_provider(void);

/**
 * @brief Count context switches since boot.
 * @return the count.
 */
uint64_t sched_switches(void);

/**
 * @brief Return the built-in Zero scheduler's table.
 * @return the table.
 */
const struct sched_ops *sched_zero_ops(void);

/**
 * @brief The book's priority adjustment, applied when a thread stops running.
 *
 * Real-time threads keep their priority. Others advance by one and wrap
 * around within the upper half of their class, offset by nice, and are
 * clamped with min() to the last queue (the book prints max, which would
 * put every thread in the idle queue).
 * @param t the thread; its prio is updated.
 * @return the new priority.
 */
long thradjprio(struct thr *t);

#endif /* CORE_SCHED_H_ */
