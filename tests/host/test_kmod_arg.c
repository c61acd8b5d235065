/* Host tests of kmod_arg(): finding `key` and `key=value` words in a
 * module's argument string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <core/cmdline.h>
#include <core/kmod_args.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

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

/* What init gets for a module2 line as GRUB hands it over: the line split
 * like the command line, then written back with kmod_args_append(). */
static void canon(const char *line, char *buf, size_t size)
{
	static struct cmdline cl;
	size_t len = 0;

	buf[0] = '\0';
	assert_int_equal(cmdline_parse(&cl, line), 0);
	for (unsigned i = 0; i < cl.nwords; i++) {
		const struct cmdline_word *w = &cl.words[i];

		assert_int_equal(kmod_args_append(buf, size, &len, w->key, w->val,
						  w->val == w->key + strlen(w->key)),
				 0);
	}
}

static void test_grub_quoting(void **state)
{
	char buf[256];
	const char *v;
	size_t n;

	(void)state;
	/* grub.cfg: module2 /boot/mod/hello.ko greeting="big world" debug x="a\"b" */
	canon("\"greeting=big world\" debug x=a\\\"b e=", buf, sizeof(buf));
	assert_string_equal(buf, "greeting=\"big world\" debug x=\"a\\\"b\" e=");
	assert_int_equal(kmod_arg(buf, "greeting", &v, &n), 1);
	assert_int_equal(n, 9);
	assert_memory_equal(v, "big world", 9);
	assert_int_equal(kmod_arg(buf, "debug", &v, &n), 1);
	assert_int_equal(n, 0);
	/* Blanks inside quotes do not start a word. */
	assert_int_equal(kmod_arg(buf, "world\"", NULL, NULL), 0);
	/* An escaped byte comes as written. */
	assert_int_equal(kmod_arg(buf, "x", &v, &n), 1);
	assert_int_equal(n, 6);
	assert_memory_equal(v, "\"a\\\"b\"", 6);
	assert_int_equal(kmod_arg(buf, "e", &v, &n), 1);
	assert_int_equal(n, 0);
}

static void test_append_limits(void **state)
{
	char buf[12];
	size_t len = 0;

	(void)state;
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "a", "1 2", false), 0);
	assert_string_equal(buf, "a=\"1 2\"");
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "bb", "x", false), -E2BIG);
	assert_string_equal(buf, "a=\"1 2\"");
	assert_int_equal(len, 7);
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "c", "", true), 0);
	assert_string_equal(buf, "a=\"1 2\" c");
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "dd", "", true), -E2BIG);
	assert_int_equal(len, 9);
	/* A key kmod_arg() could not match as written is refused. */
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "k y", "1", false), -EINVAL);
	assert_int_equal(kmod_args_append(buf, sizeof(buf), &len, "", "1", false), -EINVAL);
	assert_int_equal(len, 9);
	assert_string_equal(buf, "a=\"1 2\" c");
}

static void test_numbers(void **state)
{
	uint64_t v = 250;

	(void)state;
	assert_int_equal(
	    kmod_arg_u64("hz=4294967296 a=1000 b=x c= d=0x10 e=99999999999999999999999", "hz", 10,
			 10000, &v),
	    -ERANGE);
	assert_int_equal(kmod_arg_u64("hz=0", "hz", 10, 10000, &v), -ERANGE);
	assert_int_equal(kmod_arg_u64("hz=4294967306", "hz", 10, 10000, &v), -ERANGE);
	assert_int_equal(kmod_arg_u64("hz=x", "hz", 10, 10000, &v), -EINVAL);
	assert_int_equal(kmod_arg_u64("hz=", "hz", 10, 10000, &v), -EINVAL);
	assert_int_equal(kmod_arg_u64("hz", "hz", 10, 10000, &v), -EINVAL);
	assert_int_equal(kmod_arg_u64("hz=99999999999999999999999", "hz", 10, 10000, &v), -ERANGE);
	assert_int_equal(kmod_arg_u64("pit", "hz", 10, 10000, &v), -ENOENT);
	assert_int_equal(v, 250);
	assert_int_equal(kmod_arg_u64("pit hz=0x10", "hz", 10, 10000, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(kmod_arg_u64("hz=\"1000\"", "hz", 10, 10000, &v), 0);
	assert_int_equal(v, 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bare_and_valued_words),
		cmocka_unit_test(test_prefixes_and_absence),
		cmocka_unit_test(test_grub_quoting),
		cmocka_unit_test(test_append_limits),
		cmocka_unit_test(test_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
