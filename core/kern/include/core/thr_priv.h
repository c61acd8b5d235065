/*
 * Private to the thread code (core/kern/proc/thr.c, sched.c, sleep.c).
 */
#ifndef CORE_THR_PRIV_H_
#define CORE_THR_PRIV_H_

#include <kern/thr.h>

struct thr *thr_alloc(const char *name, void (*entry)(void *), void *arg, long class, long nice);
void thr_reap(void);
void sched_block(void);
void sched_setup(struct thr *t);

#endif /* CORE_THR_PRIV_H_ */
