/**
 * @file machine/cpufunc.h
 * @brief x86-64 instructions the arch code needs, as inline functions.
 * @ingroup arch
 *
 * Only code under core/arch/x86_64 includes this header.
 */
#ifndef MACHINE_CPUFUNC_H_
#define MACHINE_CPUFUNC_H_

#include <stdint.h>

/**
 * @brief Write a byte to an I/O port.
 * @param port port number.
 * @param val byte to write.
 */
static inline void arch_outb(uint16_t port, uint8_t val)
{
	__asm__ volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

/**
 * @brief Write a 32-bit word to an I/O port.
 * @param port port number.
 * @param val word to write.
 */
static inline void arch_outl(uint16_t port, uint32_t val)
{
	__asm__ volatile("outl %0, %1" : : "a"(val), "Nd"(port));
}

/**
 * @brief Read a byte from an I/O port.
 * @param port port number.
 * @return the byte read.
 */
static inline uint8_t arch_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/** @brief Wait for the next interrupt. */
static inline void arch_wait(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

/**
 * @brief Read the page-fault linear address register.
 * @return CR2.
 */
static inline uint64_t arch_read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

/**
 * @brief Read the page-table base register.
 * @return CR3.
 */
static inline uint64_t arch_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/**
 * @brief Load the page-table base register (flushes non-global TLB entries).
 * @param v physical address of the PML4.
 */
static inline void arch_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

/**
 * @brief Invalidate the TLB entry of one page.
 * @param va virtual address in the page.
 */
static inline void arch_invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/**
 * @brief Read the time-stamp counter.
 * @return TSC value in cycles.
 */
static inline uint64_t arch_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif /* MACHINE_CPUFUNC_H_ */
