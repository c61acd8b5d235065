/*
 * PCI configuration mechanism 1: the address of a configuration word goes
 * to port 0xCF8 (enable bit, bus, device, function, register), the word is
 * then read or written at port 0xCFC. The two accesses are one step under
 * a lock, so that CPUs do not interleave them.
 */
#include <stdint.h>

#include <arch/pci.h>
#include <kern/lock.h>
#include <machine/cpufunc.h>

#define PCI_CFG_ADDR 0xcf8
#define PCI_CFG_DATA 0xcfc

static struct spinlock pci_cfg_lock = SPINLOCK_INIT("pcicfg");

static inline uint32_t pci_cfg_inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static uint32_t pci_cfg_addr(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	return 0x80000000u | (bus & 0xff) << 16 | (dev & 0x1f) << 11 | (fn & 7) << 8 | (off & 0xfc);
}

uint32_t arch_pci_cfg_read(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	uint32_t v;

	spin_lock(&pci_cfg_lock);
	arch_outl(PCI_CFG_ADDR, pci_cfg_addr(bus, dev, fn, off));
	v = pci_cfg_inl(PCI_CFG_DATA);
	spin_unlock(&pci_cfg_lock);
	return v;
}

void arch_pci_cfg_write(unsigned bus, unsigned dev, unsigned fn, unsigned off, uint32_t val)
{
	spin_lock(&pci_cfg_lock);
	arch_outl(PCI_CFG_ADDR, pci_cfg_addr(bus, dev, fn, off));
	arch_outl(PCI_CFG_DATA, val);
	spin_unlock(&pci_cfg_lock);
}
