/*
 * string.h: the memory and string functions. Built with
 * -fno-tree-loop-distribute-patterns so GCC does not turn these loops back
 * into calls to themselves. memcpy and memset move 8 bytes at a time once
 * the destination is aligned (a long run with one rep movsq / rep stosq);
 * memcmp compares 64 bytes per step with SSE2 (part of x86-64).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n && ((uintptr_t)dp & 7)) {
		*dp++ = *sp++;
		n--;
	}
	if (n >= 256) { /* the string instruction, word by word */
		size_t words = n / 8;

		__asm__ volatile("rep movsq" : "+D"(dp), "+S"(sp), "+c"(words) : : "memory");
		n %= 8;
	}
	for (; n >= 8; n -= 8, dp += 8, sp += 8) {
		uint64_t w;
		__builtin_memcpy(&w, sp, 8);
		__builtin_memcpy(dp, &w, 8);
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *mempcpy(void *restrict d, const void *restrict s, size_t n)
{
	return (char *)memcpy(d, s, n) + n;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	uint64_t w = 0x0101010101010101ull * (unsigned char)c;

	while (n && ((uintptr_t)dp & 7)) {
		*dp++ = (unsigned char)c;
		n--;
	}
	if (n >= 256) {
		size_t words = n / 8;

		__asm__ volatile("rep stosq" : "+D"(dp), "+c"(words) : "a"(w) : "memory");
		n %= 8;
	}
	for (; n >= 8; n -= 8, dp += 8)
		__builtin_memcpy(dp, &w, 8);
	while (n--)
		*dp++ = (unsigned char)c;
	return d;
}

typedef char str_v16 __attribute__((vector_size(16)));

/* Do the 64 bytes at @p x and @p y agree? Four SSE2 compares, one mask. */
static int str_same64(const unsigned char *x, const unsigned char *y)
{
	str_v16 u[4], v[4];

	__builtin_memcpy(u, x, 64);
	__builtin_memcpy(v, y, 64);
	return __builtin_ia32_pmovmskb128((u[0] == v[0]) & (u[1] == v[1]) & (u[2] == v[2]) &
					  (u[3] == v[3])) == 0xffff;
}

/* Sixteen bytes at a time while they agree (one SSE2 compare and mask),
 * after 64 at a time on long runs; the bytes of the first block that
 * differs decide. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n >= 64 && str_same64(x, y); n -= 64, x += 64, y += 64)
		;
	for (; n >= 16; n -= 16, x += 16, y += 16) {
		str_v16 u, v;

		__builtin_memcpy(&u, x, 16);
		__builtin_memcpy(&v, y, 16);
		if (__builtin_ia32_pmovmskb128(u == v) != 0xffff)
			break;
	}
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

char *stpcpy(char *restrict d, const char *restrict s)
{
	while ((*d = *s++))
		d++;
	return d;
}

char *strcpy(char *restrict d, const char *restrict s)
{
	stpcpy(d, s);
	return d;
}

char *stpncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t k = strnlen(s, n);

	memcpy(d, s, k);
	memset(d + k, 0, n - k);
	return d + k;
}

char *strncpy(char *restrict d, const char *restrict s, size_t n)
{
	stpncpy(d, s, n);
	return d;
}

size_t strlcpy(char *d, const char *s, size_t n)
{
	size_t len = strlen(s);

	if (n) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(d, s, k);
		d[k] = '\0';
	}
	return len;
}

size_t strlcat(char *d, const char *s, size_t n)
{
	size_t dl = strnlen(d, n);

	if (dl == n)
		return n + strlen(s);
	return dl + strlcpy(d + dl, s, n - dl);
}

char *strcat(char *restrict d, const char *restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *strncat(char *restrict d, const char *restrict s, size_t n)
{
	char *p = d + strlen(d);
	size_t k = strnlen(s, n);

	memcpy(p, s, k);
	p[k] = '\0';
	return d;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strchr(const char *s, int c)
{
	char *p = strchrnul(s, c);

	return *p == (char)c ? p : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *h, const char *n)
{
	size_t nl = strlen(n);

	if (!nl)
		return (char *)h;
	for (; (h = strchr(h, *n)); h++)
		if (!strncmp(h, n, nl))
			return (char *)h;
	return NULL;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	char *end;

	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0', *sp = end;
	else
		*sp = NULL;
	return s;
}

char *strndup(const char *s, size_t n)
{
	size_t k = strnlen(s, n);
	char *d = malloc(k + 1);

	if (d) {
		memcpy(d, s, k);
		d[k] = '\0';
	}
	return d;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = lower((unsigned char)*a), y = lower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = lower((unsigned char)*a), y = lower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
}

int ffs(int i)
{
	return i ? __builtin_ctz((unsigned)i) + 1 : 0;
}
