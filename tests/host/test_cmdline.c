/* Host tests of core/kern/init/cmdline.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <core/cmdline.h>
#include <uapi/errno.h>

/* Heap-allocated so ASan sees any access outside the structure. */
static int setup(void **state)
{
	*state = malloc(sizeof(struct cmdline));
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

/* Every key and value must lie inside buf and be NUL-terminated there. */
static void assert_self_contained(const struct cmdline *cl)
{
	const char *lo = cl->buf, *hi = cl->buf + sizeof(cl->buf);

	assert_true(cl->nwords <= CMDLINE_MAX_WORDS);
	for (unsigned i = 0; i < cl->nwords; i++) {
		const char *k = cl->words[i].key, *v = cl->words[i].val;

		assert_true(k >= lo && k < hi && memchr(k, '\0', (size_t)(hi - k)));
		assert_true(v >= lo && v < hi && memchr(v, '\0', (size_t)(hi - v)));
	}
}

static void assert_word(const struct cmdline *cl, unsigned i, const char *key, const char *val)
{
	assert_true(i < cl->nwords);
	assert_string_equal(cl->words[i].key, key);
	assert_string_equal(cl->words[i].val, val);
}

static void test_empty_and_null(void **state)
{
	struct cmdline *cl = *state;

	memset(cl, 0x5a, sizeof(*cl));
	assert_int_equal(cmdline_parse(cl, NULL), 0);
	assert_int_equal(cl->nwords, 0);
	assert_false(cl->truncated);
	assert_null(cmdline_get(cl, "x"));
	assert_int_equal(cmdline_parse(cl, ""), 0);
	assert_int_equal(cl->nwords, 0);
	assert_int_equal(cmdline_parse(cl, " \t \r\n  "), 0);
	assert_int_equal(cl->nwords, 0);
	assert_false(cmdline_has(cl, ""));
}

static void test_blanks(void **state)
{
	struct cmdline *cl = *state;

	assert_int_equal(cmdline_parse(cl, "  \t a\t\tb=1   c  \t\n"), 0);
	assert_int_equal(cl->nwords, 3);
	assert_word(cl, 0, "a", "");
	assert_word(cl, 1, "b", "1");
	assert_word(cl, 2, "c", "");
	assert_self_contained(cl);
}

static void test_key_value_and_bare(void **state)
{
	struct cmdline *cl = *state;
	static char line[] = "console=ttyS0,115200 quiet root=/dev/hda1 init= a=b=c";

	assert_int_equal(cmdline_parse(cl, line), 0);
	/* The parser keeps its own copy. */
	memset(line, 'X', sizeof(line) - 1);
	assert_int_equal(cl->nwords, 5);
	assert_string_equal(cmdline_get(cl, "console"), "ttyS0,115200");
	assert_string_equal(cmdline_get(cl, "quiet"), "");
	assert_true(cmdline_has(cl, "quiet"));
	assert_string_equal(cmdline_get(cl, "root"), "/dev/hda1");
	assert_string_equal(cmdline_get(cl, "init"), "");
	assert_true(cmdline_has(cl, "init"));
	/* Only the first '=' splits. */
	assert_string_equal(cmdline_get(cl, "a"), "b=c");
	assert_null(cmdline_get(cl, "b"));
	assert_null(cmdline_get(cl, "missing"));
	assert_false(cmdline_has(cl, "missing"));
	assert_self_contained(cl);
}

static void test_duplicates_last_wins(void **state)
{
	struct cmdline *cl = *state;
	uint64_t v = 0;

	assert_int_equal(cmdline_parse(cl, "sched=zero mem=buddy sched=rr n=1 n=2 flag=x flag"), 0);
	assert_string_equal(cmdline_get(cl, "sched"), "rr");
	assert_string_equal(cmdline_get(cl, "mem"), "buddy");
	assert_string_equal(cmdline_get(cl, "flag"), "");
	assert_int_equal(cmdline_get_u64(cl, "n", &v), 0);
	assert_int_equal(v, 2);
	/* All words are still listed, in order. */
	assert_int_equal(cl->nwords, 7);
	assert_word(cl, 0, "sched", "zero");
	assert_word(cl, 2, "sched", "rr");
}

static void test_prefix_keys(void **state)
{
	struct cmdline *cl = *state;

	assert_int_equal(cmdline_parse(cl, "panic_on=oops pan=1 panicky"), 0);
	assert_false(cmdline_has(cl, "panic"));
	assert_null(cmdline_get(cl, "panic"));
	assert_string_equal(cmdline_get(cl, "panic_on"), "oops");
	assert_string_equal(cmdline_get(cl, "pan"), "1");
	assert_false(cmdline_has(cl, "panic_o"));
	assert_false(cmdline_has(cl, "panic_on_x"));
	assert_int_equal(cmdline_parse(cl, "panic=5 panic_on=oops"), 0);
	assert_string_equal(cmdline_get(cl, "panic"), "5");
	assert_string_equal(cmdline_get(cl, "panic_on"), "oops");
}

static void test_quotes(void **state)
{
	struct cmdline *cl = *state;

	assert_int_equal(cmdline_parse(cl, "opt=\"a b\" x=\"\" \"k y\"=v w=a\"=\"b z=\"p\tq\"r"),
			 0);
	assert_int_equal(cl->nwords, 5);
	assert_word(cl, 0, "opt", "a b");
	assert_word(cl, 1, "x", "");
	assert_word(cl, 2, "k y", "v");
	assert_word(cl, 3, "w", "a=b");
	assert_word(cl, 4, "z", "p\tqr");
	/* The first '=' splits, quoted or not: keys never hold one. */
	assert_int_equal(cmdline_parse(cl, "\"a=b\"=c"), 0);
	assert_word(cl, 0, "a", "b=c");
	/* An empty quoted word is kept, with an empty key. */
	assert_int_equal(cmdline_parse(cl, "\"\" y"), 0);
	assert_int_equal(cl->nwords, 2);
	assert_word(cl, 0, "", "");
	assert_word(cl, 1, "y", "");
	assert_self_contained(cl);
}

/*
 * The exact strings GRUB 2.06 hands over (seen in the boot log) for these
 * grub.cfg words: crash="no such" mem="tlsf" x="a\"b" k="1 \\ 2" p='it's'
 * and, with one level of quoting too many, mem=\"tlsf\".
 */
static void test_grub_quoting(void **state)
{
	struct cmdline *cl = *state;

	assert_int_equal(cmdline_parse(cl, "loglevel=6 \"crash=no such\" mem=tlsf x=a\\\"b "
					   "\"k=1 \\\\ 2\" p=it\\'s"),
			 0);
	assert_int_equal(cl->nwords, 6);
	assert_word(cl, 0, "loglevel", "6");
	assert_word(cl, 1, "crash", "no such");
	assert_word(cl, 2, "mem", "tlsf");
	assert_word(cl, 3, "x", "a\"b");
	assert_word(cl, 4, "k", "1 \\ 2");
	assert_word(cl, 5, "p", "it's");
	assert_self_contained(cl);
	assert_int_equal(cmdline_parse(cl, "mem=\\\"tlsf\\\" sched=\"zero\" \"require=a b\""), 0);
	assert_word(cl, 0, "mem", "tlsf");
	assert_word(cl, 1, "sched", "zero");
	assert_word(cl, 2, "require", "a b");
	/* Even an escaped '=' splits: keys never hold one (the fuzzer's find). */
	assert_int_equal(cmdline_parse(cl, "panick\\=exit a\\==b"), 0);
	assert_word(cl, 0, "panick", "exit");
	assert_word(cl, 1, "a", "=b");
	/* A trailing backslash is itself; an escaped blank does not split. */
	assert_int_equal(cmdline_parse(cl, "a=b\\ c d\\"), 0);
	assert_word(cl, 0, "a", "b c");
	assert_word(cl, 1, "d\\", "");
	/* A lone literal quote is a value, not a pair. */
	assert_int_equal(cmdline_parse(cl, "q=\\\" e=\"\""), 0);
	assert_word(cl, 0, "q", "\"");
	assert_word(cl, 1, "e", "");
	assert_self_contained(cl);
}

static void test_unterminated_quote(void **state)
{
	struct cmdline *cl = *state;

	assert_int_equal(cmdline_parse(cl, "a=1 opt=\"x y  z=2"), -EINVAL);
	assert_false(cl->truncated);
	assert_int_equal(cl->nwords, 2);
	assert_word(cl, 0, "a", "1");
	assert_word(cl, 1, "opt", "x y  z=2");
	assert_null(cmdline_get(cl, "z"));
	assert_int_equal(cmdline_parse(cl, "\""), -EINVAL);
	assert_int_equal(cl->nwords, 1);
	assert_word(cl, 0, "", "");
	assert_self_contained(cl);
}

static void test_too_many_words(void **state)
{
	struct cmdline *cl = *state;
	char line[CMDLINE_MAX_LEN];
	size_t n = 0;

	for (int i = 0; i < CMDLINE_MAX_WORDS + 5; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "w%d=%d ", i, i);
	assert_int_equal(cmdline_parse(cl, line), -E2BIG);
	assert_true(cl->truncated);
	assert_int_equal(cl->nwords, CMDLINE_MAX_WORDS);
	assert_string_equal(cmdline_get(cl, "w0"), "0");
	assert_string_equal(cmdline_get(cl, "w31"), "31");
	assert_null(cmdline_get(cl, "w32"));
	assert_self_contained(cl);

	/* Exactly the maximum is fine, trailing blanks included. */
	n = 0;
	for (int i = 0; i < CMDLINE_MAX_WORDS; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "w%d ", i);
	assert_int_equal(cmdline_parse(cl, line), 0);
	assert_false(cl->truncated);
	assert_int_equal(cl->nwords, CMDLINE_MAX_WORDS);
}

/* A line of @len bytes: blanks, then @tail ending at the last byte. */
static char *make_line(size_t len, const char *tail)
{
	char *s = malloc(len + 1);
	size_t tl = strlen(tail);

	assert_non_null(s);
	memset(s, ' ', len);
	memcpy(s + len - tl, tail, tl);
	s[len] = '\0';
	return s;
}

static void test_too_long(void **state)
{
	struct cmdline *cl = *state;
	char *s;

	/* The longest line that fits: CMDLINE_MAX_LEN - 1 bytes. */
	s = make_line(CMDLINE_MAX_LEN - 1, "last=end");
	assert_int_equal(cmdline_parse(cl, s), 0);
	assert_string_equal(cmdline_get(cl, "last"), "end");
	free(s);

	/* One byte more, cutting the last word: it is dropped, not shortened. */
	s = make_line(CMDLINE_MAX_LEN, "first=1 mem=1024");
	memcpy(s, "a=1", 3);
	assert_int_equal(cmdline_parse(cl, s), -E2BIG);
	assert_true(cl->truncated);
	assert_string_equal(cmdline_get(cl, "a"), "1");
	assert_string_equal(cmdline_get(cl, "first"), "1");
	assert_null(cmdline_get(cl, "mem"));
	assert_int_equal(cl->nwords, 2);
	assert_self_contained(cl);
	free(s);

	/* The limit falls on a blank: the word before it is whole and kept. */
	s = make_line(CMDLINE_MAX_LEN + 10, "keep=yes           x=1");
	assert_int_equal(cmdline_parse(cl, s), -E2BIG);
	assert_string_equal(cmdline_get(cl, "keep"), "yes");
	assert_null(cmdline_get(cl, "x"));
	free(s);

	/* The limit falls on a blank inside quotes: that word is cut too. */
	s = make_line(CMDLINE_MAX_LEN + 10, "ok q=\"a           b\"");
	assert_int_equal(s[CMDLINE_MAX_LEN - 1], ' ');
	assert_int_equal(cmdline_parse(cl, s), -E2BIG);
	assert_true(cmdline_has(cl, "ok"));
	assert_false(cmdline_has(cl, "q"));
	free(s);

	/* A huge line: only the first CMDLINE_MAX_LEN bytes are looked at. */
	s = make_line(100000, "z");
	memcpy(s, "big", 3);
	assert_int_equal(cmdline_parse(cl, s), -E2BIG);
	assert_int_equal(cl->nwords, 1);
	assert_word(cl, 0, "big", "");
	free(s);
}

static void test_numbers(void **state)
{
	struct cmdline *cl = *state;
	uint64_t v;

	assert_int_equal(cmdline_parse(cl, "a=0 b=42 c=0x1F d=0XfF e=4K f=16m g=2G h=0x10k "
					   "i=007 j=18446744073709551615 k=0xffffffffffffffff "
					   "l=17179869183G"),
			 0);
	static const struct {
		const char *key;
		uint64_t want;
	} ok[] = {
		{ "a", 0 },	     { "b", 42 },	   { "c", 31 },
		{ "d", 255 },	     { "e", 4096 },	   { "f", 16ull << 20 },
		{ "g", 2ull << 30 }, { "h", 16ull << 10 }, { "i", 7 },
		{ "j", UINT64_MAX }, { "k", UINT64_MAX },  { "l", 17179869183ull << 30 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = 12345;
		assert_int_equal(cmdline_get_u64(cl, ok[i].key, &v), 0);
		assert_int_equal(v, ok[i].want);
	}
}

static void test_number_errors(void **state)
{
	struct cmdline *cl = *state;
	uint64_t v = 777;

	assert_int_equal(
	    cmdline_parse(cl, "bare e= neg=-1 plus=+1 hex=0x hexg=0xg sp=\" 1\" "
			      "x=12a kk=1KK t=1T o=18446744073709551616 "
			      "ho=0x10000000000000000 so=17179869184G sk=0x40000000000000K "
			      "bad=99999999999999999999x"),
	    0);
	assert_int_equal(cmdline_get_u64(cl, "missing", &v), -ENOENT);
	assert_int_equal(cmdline_get_u64(cl, "bare", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "e", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "neg", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "plus", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "hex", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "hexg", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "sp", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "x", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "kk", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "t", &v), -EINVAL);
	assert_int_equal(cmdline_get_u64(cl, "o", &v), -ERANGE);
	assert_int_equal(cmdline_get_u64(cl, "ho", &v), -ERANGE);
	assert_int_equal(cmdline_get_u64(cl, "so", &v), -ERANGE);
	assert_int_equal(cmdline_get_u64(cl, "sk", &v), -ERANGE);
	/* Malformed is reported before too large. */
	assert_int_equal(cmdline_get_u64(cl, "bad", &v), -EINVAL);
	/* Errors leave the output alone. */
	assert_int_equal(v, 777);
}

static void test_number_range(void **state)
{
	struct cmdline *cl = *state;
	uint64_t v = 6;

	assert_int_equal(cmdline_parse(cl, "loglevel=4294967296 l2=4294967303 ok=7 lo=0 big=8"), 0);
	assert_int_equal(cmdline_get_range(cl, "loglevel", 0, 7, &v), -ERANGE);
	assert_int_equal(cmdline_get_range(cl, "l2", 0, 7, &v), -ERANGE);
	assert_int_equal(cmdline_get_range(cl, "big", 0, 7, &v), -ERANGE);
	assert_int_equal(cmdline_get_range(cl, "lo", 1, 7, &v), -ERANGE);
	assert_int_equal(v, 6);
	assert_int_equal(cmdline_get_range(cl, "none", 0, 7, &v), -ENOENT);
	assert_int_equal(cmdline_get_range(cl, "ok", 0, 7, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(cmdline_get_range(cl, "lo", 0, 7, &v), 0);
	assert_int_equal(v, 0);
}

static void test_reparse_replaces(void **state)
{
	struct cmdline *cl = *state;

	for (int i = 0; i < CMDLINE_MAX_WORDS + 1; i++)
		(void)cmdline_parse(cl, "a b c d e f g h i j k l m n o p q r s t u v w x y z "
					"aa bb cc dd ee ff gg");
	assert_true(cl->truncated);
	assert_int_equal(cmdline_parse(cl, "only=one"), 0);
	assert_false(cl->truncated);
	assert_int_equal(cl->nwords, 1);
	assert_false(cmdline_has(cl, "a"));
	assert_string_equal(cmdline_get(cl, "only"), "one");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_and_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blanks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_value_and_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_last_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefix_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grub_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unterminated_quote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reparse_replaces, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
