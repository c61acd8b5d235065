/* In-guest tests of string.h, ctype.h, strtol, qsort and the environment. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ztest.h"

static void mem_functions(void)
{
	char a[64], b[64];

	memset(a, 'x', sizeof(a));
	T_CHECK(a[0] == 'x' && a[63] == 'x');
	for (int i = 0; i < 64; i++)
		b[i] = (char)i;
	memcpy(a + 3, b, 40);
	T_CHECK(memcmp(a + 3, b, 40) == 0 && a[2] == 'x' && a[43] == 'x');
	memmove(b + 1, b, 20);
	T_EQ(b[1], 0);
	T_EQ(b[20], 19);
	memmove(b, b + 1, 20);
	T_EQ(b[19], 19);
	T_CHECK(memchr(b, 30, 64) == b + 30);
	T_CHECK(memcmp("abc", "abd", 3) < 0);
}

static void str_functions(void)
{
	char buf[32];

	T_EQ(strlen("hello"), 5);
	T_EQ(strnlen("hello", 3), 3);
	T_STREQ(strcpy(buf, "abc"), "abc");
	T_STREQ(strcat(buf, "def"), "abcdef");
	T_CHECK(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
	T_CHECK(strncmp("abcx", "abcy", 3) == 0);
	T_CHECK(strchr("hello", 'l') != NULL && *strchr("hello", 'l') == 'l');
	T_STREQ(strrchr("a/b/c", '/'), "/c");
	T_STREQ(strstr("needle in haystack", "hay"), "haystack");
	T_CHECK(strstr("abc", "abd") == NULL);
	T_EQ(strspn("aabbc", "ab"), 4);
	T_EQ(strcspn("hello world", " "), 5);
	T_EQ(strlcpy(buf, "truncated", 5), 9);
	T_STREQ(buf, "trun");
	T_CHECK(strcasecmp("HeLLo", "hello") == 0);
}

static void tokens(void)
{
	char s[] = "  one two,three ";
	char *save, *t;

	t = strtok_r(s, " ,", &save);
	T_STREQ(t, "one");
	T_STREQ(strtok_r(NULL, " ,", &save), "two");
	T_STREQ(strtok_r(NULL, " ,", &save), "three");
	T_CHECK(strtok_r(NULL, " ,", &save) == NULL);
}

static void numbers(void)
{
	char *end;

	T_EQ(strtol("  -42xyz", &end, 10), -42);
	T_STREQ(end, "xyz");
	T_EQ(strtol("0x1F", NULL, 0), 31);
	T_EQ(strtol("017", NULL, 0), 15);
	T_EQ(strtoul("ff", NULL, 16), 255);
	errno = 0;
	T_EQ(strtol("99999999999999999999", NULL, 10), LONG_MAX);
	T_EQ(errno, ERANGE);
	T_EQ(atoi("123"), 123);
	T_CHECK(isdigit('7') && !isdigit('a') && isspace('\t') && toupper('q') == 'Q');
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void sorting(void)
{
	int v[200];
	int ok = 1;

	for (int i = 0; i < 200; i++)
		v[i] = (i * 7919) % 211 - 100;
	qsort(v, 200, sizeof(int), cmp_int);
	for (int i = 1; i < 200; i++)
		ok &= v[i - 1] <= v[i];
	T_CHECK(ok);
}

static void environment(void)
{
	T_CHECK(setenv("ZTEST_VAR", "one", 1) == 0);
	T_STREQ(getenv("ZTEST_VAR"), "one");
	T_CHECK(setenv("ZTEST_VAR", "two", 0) == 0);
	T_STREQ(getenv("ZTEST_VAR"), "one");
	T_CHECK(unsetenv("ZTEST_VAR") == 0);
	T_CHECK(getenv("ZTEST_VAR") == NULL);
	T_ERRNO(setenv("A=B", "x", 1), EINVAL);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(mem_functions), ZTEST(str_functions), ZTEST(tokens),
		ZTEST(numbers),	      ZTEST(sorting),	    ZTEST(environment),
	};
	return ztest_main("t_string", tests, ZTEST_COUNT(tests));
}
