/*
 * Host tests of libc's string.h, ctype.h, strtol family, strtod, qsort,
 * bsearch and sscanf (user/lib) against glibc on many inputs: every
 * alignment and length for the memory functions, every byte for ctype,
 * generated numbers in every base for strtol, random arrays for qsort.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libc_host.h"

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

/* memcpy/memmove/memset/memcmp/memchr at every alignment and short length. */
static void test_memory(void **state)
{
	unsigned char src[160], a[160], b[160];

	(void)state;
	for (int i = 0; i < 160; i++)
		src[i] = (unsigned char)(i * 37 + 11);
	for (int off = 0; off < 16; off++)
		for (int n = 0; n < 100; n++) {
			memset(a, 0, sizeof(a));
			memset(b, 0, sizeof(b));
			memcpy(a + off, src + (n % 7), (size_t)n);
			assert_ptr_equal(zl_memcpy(b + off, src + (n % 7), (size_t)n), b + off);
			assert_memory_equal(a, b, sizeof(a));
			memset(a + off, n, (size_t)n);
			zl_memset(b + off, n, (size_t)n);
			assert_memory_equal(a, b, sizeof(a));
			memmove(a + off, a + (n % 9), (size_t)n);
			zl_memmove(b + off, b + (n % 9), (size_t)n);
			assert_memory_equal(a, b, sizeof(a));
			assert_int_equal(sign(zl_memcmp(src + off, a + off, (size_t)n)),
					 sign(memcmp(src + off, a + off, (size_t)n)));
			assert_ptr_equal(zl_memchr(src + off, src[off + n / 2], (size_t)n),
					 memchr(src + off, src[off + n / 2], (size_t)n));
			assert_ptr_equal(zl_memrchr(src + off, src[off], (size_t)n),
					 memrchr(src + off, src[off], (size_t)n));
		}
}

/* The long paths: rep movsq/stosq past 256 bytes, memcmp's 64- and 16-byte
 * blocks with the first difference at every place of a block. */
static void test_memory_long(void **state)
{
	static unsigned char src[1200], a[1200], b[1200];

	(void)state;
	for (int i = 0; i < 1200; i++)
		src[i] = (unsigned char)(i * 13 + 5);
	for (int off = 0; off < 9; off++)
		for (int n = 250; n < 1100; n += 97) {
			memset(a, 1, sizeof(a));
			memset(b, 1, sizeof(b));
			memcpy(a + off, src + 3, (size_t)n);
			zl_memcpy(b + off, src + 3, (size_t)n);
			assert_memory_equal(a, b, sizeof(a));
			memset(a + off, 0x7e, (size_t)n);
			zl_memset(b + off, 0x7e, (size_t)n);
			assert_memory_equal(a, b, sizeof(a));
		}
	for (int off = 0; off < 3; off++) /* 64-byte steps, then 16, then bytes */
		for (int d = 0; d < 600; d++) {
			unsigned char *p = a + off;

			memcpy(p, src, 600);
			assert_int_equal(zl_memcmp(p, src, 600 - (size_t)off), 0);
			p[d] = 255;
			assert_true(src[d] == 255 || zl_memcmp(p, src, 600) > 0);
			assert_true(src[d] == 255 || zl_memcmp(src, p, 600 - (size_t)off) < 0 ||
				    d >= 600 - off);
			p[d] = 0;
			assert_true(src[d] == 0 || zl_memcmp(p, src, 600) < 0);
			assert_int_equal(zl_memcmp(p, src, (size_t)d), 0);
		}
}

static const char *const words[] = { "",
				     "a",
				     "ab",
				     "abc",
				     "abd",
				     "hello",
				     "Hello",
				     "HELLO world",
				     "hello world",
				     "zzz",
				     "\xe9t\xe9",
				     "a\tb c",
				     "needle in a haystack",
				     "aaaaab",
				     "ab,cd;;ef" };
#define NW (sizeof(words) / sizeof(words[0]))

static void test_compare_search(void **state)
{
	(void)state;
	for (size_t i = 0; i < NW; i++) {
		const char *x = words[i];
		assert_int_equal(zl_strlen(x), strlen(x));
		assert_int_equal(zl_strnlen(x, 3), strnlen(x, 3));
		for (int c = 0; c < 256; c += 7) {
			assert_ptr_equal(zl_strchr(x, c), strchr(x, c));
			assert_ptr_equal(zl_strrchr(x, c), strrchr(x, c));
		}
		for (size_t j = 0; j < NW; j++) {
			const char *y = words[j];
			assert_int_equal(sign(zl_strcmp(x, y)), sign(strcmp(x, y)));
			assert_int_equal(sign(zl_strncmp(x, y, 3)), sign(strncmp(x, y, 3)));
			assert_int_equal(sign(zl_strcasecmp(x, y)), sign(strcasecmp(x, y)));
			assert_int_equal(sign(zl_strncasecmp(x, y, 4)), sign(strncasecmp(x, y, 4)));
			assert_ptr_equal(zl_strstr(x, y), strstr(x, y));
			assert_int_equal(zl_strspn(x, y), strspn(x, y));
			assert_int_equal(zl_strcspn(x, y), strcspn(x, y));
			assert_ptr_equal(zl_strpbrk(x, y), strpbrk(x, y));
		}
	}
}

static void test_copy_tokens(void **state)
{
	char a[64], b[64], s1[64], s2[64], *p1, *p2, *save = NULL, *t1, *t2;

	(void)state;
	for (size_t i = 0; i < NW; i++) {
		memset(a, 'x', sizeof(a));
		memset(b, 'x', sizeof(b));
		strncpy(a, words[i], 8);
		zl_strncpy(b, words[i], 8);
		assert_memory_equal(a, b, sizeof(a));
		strcpy(a, "pre:");
		zl_strcpy(b, "pre:");
		strcat(a, words[i]);
		zl_strcat(b, words[i]);
		assert_string_equal(a, b);
		strncat(a, words[i], 2);
		zl_strncat(b, words[i], 2);
		assert_string_equal(a, b);
		assert_int_equal(zl_strlcpy(b, words[i], 4), strlen(words[i]));
		assert_int_equal(strncmp(b, words[i], 3), 0);
		strcpy(s1, words[i]);
		strcpy(s2, words[i]);
		t1 = strtok_r(s1, " ,;\t", &save);
		t2 = zl_strtok_r(s2, " ,;\t", &p2);
		while (t1 || t2) {
			assert_non_null(t1);
			assert_non_null(t2);
			assert_string_equal(t1, t2);
			t1 = strtok_r(NULL, " ,;\t", &save);
			t2 = zl_strtok_r(NULL, " ,;\t", &p2);
		}
		p1 = zl_strdup(words[i]);
		assert_string_equal(p1, words[i]);
		zl_free(p1);
	}
	strcpy(a, "ab,,cd");
	p1 = a;
	assert_string_equal(zl_strsep(&p1, ","), "ab");
	assert_string_equal(zl_strsep(&p1, ","), "");
	assert_string_equal(zl_strsep(&p1, ","), "cd");
	assert_null(p1);
}

static void test_ctype(void **state)
{
	(void)state;
	for (int c = -1; c < 256; c++) {
		assert_int_equal(!!zl_isalnum(c), !!isalnum(c));
		assert_int_equal(!!zl_isalpha(c), !!isalpha(c));
		assert_int_equal(!!zl_isblank(c), !!isblank(c));
		assert_int_equal(!!zl_iscntrl(c), !!iscntrl(c));
		assert_int_equal(!!zl_isdigit(c), !!isdigit(c));
		assert_int_equal(!!zl_isgraph(c), !!isgraph(c));
		assert_int_equal(!!zl_islower(c), !!islower(c));
		assert_int_equal(!!zl_isprint(c), !!isprint(c));
		assert_int_equal(!!zl_ispunct(c), !!ispunct(c));
		assert_int_equal(!!zl_isspace(c), !!isspace(c));
		assert_int_equal(!!zl_isupper(c), !!isupper(c));
		assert_int_equal(!!zl_isxdigit(c), !!isxdigit(c));
		assert_int_equal(zl_tolower(c), tolower(c));
		assert_int_equal(zl_toupper(c), toupper(c));
	}
}

static const char *const numbers[] = {
	"0",
	"1",
	"-1",
	"+7",
	"  42",
	"\t\n-42abc",
	"0x1f",
	"0X1F",
	"0x",
	"0xg",
	"017",
	"08",
	"z",
	"Z9",
	"9223372036854775807",
	"9223372036854775808",
	"-9223372036854775808",
	"-9223372036854775809",
	"18446744073709551615",
	"18446744073709551616",
	"99999999999999999999999",
	"-1",
	"0b101",
	"   ",
	"",
	"-",
	"+",
	"1e5",
	"777777777777777777777777",
	"zzzzzzzzzzzzz",
	"-0x8000000000000000",
	"0x7fffffffffffffff",
	"123 456",
};
#define NN (sizeof(numbers) / sizeof(numbers[0]))

static void test_strtol(void **state)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };

	(void)state;
	for (size_t i = 0; i < NN; i++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
			const char *s = numbers[i];
			char *e1 = NULL, *e2 = NULL;
			long r1, r2;
			unsigned long u1, u2;
			int err1, err2;
			errno = 0;
			*zl___errno_location() = 0;
			r1 = strtol(s, &e1, bases[b]);
			err1 = errno;
			r2 = zl_strtol(s, &e2, bases[b]);
			err2 = *zl___errno_location();
			if (bases[b] == 1 || bases[b] > 36 || bases[b] < 0)
				e1 = e2; /* glibc leaves end alone for a bad base; we set it to s */
			if (r1 != r2 || e1 != e2 || err1 != err2)
				fail_msg("strtol(\"%s\", %d): glibc %ld end+%td errno %d, ours %ld "
					 "end+%td errno %d",
					 s, bases[b], r1, e1 - s, err1, r2, e2 - s, err2);
			errno = 0;
			*zl___errno_location() = 0;
			u1 = strtoul(s, &e1, bases[b]);
			err1 = errno;
			u2 = zl_strtoul(s, &e2, bases[b]);
			err2 = *zl___errno_location();
			if (bases[b] == 1 || bases[b] > 36 || bases[b] < 0)
				e1 = e2;
			if (u1 != u2 || e1 != e2 || err1 != err2)
				fail_msg(
				    "strtoul(\"%s\", %d): glibc %lu errno %d, ours %lu errno %d", s,
				    bases[b], u1, err1, u2, err2);
		}
	assert_int_equal(zl_atoi("  -123x"), -123);
}

static void test_strtod(void **state)
{
	static const char *const in[] = { "0",
					  "1",
					  "-2.5",
					  "3.14159",
					  "1e10",
					  "1.5e-7",
					  "  42abc",
					  ".5",
					  "5.",
					  "1e",
					  "inf",
					  "-Infinity",
					  "nan",
					  "abc",
					  "0.1",
					  "123456789.125",
					  "2.2250738585072014e-308" };

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char *e1, *e2;
		double a = strtod(in[i], &e1), b = zl_strtod(in[i], &e2);
		assert_ptr_equal(e1, e2);
		if (a != a)
			assert_true(b != b);
		else if (a == 0 || a != a * 2)
			assert_true(b == a || (b - a) / a < 1e-15 || (a - b) / a < 1e-15);
		else
			assert_true(a == b);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	char key[13];
	int seq;
};

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct rec *)a)->key, ((const struct rec *)b)->key);
}

static void test_qsort(void **state)
{
	static int v1[5000], v2[5000];
	static struct rec r[700];
	unsigned s = 1;

	(void)state;
	for (int n = 0; n < 5000; n = n < 40 ? n + 1 : n * 3) {
		for (int i = 0; i < n; i++) {
			s = s * 1103515245u + 12345u;
			v1[i] = v2[i] = (int)(s >> 16) % (n / 2 + 1) - n / 4;
		}
		qsort(v1, (size_t)n, sizeof(int), cmp_int);
		zl_qsort(v2, (size_t)n, sizeof(int), cmp_int);
		assert_memory_equal(v1, v2, (size_t)n * sizeof(int));
		for (int i = 0; i < n; i++) {
			int key = v1[i];
			int *f = zl_bsearch(&key, v2, (size_t)n, sizeof(int), cmp_int);
			assert_non_null(f);
			assert_int_equal(*f, key);
		}
	}
	for (int i = 0; i < 700; i++) {
		s = s * 1103515245u + 12345u;
		snprintf(r[i].key, sizeof(r[i].key), "k%05u", (s >> 8) % 100000);
		r[i].seq = i;
	}
	zl_qsort(r, 700, sizeof(r[0]), cmp_rec);
	for (int i = 1; i < 700; i++)
		assert_true(strcmp(r[i - 1].key, r[i].key) <= 0);
}

static void test_sscanf(void **state)
{
	int a1 = 0, a2 = 0, b1 = 0, b2 = 0, n1 = 0, n2 = 0;
	unsigned x1 = 0, x2 = 0;
	char w1[16] = "", w2[16] = "", s1[16] = "", s2[16] = "";
	double d1 = 0, d2 = 0;
	long l1 = 0, l2 = 0;
	static const char *const in[] = { "12 34 ff word 2.5 rest",
					  "-7 0x10 1F abc 1e3",
					  "1",
					  "",
					  "x 1",
					  "  5   6   7 eight 9.",
					  "3,4" };

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		int r1 = sscanf(in[i], "%d %i %x %15s %lf%n", &a1, &b1, &x1, w1, &d1, &n1);
		int r2 = zl_sscanf(in[i], "%d %i %x %15s %lf%n", &a2, &b2, &x2, w2, &d2, &n2);
		assert_int_equal(r1, r2);
		assert_int_equal(a1, a2);
		assert_int_equal(b1, b2);
		assert_int_equal(x1, x2);
		assert_string_equal(w1, w2);
		assert_true(d1 == d2);
		assert_int_equal(n1, n2);
		r1 = sscanf(in[i], "%ld%*[ ,]%3[a-z0-9]", &l1, s1);
		r2 = zl_sscanf(in[i], "%ld%*[ ,]%3[a-z0-9]", &l2, s2);
		assert_int_equal(r1, r2);
		assert_int_equal(l1, l2);
		assert_string_equal(s1, s2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory),	       cmocka_unit_test(test_memory_long),
		cmocka_unit_test(test_compare_search), cmocka_unit_test(test_copy_tokens),
		cmocka_unit_test(test_ctype),	       cmocka_unit_test(test_strtol),
		cmocka_unit_test(test_strtod),	       cmocka_unit_test(test_qsort),
		cmocka_unit_test(test_sscanf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
