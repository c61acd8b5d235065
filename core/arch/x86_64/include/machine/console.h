/**
 * @file machine/console.h
 * @brief Early console devices of the PC: COM1 serial and VGA text.
 * @ingroup arch
 */
#ifndef MACHINE_CONSOLE_H_
#define MACHINE_CONSOLE_H_

#include <stddef.h>

/** @brief Probe COM1 and set it to 115200 baud, 8N1, FIFO on. */
void arch_serial_init(void);

/**
 * @brief Write bytes to COM1, turning "\n" into "\r\n".
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_serial_write(const char *s, size_t n);

/**
 * @brief Write bytes to COM1 as they are.
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_serial_write_raw(const char *s, size_t n);

/**
 * @brief Read one byte from COM1 without waiting.
 * @return the byte (0-255), or -1 if none is ready or there is no UART.
 */
int arch_serial_getc(void);

/**
 * @brief Make COM1 raise IRQ 4 when a byte arrives (IER: received data available).
 * @return 4, or -1 if there is no UART.
 */
int arch_serial_rx_enable(void);

/** @brief Clear the VGA text screen and home the cursor. */
void arch_vga_init(void);

/**
 * @brief Write bytes to the VGA text screen, "\n" as CR LF, through its
 *        terminal (vga_term.h).
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_vga_write(const char *s, size_t n);

/**
 * @brief Write bytes to the VGA text screen's terminal as they are ("\n"
 *        only moves down; see machine/vga_term.h).
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_vga_write_raw(const char *s, size_t n);

/**
 * @brief Turn on the PS/2 keyboard's interrupt (i8042, translated set 1).
 * @return 1 (its interrupt line), or -1 when there is no controller.
 */
int arch_kbd_enable(void);

/**
 * @brief Take one byte from the keyboard without waiting.
 * @return a scancode byte (set 1), or -1 when none waits.
 */
int arch_kbd_getc(void);

#endif /* MACHINE_CONSOLE_H_ */
