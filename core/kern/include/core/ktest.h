/**
 * @file core/ktest.h
 * @brief In-kernel self-tests (the second test tier).
 * @ingroup core
 *
 * A test is a function registered with KTEST() into the `.ktest` section.
 * The command-line word `ktest=all` (or `ktest=name,name`) runs them at the
 * end of boot; each prints a TAP-style line `ktest: ok N - name` or
 * `ktest: not ok N - name`, and the run ends with
 * `ktest: N passed, N failed`. With `halt=exit` the emulator then exits with
 * ARCH_EXIT_PASS only if every selected test passed.
 */
#ifndef CORE_KTEST_H_
#define CORE_KTEST_H_

#include <kern/printk.h>

/** One registered self-test. */
struct ktest {
	const char *name; /**< Test name, as given to ktest=. */
	int (*fn)(void);  /**< Returns 0 when the test passes. */
};

/**
 * Define and register a self-test: `KTEST(name) { ...; return 0; }`.
 * The body returns 0 on success; KTEST_CHECK() returns -1 on failure;
 * KTEST_REQUIRE() returns KTEST_SKIPPED when the boot lacks what the test
 * needs (a module, a device).
 */
#define KTEST(tname)                                                                               \
	static int ktest_fn_##tname(void);                                                         \
	static const struct ktest ktest_rec_##tname                                                \
	    __attribute__((section(".ktest"), used, aligned(8))) = {                               \
		    .name = #tname,                                                                \
		    .fn = ktest_fn_##tname,                                                        \
	    };                                                                                     \
	static int ktest_fn_##tname(void)

/** Fail the current self-test, naming the condition and line, if @p cond is false. */
#define KTEST_CHECK(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			pr_err("ktest: check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);    \
			return -1;                                                                 \
		}                                                                                  \
	} while (0)

/** Return value of a self-test that does not apply to this boot (TAP "# SKIP"). */
#define KTEST_SKIPPED 1

/** Skip the current self-test, saying why, if @p cond is false. */
#define KTEST_REQUIRE(cond)                                                                        \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printk("ktest: skipped: needs %s\n", #cond);                               \
			return KTEST_SKIPPED;                                                      \
		}                                                                                  \
	} while (0)

/**
 * @brief Run the self-tests a `ktest=` word selects.
 * @param spec "all", or names separated by commas.
 * @return number of failed tests (an unknown name counts as a failure, and
 *         so does a spec that selects no test at all, such as `,,,`).
 */
int ktest_run(const char *spec);

#endif /* CORE_KTEST_H_ */
