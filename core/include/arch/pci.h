/**
 * @file arch/pci.h
 * @brief The arch contract for PCI configuration space access.
 * @ingroup arch
 *
 * The generic PCI code (core/kern/dev/pci.c) reads and writes configuration
 * space only through these two calls; x86-64 uses configuration mechanism 1
 * (the address port 0xCF8 and the data port 0xCFC), the host arch has no bus.
 * Both take their own lock: several CPUs may call them at once.
 */
#ifndef ARCH_PCI_H_
#define ARCH_PCI_H_

#include <stdint.h>

/**
 * @brief Read a 32-bit word of a function's configuration space.
 * @param bus bus number, 0-255.
 * @param dev device number, 0-31.
 * @param fn function number, 0-7.
 * @param off byte offset, a multiple of 4 below 256.
 * @return the word; 0xffffffff where no function answers.
 */
uint32_t arch_pci_cfg_read(unsigned bus, unsigned dev, unsigned fn, unsigned off);

/**
 * @brief Write a 32-bit word of a function's configuration space.
 * @param bus bus number. @param dev device number. @param fn function number.
 * @param off byte offset, a multiple of 4 below 256.
 * @param val the word.
 */
void arch_pci_cfg_write(unsigned bus, unsigned dev, unsigned fn, unsigned off, uint32_t val);

#endif /* ARCH_PCI_H_ */
