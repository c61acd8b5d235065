/*
 * The fake kernel the io module's host tests link against: allocation
 * with failure injection and a live count, locks that check their own use
 * (no double take, no mutex under a spinlock, none left held), a clock
 * that ticks, printk into a buffer, user copies as memcpy, and a fake
 * io_register/irq_register that remember what they were given.
 */
#ifndef TESTS_HOST_IO_FIXTURE_H_
#define TESTS_HOST_IO_FIXTURE_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/io.h>

/** Allocations still live. */
extern long io_fixture_live;
/** Allocations that succeed before every later one fails (-1: never fail). */
extern long io_fixture_fail_after;
/** Locks held now (spin and mutex). */
extern int io_fixture_locks_held;
/** What printk wrote, NUL-terminated. */
extern char io_fixture_log[65536];
/** The table io_register() got, or NULL. */
extern const struct io_ops *io_fixture_ops;
/** The interrupt handler irq_register() got, and its line. */
extern void (*io_fixture_irq_fn)(unsigned irq);
/** The interrupt line registered. */
extern unsigned io_fixture_irq;
/** Free frames page_stats() reports. */
extern uint64_t io_fixture_free_pages;
/** Calls of thr_sleep(). */
extern unsigned io_fixture_sleeps;
/** Called by each thr_sleep() (a test's "meanwhile, input arrives"), or NULL. */
extern void (*io_fixture_on_sleep)(void);
/** Bytes the arch's console got, and how many (core/arch/host/arch.c). */
extern char arch_host_console[];
/** Its length. */
extern size_t arch_host_console_len;

/** Queue console input (core/arch/host/arch.c). */
void arch_host_console_input(const char *s, size_t n);
/** Clear the log, the console buffer and the failure injection. */
void io_fixture_reset(void);

#endif
