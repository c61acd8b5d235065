/*
 * Fakes of the core that the descriptor, file-call and pipe tests link
 * against: memory from malloc (with a failure switch), spinlocks and
 * mutexes on atomics (right under pthreads), user copies that fault below
 * FAKE_USER_BAD_END, and a sleep that runs a test's hook in place of the
 * other thread.
 */
#ifndef TESTS_HOST_FILE_FAKES_H_
#define TESTS_HOST_FILE_FAKES_H_

#include <stdint.h>

/** User addresses below this fault (EFAULT), as NULL and low pages would. */
#define FAKE_USER_BAD_END 0x10000
/** User addresses end here: the kernel half and non-canonical ones fault. */
#define FAKE_USER_TOP 0x800000000000ULL

/** Allocations left before mem_alloc() fails (negative: never fails). */
extern int fake_mem_fail_after;

/** Spinlocks this thread holds now. */
int fake_spins_held(void);

/**
 * What thr_sleep_mutex() does in a single-threaded test: the hook runs with
 * the mutex released (as the other thread would) and its result is the
 * sleep's. NULL: a sleep is a test failure (it would never end).
 */
extern int (*fake_sleep_hook)(const void *wchan);
/** Sleeps so far, and wakeups (thr_wakeup() calls) so far. */
extern unsigned fake_sleeps, fake_wakeups;

/** Signals the code under test posted, and the last one. */
extern int fake_signals_posted, fake_last_signal;

#endif /* TESTS_HOST_FILE_FAKES_H_ */
