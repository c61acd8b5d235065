/*
 * Mutexes and condition variables over futex(). A mutex word is 0 free,
 * 1 held, 2 held with (maybe) waiters, as libc's internal lock (lock.c);
 * recursive and error-checking mutexes add an owner and a count. A
 * condition variable is a sequence number: a waiter notes it, unlocks, and
 * sleeps while it is unchanged; signal and broadcast bump it and wake one
 * or all.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sys/zero.h>

#include "libc.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	a->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	a->type = type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a)
{
	m->lock = 0;
	m->type = a ? a->type : PTHREAD_MUTEX_DEFAULT;
	m->count = 0;
	m->owner = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->lock ? EBUSY : 0;
}

/* Recursive and error-checking mutexes held by the caller already. */
static int held_by_me(pthread_mutex_t *m, int *r)
{
	if (m->type == PTHREAD_MUTEX_NORMAL || m->owner != pthread_self() || !m->lock)
		return 0;
	if (m->type == PTHREAD_MUTEX_ERRORCHECK) {
		*r = EDEADLK;
	} else {
		m->count++;
		*r = 0;
	}
	return 1;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	int r;

	if (held_by_me(m, &r))
		return r;
	__lock(&m->lock);
	m->owner = pthread_self();
	m->count = 1;
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int zero = 0, r;

	if (held_by_me(m, &r))
		return r == EDEADLK ? EBUSY : r;
	if (!__atomic_compare_exchange_n(&m->lock, &zero, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return EBUSY;
	m->owner = pthread_self();
	m->count = 1;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->type != PTHREAD_MUTEX_NORMAL && (m->owner != pthread_self() || !m->lock))
		return EPERM;
	if (--m->count > 0)
		return 0;
	m->owner = 0;
	__unlock(&m->lock);
	return 0;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a)
{
	(void)a;
	c->seq = 0;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

/* Wait for a change of the sequence, for at most ts (relative) if given. */
static int cond_sleep(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *ts)
{
	int seq = c->seq, count = m->count;
	long r;

	m->count = 1;
	pthread_mutex_unlock(m);
	r = __sys_futex((int *)&c->seq, FUTEX_WAIT, seq, ts);
	pthread_mutex_lock(m);
	m->count = count;
	return r == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return cond_sleep(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime)
{
	struct timespec now, rel;

	clock_gettime(CLOCK_REALTIME, &now);
	rel.tv_sec = abstime->tv_sec - now.tv_sec;
	rel.tv_nsec = abstime->tv_nsec - now.tv_nsec;
	if (rel.tv_nsec < 0)
		rel.tv_nsec += 1000000000, rel.tv_sec--;
	if (rel.tv_sec < 0)
		return ETIMEDOUT;
	return cond_sleep(c, m, &rel);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
	__sys_futex((int *)&c->seq, FUTEX_WAKE, 1, NULL);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
	__sys_futex((int *)&c->seq, FUTEX_WAKE, INT_MAX, NULL);
	return 0;
}

/* 0 not run, 1 running, 2 done. */
int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	int zero = 0;

	if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == 2)
		return 0;
	if (__atomic_compare_exchange_n(once, &zero, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		fn();
		__atomic_store_n(once, 2, __ATOMIC_RELEASE);
		__sys_futex((int *)once, FUTEX_WAKE, INT_MAX, NULL);
		return 0;
	}
	while (__atomic_load_n(once, __ATOMIC_ACQUIRE) != 2)
		__sys_futex((int *)once, FUTEX_WAIT, 1, NULL);
	return 0;
}
