/**
 * @file core/boot.h
 * @brief What the boot loader handed the kernel: command line and boot information.
 * @ingroup core
 */
#ifndef CORE_BOOT_H_
#define CORE_BOOT_H_

#include <stdint.h>

#include <kern/bootmem.h>
#include <core/cmdline.h>
#include <core/mb2.h>

/** Kernel release, set by the build. */
extern const char zero_version[];

/**
 * @brief Return the parsed kernel command line.
 * @return the command line; empty before kmain() parsed it.
 */
const struct cmdline *boot_cmdline(void);

/**
 * @brief Return the decoded multiboot2 information.
 * @return the boot information; empty before kmain() decoded it.
 */
const struct mb2_info *boot_info(void);

/**
 * @brief Start timing the boot phases.
 * @param t0 the cycle counter when kmain() began.
 */
void boot_phase_start(uint64_t t0);

/**
 * @brief Mark the end of a boot phase (boot thread only, before others run).
 * @param name the phase, a static string ("memory", "modules"...).
 */
void boot_phase_mark(const char *name);

/** @brief Print each phase's time at debug level (after the clock is calibrated). */
void boot_phase_report(void);

/**
 * @brief Print the memory map summary and the GRUB module list to the log.
 * @param info decoded boot information.
 */
void boot_print_info(const struct mb2_info *info);

/**
 * @brief Set up the bootstrap frame allocator and the kernel page tables.
 *
 * Panics if the memory map has no usable memory or the page tables cannot
 * be built: nothing can run without them.
 * @param info decoded boot information (its memory map and modules).
 * @param mbi_phys physical address of the multiboot2 information.
 * @param mbi_len its size in bytes (kept out of the allocator).
 */
void boot_memory_init(const struct mb2_info *info, uint64_t mbi_phys, uint64_t mbi_len);

/**
 * @brief Allocate one physical frame (not zeroed) at boot.
 * @return its physical address, or 0 when memory is exhausted.
 */
uint64_t boot_frame(void);

/**
 * @brief Return how far the direct map reaches.
 * @return end (exclusive) of the physical memory mapped at KERN_DIRECT_BASE.
 */
uint64_t boot_direct_limit(void);

/**
 * @brief Return the bootstrap frame allocator (for the handoff to `page`).
 * @return the allocator.
 */
struct bootmem *boot_bootmem(void);

/**
 * @brief Provoke the fault a `crash=` word names, to test the fault report.
 * @param kind "pf", "ud", "de", "gp", "bp", "guard" (a guard page of a user space), "stack" (a
 * kernel stack overflow) or "panic".
 * @retval -EINVAL unknown kind (nothing happens); otherwise does not return.
 */
int boot_crash(const char *kind);

/**
 * @brief The kernel's C entry, called by boot.S in long mode.
 * @param magic the boot loader's magic (0x36d76289 for multiboot2).
 * @param mbi_phys physical address of the multiboot2 information.
 */
void kmain(uint32_t magic, uint32_t mbi_phys);

#endif /* CORE_BOOT_H_ */
