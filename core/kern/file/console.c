/*
 * The raw kernel consoles for the io module's /dev/console: the arch's
 * console output (as printk writes it, or raw), serial and keyboard input, behind exported calls so
 * that modules need not reach the arch (whose functions are not exported).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/console.h>
#include <kern/kmod.h>

void console_write(const char *s, size_t n)
{
	uint64_t flags = arch_irq_save();

	arch_console_write(s, n);
	arch_irq_restore(flags);
}
KERN_EXPORT(console_write);

void console_write_raw(const char *s, size_t n)
{
	uint64_t flags = arch_irq_save();

	arch_console_write_raw(s, n);
	arch_irq_restore(flags);
}
KERN_EXPORT(console_write_raw);

int console_kbd_enable(void)
{
	return arch_console_kbd_enable();
}
KERN_EXPORT(console_kbd_enable);

int console_kbd_getc(void)
{
	return arch_console_kbd_getc();
}
KERN_EXPORT(console_kbd_getc);

int console_rx_enable(void)
{
	return arch_console_rx_enable();
}
KERN_EXPORT(console_rx_enable);

int console_getc(void)
{
	return arch_console_getc();
}
KERN_EXPORT(console_getc);
