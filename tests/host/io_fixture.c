/*
 * The fake kernel of the io module's host tests (see io_fixture.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <kern/io.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>

#include "io_fixture.h"

/* <stdlib.h> would bring the C library's struct timespec, which
 * <uapi/time.h> defines for zero: declare the three calls by hand. */
void *malloc(size_t size);
void free(void *p);
__attribute__((noreturn)) void abort(void);

long io_fixture_live;
long io_fixture_fail_after = -1;
int io_fixture_locks_held;
char io_fixture_log[65536];
static size_t io_fixture_loglen;
const struct io_ops *io_fixture_ops;
void (*io_fixture_irq_fns[16])(unsigned irq);
unsigned io_fixture_sleeps;
void (*io_fixture_on_sleep)(void);
int io_fixture_sleep_rc = -ETIMEDOUT;
uint64_t io_fixture_slept_ns;
static int io_fixture_spins_held;
uint64_t io_fixture_clock = 1000;

void io_fixture_reset(void)
{
	io_fixture_log[0] = '\0';
	io_fixture_loglen = 0;
	arch_host_console_len = 0;
	arch_host_console[0] = '\0';
	io_fixture_fail_after = -1;
	io_fixture_on_sleep = NULL;
	io_fixture_sleeps = 0;
	io_fixture_sleep_rc = -ETIMEDOUT;
	io_fixture_slept_ns = 0;
	io_fixture_job_reset();
}

static void io_fixture_die(const char *what, const char *name)
{
	fprintf(stderr, "io fixture: %s: %s\n", what, name ? name : "?");
	abort();
}

void *mem_alloc(size_t size)
{
	void *p;

	if (io_fixture_fail_after == 0)
		return NULL;
	if (io_fixture_fail_after > 0)
		io_fixture_fail_after--;
	p = malloc(size ? size : 1);
	if (p)
		io_fixture_live++;
	return p;
}

void *mem_zalloc(size_t size)
{
	void *p = mem_alloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void mem_free(void *p)
{
	if (p == NULL)
		return;
	io_fixture_live--;
	free(p);
}

void spin_lock(struct spinlock *l)
{
	if (l->locked)
		io_fixture_die("spinlock taken twice", l->name);
	l->locked = 1;
	io_fixture_spins_held++;
	io_fixture_locks_held++;
}

void spin_unlock(struct spinlock *l)
{
	if (!l->locked)
		io_fixture_die("spinlock released but not held", l->name);
	l->locked = 0;
	io_fixture_spins_held--;
	io_fixture_locks_held--;
}

void mutex_lock(struct mutex *m)
{
	if (io_fixture_spins_held)
		io_fixture_die("mutex taken under a spinlock", m->name);
	if (m->owner)
		io_fixture_die("mutex taken twice (a deadlock)", m->name);
	m->owner = (struct thr *)1;
	io_fixture_locks_held++;
}

void mutex_unlock(struct mutex *m)
{
	if (!m->owner)
		io_fixture_die("mutex released but not held", m->name);
	m->owner = NULL;
	io_fixture_locks_held--;
}

uint64_t io_fixture_free_pages = 1000;

/* The page allocator's report: a fixed number of free frames (statfs). */
void page_stats(struct page_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->zone[0].free = io_fixture_free_pages;
	st->zone[0].total = io_fixture_free_pages;
}

uint64_t tmr_now_ns(void)
{
	return io_fixture_clock += 1000;
}

int vprintk_level(int level, const char *fmt, va_list ap)
{
	int n = vsnprintf(io_fixture_log + io_fixture_loglen,
			  sizeof(io_fixture_log) - io_fixture_loglen, fmt, ap);

	(void)level;
	if (n > 0)
		io_fixture_loglen += (size_t)n;
	if (io_fixture_loglen >= sizeof(io_fixture_log))
		io_fixture_loglen = sizeof(io_fixture_log) - 1;
	return n;
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(level, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(LOG_INFO, fmt, ap);
	va_end(ap);
	return n;
}

size_t printk_log_read(char *buf, size_t len)
{
	size_t n = io_fixture_loglen < len ? io_fixture_loglen : len;

	memcpy(buf, io_fixture_log, n);
	return n;
}

int copyin(void *dst, uint64_t uaddr, size_t len)
{
	if (uaddr == 0)
		return -EFAULT;
	memcpy(dst, (const void *)(uintptr_t)uaddr, len);
	return 0;
}

int copyout(uint64_t uaddr, const void *src, size_t len)
{
	if (uaddr == 0)
		return -EFAULT;
	memcpy((void *)(uintptr_t)uaddr, src, len);
	return 0;
}

int thr_sleep_sig(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	if (m)
		io_fixture_die("no io code sleeps on a mutex here", "thr_sleep_sig");
	return thr_sleep(wchan, timeout_ns);
}

/* A sleep "lasts" its timeout on the fake clock, unless the hook's input
 * (or its setting of io_fixture_sleep_rc) ends it. */
int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	(void)wchan;
	if (io_fixture_spins_held)
		io_fixture_die("sleep under a spinlock", "thr_sleep");
	if (++io_fixture_sleeps > 1000)
		io_fixture_die("a reader sleeps for ever", "thr_sleep");
	if (io_fixture_on_sleep)
		io_fixture_on_sleep();
	io_fixture_clock += timeout_ns;
	io_fixture_slept_ns += timeout_ns;
	return io_fixture_sleep_rc;
}

unsigned thr_wakeup(const void *wchan)
{
	(void)wchan;
	return 0;
}

int irq_register(unsigned irq, void (*fn)(unsigned irq))
{
	if (irq >= 16)
		io_fixture_die("no such interrupt line", "irq_register");
	io_fixture_irq_fns[irq] = fn;
	return 0;
}

int io_register(const struct io_ops *ops)
{
	io_fixture_ops = ops;
	return 0;
}
