/*
 * The thread report: every thread with its state, what it sleeps on and
 * where it stopped (a backtrace from the frame arch_switch() saved), the
 * interrupted one from the trap frame. A non-maskable interrupt asks for
 * it (QEMU's monitor command `nmi`; the test harness sends one to a hung
 * guest before it kills it), so it runs wherever the kernel was stopped,
 * perhaps holding any lock: it takes none. The list of threads is read as
 * it is (records are never freed, only reused, so the walk stays in
 * thread records; a thread created or reaped meanwhile may be missed),
 * and printk() does not lock. Addresses in a module are named from the
 * module file's symbol table (module_addr_name(), as panic_symbol() does).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/thread.h>
#include <arch/trap.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <core/debug.h>
#include <core/module.h>
#include <core/proc.h>
#include <core/thr_priv.h>

#define THR_REPORT_FRAMES 12
#define THR_REPORT_MAX	  512 /* threads printed at most: a cut list stays finite */

static const char *thr_report_state(const struct thr *t)
{
	switch (t->state) {
	case THR_READY:
		return "ready";
	case THR_RUNNING:
		return "running";
	case THR_SLEEPING:
		return "sleeping";
	case THR_ZOMBIE:
		return "dead";
	default:
		return "free";
	}
}

/* One return address (pc - 1 is in the call). */
static void thr_report_pc(uint64_t pc, void *arg)
{
	unsigned *i = arg;

	pr_err("      #%u %s\n", (*i)++, panic_symbol(pc - 1));
}

static void thr_report_trace(uint64_t fp, uint64_t pc, uint64_t lo, uint64_t hi)
{
	unsigned i = 0;

	thr_report_pc(pc + 1, &i); /* an exact address: thr_report_pc() looks at pc - 1 */
	if (fp >= lo && fp < hi)
		arch_backtrace(fp, THR_REPORT_FRAMES, thr_report_pc, &i);
}

/* A mutex waiter: the mutex and its holder (a deadlock shows as a cycle). */
static void thr_report_mutex(const struct thr *t)
{
	const struct mutex *m = t->wmutex;
	const struct thr *owner;

	if (m == NULL || (uintptr_t)m != t->wchan)
		return;
	owner = __atomic_load_n(&m->owner, __ATOMIC_RELAXED);
	pr_err(", mutex '%s'", m->name ? m->name : "?");
	if (owner)
		pr_err(" held by tid %ld", owner->id);
}

static void thr_report_one(const struct thr *t, const struct trap_frame *tf)
{
	uint64_t fp, pc, lo = t->kstk, hi = t->kstk + t->kstk_size;

	if (t->proc) /* a user thread's own name is its process's at fork */
		pr_err("  tid %ld pid %ld '%s'", t->id, t->proc->pid, t->proc->name);
	else
		pr_err("  tid %ld '%s'", t->id, t->name);
	pr_err(" %s", thr_report_state(t));
	if (t->state == THR_SLEEPING) {
		char name[96];

		pr_err(" on %#lx", (unsigned long)t->wchan);
		if (module_addr_name(t->wchan, name, sizeof(name)) > 0)
			pr_err(" (%s)", name);
		thr_report_mutex(t);
	}
	pr_err("\n");
	if (t == thr_current() && tf) {
		if (arch_trap_from_user(tf)) {
			pr_err("      in user mode at %#lx\n", arch_trap_pc(tf));
			return;
		}
		thr_report_trace(arch_trap_fp(tf), arch_trap_pc(tf), lo, hi);
		return;
	}
	if ((t->state == THR_READY || t->state == THR_SLEEPING) && t->ksp >= lo &&
	    t->ksp + 7 * sizeof(uint64_t) <= hi && arch_thread_saved(t->ksp, &fp, &pc) == 0)
		thr_report_trace(fp, pc - 1, lo, hi);
}

void thr_report(const struct trap_frame *tf)
{
	const struct list_node *pos;
	unsigned n = 0;

	pr_err("\nthread report (interrupted at %s):\n", tf ? panic_symbol(arch_trap_pc(tf)) : "-");
	for (pos = thr_all.next; pos && pos != &thr_all && n < THR_REPORT_MAX; pos = pos->next, n++)
		thr_report_one(list_entry(pos, struct thr, all), tf);
	pr_err("thread report: %u threads\n", n);
}
