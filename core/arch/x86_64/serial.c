/*
 * COM1 at 115200 baud, 8N1, polled. Output waits for the transmit holding
 * register with a bounded loop so that a missing UART cannot hang the
 * kernel; input is read by polling the line status register, and once
 * arch_serial_rx_enable() is called the UART also raises IRQ 4 whenever
 * received data is waiting (the 16550 keeps the interrupt pending until
 * the receive buffer register is read empty).
 */
#include <stdbool.h>
#include <stddef.h>

#include <machine/console.h>
#include <machine/cpufunc.h>

#define COM1	       0x3f8
#define UART_DATA      0
#define UART_IER       1
#define UART_FCR       2
#define UART_LCR       3
#define UART_MCR       4
#define UART_LSR       5
#define UART_SCR       7
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define IER_RX_DATA    0x01
#define COM1_IRQ       4
#define SERIAL_SPIN    100000

static bool serial_present;

void arch_serial_init(void)
{
	arch_outb(COM1 + UART_SCR, 0x5a);
	if (arch_inb(COM1 + UART_SCR) != 0x5a)
		return;
	arch_outb(COM1 + UART_IER, 0x00);
	arch_outb(COM1 + UART_LCR, 0x80);  /* DLAB on */
	arch_outb(COM1 + UART_DATA, 0x01); /* divisor 1: 115200 baud */
	arch_outb(COM1 + UART_IER, 0x00);
	arch_outb(COM1 + UART_LCR, 0x03); /* 8N1, DLAB off */
	arch_outb(COM1 + UART_FCR, 0xc7); /* FIFO on, cleared, 14-byte threshold */
	arch_outb(COM1 + UART_MCR, 0x0b); /* DTR, RTS, OUT2 */
	serial_present = true;
}

static void serial_putc(char c)
{
	for (int i = 0; i < SERIAL_SPIN; i++)
		if (arch_inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
	arch_outb(COM1 + UART_DATA, (unsigned char)c);
}

void arch_serial_write(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int arch_serial_getc(void)
{
	if (!serial_present || !(arch_inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return arch_inb(COM1 + UART_DATA);
}

int arch_serial_rx_enable(void)
{
	if (!serial_present)
		return -1;
	arch_outb(COM1 + UART_IER, IER_RX_DATA);
	return COM1_IRQ;
}
