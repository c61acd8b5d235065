/*
 * Private to the thread code (core/kern/proc/thr.c, sched.c, sleep.c) and
 * the mutex (core/kern/synch/lock.c).
 */
#ifndef CORE_THR_PRIV_H_
#define CORE_THR_PRIV_H_

#include <kern/list.h>
#include <kern/lock.h>
#include <kern/sched.h>
#include <kern/thr.h>

struct thr *thr_alloc(const char *name, void (*entry)(void *), void *arg, long class, long nice);
void thr_reap(void);
/* Put a thread on the list of every thread (thr_alloc() does; the boot
 * thread, which it does not make, is put there by sched_init()). */
void thr_track(struct thr *t);
extern struct spinlock thr_all_lock;
extern struct list_node thr_all;
void thr_interrupt(struct thr *t);
struct thr *thr_create_user(const char *name, struct proc *p, const struct trap_frame *tf,
			    void (*entry)(void *frame));
void thr_run(struct thr *t);
void sched_block(void);
/* A sleep in three steps, for a waiter that must check its condition after
 * it is queued (the mutex): queue the running thread on wchan; then either
 * cancel (the condition came true: off the queue, running on) or commit
 * (block until a wakeup). Interrupts off from prepare to cancel/commit. */
void thr_sleep_prepare(const void *wchan);
void thr_sleep_cancel(void);
void thr_sleep_commit(void);
void sched_setup(struct thr *t);

/* The built-in Zero scheduler's table (proc/sched_zero.c): the sched role's
 * null table, in force whenever no module provides the role. */
extern const struct sched_ops zero_sched_ops;

#endif /* CORE_THR_PRIV_H_ */
