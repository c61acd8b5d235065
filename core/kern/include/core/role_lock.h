/*
 * Private to the core's role wrappers: a call into a provider's table
 * under the role's lock. Each role picks the lock its operations need:
 *  - a recursive spinlock (ROLE_CALL_SPIN) for operations that never
 *    sleep and may be called from interrupt handlers (page);
 *  - a recursive mutex (ROLE_CALL_SLEEP) for operations that may sleep
 *    (mem: synchronous reclaim; vm: a fault may wait for a page or, later,
 *    for disk I/O; example).
 * Both are recursive because a provider may call back into its own role's
 * wrappers (a page reclaimer's evict unmarking its page). Lock order, from
 * outer to inner: vm, mem, page; a provider never calls into a role
 * earlier in that order.
 */
#ifndef CORE_ROLE_LOCK_H_
#define CORE_ROLE_LOCK_H_

#include <kern/assert.h>
#include <kern/lock.h>
#include <core/spin.h>

/** Evaluate @p expr, a call into a provider, under recursive spinlock @p l. */
#define ROLE_CALL_SPIN(l, expr)                                                                    \
	({                                                                                         \
		rspin_enter(l);                                                                    \
		__typeof__(expr) role_ret_ = (expr);                                               \
		rspin_exit(l);                                                                     \
		role_ret_;                                                                         \
	})
/** Run @p stmt, a call into a provider, under recursive spinlock @p l. */
#define ROLE_CALL_SPIN_VOID(l, stmt)                                                               \
	do {                                                                                       \
		rspin_enter(l);                                                                    \
		stmt;                                                                              \
		rspin_exit(l);                                                                     \
	} while (0)
/** Evaluate @p expr, a call into a provider, under recursive mutex @p l. */
#define ROLE_CALL_SLEEP(l, expr)                                                                   \
	({                                                                                         \
		rmutex_lock(l);                                                                    \
		__typeof__(expr) role_ret_ = (expr);                                               \
		rmutex_unlock(l);                                                                  \
		role_ret_;                                                                         \
	})
/** Run @p stmt, a call into a provider, under recursive mutex @p l. */
#define ROLE_CALL_SLEEP_VOID(l, stmt)                                                              \
	do {                                                                                       \
		rmutex_lock(l);                                                                    \
		stmt;                                                                              \
		rmutex_unlock(l);                                                                  \
	} while (0)

#endif /* CORE_ROLE_LOCK_H_ */
