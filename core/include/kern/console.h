/**
 * @file kern/console.h
 * @brief The kernel consoles, raw: what /dev/console writes and reads.
 * @ingroup io
 *
 * printk() formats, logs and filters by level; these calls do none of
 * that. Output goes to every early console (serial and screen); input
 * is the serial console's bytes and the keyboard's scancodes, one at a
 * time, which their interrupt handlers drain.
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
 * @brief Write bytes to every kernel console exactly as they are.
 *
 * The tty layer's output: "\n" is not turned into "\r\n" (its output
 * processing does that when the terminal's settings ask), and the screen
 * interprets the VT100 sequences it knows. Context: any, also an
 * interrupt handler (echo).
 * @param s the bytes. @param n how many.
 */
void console_write_raw(const char *s, size_t n);

/**
 * @brief Turn on the interrupt of the screen console's keyboard.
 *
 * Context: a thread. The caller installs the handler on the line
 * returned and drains console_kbd_getc() in it.
 * @return the interrupt line, or -1 when there is no keyboard.
 */
int console_kbd_enable(void);

/**
 * @brief Take one keyboard byte without waiting.
 *
 * Context: any (the keyboard's interrupt handler, typically).
 * @return a scancode byte (PC set 1), or -1 when none waits.
 */
int console_kbd_getc(void);

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
