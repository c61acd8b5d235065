/*
 * The fake architecture for host tests: the console is a buffer the test
 * can read, the emulator exit and halt end the test process with a status
 * the test can expect, there is no stack walk, and the interrupt controller
 * is a mask the test can read. Console input comes from what a test queues
 * with arch_host_console_input(), keyboard scancodes with
 * arch_host_kbd_input(). The rest of the contract is in mmu.c,
 * thread.c, trap.c and clock.c beside this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/arch.h>

int arch_host_irq_on = 1;
unsigned arch_host_irq_mask = 0xffff;
char arch_host_console[65536];
size_t arch_host_console_len;

void arch_console_init(void)
{
	arch_host_console_len = 0;
}

void arch_console_write(const char *s, size_t n)
{
	size_t room = sizeof(arch_host_console) - 1 - arch_host_console_len;

	if (n > room)
		n = room;
	memcpy(arch_host_console + arch_host_console_len, s, n);
	arch_host_console_len += n;
	arch_host_console[arch_host_console_len] = '\0';
}

/* The host console has no line ending to translate: raw is the same. */
void arch_console_write_raw(const char *s, size_t n)
{
	arch_console_write(s, n);
}

/* Keyboard scancodes for tests: arch_host_kbd_input() queues them. */
static unsigned char arch_host_kbd[256];
static size_t arch_host_kbd_head, arch_host_kbd_tail;

void arch_host_kbd_input(const unsigned char *sc, size_t n)
{
	for (size_t i = 0; i < n && arch_host_kbd_tail - arch_host_kbd_head < sizeof(arch_host_kbd);
	     i++)
		arch_host_kbd[arch_host_kbd_tail++ % sizeof(arch_host_kbd)] = sc[i];
}

int arch_console_kbd_enable(void)
{
	return 1;
}

int arch_console_kbd_getc(void)
{
	if (arch_host_kbd_head == arch_host_kbd_tail)
		return -1;
	return arch_host_kbd[arch_host_kbd_head++ % sizeof(arch_host_kbd)];
}

/* Console input for tests: arch_host_console_input() queues bytes. */
static char arch_host_rx[4096];
static size_t arch_host_rx_head, arch_host_rx_tail;
int arch_host_rx_enabled;

void arch_host_console_input(const char *s, size_t n)
{
	for (size_t i = 0; i < n && arch_host_rx_tail - arch_host_rx_head < sizeof(arch_host_rx);
	     i++)
		arch_host_rx[arch_host_rx_tail++ % sizeof(arch_host_rx)] = s[i];
}

int arch_console_rx_enable(void)
{
	arch_host_rx_enabled = 1;
	return 4;
}

int arch_console_getc(void)
{
	if (arch_host_rx_head == arch_host_rx_tail)
		return -1;
	return (unsigned char)arch_host_rx[arch_host_rx_head++ % sizeof(arch_host_rx)];
}

void arch_cpu_init(void)
{
}

void arch_emu_exit(unsigned code)
{
	exit((int)code);
}

void arch_halt(void)
{
	abort();
}

void arch_backtrace(uint64_t fp, unsigned max, void (*fn)(uint64_t pc, void *arg), void *arg)
{
	(void)fp;
	(void)max;
	(void)fn;
	(void)arg;
}

void arch_breakpoint(void)
{
	abort();
}

uint64_t arch_cycles(void)
{
	return 0;
}

void arch_irq_unmask(unsigned irq)
{
	if (irq < 16)
		arch_host_irq_mask &= ~(1u << irq);
}

void arch_irq_mask(unsigned irq)
{
	if (irq < 16)
		arch_host_irq_mask |= 1u << irq;
}

int arch_irq_ack(unsigned irq)
{
	return irq < 16;
}

uint64_t arch_rtc_seconds(void)
{
	return 1764547200; /* a fixed instant for host tests: 2025-12-01 00:00 UTC */
}

void arch_reboot(void)
{
	abort();
}
