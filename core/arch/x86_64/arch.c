/*
 * The x86-64 side of <arch/arch.h>: console fan-out, CPU setup, the
 * emulator exit port and stack walking.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <machine/console.h>
#include <machine/cpufunc.h>
#include <machine/desc.h>
#include <machine/irq.h>

#define DEBUG_EXIT_PORT 0xf4
#define BACKTRACE_SPAN	0x10000
#define CONSOLE_SPIN	100000000L

void arch_console_init(void)
{
	arch_serial_init();
	arch_vga_init();
}

/*
 * The consoles' writers (printk, the tty layer's output and echo) come
 * with interrupts off on their CPU; this flag keeps two CPUs from mixing
 * their bytes and the screen's state. A writer waits a bounded time and
 * then takes the flag over, so a panic (or the NMI's thread report) that
 * cut a write short still gets its message out, waiting once.
 */
static volatile int arch_console_busy;

static int arch_console_lock(void)
{
	for (long i = 0; i < CONSOLE_SPIN; i++)
		if (!__atomic_exchange_n(&arch_console_busy, 1, __ATOMIC_ACQUIRE))
			return 1;
	/* The holder is stuck (or is the code a panic or an NMI's thread
	 * report interrupted): the flag is this writer's now, so the report's
	 * next lines do not wait again. */
	__atomic_store_n(&arch_console_busy, 1, __ATOMIC_RELEASE);
	return 1;
}

static void arch_console_unlock(int held)
{
	if (held)
		__atomic_store_n(&arch_console_busy, 0, __ATOMIC_RELEASE);
}

void arch_console_write(const char *s, size_t n)
{
	int held = arch_console_lock();

	arch_serial_write(s, n);
	arch_vga_write(s, n);
	arch_console_unlock(held);
}

void arch_console_write_raw(const char *s, size_t n)
{
	int held = arch_console_lock();

	arch_serial_write_raw(s, n);
	arch_vga_write_raw(s, n);
	arch_console_unlock(held);
}

int arch_console_kbd_enable(void)
{
	return arch_kbd_enable();
}

int arch_console_kbd_getc(void)
{
	return arch_kbd_getc();
}

int arch_console_rx_enable(void)
{
	return arch_serial_rx_enable();
}

int arch_console_getc(void)
{
	return arch_serial_getc();
}

void arch_cpu_init(void)
{
	arch_desc_init();
	arch_user_init();
	arch_pic_init();
}

void arch_emu_exit(unsigned code)
{
	arch_outl(DEBUG_EXIT_PORT, code);
}

void arch_halt(void)
{
	for (;;) {
		arch_irq_disable();
		arch_wait();
	}
}

/*
 * Frames must lie above the starting frame, within BACKTRACE_SPAN bytes of
 * it (kernel stacks are smaller than that) and be 8-byte aligned; that keeps
 * a smashed stack from sending the walker to unmapped memory.
 */
void arch_backtrace(uint64_t fp, unsigned max, void (*fn)(uint64_t pc, void *arg), void *arg)
{
	uint64_t lo;

	if (fp == 0)
		fp = (uint64_t)__builtin_frame_address(0);
	lo = fp;
	for (unsigned i = 0; i < max; i++) {
		if (fp < lo || fp - lo > BACKTRACE_SPAN || (fp & 7))
			break;
		uint64_t next = ((uint64_t *)fp)[0];
		uint64_t pc = ((uint64_t *)fp)[1];

		if (pc == 0)
			break;
		fn(pc, arg);
		if (next <= fp)
			break;
		fp = next;
	}
}

uint64_t arch_cycles(void)
{
	return arch_rdtsc();
}

void arch_breakpoint(void)
{
	__asm__ volatile("int3");
}
