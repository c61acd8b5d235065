/* Host tests of trap_dispatch(), the generic trap policy, on the fake
 * arch's trap frames: interrupts go to the irq table and preempt, the tick
 * to the clock, page faults to vm with the right access, and what vm
 * cannot resolve (and every other exception) ends in a fatal report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <arch/clock.h>
#include <arch/trap.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/vm.h>
#include <machine/trap.h>

static unsigned irqs_seen, last_irq, preempts, ticks, faults;
static uint64_t fault_addr;
static unsigned fault_access;
static int fault_result;
static char report[4096];
static jmp_buf fatal_jmp;

void irq_dispatch(unsigned irq)
{
	irqs_seen++;
	last_irq = irq;
}

void sched_preempt(void)
{
	preempts++;
}

int vm_trap_fault(uint64_t addr, unsigned access)
{
	faults++;
	fault_addr = addr;
	fault_access = access;
	return fault_result;
}

struct vm_space *vm_current(void)
{
	return NULL;
}

int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	(void)s;
	(void)addr;
	snprintf(buf, len, "[fake]");
	return 0;
}

/* The running thread: a kernel thread unless a test gives it a process. */
static struct thr fake_thr;
static int syscalls, signal_faults, deliveries, reports;
static const struct trap_frame *report_tf;

/* The core's running thread, which the system-call fast path reads inline. */
struct thr *sched_cur = &fake_thr;

struct thr *thr_current(void)
{
	return &fake_thr;
}

void syscall_trap(struct trap_frame *tf)
{
	(void)tf;
	syscalls++;
}

void signal_fault(struct trap_frame *tf)
{
	(void)tf;
	signal_faults++;
}

void signal_fault_as(struct trap_frame *tf, int sig)
{
	(void)sig;
	signal_fault(tf);
}

void thr_report(const struct trap_frame *tf)
{
	reports++;
	report_tf = tf;
}

void signal_deliver(struct trap_frame *tf)
{
	(void)tf;
	deliveries++;
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(report);
	int r;

	(void)level;
	va_start(ap, fmt);
	r = vsnprintf(report + n, sizeof(report) - n, fmt, ap);
	va_end(ap);
	return r;
}

const char *panic_symbol(uint64_t addr)
{
	(void)addr;
	return "fn+0x1";
}

void panic_backtrace_from(uint64_t fp, const uint64_t *pcs, unsigned npcs)
{
	(void)fp;
	(void)pcs;
	(void)npcs;
}

void panic_reported(const char *fmt, ...)
{
	(void)fmt;
	longjmp(fatal_jmp, 1);
}

static void tick(void)
{
	ticks++;
}

static int reset(void **state)
{
	(void)state;
	irqs_seen = last_irq = preempts = ticks = faults = 0;
	syscalls = signal_faults = deliveries = reports = 0;
	report_tf = NULL;
	fake_thr.proc = NULL;
	fake_thr.utf = NULL;
	fault_result = 0;
	report[0] = '\0';
	return 0;
}

static void test_irq_and_tick(void **state)
{
	struct trap_frame irq = { .kind = TRAP_KIND_IRQ, .vector = 0x24, .irq = 4 };
	struct trap_frame clk = { .kind = TRAP_KIND_CLOCK, .vector = 0x30 };
	struct trap_frame spur = { .kind = TRAP_KIND_SPURIOUS, .vector = 0xff };

	(void)state;
	trap_dispatch(&irq);
	assert_int_equal(irqs_seen, 1);
	assert_int_equal(last_irq, 4);
	assert_int_equal(preempts, 1);
	arch_clock_start(100, tick, 0);
	trap_dispatch(&clk);
	assert_int_equal(ticks, 1);
	assert_int_equal(preempts, 2);
	trap_dispatch(&spur);
	assert_int_equal(preempts, 2);
	assert_int_equal(irqs_seen, 1);
}

static void test_page_fault_resolved(void **state)
{
	struct trap_frame pf = { .kind = TRAP_KIND_PAGE_FAULT,
				 .vector = 14,
				 .fault_addr = 0x401000,
				 .fault_access = VM_WRITE,
				 .user = 1,
				 .fault_user = 1 };

	(void)state;
	trap_dispatch(&pf);
	assert_int_equal(faults, 1);
	assert_int_equal(fault_addr, 0x401000);
	assert_int_equal(fault_access, VM_WRITE | VM_FAULT_USER);
	assert_string_equal(report, "");
}

static void test_page_fault_fatal(void **state)
{
	struct trap_frame pf = { .kind = TRAP_KIND_PAGE_FAULT,
				 .vector = 14,
				 .error = 2,
				 .fault_addr = 0x1000,
				 .fault_access = VM_READ };

	(void)state;
	fault_result = -14;
	if (setjmp(fatal_jmp) == 0) {
		trap_dispatch(&pf);
		fail_msg("a kernel page fault at a user address outside a user copy must be fatal");
	}
	/* The kernel touches user memory only in copyin() and friends: vm is
	 * not asked to resolve a stray access (with SMAP it is the CPU's refusal). */
	assert_int_equal(faults, 0);
	assert_non_null(strstr(report, "fatal trap: TRAPPF (vector 0xe, page fault), error 0x2, "
				       "in kernel mode\n"));
	assert_non_null(strstr(report, "  rip fn+0x1\n"));
	assert_non_null(strstr(report, "  address 0x1000 is in region [fake]\n"));
}

/* In a user copy, a fault vm cannot resolve resumes at the copy's fixup. */
static void test_page_fault_in_user_copy(void **state)
{
	struct trap_frame pf = { .kind = TRAP_KIND_PAGE_FAULT,
				 .vector = 14,
				 .pc = 0x100,
				 .fault_addr = 0x2000,
				 .fault_access = VM_WRITE,
				 .fixup = 0x200 };

	(void)state;
	fault_result = -14;
	if (setjmp(fatal_jmp) == 0)
		trap_dispatch(&pf);
	else
		fail_msg("a fault in a user copy must not be fatal");
	assert_int_equal(faults, 1);
	assert_int_equal(pf.pc, 0x200);
	assert_string_equal(report, "");
}

/* From user mode: calls to the gate, faults to signals, then delivery. */
static void test_user_traps(void **state)
{
	struct trap_frame sys = { .kind = TRAP_KIND_SYSCALL, .vector = 0x80, .user = 1 };
	struct trap_frame pf = { .kind = TRAP_KIND_PAGE_FAULT,
				 .vector = 14,
				 .user = 1,
				 .fault_addr = 0x1000,
				 .fault_access = VM_READ,
				 .fault_user = 1 };
	struct trap_frame ud = { .kind = TRAP_KIND_FAULT, .vector = 6, .user = 1 };

	(void)state;
	fake_thr.proc = (struct proc *)&fake_thr; /* any non-NULL process */
	trap_dispatch(&sys);
	assert_int_equal(syscalls, 1);
	assert_ptr_equal(fake_thr.utf, &sys);
	fault_result = 0;
	trap_dispatch(&pf); /* resolved: no signal */
	assert_int_equal(signal_faults, 0);
	fault_result = -14;
	trap_dispatch(&pf); /* unresolved: a signal, not a panic */
	trap_dispatch(&ud);
	assert_int_equal(signal_faults, 2);
	assert_int_equal(deliveries, 4);
	assert_string_equal(report, "");
}

static void test_corrupt_table_and_other_faults(void **state)
{
	struct trap_frame rsvd = { .kind = TRAP_KIND_PAGE_FAULT, .vector = 14, .fault_access = -1 };
	struct trap_frame bp = { .kind = TRAP_KIND_BREAKPOINT, .vector = 3 };

	(void)state;
	if (setjmp(fatal_jmp) == 0) {
		trap_dispatch(&rsvd);
		fail_msg("a reserved-bit page fault must be fatal");
	}
	assert_int_equal(faults, 0);
	report[0] = '\0';
	if (setjmp(fatal_jmp) == 0) {
		trap_dispatch(&bp);
		fail_msg("a kernel breakpoint must be fatal");
	}
	assert_non_null(strstr(report, "fatal trap: TRAP? (vector 0x3"));
	assert_null(strstr(report, "address"));
}

/* An NMI, from kernel or user mode, prints the thread report and goes on:
 * no panic, no signal, no preemption, no delivery. */
static void test_nmi_reports(void **state)
{
	struct trap_frame kern = { .kind = TRAP_KIND_NMI, .vector = 2 };
	struct trap_frame user = { .kind = TRAP_KIND_NMI, .vector = 2, .user = 1 };

	(void)state;
	if (setjmp(fatal_jmp) != 0)
		fail_msg("an NMI must not be fatal");
	trap_dispatch(&kern);
	assert_int_equal(reports, 1);
	assert_ptr_equal(report_tf, &kern);
	fake_thr.proc = (struct proc *)&fake_thr;
	trap_dispatch(&user);
	assert_int_equal(reports, 2);
	assert_ptr_equal(report_tf, &user);
	assert_int_equal(signal_faults + deliveries + preempts + syscalls, 0);
	assert_string_equal(report, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_irq_and_tick, reset),
		cmocka_unit_test_setup(test_page_fault_resolved, reset),
		cmocka_unit_test_setup(test_page_fault_fatal, reset),
		cmocka_unit_test_setup(test_page_fault_in_user_copy, reset),
		cmocka_unit_test_setup(test_user_traps, reset),
		cmocka_unit_test_setup(test_corrupt_table_and_other_faults, reset),
		cmocka_unit_test_setup(test_nmi_reports, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
