/**
 * @file kern/assert.h
 * @brief Kernel assertions, and checks of the calling context.
 * @ingroup core
 *
 * KASSERT() states an invariant: when it is false the kernel panics with
 * the expression, file and line. The context checks say what a function
 * may do where it is called: KASSERT_MAY_SLEEP() at the top of anything
 * that may block (take a mutex, wait for a page, for I/O). The role
 * wrappers (page_alloc(), mem_alloc(), vm_fault(), ...) check the context
 * their operations document, so a module calling one from the wrong place
 * is caught at the call, not by a deadlock later.
 */
#ifndef KERN_ASSERT_H_
#define KERN_ASSERT_H_

#include <stdbool.h>

/**
 * @brief Panic on a failed assertion (KASSERT's slow path).
 * @param expr the expression's text.
 * @param file source file of the assertion.
 * @param line its line.
 */
__attribute__((noreturn)) void kassert_fail(const char *expr, const char *file, int line);

/**
 * @brief Panic unless @p expr holds.
 * @param expr an expression that must be true; evaluated exactly once.
 */
#define KASSERT(expr)                                                                              \
	do {                                                                                       \
		if (__builtin_expect(!(expr), 0))                                                  \
			kassert_fail(#expr, __FILE__, __LINE__);                                   \
	} while (0)

/**
 * @brief Tell whether the running code may sleep.
 *
 * It may when it runs on a thread, outside any interrupt handler, holding
 * no spinlock. (Interrupts may still be masked, as during boot: a sleeping
 * thread gives the CPU away and gets its interrupt state back on waking.)
 * @return true if blocking here is allowed.
 */
bool ctx_may_sleep(void);

/**
 * @brief Tell whether the running code is an interrupt handler.
 * @return true inside a device interrupt handler (the tick's included).
 */
bool ctx_in_intr(void);

#ifdef ZERO_CORE
/* The core reads its per-CPU record inline (core/cpu.h): no call. */
#include <core/cpu.h>
#define KASSERT_MAY_SLEEP()                                                                        \
	do {                                                                                       \
		if (__builtin_expect(!cpu_may_sleep(), 0))                                         \
			kassert_fail("ctx_may_sleep()", __FILE__, __LINE__);                       \
	} while (0)
#else
/** @brief Panic unless the caller may sleep (see ctx_may_sleep()). */
#define KASSERT_MAY_SLEEP() KASSERT(ctx_may_sleep())
#endif

/** @brief Panic when called from an interrupt handler. */
#define KASSERT_NOT_INTR() KASSERT(!ctx_in_intr())

#endif /* KERN_ASSERT_H_ */
