/**
 * @file kern/console.h
 * @brief The kernel consoles, raw: what /dev/console writes and reads.
 * @ingroup io
 *
 * printk() formats, logs and filters by level; these calls do none of
 * that. Output goes to every early console (serial and screen) as is;
 * input is the serial console's bytes, one at a time, which its interrupt
 * handler drains.
 */
#ifndef KERN_CONSOLE_H_
#define KERN_CONSOLE_H_

#include <stddef.h>

/**
 * @brief Write bytes to every kernel console, without logging them.
 *
 * Context: any, also an interrupt handler (echo). Interrupts are off on
 * this CPU during the write, so the bytes do not tear with a printk line.
 * @param s the bytes. @param n how many.
 */
void console_write(const char *s, size_t n);

/**
 * @brief Turn on interrupt-driven console input.
 *
 * Context: a thread. The caller installs the handler (irq_register) on
 * the line returned; each interrupt means bytes wait for console_getc().
 * @return the interrupt line, or -1 when there is no console input.
 */
int console_rx_enable(void);

/**
 * @brief Take one byte of console input without waiting.
 *
 * Context: any (the input interrupt handler, typically).
 * @return the byte (0-255), or -1 when none is waiting.
 */
int console_getc(void);

#endif /* KERN_CONSOLE_H_ */
