/**
 * @file kern/sched.h
 * @brief The `sched` role: scheduling policy behind a function table.
 * @ingroup sched
 *
 * The mechanism (context switch, sleep and wakeup, preemption on the tmr
 * tick) stays in the core; the policy (which ready thread runs next, how
 * long, how priorities move) is a struct sched_ops. The core has its own
 * provider built in, the Zero scheduler (core/kern/proc/sched_zero.c): thread
 * classes x 64 priorities, a FIFO per priority, a bitmap to find the first
 * non-empty queue in constant time, and the book's thradjprio(). A module
 * may replace it (`sched=<name>`); if none loads, the Zero scheduler runs.
 * All hooks are called with interrupts disabled.
 */
#ifndef KERN_SCHED_H_
#define KERN_SCHED_H_

#include <kern/thr.h>

/** The version of struct sched_ops this core speaks. */
#define SCHED_OPS_VERSION 1

/** Operations of a scheduling policy. Members marked optional may be NULL. */
struct sched_ops {
	uint32_t version; /**< Must be SCHED_OPS_VERSION. */
	/**
	 * @brief Set up a new thread's policy fields (prio, slice, sched[]) from its class and
	 * nice.
	 * @param t the thread (not yet on any queue).
	 */
	void (*setup)(struct thr *t);
	/**
	 * @brief Put a ready thread on the run queue.
	 * @param t the thread (state THR_READY).
	 */
	void (*enqueue)(struct thr *t);
	/**
	 * @brief Take a thread off the run queue (it is exiting or changing class).
	 * @param t a thread enqueue was called for.
	 */
	void (*dequeue)(struct thr *t);
	/**
	 * @brief Remove and return the thread to run next.
	 * @return the thread, or NULL when no thread is ready (the core idles).
	 */
	struct thr *(*pick)(void);
	/**
	 * @brief Account one timer tick to the running thread.
	 * @param t the running thread.
	 * @return non-zero if it should be preempted now.
	 */
	int (*tick)(struct thr *t);
	/**
	 * @brief Note that a thread stopped running (blocked, yielded or was
	 *        preempted): the Zero scheduler applies thradjprio() here.
	 * @param t the thread.
	 */
	void (*stopped)(struct thr *t);
	/**
	 * @brief Should a thread that just became ready preempt the running one? (optional)
	 * @param woken the thread made ready.
	 * @param running the running thread.
	 * @return non-zero to preempt.
	 */
	int (*preempts)(const struct thr *woken, const struct thr *running);
};

/**
 * @brief Make the running module's policy the `sched` provider.
 * @param ops the policy; must stay valid (providers are pinned).
 * @retval 0 registered; ready threads are moved to the new policy.
 * @retval -EINVAL wrong version or a mandatory member is NULL.
 * @retval -EEXIST a module already provides `sched`.
 * @retval -EPERM called outside a module's init.
 */
int sched_register(const struct sched_ops *ops);

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

/**
 * @brief Turn the boot context into thread 0 and start the idle thread.
 *
 * After this, thr_create() threads run when thread 0 blocks or yields, or
 * when the timer preempts it.
 */
void sched_init(void);

/**
 * @brief Account a timer tick to the running thread; called by the `tmr`
 *        provider from its interrupt handler.
 */
void sched_tick(void);

/**
 * @brief Switch threads if a tick or a wakeup asked for it; called by the
 *        architecture on the way out of an interrupt.
 */
void sched_preempt(void);

/**
 * @brief Pick the next thread and switch to it (the running one must
 *        already be queued if it stays ready). Interrupts must be disabled.
 */
void sched_switch(void);

/**
 * @brief Make a thread ready and queue it (interrupts disabled).
 * @param t the thread.
 */
void sched_ready(struct thr *t);

/**
 * @brief Name the policy running ("zero" for the built-in one).
 * @return the provider's name.
 */
const char *sched_provider(void);

/** @brief Say in the boot log which scheduler runs (and why, if a module failed). */
void sched_print(void);

/**
 * @brief Count context switches since boot.
 * @return the count.
 */
uint64_t sched_switches(void);

#endif /* KERN_SCHED_H_ */
