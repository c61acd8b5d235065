/**
 * @file core/arch/host/include/machine/layout.h
 * @brief The fake architecture's page size and address-space layout.
 * @ingroup arch
 *
 * The same values as x86-64, so host tests of generic code see the sizes
 * the kernel does; nothing is mapped there on the host.
 */
#ifndef MACHINE_HOST_LAYOUT_H_
#define MACHINE_HOST_LAYOUT_H_

/** log2 of the page size. */
#define PAGE_SHIFT 12
/** Size of a page in bytes. */
#define PAGE_SIZE (1UL << PAGE_SHIFT)
/** First address above user space. */
#define USER_TOP 0x0000800000000000
/** Fake start of the direct map of physical memory. */
#define KERN_DIRECT_BASE 0xffff800000000000
/** Fake size of the boot-time direct map. */
#define KERN_BOOT_MAPPED 0x40000000
/** Fake start of the kernel stack area. */
#define KERN_STACK_BASE 0xffffff8000000000
/** Fake end of the kernel stack area. */
#define KERN_STACK_END 0xffffff8040000000
/** Fake start of the kernel heap area. */
#define KERN_HEAP_BASE 0xffffff8080000000
/** Fake end of the kernel heap area. */
#define KERN_HEAP_END 0xffffff9080000000
/** Fake start of the device register area. */
#define KERN_MMIO_BASE 0xffffff8040000000
/** Fake start of the module area. */
#define KERN_MODULE_BASE 0xffffffffc0000000
/** Fake end of the module area. */
#define KERN_MODULE_END 0xffffffffff000000
/** Pages of a kernel stack, not counting its guard page. */
#define ARCH_KSTACK_PAGES 4

#endif /* MACHINE_HOST_LAYOUT_H_ */
