/*
 * COM1 at 115200 baud, 8N1, with both FIFOs on. Output waits for room in
 * the transmit FIFO with a bounded loop so that a missing UART cannot hang
 * the kernel: when the line status register says the transmitter is empty,
 * the 16 bytes of the FIFO can be written without looking again. Input is
 * read by polling the line status register; once arch_serial_rx_enable()
 * is called the UART also raises IRQ 4 whenever received data waits (the
 * receive FIFO's trigger level, or its timeout for a short burst), and the
 * interrupt stays pending until the handler has read the FIFO empty, which
 * it does in one go (arch_serial_getc() until -1). A pasted line at 115200
 * baud thus costs one interrupt per 8 bytes or so, far from the 16-byte
 * limit of the FIFO.
 *
 * The caller serialises the writers (arch.c's console lock), so
 * serial_room needs no lock of its own.
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
#define SERIAL_TX_FIFO 16

static bool serial_present;
static unsigned serial_room; /* bytes the transmit FIFO surely takes */

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
	arch_outb(COM1 + UART_FCR, 0x87); /* FIFOs on, cleared, receive trigger at 8 bytes */
	arch_outb(COM1 + UART_MCR, 0x0b); /* DTR, RTS, OUT2 */
	serial_present = true;
}

static void serial_putc(char c)
{
	if (serial_room == 0) {
		for (int i = 0; i < SERIAL_SPIN; i++)
			if (arch_inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
				break;
		serial_room = SERIAL_TX_FIFO;
	}
	serial_room--;
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

void arch_serial_write_raw(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++)
		serial_putc(s[i]);
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
