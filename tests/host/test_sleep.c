/*
 * Host tests of sleep and wakeup (core/kern/proc/sleep.c) against a fake
 * scheduler: sched_block() is where the thread would switch away, so the
 * fake runs there what "the others" do meanwhile (a wakeup, a signal) and
 * checks the thread's state and queue.
 *
 * The case that matters most: a signal sent while a thread was on its way
 * to an interruptible sleep (preempted before it queued itself, so
 * thr_interrupt() found it awake) must end that sleep at once; a plain
 * sleep has no such look and waits for its wakeup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/lock.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/signal.h>
#include <core/thr_priv.h>

static struct thr me;
static int fake_pending; /* what signal_pending() says */
static unsigned blocks;	 /* sched_block() calls */
static unsigned readied; /* sched_ready() calls */
static void (*while_blocked)(void);
static struct mutex fake_m = MUTEX_INIT("fake");
static int chan;

struct thr *thr_current(void)
{
	return &me;
}

void spin_lock(struct spinlock *l)
{
	l->locked = 1;
}

void spin_unlock(struct spinlock *l)
{
	l->locked = 0;
}

void mutex_lock(struct mutex *m)
{
	assert_null(m->owner);
	m->owner = &me;
}

void mutex_unlock(struct mutex *m)
{
	assert_ptr_equal(m->owner, &me);
	m->owner = NULL;
}

int signal_pending(void)
{
	return fake_pending;
}

void sched_ready(struct thr *t)
{
	readied++;
	t->state = THR_READY;
}

/* The switch: the thread must be queued asleep (or already woken); what
 * happens meanwhile runs here; it must be ready again to come back. */
void sched_block(void)
{
	blocks++;
	assert_true(me.state == THR_SLEEPING || me.state == THR_READY);
	if (while_blocked)
		while_blocked();
	if (me.state == THR_SLEEPING) { /* off the queue first, so the next test has it clean */
		thr_wakeup((const void *)me.wchan);
		fail_msg("the thread slept and nothing was to wake it");
	}
	me.state = THR_RUNNING;
}

uint64_t tmr_now_ns(void)
{
	return 0;
}

/* No clock in these tests: a timed sleep times out at once. */
int tmr_arm(struct tmr_callout *c, uint64_t when_ns, uint64_t period_ns, tmr_fn *fn, void *arg)
{
	(void)c, (void)when_ns, (void)period_ns, (void)fn, (void)arg;
	return -ENODEV;
}

int tmr_cancel(struct tmr_callout *c)
{
	(void)c;
	return 0;
}

static void wake_chan(void)
{
	assert_int_equal(thr_wakeup(&chan), 1);
}

static void interrupt_me(void)
{
	thr_interrupt(&me);
}

static int reset(void **state)
{
	(void)state;
	memset(&me, 0, sizeof(me));
	me.state = THR_RUNNING;
	fake_pending = 0;
	blocks = readied = 0;
	while_blocked = NULL;
	fake_m.owner = NULL;
	return 0;
}

static void test_wakeup_ends_sleep(void **state)
{
	(void)state;
	while_blocked = wake_chan;
	assert_int_equal(thr_sleep(&chan, 0), 0);
	assert_int_equal(blocks, 1);
	assert_int_equal(thr_wakeup(&chan), 0); /* off the queue */
	assert_int_equal(me.wchan, 0);
}

static void test_interrupt_ends_sleep(void **state)
{
	(void)state;
	while_blocked = interrupt_me;
	assert_int_equal(thr_sleep(&chan, 0), -EINTR);
	assert_int_equal(thr_wakeup(&chan), 0);
	while_blocked = interrupt_me;
	fake_m.owner = &me;
	assert_int_equal(thr_sleep_sig(&chan, &fake_m, 0), -EINTR);
	assert_ptr_equal(fake_m.owner, &me); /* held again */
}

/* The lost signal: pending before the sleep began. */
static void test_pending_signal_ends_sig_sleep_at_once(void **state)
{
	(void)state;
	fake_pending = 1;
	thr_interrupt(&me); /* what the sender did: the thread was not asleep */
	assert_int_equal(readied, 0);
	assert_int_equal(thr_sleep_sig(&chan, NULL, 0), -EINTR);
	assert_int_equal(blocks, 0);
	assert_int_equal(me.state, THR_RUNNING);
	assert_int_equal(thr_wakeup(&chan), 0); /* not left queued */
	fake_m.owner = &me;
	assert_int_equal(thr_sleep_sig(&chan, &fake_m, 0), -EINTR);
	assert_int_equal(blocks, 0);
	assert_ptr_equal(fake_m.owner, &me); /* never released */
}

/* The plain sleep does not look: only its wakeup ends it. */
static void test_plain_sleep_ignores_pending(void **state)
{
	(void)state;
	fake_pending = 1;
	while_blocked = wake_chan;
	assert_int_equal(thr_sleep(&chan, 0), 0);
	assert_int_equal(blocks, 1);
	fake_m.owner = &me;
	while_blocked = wake_chan;
	assert_int_equal(thr_sleep_mutex(&chan, &fake_m, 0), 0);
	assert_int_equal(blocks, 2);
}

static void test_sig_sleep_without_signal_sleeps(void **state)
{
	(void)state;
	fake_m.owner = &me;
	while_blocked = wake_chan;
	assert_int_equal(thr_sleep_sig(&chan, &fake_m, 0), 0);
	assert_int_equal(blocks, 1);
	assert_ptr_equal(fake_m.owner, &me);
	/* a timeout that cannot be armed expires at once */
	while_blocked = NULL;
	assert_int_equal(thr_sleep_sig(&chan, NULL, 1000), -ETIMEDOUT);
	assert_int_equal(thr_wakeup(&chan), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_wakeup_ends_sleep, reset),
		cmocka_unit_test_setup(test_interrupt_ends_sleep, reset),
		cmocka_unit_test_setup(test_pending_signal_ends_sig_sleep_at_once, reset),
		cmocka_unit_test_setup(test_plain_sleep_ignores_pending, reset),
		cmocka_unit_test_setup(test_sig_sleep_without_signal_sleeps, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
