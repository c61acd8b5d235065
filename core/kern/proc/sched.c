/*
 * Scheduling mechanism: the running thread, the idle thread, switching,
 * preemption on the tick, and the choice of policy. Policy (which ready
 * thread runs next) is a struct sched_ops: the built-in Zero scheduler, or
 * a module's (`sched=<name>`). Everything here runs with interrupts off.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/cpu.h>
#include <arch/desc.h>
#include <arch/thread.h>
#include <kern/kmod.h>
#include <core/module.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/thr_priv.h>

extern char kstack_boot_bottom[], kstack_boot_top[];

static const struct sched_ops *sched_policy;
static const char *sched_name = "zero";
static struct thr *sched_cur;
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
	return sched_name;
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

	sched_policy = sched_zero_ops();
	memcpy(t0->name, "boot", 5);
	t0->class = THR_CLASS_USER;
	t0->kstk = (uint64_t)kstack_boot_bottom;
	t0->kstk_size = kstack_boot_top - kstack_boot_bottom;
	t0->state = THR_RUNNING;
	sched_policy->setup(t0);
	sched_cur = t0;
	sched_idle_thr = thr_alloc("idle", sched_idle_loop, NULL, THR_CLASS_IDLE, 0);
	if (sched_idle_thr == NULL)
		panic("sched: cannot create the idle thread");
}

void sched_ready(struct thr *t)
{
	t->state = THR_READY;
	sched_policy->enqueue(t);
	if (sched_cur == sched_idle_thr ||
	    (sched_policy->preempts && sched_policy->preempts(t, sched_cur)))
		sched_need = 1;
}
KERN_EXPORT(sched_ready);

void sched_switch(void)
{
	struct thr *prev = sched_cur;
	struct thr *next = sched_policy->pick();

	if (next == NULL)
		next = sched_idle_thr;
	sched_need = 0;
	if (next == prev) {
		prev->state = THR_RUNNING;
		return;
	}
	next->state = THR_RUNNING;
	sched_cur = next;
	sched_nswitch++;
	arch_set_kstack(next->kstk + next->kstk_size);
	arch_switch(&prev->ksp, next->ksp);
	thr_reap();
}

/* The running thread stops but stays ready: back on the queue, then switch. */
static void sched_requeue_and_switch(void)
{
	struct thr *cur = sched_cur;

	if (cur != sched_idle_thr) {
		sched_policy->stopped(cur);
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

	if (cur == NULL)
		return;
	cur->runtime++;
	if (cur != sched_idle_thr && sched_policy->tick(cur))
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
	sched_policy->setup(t);
}

/* Block the running thread (already off every run queue) and switch. */
void sched_block(void)
{
	sched_policy->stopped(sched_cur);
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

/* The provider's init failed after registering: back to the Zero scheduler. */
static void sched_drop(void)
{
	uint64_t flags = arch_irq_save();

	sched_migrate(sched_policy, sched_zero_ops());
	sched_zero_ops()->setup(sched_cur);
	sched_policy = sched_zero_ops();
	sched_name = "zero";
	arch_irq_restore(flags);
}

int sched_register(const struct sched_ops *ops)
{
	const struct module *m = module_current();
	uint64_t flags;
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != SCHED_OPS_VERSION || !ops->setup || !ops->enqueue ||
	    !ops->dequeue || !ops->pick || !ops->tick || !ops->stopped)
		return -EINVAL;
	rc = role_claim("sched", m->name, true, sched_drop);
	if (rc)
		return rc;
	flags = arch_irq_save();
	sched_migrate(sched_policy, ops);
	ops->setup(sched_cur);
	sched_policy = ops;
	sched_name = m->name;
	arch_irq_restore(flags);
	return 0;
}
KERN_EXPORT(sched_register);

void sched_print(void)
{
	for (unsigned i = 0; i < module_count(); i++) {
		const struct module *m = module_at(i);

		if (strcmp(m->role, "sched") == 0 && m->state == MODULE_REFUSED &&
		    strncmp(m->reason, "not chosen", 10) != 0)
			printk(
			    "sched: module %s was refused (%s); the built-in Zero scheduler runs\n",
			    m->name, m->reason);
	}
	printk("sched: %s scheduler%s, %s\n", sched_name,
	       strcmp(sched_name, "zero") == 0 ? " (built in)" : "",
	       tmr_hz() ? "preemptive on the tmr tick"
			: "no tmr provider: threads switch only when they block or yield");
}
