/* The host arch has no PCI bus: every function reads as absent. */
#include <stdint.h>

#include <arch/pci.h>

uint32_t arch_pci_cfg_read(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	(void)bus, (void)dev, (void)fn, (void)off;
	return 0xffffffffu;
}

void arch_pci_cfg_write(unsigned bus, unsigned dev, unsigned fn, unsigned off, uint32_t val)
{
	(void)bus, (void)dev, (void)fn, (void)off, (void)val;
}
