/*
 * The PCI driver registry and the mapping of memory BARs. A driver is
 * offered, at registration, every enumerated function it matches that no
 * driver claimed; the registry's mutex serialises registrations (so a
 * function is claimed once; probes run under it), another the mapping of
 * device memory, which takes
 * virtual addresses from the MMIO area above the arch's fixed mappings.
 *
 * Lock order: pci_drv_lock (probes run under it) -> pci_mmio_lock -> the
 * page-table locks of arch_map_page(); a probe may take its driver's own
 * locks and blkdev_register() (blkdev_lock is a leaf spinlock).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/pci.h>
#include <kern/printk.h>
#include <uapi/errno.h>

/* The first MiB of the MMIO area holds the arch's fixed mappings (the local APIC). */
#define PCI_MMIO_START (KERN_MMIO_BASE + 0x100000)
#define PCI_MMIO_END   (KERN_MMIO_BASE + 0x40000000)

static const struct pci_driver *pci_drivers[PCI_MAX_DRIVERS];
static unsigned pci_ndrivers;
static struct mutex pci_drv_lock = MUTEX_INIT("pcidrv");
static struct mutex pci_mmio_lock = MUTEX_INIT("pcimmio");
static uint64_t pci_mmio_next = PCI_MMIO_START;

static int pci_match(const struct pci_driver *drv, const struct pci_dev *pd)
{
	return (drv->vendor == PCI_ANY_ID || drv->vendor == pd->vendor) &&
	       (drv->device == PCI_ANY_ID || drv->device == pd->device) &&
	       (drv->class == PCI_ANY_CLASS || drv->class == pd->class) &&
	       (drv->subclass == PCI_ANY_CLASS || drv->subclass == pd->subclass);
}

int pci_driver_register(const struct pci_driver *drv)
{
	struct pci_dev *pd;
	int claimed = 0;

	if (drv == NULL || drv->probe == NULL || drv->name == NULL)
		return -EINVAL;
	mutex_lock(&pci_drv_lock);
	if (pci_ndrivers == PCI_MAX_DRIVERS) {
		mutex_unlock(&pci_drv_lock);
		return -ENOSPC;
	}
	pci_drivers[pci_ndrivers++] = drv;
	for (unsigned i = 0; (pd = pci_get(i)) != NULL; i++) {
		int rc;

		if (pd->driver || !pci_match(drv, pd))
			continue;
		rc = drv->probe(pd);
		if (rc == 0) {
			pd->driver = drv;
			claimed++;
		} else {
			pr_warn("pci: %02x:%02x.%u: %s: probe failed (%d)\n", pd->bus, pd->dev,
				pd->fn, drv->name, rc);
		}
	}
	mutex_unlock(&pci_drv_lock);
	return claimed;
}
KERN_EXPORT(pci_driver_register);

static volatile void *pci_map_range(uint64_t pa, size_t len)
{
	uint64_t first = pa & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t npages = (pa + len - first + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t va = pci_mmio_next;

	if (va + npages * PAGE_SIZE > PCI_MMIO_END)
		return NULL;
	for (uint64_t i = 0; i < npages; i++)
		if (arch_map_page(va + i * PAGE_SIZE, first + i * PAGE_SIZE,
				  VM_READ | VM_WRITE | VM_DEVICE) != 0) {
			while (i--)
				arch_unmap_page(va + i * PAGE_SIZE);
			return NULL;
		}
	pci_mmio_next += npages * PAGE_SIZE;
	return (volatile void *)(uintptr_t)(va + (pa - first));
}

volatile void *pci_bar_map(const struct pci_dev *pd, unsigned bar, uint64_t off, size_t len)
{
	const struct pci_bar *b;
	volatile void *va;

	if (bar >= 6)
		return NULL;
	b = &pd->bar[bar];
	if (b->io || b->base == 0 || len == 0 || off >= b->size || len > b->size - off)
		return NULL;
	mutex_lock(&pci_mmio_lock);
	va = pci_map_range(b->base + off, len);
	mutex_unlock(&pci_mmio_lock);
	return va;
}
KERN_EXPORT(pci_bar_map);
