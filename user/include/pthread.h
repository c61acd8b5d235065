/*
 * pthread.h for zero's libc: threads over throp() (THR_NEW, THR_JOIN,
 * THR_DETACH, THR_EXIT), mutexes and condition variables over futex().
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <stddef.h>
#include <time.h>

typedef struct __pthread *pthread_t;
typedef struct {
	size_t stacksize;
	int detached;
} pthread_attr_t;
typedef struct {
	volatile int lock; /* 0 free, 1 held, 2 held with waiters */
	int type;
	int count; /* recursive holds */
	pthread_t owner;
} pthread_mutex_t;
typedef struct {
	int type;
} pthread_mutexattr_t;
typedef struct {
	volatile int seq;
} pthread_cond_t;
typedef struct {
	int unused;
} pthread_condattr_t;
typedef unsigned int pthread_key_t;
typedef volatile int pthread_once_t;

#define PTHREAD_CREATE_JOINABLE	 0
#define PTHREAD_CREATE_DETACHED	 1
#define PTHREAD_MUTEX_NORMAL	 0
#define PTHREAD_MUTEX_RECURSIVE	 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	 PTHREAD_MUTEX_NORMAL
#define PTHREAD_MUTEX_INITIALIZER                                                                  \
	{                                                                                          \
		0, 0, 0, 0                                                                         \
	}
#define PTHREAD_COND_INITIALIZER                                                                   \
	{                                                                                          \
		0                                                                                  \
	}
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_KEYS_MAX  64
#define PTHREAD_STACK_MIN 16384

int pthread_create(pthread_t *restrict t, const pthread_attr_t *restrict attr, void *(*fn)(void *),
		   void *restrict arg);
int pthread_join(pthread_t t, void **ret);
int pthread_detach(pthread_t t);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
__attribute__((noreturn)) void pthread_exit(void *ret);
int pthread_attr_init(pthread_attr_t *a);
int pthread_attr_destroy(pthread_attr_t *a);
int pthread_attr_setstacksize(pthread_attr_t *a, size_t size);
int pthread_attr_setdetachstate(pthread_attr_t *a, int state);

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *a);
int pthread_mutexattr_destroy(pthread_mutexattr_t *a);
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type);

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_key_create(pthread_key_t *k, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t k);
void *pthread_getspecific(pthread_key_t k);
int pthread_setspecific(pthread_key_t k, const void *v);
int pthread_once(pthread_once_t *once, void (*fn)(void));

#endif
