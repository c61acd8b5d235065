/* In-guest tests of the printf family into buffers, and sscanf. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ztest.h"

/* Format into a buffer and compare with what glibc prints for the same. */
#define FMT(want, ...)                                                                             \
	do {                                                                                       \
		char b_[128];                                                                      \
		int n_ = snprintf(b_, sizeof(b_), __VA_ARGS__);                                    \
		T_STREQ(b_, want);                                                                 \
		T_EQ(n_, (int)strlen(want));                                                       \
	} while (0)

static void integers(void)
{
	FMT("42", "%d", 42);
	FMT("-42", "%i", -42);
	FMT("  -42", "%5d", -42);
	FMT("-42  |", "%-5d|", -42);
	FMT("-0042", "%05d", -42);
	FMT("+42", "%+d", 42);
	FMT(" 42", "% d", 42);
	FMT("00042", "%.5d", 42);
	FMT("", "%.0d", 0);
	FMT("ff FF 0xff 0XFF", "%x %X %#x %#X", 255, 255, 255, 255);
	FMT("777 0777", "%o %#o", 511, 511);
	FMT("18446744073709551615", "%lu", (unsigned long)-1);
	FMT("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	FMT("255 -1", "%hhu %hhd", 255, 255);
	FMT("[   7]", "[%*d]", 4, 7);
}

/* volatile: GCC would check these at compile time. */
static const char *volatile no_string = NULL;
static const char *volatile ten = "0123456789";

static void strings_chars(void)
{
	FMT("hello", "%s", "hello");
	FMT("hel", "%.3s", "hello");
	FMT("   hi", "%5s", "hi");
	FMT("hi   |", "%-5s|", "hi");
	FMT("(null)", "%s", no_string);
	FMT("x", "%c", 'x');
	FMT("100%", "%d%%", 100);
	FMT("0x1234", "%p", (void *)0x1234);
	FMT("(nil)", "%p", (void *)0);
}

static void floats(void)
{
	FMT("3.141593", "%f", 3.14159265);
	FMT("3.14", "%.2f", 3.14159265);
	FMT("0", "%.0f", 0.5);
	FMT("2", "%.0f", 1.5);
	FMT("2", "%.0f", 2.5);
	FMT("1.000000e+10", "%e", 1e10);
	FMT("1.5E-07", "%.1E", 1.5e-7);
	FMT("0.0001", "%g", 0.0001);
	FMT("1e-05", "%g", 0.00001);
	FMT("123457", "%g", 123456.7);
	FMT("1.23457e+06", "%g", 1234567.0);
	FMT("-inf nan", "%f %f", -__builtin_inf(), __builtin_nan(""));
	FMT("  1.50", "%6.2f", 1.5);
	FMT("100.", "%#.0f", 100.0);
}

static void truncation(void)
{
	char b[8];
	int n = snprintf(b, sizeof(b), "%s", ten);

	T_EQ(n, 10);
	T_STREQ(b, "0123456");
	T_EQ(snprintf(NULL, 0, "%d", 12345), 5);
}

static void scanning(void)
{
	int a = 0, b = 0;
	unsigned x = 0;
	char w[16];
	double d = 0;

	T_EQ(sscanf("12 34", "%d %d", &a, &b), 2);
	T_CHECK(a == 12 && b == 34);
	T_EQ(sscanf("ff word 2.5", "%x %15s %lf", &x, w, &d), 3);
	T_CHECK(x == 255 && !strcmp(w, "word") && d == 2.5);
	T_EQ(sscanf("abc", "%d", &a), 0);
	T_EQ(sscanf("", "%d", &a), EOF);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(integers),   ZTEST(strings_chars), ZTEST(floats),
		ZTEST(truncation), ZTEST(scanning),
	};
	return ztest_main("t_printf", tests, ZTEST_COUNT(tests));
}
