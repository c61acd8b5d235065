/*
 * Deliberate faults for testing the fault report:
 * crash=pf|ud|de|gp|bp|guard|stack|panic|sleep.
 * Each is in its own non-inlined function so the backtrace has a
 * recognisable frame (boot_crash_<kind>) to show.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <core/boot.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/panic.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/vm.h>
#include <uapi/errno.h>

/* Below the canonical hole, far above any RAM the boot tables map. */
#define CRASH_UNMAPPED	   0x00007fff00000000ULL
#define CRASH_NONCANONICAL 0x8000000000000000ULL

static __attribute__((noinline)) void boot_crash_pf(void)
{
	*(volatile uint64_t *)CRASH_UNMAPPED = 0xdead;
}

static __attribute__((noinline)) void boot_crash_gp(void)
{
	*(volatile uint64_t *)CRASH_NONCANONICAL = 0xdead;
}

static __attribute__((noinline)) void boot_crash_ud(void)
{
	__builtin_trap();
}

static __attribute__((noinline)) void boot_crash_de(void)
{
	/* Both operands volatile: the compiler must emit a real division
	 * (1 / x alone becomes a compare-and-select). */
	volatile unsigned long num = 1, den = 0;
	volatile unsigned long q = num / den;

	(void)q;
}

static __attribute__((noinline)) void boot_crash_bp(void)
{
	arch_breakpoint();
}

/* A kernel access to a guard page of a user space: the report names the region. */
static __attribute__((noinline)) void boot_crash_guard(void)
{
	struct vm_space *s = vm_space_create();
	uint64_t addr = 0;

	if (s == NULL || vm_map(s, &addr, 4096, VM_READ | VM_WRITE, VM_PRIVATE | VM_GUARD) != 0)
		panic("crash=guard needs the vm module");
	vm_activate(s);
	*(volatile uint64_t *)(addr + 0x10) = 0xdead;
}

/* Recursion a million deep in a kernel thread runs into its guard page. */
static __attribute__((noinline)) uint64_t boot_crash_recurse(volatile uint64_t depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth > 1000000)
		return 0;
	return boot_crash_recurse(depth + 1) + pad[0];
}

static void boot_crash_stack_thread(void *arg)
{
	(void)arg;
	boot_crash_recurse(0);
}

static __attribute__((noinline)) void boot_crash_stack(void)
{
	if (thr_create("deep", boot_crash_stack_thread, NULL, THR_CLASS_RT, 0) == NULL)
		panic("crash=stack: cannot create a thread");
	thr_yield();
	panic("crash=stack: the recursing thread came back");
}

/* A call that may sleep (mem_alloc takes the mem role's mutex) with a
 * spinlock held: the wrapper's context check must stop it at the call. */
static __attribute__((noinline)) void boot_crash_sleep(void)
{
	static struct spinlock l = SPINLOCK_INIT("crash");

	spin_lock(&l);
	mem_free(mem_alloc(64));
	spin_unlock(&l);
	panic("crash=sleep: a sleeping call with a spinlock held was not caught");
}

static __attribute__((noinline)) void boot_crash_panic(void)
{
	panic("deliberate panic from crash=panic");
}

int boot_crash(const char *kind)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} kinds[] = {
		{ "pf", boot_crash_pf },       { "gp", boot_crash_gp },
		{ "ud", boot_crash_ud },       { "de", boot_crash_de },
		{ "bp", boot_crash_bp },       { "panic", boot_crash_panic },
		{ "guard", boot_crash_guard }, { "stack", boot_crash_stack },
		{ "sleep", boot_crash_sleep },
	};

	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kind, kinds[i].name) == 0) {
			kinds[i].fn();
			return 0;
		}
	}
	return -EINVAL;
}
