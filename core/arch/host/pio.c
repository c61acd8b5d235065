/* The host arch has no I/O ports: reads give all ones, writes vanish. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arch/pio.h>

uint8_t arch_pio_in8(uint16_t port)
{
	(void)port;
	return 0xff;
}

void arch_pio_out8(uint16_t port, uint8_t val)
{
	(void)port, (void)val;
}

uint32_t arch_pio_in32(uint16_t port)
{
	(void)port;
	return 0xffffffffu;
}

void arch_pio_out32(uint16_t port, uint32_t val)
{
	(void)port, (void)val;
}

void arch_pio_in16_rep(uint16_t port, void *buf, size_t count)
{
	(void)port;
	memset(buf, 0xff, 2 * count);
}

void arch_pio_out16_rep(uint16_t port, const void *buf, size_t count)
{
	(void)port, (void)buf, (void)count;
}
