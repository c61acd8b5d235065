/* Host tests of kmod_arg(): finding `key` and `key=value` words in a
 * module's argument string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <kern/kmod.h>

static void test_bare_and_valued_words(void **state)
{
	const char *v = NULL;
	size_t n = 99;

	(void)state;
	assert_int_equal(kmod_arg("debug hz=1000 pit", "debug", &v, &n), 1);
	assert_string_equal(v, "");
	assert_int_equal(n, 0);
	assert_int_equal(kmod_arg("debug hz=1000 pit", "hz", &v, &n), 1);
	assert_int_equal(n, 4);
	assert_memory_equal(v, "1000", 4);
	assert_int_equal(kmod_arg("debug hz=1000 pit", "pit", NULL, NULL), 1);
}

static void test_prefixes_and_absence(void **state)
{
	(void)state;
	assert_int_equal(kmod_arg("debugger hz2=5", "debug", NULL, NULL), 0);
	assert_int_equal(kmod_arg("debugger hz2=5", "hz", NULL, NULL), 0);
	assert_int_equal(kmod_arg("", "debug", NULL, NULL), 0);
	assert_int_equal(kmod_arg(NULL, "debug", NULL, NULL), 0);
	assert_int_equal(kmod_arg("  a   b=  debug ", "debug", NULL, NULL), 1);
	assert_int_equal(kmod_arg("x=", "x", NULL, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bare_and_valued_words),
		cmocka_unit_test(test_prefixes_and_absence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
