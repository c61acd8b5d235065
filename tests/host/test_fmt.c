/*
 * Host tests of core/kern/lib/fmt.c: the formatter is compared with glibc's
 * snprintf on generated cross products of flags, widths, precisions,
 * length modifiers, conversions and extreme values, then checked on the
 * points where it deliberately differs (unknown conversions, NULL, clamps).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/fmt.h>

#define OUT_MAX 512

/* Compare fmt_vsnprintf with glibc vsnprintf on one format and its arguments. */
static void check_v(int line, const char *fmt, va_list ap)
{
	char ref[OUT_MAX], out[OUT_MAX];
	va_list ap2;
	int want, got;

	va_copy(ap2, ap);
	want = vsnprintf(ref, sizeof(ref), fmt, ap);
	memset(out, 0x5a, sizeof(out));
	got = fmt_vsnprintf(out, sizeof(out), fmt, ap2);
	va_end(ap2);
	assert_true(want >= 0 && want < OUT_MAX);
	if (got != want || memcmp(out, ref, (size_t)want + 1) != 0) {
		print_error("line %d: format \"%s\": want %d \"%s\", got %d \"%.*s\"\n", line, fmt,
			    want, ref, got, got >= 0 && got < OUT_MAX ? got : 0, out);
		fail();
	}
}

static void check_at(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check_at(int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_v(line, fmt, ap);
	va_end(ap);
}

/* Same as check_at, but the format is not checked by the compiler. */
static void check_raw(int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_v(line, fmt, ap);
	va_end(ap);
}

#define CHECK(...) check_at(__LINE__, __VA_ARGS__)

/* Our formatter without the compiler's format checking, for odd formats. */
static int ours(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void expect(const char *want, int line, const char *fmt, ...)
{
	char out[OUT_MAX];
	va_list ap;
	int got;

	va_start(ap, fmt);
	got = fmt_vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	if (got != (int)strlen(want) || strcmp(out, want) != 0) {
		print_error("line %d: format \"%s\": want \"%s\", got %d \"%s\"\n", line, fmt, want,
			    got, out);
		fail();
	}
}

#define EXPECT(want, ...) expect(want, __LINE__, __VA_ARGS__)

static const char *const int_flags[] = {
	"", "-", "0", "+", " ", "#", "-0", "+ ", "#0", "-#", "0+", "0 ", "- +#0",
};
static const char *const int_widths[] = { "", "1", "2", "5", "24", "30" };
static const char *const int_precs[] = { "", ".", ".0", ".1", ".3", ".22", ".26" };
static const char *const int_lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };
static const char int_convs[] = "diuoxX";
static const uint64_t int_values[] = {
	0,
	1,
	7,
	8,
	9,
	10,
	15,
	16,
	42,
	100,
	127,
	128,
	255,
	256,
	0x7fff,
	0x8000,
	0xffff,
	0x10000,
	123456789,
	0x7fffffff,
	0x80000000u,
	0xffffffffu,
	0x100000000ull,
	0xdeadbeefcafef00dull,
	(uint64_t)INT64_MAX,
	(uint64_t)INT64_MIN,
	UINT64_MAX,
	(uint64_t)-1 - 41,
	(uint64_t)-100,
	(uint64_t)-128,
	(uint64_t)-129,
};

/* Pass @raw as the argument type glibc expects for @len and @conv. */
static void check_int(const char *fmt, const char *len, char conv, uint64_t raw)
{
	bool sgn = conv == 'd' || conv == 'i';

	if (len[0] == '\0' || len[0] == 'h')
		check_raw(__LINE__, fmt, sgn ? (int)raw : (int)(unsigned)raw);
	else if (!strcmp(len, "l"))
		check_raw(__LINE__, fmt, (long)raw);
	else if (!strcmp(len, "ll"))
		check_raw(__LINE__, fmt, (long long)raw);
	else if (!strcmp(len, "z") && !sgn)
		check_raw(__LINE__, fmt, (size_t)raw);
	else if (!strcmp(len, "z") || !strcmp(len, "t"))
		check_raw(__LINE__, fmt, (ptrdiff_t)raw);
	else if (sgn)
		check_raw(__LINE__, fmt, (intmax_t)raw);
	else
		check_raw(__LINE__, fmt, (uintmax_t)raw);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_integers_vs_libc(void **state)
{
	char fmt[64];
	unsigned long cases = 0;

	(void)state;
	for (size_t f = 0; f < N(int_flags); f++)
		for (size_t w = 0; w < N(int_widths); w++)
			for (size_t p = 0; p < N(int_precs); p++)
				for (size_t l = 0; l < N(int_lens); l++)
					for (size_t c = 0; int_convs[c]; c++) {
						snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>",
							 int_flags[f], int_widths[w], int_precs[p],
							 int_lens[l], int_convs[c]);
						for (size_t v = 0; v < N(int_values); v++) {
							check_int(fmt, int_lens[l], int_convs[c],
								  int_values[v]);
							cases++;
						}
					}
	assert_true(cases > 100000);
}

static void test_extremes(void **state)
{
	(void)state;
	EXPECT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT("9223372036854775807", "%lld", (long long)INT64_MAX);
	EXPECT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	EXPECT("1777777777777777777777", "%llo", (unsigned long long)UINT64_MAX);
	EXPECT("0XFFFFFFFFFFFFFFFF", "%#llX", (unsigned long long)UINT64_MAX);
	EXPECT("-9223372036854775808", "%jd", INTMAX_MIN);
	EXPECT("-2147483648", "%d", INT32_MIN);
	EXPECT("-128", "%hhd", -128);
	EXPECT("127", "%hhd", 0x17f);
	EXPECT("255", "%hhu", -1);
	EXPECT("65535", "%hu", -1);
	EXPECT("-32768", "%hd", 0x8000);
	CHECK("%lld %llu %llx", (long long)INT64_MIN, (unsigned long long)UINT64_MAX,
	      (unsigned long long)INT64_MIN);
}

static void test_strings_vs_libc(void **state)
{
	static const char *const strs[] = { "", "a", "hello", "hello, world", "tab\there" };
	static const char *const specs[] = {
		"%s",	 "%1s",	   "%5s",     "%-5s", "%20s", "%-20s", "%.0s", "%.1s", "%.4s",
		"%.40s", "%10.3s", "%-10.3s", "%.s",  "%05s", "%#s",   "%+s",  "% s",
	};
	char fmt[32];

	(void)state;
	for (size_t i = 0; i < N(specs); i++)
		for (size_t j = 0; j < N(strs); j++) {
			snprintf(fmt, sizeof(fmt), "[%s]", specs[i]);
			check_raw(__LINE__, fmt, strs[j]);
		}
	CHECK("%s=%s, %s", "key", "value", "");
	CHECK("%*s|%-*s|%.*s|%*.*s", 6, "ab", 6, "cd", 2, "efgh", -6, 1, "ij");
}

static void test_chars_vs_libc(void **state)
{
	static const int chars[] = { 'A', 'z', ' ', '%', '\n', 0x7f, 0xe9, 0x141 };
	static const char *const specs[] = { "%c", "%3c", "%-3c", "%1c", "%03c", "%.0c" };
	char fmt[32];

	(void)state;
	for (size_t i = 0; i < N(specs); i++)
		for (size_t j = 0; j < N(chars); j++) {
			snprintf(fmt, sizeof(fmt), "[%s]", specs[i]);
			check_raw(__LINE__, fmt, chars[j]);
		}
	CHECK("%c%c%c", 'a', 'b', 'c');
	/* A NUL character is output and counted, like glibc. */
	CHECK("a%cb", 0);
}

static void test_pointers(void **state)
{
	static const uintptr_t ptrs[] = {
		1, 0x1234, 0xffffffff80100000ull, UINTPTR_MAX, 0x00007fffffffe000ull,
	};
	static const char *const specs[] = { "%p", "%20p", "%-20p", "%3p", "%020p", "%.20p" };
	char fmt[32];

	(void)state;
	for (size_t i = 0; i < N(specs); i++)
		for (size_t j = 0; j < N(ptrs); j++) {
			snprintf(fmt, sizeof(fmt), "[%s]", specs[i]);
			check_raw(__LINE__, fmt, (void *)ptrs[j]);
		}
	EXPECT("0xffffffff80100000", "%p", (void *)0xffffffff80100000ull);
	/* Deliberate difference from glibc's "(nil)". */
	EXPECT("0x0", "%p", (void *)NULL);
	EXPECT("[     0x0]", "[%8p]", (void *)NULL);
}

static void test_star_and_misc_vs_libc(void **state)
{
	(void)state;
	CHECK("%*d|%-*d|%*d", 8, 42, 8, 42, -8, 42);
	CHECK("%.*d|%.*d|%.*d", 5, 42, 0, 0, -1, 0);
	CHECK("%*.*x", 12, 6, 0xbeefu);
	CHECK("%0*d", 7, -42);
	check_raw(__LINE__, "%0*.*d", -7, 3, 42);
	CHECK("100%% sure %d%%", 5);
	CHECK("%%%d%%%s%%", 1, "x");
	CHECK("no conversions at all");
	CHECK("%s", "");
	CHECK("%zu %zd %zx", (size_t)SIZE_MAX, (ptrdiff_t)-5, (size_t)4096);
	CHECK("%td %tx", (ptrdiff_t)PTRDIFF_MIN, (ptrdiff_t)-1);
	CHECK("%ju %jx %jo", UINTMAX_MAX, UINTMAX_MAX, UINTMAX_MAX);
	CHECK("%hhx %hx %lx %llx", 0x1ff, 0x1ffff, 0xffffffffUL, 0x1ULL << 63);
	CHECK("%i %d %u %o %x %X %c %s %%", -1, 2, 3u, 8u, 255u, 255u, 'q', "str");
	EXPECT("%|%|", "%5%|%-5%|");
}

struct trunc_case {
	const char *fmt;
	long long a;
	const char *s;
};

static const struct trunc_case trunc_cases[] = {
	{ "value=%lld name=%s!", -1234567, "kernel" },
	{ "%20lld|%-8s|", (long long)INT64_MIN, "x" },
	{ "%#llx:%.3s", 0x1ffffffffll, "abcdef" },
	{ "", 0, "" },
	{ "%lld%s", 0, "" },
};

#define GUARD 16

static void test_truncation(void **state)
{
	char full[OUT_MAX];

	(void)state;
	for (size_t i = 0; i < N(trunc_cases); i++) {
		const struct trunc_case *tc = &trunc_cases[i];
		int n = snprintf(full, sizeof(full), tc->fmt, tc->a, tc->s);

		assert_true(n >= 0);
		assert_int_equal(ours(NULL, 0, tc->fmt, tc->a, tc->s), n);
		for (size_t size = 0; size <= (size_t)n + 3; size++) {
			unsigned char *buf = malloc(size + GUARD);
			size_t kept = size == 0 ? 0 : (size - 1 < (size_t)n ? size - 1 : (size_t)n);

			assert_non_null(buf);
			memset(buf, 0xa5, size + GUARD);
			assert_int_equal(ours((char *)buf, size, tc->fmt, tc->a, tc->s), n);
			assert_memory_equal(buf, full, kept);
			if (size > 0)
				assert_int_equal(buf[kept], 0);
			for (size_t j = size ? kept + 1 : 0; j < size + GUARD; j++)
				assert_int_equal(buf[j], 0xa5);
			free(buf);

			/* Exact-size allocation: ASan catches any write past it. */
			buf = malloc(size ? size : 1);
			assert_non_null(buf);
			assert_int_equal(ours((char *)buf, size, tc->fmt, tc->a, tc->s), n);
			free(buf);
		}
	}
}

static void test_null_string(void **state)
{
	(void)state;
	EXPECT("(null)", "%s", (char *)NULL);
	EXPECT("[  (null)]", "[%8s]", (char *)NULL);
	EXPECT("[(null)  ]", "[%-8s]", (char *)NULL);
	EXPECT("[(nu]", "[%.3s]", (char *)NULL);
	EXPECT("a(null)b", "a%sb", (char *)NULL);
}

static void test_precision_bounds_string_read(void **state)
{
	/* Not NUL-terminated: ASan reports any read past the third byte. */
	char *s = malloc(3);

	(void)state;
	assert_non_null(s);
	memcpy(s, "abc", 3);
	EXPECT("abc", "%.3s", s);
	EXPECT("ab", "%.2s", s);
	EXPECT("[  abc]", "[%5.3s]", s);
	EXPECT("abc", "%.*s", 3, s);
	EXPECT("", "%.0s", s);
	free(s);
}

static void test_unknown_conversions(void **state)
{
	char out[64];
	int sentinel = 1234;

	(void)state;
	EXPECT("%q", "%q");
	EXPECT("a%qb", "a%qb");
	EXPECT("%5.2lq", "%5.2lq");
	EXPECT("%", "%");
	EXPECT("abc%", "abc%");
	EXPECT("%l", "%l");
	EXPECT("%hh", "%hh");
	EXPECT("%-08.3", "%-08.3");
	EXPECT("%L", "%L");
	EXPECT("%f", "%f");
	/* An unknown conversion consumes no argument... */
	EXPECT("%q5", "%q%d", 5);
	/* ...except those its own '*' fields asked for. */
	EXPECT("%*q7", "%*q%d", 3, 7);
	/* %n never writes through its argument. */
	EXPECT("x%ny", "x%ny", &sentinel);
	assert_int_equal(sentinel, 1234);
	EXPECT("%Ld", "%Ld", 1);
	assert_int_equal(ours(out, sizeof(out), "%w%y%z"), 6);
	assert_string_equal(out, "%w%y%z");
}

static void test_field_clamp(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(ours(out, sizeof(out), "%*d", 100000, 1), FMT_FIELD_MAX);
	assert_string_equal(out, "       ");
	assert_int_equal(ours(out, sizeof(out), "%*d", -100000, 1), FMT_FIELD_MAX);
	assert_string_equal(out, "1      ");
	assert_int_equal(ours(out, sizeof(out), "%.*d", 100000, 1), FMT_FIELD_MAX);
	assert_string_equal(out, "0000000");
	assert_int_equal(ours(out, sizeof(out), "%99999999999999999999999d", 1), FMT_FIELD_MAX);
	assert_int_equal(ours(out, sizeof(out), "%*d", -2147483647 - 1, 1), FMT_FIELD_MAX);
	assert_int_equal(ours(out, sizeof(out), "%4096d", 1), 4096);
	assert_int_equal(ours(out, sizeof(out), "%4095d", 1), 4095);
}

struct collect {
	char buf[OUT_MAX];
	size_t n;
};

static void collect_emit(char c, void *arg)
{
	struct collect *col = arg;

	assert_true(col->n < sizeof(col->buf));
	col->buf[col->n++] = c;
}

static int cb_printf(struct collect *col, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vcbprintf(collect_emit, col, fmt, ap);
	va_end(ap);
	return n;
}

static void test_callback(void **state)
{
	struct collect col = { .n = 0 };
	int n;

	(void)state;
	n = cb_printf(&col, "cpu%u: %-6s at %p, %lld", 3u, "idle", (void *)0xffffffff80100000ull,
		      (long long)INT64_MIN);
	assert_int_equal(n, (int)col.n);
	/* Exactly the characters, no NUL. */
	assert_memory_equal(col.buf, "cpu3: idle   at 0xffffffff80100000, -9223372036854775808",
			    col.n);
	assert_int_equal(col.n, strlen("cpu3: idle   at 0xffffffff80100000, -9223372036854775808"));
	col.n = 0;
	assert_int_equal(cb_printf(&col, "%s", ""), 0);
	assert_int_equal(col.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers_vs_libc),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_strings_vs_libc),
		cmocka_unit_test(test_chars_vs_libc),
		cmocka_unit_test(test_pointers),
		cmocka_unit_test(test_star_and_misc_vs_libc),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_precision_bounds_string_read),
		cmocka_unit_test(test_unknown_conversions),
		cmocka_unit_test(test_field_clamp),
		cmocka_unit_test(test_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
