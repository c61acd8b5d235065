/*
 * Bulk memory for x86-64 with the string instructions (Intel SDM vol. 1,
 * 7.3.9; vol. 2, REP MOVS/STOS). Two variants, chosen once at boot:
 *
 *  - CPUID.(EAX=07H,ECX=0):EBX bit 9 (ERMS, "enhanced REP MOVSB/STOSB")
 *    says byte-granular REP MOVSB/STOSB are fast for any size and
 *    alignment; memcpy()/memset() then issue one of them whenever the
 *    destination is not 8-byte aligned or the size not a multiple of 8;
 *  - otherwise REP MOVSQ/STOSQ move the 8-byte words and REP MOVSB/STOSB
 *    the tail of at most 7 bytes.
 *
 * Aligned blocks that are a multiple of 8 bytes, whole pages among them,
 * always use the 8-byte forms: there both forms take the same fast-string
 * path on ERMS parts, and an emulator that steps a REP instruction once per
 * iteration (QEMU's TCG; -icount counts each step) does 512 steps for a
 * page instead of 4096. Copies under 16 bytes skip the string instructions'
 * start-up cost: two overlapping 8- or 4-byte moves, or single bytes.
 *
 * The direction flag is clear: the ABI says so at every call, and every
 * trap entry executes CLD before C code runs.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/string.h>

#define STRING_SMALL 16

static int string_erms;

static void string_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

void arch_string_init(void)
{
	uint32_t r[4];

	string_cpuid(0, 0, r);
	if (r[0] < 7)
		return;
	string_cpuid(7, 0, r);
	string_erms = (r[1] >> 9) & 1;
}

const char *arch_string_variant(void)
{
	return string_erms ? "rep movsb/stosb (ERMS)" : "rep movsq/stosq";
}

/* n < 16: the first and the last word of the block, overlapping if need be. */
static void string_small_copy(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 8) {
		uint64_t x = *(const uint64_t *)(const void *)s;
		uint64_t y = *(const uint64_t *)(const void *)(s + n - 8);

		*(uint64_t *)(void *)d = x;
		*(uint64_t *)(void *)(d + n - 8) = y;
	} else if (n >= 4) {
		uint32_t x = *(const uint32_t *)(const void *)s;
		uint32_t y = *(const uint32_t *)(const void *)(s + n - 4);

		*(uint32_t *)(void *)d = x;
		*(uint32_t *)(void *)(d + n - 4) = y;
	} else {
		while (n--)
			*d++ = *s++;
	}
}

/* ERMS and a block the 8-byte form does not cover exactly. */
static int string_bytewise(const void *dst, size_t n)
{
	return string_erms && (((uintptr_t)dst | n) & 7);
}

void arch_memcpy(void *dst, const void *src, size_t n)
{
	size_t q = n >> 3;

	if (n < STRING_SMALL) {
		string_small_copy(dst, src, n);
		return;
	}
	if (string_bytewise(dst, n)) {
		__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
		return;
	}
	n &= 7;
	__asm__ volatile("rep movsq\n\t"
			 "mov %3, %%rcx\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(q)
			 : "r"(n)
			 : "memory");
}

void arch_memset(void *dst, int c, size_t n)
{
	uint64_t v = (uint8_t)c * 0x0101010101010101ULL;
	size_t q = n >> 3;

	if (n < STRING_SMALL || string_bytewise(dst, n)) {
		__asm__ volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(v) : "memory");
		return;
	}
	n &= 7;
	__asm__ volatile("rep stosq\n\t"
			 "mov %2, %%rcx\n\t"
			 "rep stosb"
			 : "+D"(dst), "+c"(q)
			 : "r"(n), "a"(v)
			 : "memory");
}

void arch_page_zero(void *dst)
{
	size_t q = PAGE_SIZE / 8;

	__asm__ volatile("rep stosq" : "+D"(dst), "+c"(q) : "a"(0ULL) : "memory");
}

void arch_page_copy(void *dst, const void *src)
{
	size_t q = PAGE_SIZE / 8;

	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(q) : : "memory");
}
