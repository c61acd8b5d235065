/*
 * Scheduling mechanism: the running thread, the idle thread, switching,
 * preemption on the tick, and the choice of policy. Policy (which ready
 * thread runs next) is a struct sched_ops: the built-in Zero scheduler, or
 * a module's (`sched=<name>`). Everything here runs with interrupts off.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/thread.h>
#include <kern/kmod.h>
#include <core/module.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <core/proc.h>
#include <core/role.h>
#include <core/role_lock.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/clock.h>
#include <core/thr_priv.h>
#include <core/sched.h>

extern char kstack_boot_bottom[], kstack_boot_top[];

static const struct sched_ops *sched_policy = &zero_sched_ops;
static struct sched_ops sched_resolved;
/* Guards the policy's run queues: every call into the policy is made under
 * it (interrupts off), from thread or tick context alike. The switch itself
 * runs after it is released, with interrupts still off; with several CPUs a
 * thread also needs an on-CPU mark so that another CPU cannot pick it
 * before its context is saved. */
static struct rspinlock sched_lock = RSPINLOCK_INIT("sched");

#define SCHED_CALL(expr)      ROLE_CALL_SPIN(&sched_lock, expr)
#define SCHED_CALL_VOID(stmt) ROLE_CALL_SPIN_VOID(&sched_lock, stmt)
struct thr
    *sched_cur; /* the running thread (one CPU: per CPU with SMP); core/proc.h reads it inline */
static struct thr *sched_idle_thr;
static struct thr sched_boot_thr;
static int sched_need;
static uint64_t sched_nswitch;

struct thr *thr_current(void)
{
	return sched_cur;
}
KERN_EXPORT(thr_current);

const char *sched_provider(void)
{
	return role_provider("sched");
}

uint64_t sched_switches(void)
{
	return sched_nswitch;
}

static void sched_idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		arch_irq_disable();
		sched_switch();
		arch_idle();
		arch_irq_enable();
	}
}

void sched_init(void)
{
	struct thr *t0 = &sched_boot_thr;

	memcpy(t0->name, "boot", 5);
	t0->class = THR_CLASS_USER;
	t0->kstk = (uint64_t)kstack_boot_bottom;
	t0->kstk_size = kstack_boot_top - kstack_boot_bottom;
	t0->state = THR_RUNNING;
	t0->stamp = arch_cycles();
	SCHED_CALL_VOID(sched_policy->setup(t0));
	sched_cur = t0;
	thr_track(t0);
	sched_idle_thr = thr_alloc("idle", sched_idle_loop, NULL, THR_CLASS_IDLE, 0);
	if (sched_idle_thr == NULL)
		panic("sched: cannot create the idle thread");
}

void sched_ready(struct thr *t)
{
	/* Its wait starts now, unless it is the running thread put back on the
	 * queue: the switch that follows stamps it (one clock read, not two). */
	if (t != sched_cur)
		t->stamp = arch_cycles();
	t->state = THR_READY;
	SCHED_CALL_VOID(sched_policy->enqueue(t));
	if (sched_cur == sched_idle_thr || SCHED_CALL(sched_policy->preempts(t, sched_cur)))
		sched_need = 1;
}
KERN_EXPORT(sched_ready);

/*
 * The statistics of one switch, read from one clock read: prev's run ends
 * and (if it stays ready) its wait begins; next's wait ends and its run
 * begins. A switch away from a thread still ready (requeued: preempted or
 * yielding) is involuntary, from one that sleeps or ends voluntary, as
 * Linux counts them. No division, no lock beyond the switch's own state.
 */
static void sched_account(struct thr *prev, struct thr *next)
{
	uint64_t now = arch_cycles();

	prev->run_cycles += now - prev->stamp;
	prev->stamp = now;
	if (prev->state == THR_READY)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	if (next != sched_idle_thr) /* the idle thread is never queued: it does not wait */
		next->wait_cycles += now - next->stamp;
	next->stamp = now;
}

uint64_t sched_cycles_ns(uint64_t cycles)
{
	uint64_t hz = clockhw_hz();

	if (hz == 0)
		return 0;
	return cycles / hz * 1000000000ULL + cycles % hz * 1000000000ULL / hz;
}
KERN_EXPORT(sched_cycles_ns);

void sched_stats(const struct thr *t, struct thr_stats *st)
{
	uint64_t now = arch_cycles();
	uint64_t run = t->run_cycles, wait = t->wait_cycles, stamp = t->stamp;
	enum thr_state state = t->state;

	if (state == THR_RUNNING && now > stamp) /* the run in progress */
		run += now - stamp;
	else if (state == THR_READY && now > stamp && t != sched_idle_thr)
		wait += now - stamp;
	st->run_ns = sched_cycles_ns(run);
	st->wait_ns = sched_cycles_ns(wait);
	st->nvcsw = t->nvcsw;
	st->nivcsw = t->nivcsw;
}
KERN_EXPORT(sched_stats);

void sched_switch(void)
{
	struct thr *prev = sched_cur;
	struct thr *next = SCHED_CALL(sched_policy->pick());

	if (next == NULL)
		next = sched_idle_thr;
	sched_need = 0;
	if (next == prev) {
		prev->state = THR_RUNNING;
		return;
	}
	sched_account(prev, next);
	next->state = THR_RUNNING;
	sched_cur = next;
	sched_nswitch++;
	arch_set_kstack(next->kstk + next->kstk_size);
	proc_switch_from(prev);
	proc_switch_to(next);
	arch_switch(&prev->ksp, next->ksp);
	thr_reap();
}

/* The running thread stops but stays ready: back on the queue, then switch. */
static void sched_requeue_and_switch(void)
{
	struct thr *cur = sched_cur;

	if (cur != sched_idle_thr) {
		SCHED_CALL_VOID(sched_policy->stopped(cur));
		sched_ready(cur);
	}
	sched_switch();
}

void thr_yield(void)
{
	uint64_t flags = arch_irq_save();

	sched_requeue_and_switch();
	arch_irq_restore(flags);
}
KERN_EXPORT(thr_yield);

void sched_tick(void)
{
	struct thr *cur = sched_cur;

	kern_realtime_tick();
	if (cur == NULL)
		return;
	cur->runtime++;
	if (cur != sched_idle_thr && SCHED_CALL(sched_policy->tick(cur)))
		sched_need = 1;
}
KERN_EXPORT(sched_tick);

void sched_preempt(void)
{
	if (sched_need && sched_cur)
		sched_requeue_and_switch();
}

void sched_setup(struct thr *t)
{
	SCHED_CALL_VOID(sched_policy->setup(t));
}

/*
 * The policy re-places the thread: off its queue, set up again from class
 * and nice, back on the queue if it is ready. setup() also reinitialises
 * t->link, which a sleeping (or dead) thread has on its sleep (or zombie)
 * list, so that link is kept across the call: its neighbours still point
 * at it. A running thread is on no queue; it gets its new parameters now
 * and the policy queues it when it stops.
 */
void thr_set_nice(struct thr *t, long nice)
{
	uint64_t flags = arch_irq_save();
	struct list_node link;

	nice = nice < THR_NICE_MIN ? THR_NICE_MIN : nice > THR_NICE_MAX ? THR_NICE_MAX : nice;
	rspin_lock(&sched_lock);
	sched_policy->dequeue(t);
	t->nice = nice;
	link = t->link;
	sched_policy->setup(t);
	if (t->state == THR_READY) {
		sched_policy->enqueue(t);
		if (t != sched_cur && sched_policy->preempts(t, sched_cur))
			sched_need = 1; /* now better than the running thread */
	} else {
		t->link = link;
	}
	rspin_unlock(&sched_lock);
	arch_irq_restore(flags);
}
KERN_EXPORT(thr_set_nice);

/* Block the running thread (already off every run queue) and switch. */
void sched_block(void)
{
	SCHED_CALL_VOID(sched_policy->stopped(sched_cur));
	sched_switch();
}

static void sched_migrate(const struct sched_ops *from, const struct sched_ops *to)
{
	struct thr *t;

	while ((t = from->pick()) != NULL) {
		to->setup(t);
		to->enqueue(t);
	}
}

/* The ready threads move to the new policy, all under the lock. */
static void sched_adopt(const struct sched_ops *to)
{
	rspin_lock(&sched_lock);
	sched_migrate(sched_policy, to);
	to->setup(sched_cur);
	sched_policy = to;
	rspin_unlock(&sched_lock);
}

static int sched_attach(const void *resolved)
{
	sched_adopt(resolved);
	return 0;
}

/* The provider's init failed after registering: back to the Zero scheduler. */
static void sched_detach(void)
{
	sched_adopt(&zero_sched_ops);
}

/* A policy that leaves out preempts() never preempts on a wakeup. */
static int sched_default_preempts(const struct thr *woken, const struct thr *running)
{
	(void)woken;
	(void)running;
	return 0;
}

static const struct sched_ops sched_defaults = {
	.version = SCHED_OPS_VERSION,
	.preempts = sched_default_preempts,
};

ROLE_DEFINE(sched_role, .name = "sched", .version = SCHED_OPS_VERSION,
	    .ops_size = sizeof(struct sched_ops), .optional = ROLE_OPT(struct sched_ops, preempts),
	    .null_ops = &zero_sched_ops, .defaults = &sched_defaults, .resolved = &sched_resolved,
	    .current = (const void **)&sched_policy, .pinned = true, .builtin = "zero",
	    .attach = sched_attach, .detach = sched_detach);

int sched_register(const struct sched_ops *ops)
{
	return role_register(&sched_role, ops);
}
KERN_EXPORT(sched_register);

void sched_print(void)
{
	for (unsigned i = 0; i < module_count(); i++) {
		const struct module *m = module_at(i);

		if (strcmp(m->role, "sched") == 0 && m->state == MODULE_REFUSED)
			printk(
			    "sched: module %s was refused (%s); the built-in Zero scheduler runs\n",
			    m->name, m->reason);
	}
	printk("sched: %s scheduler%s, %s\n", sched_provider(),
	       role_module("sched") ? "" : " (built in)",
	       tmr_hz() ? "preemptive on the tmr tick"
			: "no tmr provider: threads switch only when they block or yield");
}
