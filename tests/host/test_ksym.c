/* Host tests of core/kern/debug/ksym.c (which formats through core/kern/lib/fmt.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <core/ksym.h>

/* "\0" first so that no valid symbol has name_off 0 by accident. */
static const char names[] = "\0start\0kmain\0printk\0alias\0gap_after\0last";
#define OFF_START  1
#define OFF_KMAIN  7
#define OFF_PRINTK 13
#define OFF_ALIAS  20
#define OFF_GAP	   26
#define OFF_LAST   36

#define BASE 0xffffffff80100000ull

static const struct ksym syms[] = {
	{ .addr = BASE, .size = 0x40, .name_off = OFF_START },
	{ .addr = BASE + 0x40, .size = 0, .name_off = OFF_KMAIN }, /* size unknown */
	{ .addr = BASE + 0x100, .size = 0x80, .name_off = OFF_PRINTK },
	{ .addr = BASE + 0x100, .size = 0x20, .name_off = OFF_ALIAS }, /* same address */
	{ .addr = BASE + 0x200, .size = 0x10, .name_off = OFF_GAP },   /* gap follows */
	{ .addr = BASE + 0x300, .size = 0x8, .name_off = OFF_LAST },
};

static const struct ksym_table table = {
	.syms = syms,
	.nsyms = sizeof(syms) / sizeof(syms[0]),
	.names = names,
	.names_len = sizeof(names),
};

static void expect_sym(const struct ksym_table *t, uint64_t addr, const char *name, uint64_t off)
{
	uint64_t got = 0xdead;
	const char *n = ksym_lookup(t, addr, &got);

	assert_non_null(n);
	assert_string_equal(n, name);
	assert_int_equal(got, off);
}

static void expect_none(const struct ksym_table *t, uint64_t addr)
{
	uint64_t got = 0xdead;

	assert_null(ksym_lookup(t, addr, &got));
	assert_int_equal(got, 0xdead);
}

static void test_empty_table(void **state)
{
	const struct ksym_table empty = { .syms = NULL, .nsyms = 0, .names = NULL };
	char buf[32];

	(void)state;
	expect_none(&empty, 0);
	expect_none(&empty, BASE);
	expect_none(&empty, UINT64_MAX);
	assert_int_equal(ksym_format(&empty, BASE, buf, sizeof(buf)), 18);
	assert_string_equal(buf, "0xffffffff80100000");
}

static void test_exact_hits(void **state)
{
	(void)state;
	expect_sym(&table, BASE, "start", 0);
	expect_sym(&table, BASE + 0x40, "kmain", 0);
	expect_sym(&table, BASE + 0x200, "gap_after", 0);
	expect_sym(&table, BASE + 0x300, "last", 0);
	/* Several symbols at one address: the last in table order. */
	expect_sym(&table, BASE + 0x100, "alias", 0);
}

static void test_offsets(void **state)
{
	(void)state;
	expect_sym(&table, BASE + 0x1a, "start", 0x1a);
	expect_sym(&table, BASE + 0x3f, "start", 0x3f);
	/* Unknown size: extends up to the next symbol. */
	expect_sym(&table, BASE + 0x41, "kmain", 1);
	expect_sym(&table, BASE + 0xff, "kmain", 0xbf);
	expect_sym(&table, BASE + 0x11f, "alias", 0x1f);
	expect_sym(&table, BASE + 0x20f, "gap_after", 0xf);
	expect_sym(&table, BASE + 0x307, "last", 7);
	/* The offset pointer is optional. */
	assert_string_equal(ksym_lookup(&table, BASE + 4, NULL), "start");
}

static void test_gaps_and_bounds(void **state)
{
	(void)state;
	expect_none(&table, 0);
	expect_none(&table, BASE - 1);
	/* alias (the chosen symbol at BASE + 0x100) ends at 0x120. */
	expect_none(&table, BASE + 0x120);
	expect_none(&table, BASE + 0x210);
	expect_none(&table, BASE + 0x2ff);
	/* Past the last symbol. */
	expect_none(&table, BASE + 0x308);
	expect_none(&table, UINT64_MAX);
}

static void test_size_at_top_of_address_space(void **state)
{
	static const char n[] = "top";
	const struct ksym s[] = { { .addr = UINT64_MAX - 0xf, .size = 0x100, .name_off = 0 } };
	const struct ksym_table t = { .syms = s, .nsyms = 1, .names = n, .names_len = sizeof(n) };

	(void)state;
	/* addr + size wraps; the symbol must still contain the rest of the space. */
	expect_sym(&t, UINT64_MAX, "top", 0xf);
	expect_none(&t, UINT64_MAX - 0x10);
}

static void test_hostile_names(void **state)
{
	static const char blob[] = { 'o', 'k', '\0', 'b', 'a', 'd' }; /* "bad" unterminated */
	const struct ksym s[] = {
		{ .addr = 0x1000, .size = 0x10, .name_off = 0 },
		{ .addr = 0x2000, .size = 0x10, .name_off = 3 },
		{ .addr = 0x3000, .size = 0x10, .name_off = sizeof(blob) },
		{ .addr = 0x4000, .size = 0x10, .name_off = UINT32_MAX },
		{ .addr = 0x5000, .size = 0x10, .name_off = sizeof(blob) - 1 },
	};
	/* Heap copy of exact size: ASan catches any read past the blob. */
	char *heap = malloc(sizeof(blob));
	const struct ksym_table t = {
		.syms = s, .nsyms = 5, .names = heap, .names_len = sizeof(blob)
	};
	const struct ksym_table no_names = { .syms = s, .nsyms = 5, .names = NULL };
	char buf[32];

	(void)state;
	assert_non_null(heap);
	memcpy(heap, blob, sizeof(blob));
	expect_sym(&t, 0x1004, "ok", 4);
	expect_none(&t, 0x2004);
	expect_none(&t, 0x3004);
	expect_none(&t, 0x4004);
	expect_none(&t, 0x5004);
	expect_none(&no_names, 0x1004);
	assert_int_equal(ksym_format(&t, 0x4004, buf, sizeof(buf)), 6);
	assert_string_equal(buf, "0x4004");
	free(heap);
}

static void test_format(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(ksym_format(&table, BASE + 0x1a, buf, sizeof(buf)),
			 (int)strlen("start+0x1a/0x40"));
	assert_string_equal(buf, "start+0x1a/0x40");
	ksym_format(&table, BASE, buf, sizeof(buf));
	assert_string_equal(buf, "start+0x0/0x40");
	ksym_format(&table, BASE + 0x50, buf, sizeof(buf));
	assert_string_equal(buf, "kmain+0x10");
	ksym_format(&table, BASE + 0x305, buf, sizeof(buf));
	assert_string_equal(buf, "last+0x5/0x8");
	ksym_format(&table, BASE + 0x400, buf, sizeof(buf));
	assert_string_equal(buf, "0xffffffff80100400");
	ksym_format(&table, 0, buf, sizeof(buf));
	assert_string_equal(buf, "0x0");
}

static void test_format_truncates(void **state)
{
	char buf[8];
	int n;

	(void)state;
	n = ksym_format(&table, BASE + 0x12a, buf, sizeof(buf));
	/* printk (size 0x80) is not the symbol found: alias is, and it ends at 0x120. */
	assert_int_equal(n, (int)strlen("0xffffffff8010012a"));
	assert_string_equal(buf, "0xfffff");
	n = ksym_format(&table, BASE + 0x1a, buf, 6);
	assert_int_equal(n, (int)strlen("start+0x1a/0x40"));
	assert_string_equal(buf, "start");
	assert_int_equal(ksym_format(&table, BASE + 0x1a, NULL, 0), n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_exact_hits),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_gaps_and_bounds),
		cmocka_unit_test(test_size_at_top_of_address_space),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
