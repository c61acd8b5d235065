/* I/O ports for modules (arch/pio.h): the in and out instructions. */
#include <stddef.h>
#include <stdint.h>

#include <arch/pio.h>
#include <kern/kmod.h>

uint8_t arch_pio_in8(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
KERN_EXPORT(arch_pio_in8);

void arch_pio_out8(uint16_t port, uint8_t val)
{
	__asm__ volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}
KERN_EXPORT(arch_pio_out8);

uint32_t arch_pio_in32(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
KERN_EXPORT(arch_pio_in32);

void arch_pio_out32(uint16_t port, uint32_t val)
{
	__asm__ volatile("outl %0, %1" : : "a"(val), "Nd"(port));
}
KERN_EXPORT(arch_pio_out32);

void arch_pio_in16_rep(uint16_t port, void *buf, size_t count)
{
	__asm__ volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}
KERN_EXPORT(arch_pio_in16_rep);

void arch_pio_out16_rep(uint16_t port, const void *buf, size_t count)
{
	__asm__ volatile("rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}
KERN_EXPORT(arch_pio_out16_rep);
