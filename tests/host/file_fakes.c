/*
 * Fakes of the core for the descriptor, file-call and pipe tests (see
 * file_fakes.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>

#include "file_fakes.h"

int fake_mem_fail_after = -1;
int (*fake_sleep_hook)(const void *wchan);
unsigned fake_sleeps, fake_wakeups;
static __thread int spins_held;
static __thread int fake_me; /* a thread's address: its identity as a mutex owner */

void *mem_alloc(size_t size)
{
	if (fake_mem_fail_after == 0)
		return NULL;
	if (fake_mem_fail_after > 0)
		fake_mem_fail_after--;
	return malloc(size ? size : 1);
}

void *mem_zalloc(size_t size)
{
	void *p = mem_alloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void mem_free(void *p)
{
	free(p);
}

int fake_spins_held(void)
{
	return spins_held;
}

void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		;
	spins_held++;
}

void spin_unlock(struct spinlock *l)
{
	assert_int_equal(l->locked, 1);
	spins_held--;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

void mutex_lock(struct mutex *m)
{
	struct thr *me = (struct thr *)&fake_me;
	struct thr *none = NULL;

	assert_int_equal(spins_held, 0); /* a mutex may sleep: never under a spinlock */
	assert_ptr_not_equal(m->owner, me);
	while (!__atomic_compare_exchange_n(&m->owner, &none, me, 0, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED))
		none = NULL;
}

void mutex_unlock(struct mutex *m)
{
	assert_ptr_equal(m->owner, (struct thr *)&fake_me);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
}

int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	int rc;

	(void)timeout_ns;
	assert_non_null(fake_sleep_hook);
	fake_sleeps++;
	mutex_unlock(m);
	rc = fake_sleep_hook(wchan);
	mutex_lock(m);
	return rc;
}

/* The fake process never has a signal pending: the interruptible sleep is
 * the plain one. */
int thr_sleep_sig(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	return thr_sleep_mutex(wchan, m, timeout_ns);
}

unsigned thr_wakeup(const void *wchan)
{
	(void)wchan;
	fake_wakeups++;
	return 0;
}

static int fake_user_ok(uint64_t uaddr, size_t len)
{
	return len == 0 ||
	       (uaddr >= FAKE_USER_BAD_END && uaddr + len >= uaddr && uaddr + len <= FAKE_USER_TOP);
}

int copyin(void *dst, uint64_t uaddr, size_t len)
{
	if (!fake_user_ok(uaddr, len))
		return -EFAULT;
	memcpy(dst, (const void *)uaddr, len);
	return 0;
}

int copyout(uint64_t uaddr, const void *src, size_t len)
{
	if (!fake_user_ok(uaddr, len))
		return -EFAULT;
	memcpy((void *)uaddr, src, len);
	return 0;
}

long copyinstr(char *dst, uint64_t uaddr, size_t max)
{
	if (!fake_user_ok(uaddr, 1))
		return -EFAULT;
	for (size_t i = 0; i < max; i++) {
		dst[i] = ((const char *)uaddr)[i];
		if (dst[i] == '\0')
			return (long)i;
	}
	return -ENAMETOOLONG;
}

int uaccess_ok(uint64_t uaddr, size_t len)
{
	return fake_user_ok(uaddr, len);
}

/* The signal code: count what the file calls post (SIGPIPE). */
int fake_signals_posted;
int fake_last_signal;

void signal_post(struct proc *p, int sig)
{
	(void)p;
	fake_signals_posted++;
	fake_last_signal = sig;
}
