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

/**
 * @brief Operations of a scheduling policy.
 *
 * Calling context of every member: interrupts off, the scheduler's
 * spinlock held by the core (members never run concurrently); from a
 * thread, or from the tick's interrupt handler (tick(), and enqueue() and
 * preempts() when a callout wakes a thread). No member may sleep, allocate
 * or call back into the scheduler. Members marked optional may be NULL:
 * the core then supplies its default.
 */
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
 * @brief Account a timer tick to the running thread; called by the `tmr`
 *        provider from its interrupt handler.
 */
void sched_tick(void);

/**
 * @brief Make a thread ready and queue it (interrupts disabled).
 * @param t the thread.
 */
void sched_ready(struct thr *t);

#endif /* KERN_SCHED_H_ */
