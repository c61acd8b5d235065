/**
 * @file mem_suite.h
 * @brief One cmocka suite for every `mem` provider, parameterised by its table.
 * @ingroup mem
 *
 * A test program (test_mem_zone.c, test_mem_tlsf.c) describes its allocator
 * with a struct mem_suite_impl and calls mem_suite_run(). The suite gives
 * the allocator a host backend (aligned host memory, an optional page
 * budget, every block tracked and checked on free) and a fatal hook that
 * records the message and longjmps back to the test. Allocator-specific
 * tests can use the same backend through mem_suite_begin()/mem_suite_end().
 */
#ifndef TESTS_HOST_MEM_SUITE_H_
#define TESTS_HOST_MEM_SUITE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>

/** An allocator under test. */
struct mem_suite_impl {
	const char *name;	   /**< For messages ("zone", "tlsf"). */
	const struct mem_ops *ops; /**< Its table. */
	/**
	 * @brief Set the allocator up from scratch, single-threaded, with the
	 *        suite's locks (mem_suite_lock(), mem_suite_unlock()).
	 * @param be the suite's backend.
	 * @param debug turn debug mode on.
	 * @return 0 on success.
	 */
	int (*setup)(const struct mem_backend *be, bool debug);
	/** @brief Give back every page no live block needs (zone_reap(), tlsf_reap()). */
	void (*reap)(void);
};

/**
 * @brief Take a lock: the suite's checking lock (flags double locking).
 * @param lk the lock object (its first long is the state).
 */
void mem_suite_lock(void *lk);

/**
 * @brief Release a lock taken by mem_suite_lock() (flags unbalanced unlocks).
 * @param lk the lock object.
 */
void mem_suite_unlock(void *lk);

/**
 * @brief Start a test: fresh backend and allocator.
 * @param debug debug mode.
 * @param budget_pages most pages the backend hands out at once (0: no limit).
 */
void mem_suite_begin(bool debug, size_t budget_pages);

/** @brief End a test: reap, check locks and backend use, free the backend's blocks. */
void mem_suite_end(void);

/**
 * @brief Return the pages the backend has handed out and not got back.
 * @return pages.
 */
size_t mem_suite_backend_pages(void);

/**
 * @brief Return and clear the count of fatal reports no test expected.
 * @param caller out: the caller address of the last one; may be NULL.
 * @return reports since the last call (or since mem_suite_begin()).
 */
unsigned mem_suite_take_fatals(uintptr_t *caller);

/**
 * @brief Return the table of the allocator under test.
 * @return the table given to mem_suite_run().
 */
const struct mem_ops *mem_suite_ops(void);

/**
 * @brief Run the shared suite on an allocator.
 * @param impl the allocator; must stay valid during the run.
 * @return number of failed tests (cmocka's result).
 */
int mem_suite_run(const struct mem_suite_impl *impl);

#endif /* TESTS_HOST_MEM_SUITE_H_ */
