/**
 * @file kern/lock.h
 * @brief Spinlocks and sleeping mutexes.
 * @ingroup core
 *
 * Interrupt discipline: a spinlock disables interrupts on its CPU for as
 * long as it is held (so an interrupt handler may take the same lock) and
 * spins on an atomic flag (so the code is right on several CPUs). A mutex
 * may be held across sleeps; a thread waiting for it sleeps. Never take a
 * mutex in an interrupt handler or with a spinlock held.
 */
#ifndef KERN_LOCK_H_
#define KERN_LOCK_H_

#include <stdint.h>

struct thr;

/** A spinlock; initialise with SPINLOCK_INIT or zero it. */
struct spinlock {
	volatile int locked; /**< 1 while held. */
	uint64_t flags;	     /**< Interrupt state saved by spin_lock(). */
	const char *name;    /**< For reports. */
};

/** Initialiser of a named spinlock. */
#define SPINLOCK_INIT(n)                                                                           \
	{                                                                                          \
		.locked = 0, .flags = 0, .name = (n)                                               \
	}

/**
 * @brief Take a spinlock, disabling interrupts on this CPU.
 * @param l the lock.
 */
void spin_lock(struct spinlock *l);

/**
 * @brief Release a spinlock and restore the interrupt state.
 * @param l the lock, held by this CPU.
 */
void spin_unlock(struct spinlock *l);

/** A sleeping mutex; initialise with MUTEX_INIT or zero it. */
struct mutex {
	struct thr *owner; /**< Holder, NULL when free. */
	unsigned waiters;  /**< Threads sleeping for it. */
	const char *name;  /**< For reports. */
};

/** Initialiser of a named mutex. */
#define MUTEX_INIT(n)                                                                              \
	{                                                                                          \
		.owner = 0, .waiters = 0, .name = (n)                                              \
	}

/**
 * @brief Take a mutex, sleeping while another thread holds it.
 * @param m the mutex; taking one already held by the caller panics.
 */
void mutex_lock(struct mutex *m);

/**
 * @brief Release a mutex and wake its waiters.
 * @param m the mutex, held by the caller (else panic).
 */
void mutex_unlock(struct mutex *m);

#endif /* KERN_LOCK_H_ */
