/*
 * PCI enumeration: every bus, device and function through the arch's
 * configuration access; the BARs are sized by the write-ones method (with
 * decoding off meanwhile), the capability list is walked, and one line per
 * function is logged. The table is filled at boot, before any driver, and
 * only read afterwards (the claim of a function is under the registry's
 * lock, pci_drv.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/pci.h>
#include <kern/fmt.h>
#include <kern/kmod.h>
#include <core/pci.h>
#include <kern/pci.h>
#include <kern/printk.h>

static struct pci_dev pci_devs[PCI_MAX_DEVS];
static unsigned pci_ndevs;

uint32_t pci_read32(const struct pci_dev *pd, unsigned off)
{
	return arch_pci_cfg_read(pd->bus, pd->dev, pd->fn, off & 0xfc);
}
KERN_EXPORT(pci_read32);

uint16_t pci_read16(const struct pci_dev *pd, unsigned off)
{
	return (uint16_t)(pci_read32(pd, off) >> ((off & 2) * 8));
}
KERN_EXPORT(pci_read16);

uint8_t pci_read8(const struct pci_dev *pd, unsigned off)
{
	return (uint8_t)(pci_read32(pd, off) >> ((off & 3) * 8));
}
KERN_EXPORT(pci_read8);

void pci_write32(const struct pci_dev *pd, unsigned off, uint32_t v)
{
	arch_pci_cfg_write(pd->bus, pd->dev, pd->fn, off & 0xfc, v);
}
KERN_EXPORT(pci_write32);

void pci_write16(const struct pci_dev *pd, unsigned off, uint16_t v)
{
	unsigned sh = (off & 2) * 8;
	uint32_t w = pci_read32(pd, off);

	w = (w & ~(0xffffu << sh)) | (uint32_t)v << sh;
	pci_write32(pd, off, w);
}
KERN_EXPORT(pci_write16);

void pci_enable(const struct pci_dev *pd, uint16_t bits)
{
	pci_write16(pd, PCI_COMMAND, pci_read16(pd, PCI_COMMAND) | bits);
}
KERN_EXPORT(pci_enable);

unsigned pci_cap_find(const struct pci_dev *pd, uint8_t id, unsigned after)
{
	unsigned off, guard = 48; /* a looping list ends */

	if (!(pci_read16(pd, PCI_STATUS) & PCI_STATUS_CAPS))
		return 0;
	off = after ? pci_read8(pd, after + 1) : pci_read8(pd, PCI_CAP_PTR);
	while (off >= 0x40 && guard--) {
		off &= 0xfc;
		if (pci_read8(pd, off) == id)
			return off;
		off = pci_read8(pd, off + 1);
	}
	return 0;
}
KERN_EXPORT(pci_cap_find);

struct pci_dev *pci_get(unsigned i)
{
	return i < pci_ndevs ? &pci_devs[i] : NULL;
}
KERN_EXPORT(pci_get);

/* Size BAR @p i (and its upper half for a 64-bit one); returns BARs used. */
static unsigned pci_bar_size(struct pci_dev *pd, unsigned i)
{
	unsigned off = PCI_BAR0 + 4 * i;
	uint32_t lo = pci_read32(pd, off), mask;
	struct pci_bar *b = &pd->bar[i];
	uint64_t hi = 0, hmask = 0xffffffff;

	pci_write32(pd, off, 0xffffffff);
	mask = pci_read32(pd, off);
	pci_write32(pd, off, lo);
	if (mask == 0 || mask == 0xffffffff)
		return 1;
	b->io = lo & 1;
	if (b->io) {
		b->base = lo & ~3u;
		b->size = (uint16_t) ~(mask & ~3u) + 1;
		return 1;
	}
	b->prefetch = (lo >> 3) & 1;
	b->is64 = ((lo >> 1) & 3) == 2 && i < 5;
	if (b->is64) {
		hi = pci_read32(pd, off + 4);
		pci_write32(pd, off + 4, 0xffffffff);
		hmask = pci_read32(pd, off + 4);
		pci_write32(pd, off + 4, (uint32_t)hi);
	}
	b->base = hi << 32 | (lo & ~0xfu);
	b->size = ~(hmask << 32 | (mask & ~0xfu)) + 1;
	return b->is64 ? 2 : 1;
}

static void pci_read_header(struct pci_dev *pd)
{
	uint32_t cls = pci_read32(pd, PCI_CLASS);
	uint16_t cmd = pci_read16(pd, PCI_COMMAND);

	pd->class = cls >> 24;
	pd->subclass = cls >> 16;
	pd->progif = cls >> 8;
	pd->irq_line = pci_read8(pd, PCI_IRQ_LINE);
	pd->irq_pin = pci_read8(pd, PCI_IRQ_PIN);
	if ((pci_read8(pd, PCI_HEADER) & 0x7f) != 0)
		return; /* bridges: no BARs of a device, no subsystem */
	pd->subsys = pci_read16(pd, PCI_SUBSYS);
	pci_write16(pd, PCI_COMMAND, cmd & ~(PCI_CMD_IO | PCI_CMD_MEM));
	for (unsigned i = 0; i < 6;)
		i += pci_bar_size(pd, i);
	pci_write16(pd, PCI_COMMAND, cmd);
	for (unsigned id = 1; id < 32; id++)
		if (pci_cap_find(pd, id, 0))
			pd->caps |= 1u << id;
}

static const struct {
	uint16_t vendor, device;
	const char *name;
} pci_names[] = {
	{ 0x1af4, 0x1000, "virtio-net" },  { 0x1af4, 0x1001, "virtio-blk" },
	{ 0x1af4, 0x1041, "virtio-net" },  { 0x1af4, 0x1042, "virtio-blk" },
	{ 0x8086, 0x1237, "host bridge" }, { 0x8086, 0x7000, "ISA bridge" },
	{ 0x8086, 0x7010, "IDE" },	   { 0x8086, 0x7113, "ACPI" },
	{ 0x8086, 0x100e, "e1000" },	   { 0x1234, 0x1111, "VGA" },
};

static const char *pci_class_names[] = { "old",	   "storage", "network",   "display", "media",
					 "memory", "bridge",  "comm",	   "system",  "input",
					 "dock",   "cpu",     "serial bus" };

static const char *pci_name(const struct pci_dev *pd)
{
	for (size_t i = 0; i < sizeof(pci_names) / sizeof(pci_names[0]); i++)
		if (pci_names[i].vendor == pd->vendor && pci_names[i].device == pd->device)
			return pci_names[i].name;
	if (pd->class < sizeof(pci_class_names) / sizeof(pci_class_names[0]))
		return pci_class_names[pd->class];
	return "device";
}

static void pci_log(const struct pci_dev *pd)
{
	char irq[16] = "";

	if (pd->irq_pin)
		fmt_snprintf(irq, sizeof(irq), ", irq %u", pd->irq_line);
	printk("pci: %02x:%02x.%u %04x:%04x %s%s%s%s\n", pd->bus, pd->dev, pd->fn, pd->vendor,
	       pd->device, pci_name(pd), irq, pd->caps & (1u << PCI_CAP_MSIX) ? ", msi-x" : "",
	       pd->caps & (1u << PCI_CAP_MSI) ? ", msi" : "");
}

static void pci_probe_fn(unsigned bus, unsigned dev, unsigned fn)
{
	uint32_t id = arch_pci_cfg_read(bus, dev, fn, PCI_VENDOR);
	struct pci_dev *pd;

	if ((id & 0xffff) == 0xffff)
		return;
	if (pci_ndevs == PCI_MAX_DEVS) {
		pr_warn("pci: %02x:%02x.%u: table full, ignored\n", bus, dev, fn);
		return;
	}
	pd = &pci_devs[pci_ndevs++];
	pd->bus = bus, pd->dev = dev, pd->fn = fn;
	pd->vendor = id & 0xffff;
	pd->device = id >> 16;
	pci_read_header(pd);
	pci_log(pd);
}

unsigned pci_init(void)
{
	for (unsigned bus = 0; bus < 256; bus++)
		for (unsigned dev = 0; dev < 32; dev++) {
			uint32_t id = arch_pci_cfg_read(bus, dev, 0, PCI_VENDOR);
			unsigned nfn = 1;

			if ((id & 0xffff) == 0xffff)
				continue;
			if (arch_pci_cfg_read(bus, dev, 0, 0x0c) & 0x800000)
				nfn = 8; /* multi-function */
			for (unsigned fn = 0; fn < nfn; fn++)
				pci_probe_fn(bus, dev, fn);
		}
	return pci_ndevs;
}
