/*
 * Private to the thread code (core/kern/thr.c, sched.c, sleep.c).
 */
#ifndef KERN_THR_PRIV_H_
#define KERN_THR_PRIV_H_

#include <kern/thr.h>

struct thr *thr_alloc(const char *name, void (*entry)(void *), void *arg, long class, long nice);
void thr_reap(void);
void sched_block(void);
void sched_setup(struct thr *t);

#endif /* KERN_THR_PRIV_H_ */
