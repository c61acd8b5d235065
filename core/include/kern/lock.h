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

/**
 * A recursive spinlock: the CPU that holds it may take it again (each take
 * needs its release). For code that may re-enter itself through a
 * callback, such as a timer wheel whose callouts arm callouts. Initialise
 * with RSPINLOCK_INIT or zero it.
 */
struct rspinlock {
	struct spinlock lock;	    /**< The lock itself. */
	const void *volatile owner; /**< Holding CPU's record, NULL when free. */
	unsigned depth;		    /**< Takes not yet released by the holder. */
};

/** Initialiser of a named recursive spinlock. */
#define RSPINLOCK_INIT(n)                                                                          \
	{                                                                                          \
		.lock = SPINLOCK_INIT(n), .owner = 0, .depth = 0                                   \
	}

/**
 * @brief Take a recursive spinlock (again, if this CPU holds it).
 * @param l the lock.
 */
void rspin_lock(struct rspinlock *l);

/**
 * @brief Release one take of a recursive spinlock.
 * @param l the lock, held by this CPU; the last release frees it and
 *        restores the interrupt state of the first take.
 */
void rspin_unlock(struct rspinlock *l);

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
 *
 * Context: a thread that may sleep (KASSERT_MAY_SLEEP()).
 * @param m the mutex; taking one already held by the caller panics.
 */
void mutex_lock(struct mutex *m);

/**
 * @brief Release a mutex and wake its waiters.
 * @param m the mutex, held by the caller (else panic).
 */
void mutex_unlock(struct mutex *m);

/**
 * A recursive mutex: the thread that holds it may take it again (each take
 * needs its release). For a provider that may call back into its own
 * role's wrappers. Initialise with RMUTEX_INIT or zero it.
 */
struct rmutex {
	struct mutex mutex;	    /**< The mutex itself. */
	struct thr *volatile owner; /**< Holding thread, NULL when free. */
	unsigned depth;		    /**< Takes not yet released by the holder. */
};

/** Initialiser of a named recursive mutex. */
#define RMUTEX_INIT(n)                                                                             \
	{                                                                                          \
		.mutex = MUTEX_INIT(n), .owner = 0, .depth = 0                                     \
	}

/**
 * @brief Take a recursive mutex (again, if the caller holds it).
 *
 * Context: a thread that may sleep (KASSERT_MAY_SLEEP()).
 * @param m the mutex.
 */
void rmutex_lock(struct rmutex *m);

/**
 * @brief Release one take of a recursive mutex.
 * @param m the mutex, held by the caller (else panic).
 */
void rmutex_unlock(struct rmutex *m);

#endif /* KERN_LOCK_H_ */
