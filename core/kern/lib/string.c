/*
 * The C library's memory and string primitives, for the kernel image only
 * (host tests use the host's). GCC may emit calls to memcpy, memmove,
 * memset and memcmp itself, so these keep their ISO names; the kernel is
 * built with -fno-tree-loop-distribute-patterns so that these loops are
 * not turned back into calls to themselves. The bulk of copying and
 * filling is the arch's (<arch/string.h>: the machine's string
 * instructions); whole pages have their own routines there.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/string.h>
#include <kern/kmod.h>
#include <kern/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	arch_memcpy(dst, src, n);
	return dst;
}
KERN_EXPORT(memcpy);

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}
KERN_EXPORT(memmove);

void *memset(void *dst, int c, size_t n)
{
	arch_memset(dst, c, n);
	return dst;
}
KERN_EXPORT(memset);

/* Eight bytes at a time while they are equal; the first difference is then
 * found byte by byte within the word that differs. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t u, v;

		__builtin_memcpy(&u, x + i, 8);
		__builtin_memcpy(&v, y + i, 8);
		if (u != v)
			break;
	}
	for (; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}
KERN_EXPORT(memcmp);

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
KERN_EXPORT(strlen);

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
KERN_EXPORT(strnlen);

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}
KERN_EXPORT(strcmp);

int strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i] || a[i] == '\0')
			return (unsigned char)a[i] - (unsigned char)b[i];
	}
	return 0;
}
KERN_EXPORT(strncmp);

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}
KERN_EXPORT(strchr);

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return (char *)last;
	}
}
KERN_EXPORT(strrchr);
