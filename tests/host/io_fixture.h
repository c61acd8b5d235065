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
/** The interrupt handlers irq_register() got, by line (NULL: none). */
extern void (*io_fixture_irq_fns[16])(unsigned irq);
/** Free frames page_stats() reports. */
extern uint64_t io_fixture_free_pages;
/** Calls of thr_sleep(). */
extern unsigned io_fixture_sleeps;
/** Called by each thr_sleep() (a test's "meanwhile, input arrives"), or NULL. */
extern void (*io_fixture_on_sleep)(void);
/** What thr_sleep() returns (-ETIMEDOUT unless a test says -EINTR or 0). */
extern int io_fixture_sleep_rc;
/** The fake clock of tmr_now_ns(), in ns; each sleep adds its timeout. */
extern uint64_t io_fixture_clock;
/** The timeouts of the sleeps added up since the reset. */
extern uint64_t io_fixture_slept_ns;

/** The fake process layer (kern/job.h) of tests/host/io_job_fixture.c. */
struct io_fixture_job {
	long pgrp;		   /**< The caller's process group. */
	long sid;		   /**< The caller's session. */
	int leader;		   /**< The caller leads its session. */
	void *ctty;		   /**< The caller's controlling terminal. */
	long groups[8][2];	   /**< Groups (pgid, sid) that exist, for job_pgrp_in_session. */
	int nsig;		   /**< Signals posted with job_signal_pgrp, in order: */
	long sig_pgrp[32];	   /**< to which group, */
	int sig[32];		   /**< which signal. */
	int nchecks;		   /**< Calls of job_tty_check, the last one's: */
	long check_fg;		   /**< foreground group, */
	int check_sig;		   /**< signal. */
	void (*hangup)(void *tty); /**< What job_set_hangup got. */
};
/** The fake process layer's state. */
extern struct io_fixture_job io_job;
/** Back to a kernel thread: no group, session or terminal, nothing recorded. */
void io_fixture_job_reset(void);
/** Bytes the arch's console got, and how many (core/arch/host/arch.c). */
extern char arch_host_console[];
/** Its length. */
extern size_t arch_host_console_len;

/** Queue console input (core/arch/host/arch.c). */
void arch_host_console_input(const char *s, size_t n);
/** Queue keyboard scancodes (core/arch/host/arch.c). */
void arch_host_kbd_input(const unsigned char *sc, size_t n);
/** Clear the log, the console buffer and the failure injection. */
void io_fixture_reset(void);

#endif
