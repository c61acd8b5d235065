/**
 * @file core/pci.h
 * @brief PCI enumeration at boot (the core's own; drivers use kern/pci.h).
 * @ingroup core
 */
#ifndef CORE_PCI_H_
#define CORE_PCI_H_

/**
 * @brief Enumerate every bus and log each function (boot, once, before modules start).
 * @return functions found.
 */
unsigned pci_init(void);

#endif /* CORE_PCI_H_ */
