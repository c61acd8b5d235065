/**
 * @file kern/string.h
 * @brief Memory and string primitives for the kernel and modules.
 * @ingroup core
 *
 * The prototypes are the ISO C ones, so generic code built for host tests
 * links against the host C library instead of core/kern/lib/string.c.
 */
#ifndef KERN_STRING_H_
#define KERN_STRING_H_

#include <stddef.h>

/**
 * @brief Copy @p n bytes from @p src to @p dst; the ranges must not overlap.
 * @param dst destination, at least @p n bytes.
 * @param src source, at least @p n bytes.
 * @param n number of bytes.
 * @return @p dst.
 */
void *memcpy(void *dst, const void *src, size_t n);

/**
 * @brief Copy @p n bytes from @p src to @p dst; the ranges may overlap.
 * @param dst destination, at least @p n bytes.
 * @param src source, at least @p n bytes.
 * @param n number of bytes.
 * @return @p dst.
 */
void *memmove(void *dst, const void *src, size_t n);

/**
 * @brief Fill @p n bytes at @p dst with the byte @p c.
 * @param dst destination, at least @p n bytes.
 * @param c fill value (converted to unsigned char).
 * @param n number of bytes.
 * @return @p dst.
 */
void *memset(void *dst, int c, size_t n);

/**
 * @brief Compare @p n bytes as unsigned chars.
 * @param a first buffer.
 * @param b second buffer.
 * @param n number of bytes.
 * @return negative, zero or positive as @p a sorts before, equal to or after @p b.
 */
int memcmp(const void *a, const void *b, size_t n);

/**
 * @brief Count the bytes before the terminating NUL of @p s.
 * @param s NUL-terminated string.
 * @return length in bytes.
 */
size_t strlen(const char *s);

/**
 * @brief Count the bytes of @p s before a NUL, looking at no more than @p max.
 * @param s string, readable for @p max bytes or up to its NUL.
 * @param max bound in bytes.
 * @return length in bytes, at most @p max.
 */
size_t strnlen(const char *s, size_t max);

/**
 * @brief Compare two NUL-terminated strings.
 * @param a first string.
 * @param b second string.
 * @return negative, zero or positive as @p a sorts before, equal to or after @p b.
 */
int strcmp(const char *a, const char *b);

/**
 * @brief Compare at most @p n bytes of two strings.
 * @param a first string.
 * @param b second string.
 * @param n bound in bytes.
 * @return negative, zero or positive as @p a sorts before, equal to or after @p b.
 */
int strncmp(const char *a, const char *b, size_t n);

/**
 * @brief Find the first @p c in the string @p s.
 * @param s NUL-terminated string.
 * @param c byte to find (the NUL itself can be found).
 * @return pointer to the byte, or NULL.
 */
char *strchr(const char *s, int c);

/**
 * @brief Find the last occurrence of a byte in a string.
 * @param s NUL-terminated string.
 * @param c the byte (the NUL itself finds the end).
 * @return a pointer to it, or NULL.
 */
char *strrchr(const char *s, int c);

#endif /* KERN_STRING_H_ */
