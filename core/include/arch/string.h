/**
 * @file arch/string.h
 * @brief The arch contract for bulk memory: copy and fill, whole pages.
 * @ingroup arch
 *
 * The kernel's memcpy() and memset() (core/kern/lib/string.c) hand their
 * bytes to these, and the page paths (zeroed frames, copy-on-write, page
 * tables) use the page routines. Each arch writes them for its machine and
 * chooses its variant once, in arch_string_init(), before anything but the
 * early console runs.
 */
#ifndef ARCH_STRING_H_
#define ARCH_STRING_H_

#include <stddef.h>

/** @brief Choose the string variants this CPU runs best (x86: ERMS in CPUID). */
void arch_string_init(void);

/**
 * @brief Name the variant arch_string_init() chose, for the boot log.
 * @return a static string, e.g. "rep movsb (ERMS)".
 */
const char *arch_string_variant(void);

/**
 * @brief Copy @p n bytes; the ranges must not overlap.
 * @param dst destination, at least @p n bytes.
 * @param src source, at least @p n bytes.
 * @param n bytes.
 */
void arch_memcpy(void *dst, const void *src, size_t n);

/**
 * @brief Fill @p n bytes with the byte @p c.
 * @param dst destination, at least @p n bytes.
 * @param c fill byte (only its low 8 bits are used).
 * @param n bytes.
 */
void arch_memset(void *dst, int c, size_t n);

/**
 * @brief Fill one page with zeros.
 * @param dst page-aligned, PAGE_SIZE bytes.
 */
void arch_page_zero(void *dst);

/**
 * @brief Copy one page.
 * @param dst page-aligned destination, PAGE_SIZE bytes.
 * @param src page-aligned source, PAGE_SIZE bytes; must not overlap @p dst.
 */
void arch_page_copy(void *dst, const void *src);

#endif /* ARCH_STRING_H_ */
