/**
 * @file arch/pio.h
 * @brief The arch contract for I/O ports, for drivers of legacy devices.
 * @ingroup arch
 *
 * x86 has a separate 16-bit I/O address space (in and out instructions);
 * drivers in modules reach it only through these calls (the ATA/IDE
 * driver: its command blocks at 0x1F0 and 0x170). An arch without ports
 * (the host arch of the unit tests) reads all ones and drops writes. The
 * calls take no lock: the driver serialises access to its device.
 */
#ifndef ARCH_PIO_H_
#define ARCH_PIO_H_

#include <stddef.h>
#include <stdint.h>

/**
 * @brief Read a byte from a port.
 * @param port the port.
 * @return the byte.
 */
uint8_t arch_pio_in8(uint16_t port);

/**
 * @brief Write a byte to a port.
 * @param port the port. @param val the byte.
 */
void arch_pio_out8(uint16_t port, uint8_t val);

/**
 * @brief Read a 32-bit word from a port.
 * @param port the port.
 * @return the word.
 */
uint32_t arch_pio_in32(uint16_t port);

/**
 * @brief Write a 32-bit word to a port.
 * @param port the port. @param val the word.
 */
void arch_pio_out32(uint16_t port, uint32_t val);

/**
 * @brief Read @p count 16-bit words from one port into memory (rep insw).
 * @param port the port. @param buf kernel memory of 2 * @p count bytes.
 * @param count words.
 */
void arch_pio_in16_rep(uint16_t port, void *buf, size_t count);

/**
 * @brief Write @p count 16-bit words from memory to one port (rep outsw).
 * @param port the port. @param buf kernel memory of 2 * @p count bytes.
 * @param count words.
 */
void arch_pio_out16_rep(uint16_t port, const void *buf, size_t count);

#endif /* ARCH_PIO_H_ */
