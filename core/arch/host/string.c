/*
 * The fake architecture's bulk memory: the host C library does the work.
 */
#include <stddef.h>
#include <string.h>

#include <arch/mmu.h>
#include <arch/string.h>

void arch_string_init(void)
{
}

const char *arch_string_variant(void)
{
	return "host libc";
}

void arch_memcpy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}

void arch_memset(void *dst, int c, size_t n)
{
	memset(dst, c, n);
}

void arch_page_zero(void *dst)
{
	memset(dst, 0, PAGE_SIZE);
}

void arch_page_copy(void *dst, const void *src)
{
	memcpy(dst, src, PAGE_SIZE);
}
