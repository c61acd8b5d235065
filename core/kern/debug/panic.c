/*
 * panic(): the one way the kernel stops on a fatal error. It prints the
 * reason and a symbolised backtrace, then halts, or under panic=exit leaves
 * the emulator with a failure status so a test harness sees it at once.
 * A panic inside a panic only halts.
 */
#include <stdarg.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/fmt.h>
#include <core/ksym.h>
#include <core/module.h>
#include <kern/panic.h>
#include <kern/printk.h>

#define PANIC_FRAMES 16

extern const struct ksym_table ksym_kernel;
extern char _text_start[], _text_end[];

static int panic_exit;
static int panic_depth;

void panic_set_exit(int exit_emulator)
{
	panic_exit = exit_emulator;
}

/* The kernel's text by its symbol table; a module's by the module's. */
const char *panic_symbol(uint64_t addr)
{
	static char buf[128];
	int n = fmt_snprintf(buf, sizeof(buf), "%#018lx ", addr);

	if ((addr < (uint64_t)_text_start || addr >= (uint64_t)_text_end) &&
	    module_addr_name(addr, buf + n, sizeof(buf) - n) > 0)
		return buf;
	ksym_format(&ksym_kernel, addr, buf + n, sizeof(buf) - n);
	return buf;
}

static void panic_frame(uint64_t pc, void *arg)
{
	unsigned *i = arg;

	/* A return address points after the call; pc - 1 is inside it. */
	pr_err("  #%u %s\n", (*i)++, panic_symbol(pc - 1));
}

void panic_backtrace_from(uint64_t fp, const uint64_t *pcs, unsigned npcs)
{
	unsigned i = 0;

	pr_err("backtrace:\n");
	for (; i < npcs; i++)
		pr_err("  #%u %s\n", i, panic_symbol(pcs[i]));
	arch_backtrace(fp ? fp : (uint64_t)__builtin_frame_address(0), PANIC_FRAMES, panic_frame,
		       &i);
}

static __attribute__((noreturn)) void panic_va(int backtrace, const char *fmt, va_list ap)
{
	arch_irq_disable();
	if (panic_depth++ == 0) {
		pr_err("\npanic: ");
		vprintk_level(LOG_ERR, fmt, ap);
		pr_err("\n");
		if (backtrace)
			panic_backtrace_from(0, NULL, 0);
		pr_err("system halted\n");
	}
	if (panic_exit)
		arch_emu_exit(ARCH_EXIT_PANIC);
	arch_halt();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_va(1, fmt, ap);
}
KERN_EXPORT(panic);

void panic_reported(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_va(0, fmt, ap);
}
