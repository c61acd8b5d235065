/**
 * @file machine/layout.h
 * @brief The x86-64 kernel address-space layout.
 * @ingroup arch
 *
 * Included by <arch/mmu.h> and <arch/thread.h>; usable from C and from
 * assembly. The direct map covers physical memory
 * from address 0; the kernel image and the module area sit in the top
 * 2 GiB so that `-mcmodel=kernel` code (32-bit sign-extended addresses)
 * can reach both.
 */
#ifndef MACHINE_LAYOUT_H_
#define MACHINE_LAYOUT_H_

/** First address above user space (the canonical hole starts here). */
#define USER_TOP 0x0000800000000000
/** Virtual address where physical address 0 of the kernel image is mapped. */
#define KERN_VMA 0xffffffff80000000
/** Start of the direct map of all physical memory. */
#define KERN_DIRECT_BASE 0xffff800000000000
/** Bytes of physical memory the boot page tables map (the direct map grows later). */
#define KERN_BOOT_MAPPED 0x40000000
/** Start of the area of kernel thread stacks (each below a guard page). */
#define KERN_STACK_BASE 0xffffff8000000000
/** End (exclusive) of the kernel stack area. */
#define KERN_STACK_END 0xffffff8040000000
/** Start of the kernel heap area: virtually contiguous, physically scattered blocks. */
#define KERN_HEAP_BASE 0xffffff8080000000
/** End (exclusive) of the kernel heap area (64 GiB). */
#define KERN_HEAP_END 0xffffff9080000000
/** Start of the area of device registers (local APIC...), mapped uncached. */
#define KERN_MMIO_BASE 0xffffff8040000000
/** Start of the area where the loader places module segments. */
#define KERN_MODULE_BASE 0xffffffffc0000000
/** End (exclusive) of the module area. */
#define KERN_MODULE_END 0xffffffffff000000
/** log2 of the page size. */
#define PAGE_SHIFT 12
#ifdef __ASSEMBLY__
#define PAGE_SIZE (1 << PAGE_SHIFT)
#else
/** Size of a page in bytes. */
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#endif
/** Pages of a kernel stack (16 KiB), not counting its guard page. */
#define ARCH_KSTACK_PAGES 4

#endif /* MACHINE_LAYOUT_H_ */
