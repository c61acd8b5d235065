/*
 * In-guest tests of the pthread library: create and join with results,
 * each thread's own errno and __thread data, threads racing on a mutex,
 * a condition variable hand-off, keys with destructors, pthread_once,
 * recursive and error-checking mutexes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>

#include "ztest.h"

#define NTHREADS 4
#define ROUNDS	 20000

static __thread int mine = 5;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *square(void *arg)
{
	long v = (long)(intptr_t)arg;

	errno = (int)v; /* each thread has its own */
	mine += (int)v;
	return (void *)(intptr_t)(v * v + (errno == v) * 1000 + (mine == 5 + v) * 10000);
}

static void create_join(void)
{
	pthread_t t[NTHREADS];
	void *r;

	errno = 0;
	for (long i = 0; i < NTHREADS; i++)
		T_EQ(pthread_create(&t[i], NULL, square, (void *)(intptr_t)(i + 1)), 0);
	for (long i = 0; i < NTHREADS; i++) {
		T_EQ(pthread_join(t[i], &r), 0);
		T_EQ((long)(intptr_t)r, (i + 1) * (i + 1) + 11000);
	}
	T_EQ(errno, 0);
	T_EQ(mine, 5);
	T_CHECK(pthread_equal(pthread_self(), pthread_self()));
}

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void mutex_race(void)
{
	pthread_t t[NTHREADS];

	counter = 0;
	for (int i = 0; i < NTHREADS; i++)
		T_EQ(pthread_create(&t[i], NULL, adder, NULL), 0);
	for (int i = 0; i < NTHREADS; i++)
		T_EQ(pthread_join(t[i], NULL), 0);
	T_EQ(counter, (long)NTHREADS * ROUNDS);
}

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage;

static void *ping(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 100; i++) {
		while (stage % 2 == 0)
			pthread_cond_wait(&cv, &lock);
		stage++;
		pthread_cond_broadcast(&cv);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void condvar_handoff(void)
{
	pthread_t t;

	stage = 0;
	T_EQ(pthread_create(&t, NULL, ping, NULL), 0);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 100; i++) {
		while (stage % 2 == 1)
			pthread_cond_wait(&cv, &lock);
		stage++;
		pthread_cond_broadcast(&cv);
	}
	pthread_mutex_unlock(&lock);
	T_EQ(pthread_join(t, NULL), 0);
	T_EQ(stage, 200);
}

static pthread_key_t key;
static int destroyed;

static void destroy(void *v)
{
	__atomic_fetch_add(&destroyed, (int)(intptr_t)v, __ATOMIC_RELAXED);
}

static void *set_key(void *arg)
{
	pthread_setspecific(key, arg);
	return pthread_getspecific(key);
}

static void keys(void)
{
	pthread_t t;
	void *r;

	T_EQ(pthread_key_create(&key, destroy), 0);
	T_CHECK(pthread_getspecific(key) == NULL);
	T_EQ(pthread_create(&t, NULL, set_key, (void *)7), 0);
	T_EQ(pthread_join(t, &r), 0);
	T_EQ((long)(intptr_t)r, 7);
	T_EQ(destroyed, 7);
	T_CHECK(pthread_getspecific(key) == NULL);
}

static int once_runs;

static void once_fn(void)
{
	once_runs++;
}

static void once_and_types(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_mutexattr_t a;
	pthread_mutex_t m;

	pthread_once(&once, once_fn);
	pthread_once(&once, once_fn);
	T_EQ(once_runs, 1);
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	T_EQ(pthread_mutex_lock(&m), 0);
	T_EQ(pthread_mutex_lock(&m), 0);
	T_EQ(pthread_mutex_unlock(&m), 0);
	T_EQ(pthread_mutex_unlock(&m), 0);
	T_EQ(pthread_mutex_unlock(&m), EPERM);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	T_EQ(pthread_mutex_lock(&m), 0);
	T_EQ(pthread_mutex_lock(&m), EDEADLK);
	T_EQ(pthread_mutex_trylock(&m), EBUSY);
	T_EQ(pthread_mutex_unlock(&m), 0);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(create_join), ZTEST(mutex_race),	   ZTEST(condvar_handoff),
		ZTEST(keys),	    ZTEST(once_and_types),
	};
	return ztest_main("t_pthread", tests, ZTEST_COUNT(tests));
}
