/*
 * libc's internal lock: 0 free, 1 held, 2 held with waiters. A waiter
 * sleeps in futex() on the word (op 0: wait while it is 2); unlock wakes
 * one (op 1) only when someone may be waiting.
 */
#include <sys/zero.h>

#include "libc.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

void __lock(volatile int *l)
{
	int c = 0;

	if (__atomic_compare_exchange_n(l, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		__sys_futex((int *)l, FUTEX_WAIT, 2, 0);
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
}

void __unlock(volatile int *l)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		__sys_futex((int *)l, FUTEX_WAKE, 1, 0);
}
