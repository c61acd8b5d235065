/**
 * @file machine/desc.h
 * @brief Segment selectors and descriptor-table setup (GDT, TSS, IDT).
 * @ingroup arch
 */
#ifndef MACHINE_DESC_H_
#define MACHINE_DESC_H_

#include <stdint.h>

#define SEG_KCODE 0x08	     /**< Kernel code selector. */
#define SEG_KDATA 0x10	     /**< Kernel data selector. */
#define SEG_UDATA (0x18 | 3) /**< User data selector (RPL 3). */
#define SEG_UCODE (0x20 | 3) /**< User code selector (RPL 3). */

/**
 * @brief Load the GDT with a TSS and the IDT with all 256 trap stubs.
 *
 * Vector 0x80 is callable from user mode; NMI, double fault and machine
 * check run on their own interrupt stacks.
 */
void arch_desc_init(void);

/**
 * @brief Set up user mode on this CPU: SMEP/SMAP, the `syscall` MSRs, GS.
 */
void arch_user_init(void);

/**
 * @brief Tell the `syscall` entry which kernel stack to switch to.
 * @param top top of the running thread's kernel stack.
 */
void arch_user_set_kstack(uint64_t top);

#endif /* MACHINE_DESC_H_ */
