/*
 * Host tests of the boot-module dependency sort: order by roles not by
 * input, stability, built-in roles, missing roles, cycles and refusals
 * that propagate to dependents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <core/modsort.h>

#define NODE(n, r, ...)                                                                            \
	{                                                                                          \
		.name = (n), .role = (r), .deps = { __VA_ARGS__ }                                  \
	}

static bool builtin_sched(const char *role, void *arg)
{
	(void)arg;
	return strcmp(role, "sched") == 0;
}

static unsigned pos(const unsigned *order, unsigned count, unsigned node)
{
	for (unsigned i = 0; i < count; i++)
		if (order[i] == node)
			return i;
	fail_msg("node %u not placed", node);
	return 0;
}

static void test_dependency_order_not_input_order(void **state)
{
	struct modsort_node nodes[] = {
		NODE("mem", "mem", "page", "vm"),
		NODE("vm", "vm", "page"),
		NODE("page", "page", NULL),
		NODE("tmr", "tmr", NULL),
	};
	unsigned order[4];

	(void)state;
	assert_int_equal(modsort(nodes, 4, NULL, NULL, order), 4);
	assert_int_equal(order[0], 2); /* page */
	assert_int_equal(order[1], 1); /* vm */
	assert_int_equal(order[2], 0); /* mem */
	assert_int_equal(order[3], 3); /* tmr: ready from the start, but input order among ready */
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(nodes[i].result, MODSORT_OK);
}

static void test_independent_nodes_keep_input_order(void **state)
{
	struct modsort_node nodes[] = { NODE("c", "c", NULL), NODE("a", "a", NULL),
					NODE("b", NULL, NULL) };
	unsigned order[3];

	(void)state;
	assert_int_equal(modsort(nodes, 3, NULL, NULL, order), 3);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 2);
}

static void test_builtin_role_satisfies(void **state)
{
	struct modsort_node nodes[] = { NODE("rr", "sched2", "sched") };
	unsigned order[1];

	(void)state;
	assert_int_equal(modsort(nodes, 1, builtin_sched, NULL, order), 1);
	assert_int_equal(modsort(nodes, 1, NULL, NULL, order), 0);
	assert_int_equal(nodes[0].result, MODSORT_MISSING);
	assert_string_equal(nodes[0].why, "sched");
}

static void test_missing_propagates_to_dependents(void **state)
{
	struct modsort_node nodes[] = {
		NODE("top", "top", "mid"),
		NODE("mid", "mid", "nosuch"),
		NODE("ok", "ok", NULL),
	};
	unsigned order[3];

	(void)state;
	assert_int_equal(modsort(nodes, 3, NULL, NULL, order), 1);
	assert_int_equal(order[0], 2);
	assert_int_equal(nodes[1].result, MODSORT_MISSING);
	assert_string_equal(nodes[1].why, "nosuch");
	assert_int_equal(nodes[0].result, MODSORT_DEPFAIL);
	assert_string_equal(nodes[0].why, "mid");
}

static void test_cycle_refused_dependents_refused(void **state)
{
	struct modsort_node nodes[] = {
		NODE("a", "a", "b"),	   NODE("b", "b", "c"),	       NODE("c", "c", "a"),
		NODE("user", "user", "a"), NODE("free", "free", NULL), NODE("self", "self", "self"),
	};
	unsigned order[6];

	(void)state;
	assert_int_equal(modsort(nodes, 6, NULL, NULL, order), 1);
	assert_int_equal(order[0], 4);
	assert_int_equal(nodes[0].result, MODSORT_CYCLE);
	assert_int_equal(nodes[1].result, MODSORT_CYCLE);
	assert_int_equal(nodes[2].result, MODSORT_CYCLE);
	assert_int_equal(nodes[5].result, MODSORT_CYCLE);
	assert_int_equal(nodes[3].result, MODSORT_DEPFAIL);
	assert_string_equal(nodes[3].why, "a");
}

static void test_diamond(void **state)
{
	struct modsort_node nodes[] = {
		NODE("d", "d", "b", "c"),
		NODE("b", "b", "a"),
		NODE("c", "c", "a"),
		NODE("a", "a", NULL),
	};
	unsigned order[4];

	(void)state;
	assert_int_equal(modsort(nodes, 4, NULL, NULL, order), 4);
	assert_true(pos(order, 4, 3) < pos(order, 4, 1));
	assert_true(pos(order, 4, 3) < pos(order, 4, 2));
	assert_true(pos(order, 4, 1) < pos(order, 4, 0));
	assert_true(pos(order, 4, 2) < pos(order, 4, 0));
}

static void test_too_many_nodes_are_cut(void **state)
{
	struct modsort_node nodes[MODSORT_MAX + 4];
	unsigned order[MODSORT_MAX + 4];

	(void)state;
	memset(nodes, 0, sizeof(nodes));
	for (unsigned i = 0; i < MODSORT_MAX + 4; i++)
		nodes[i].name = "x";
	assert_int_equal(modsort(nodes, MODSORT_MAX + 4, NULL, NULL, order), MODSORT_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dependency_order_not_input_order),
		cmocka_unit_test(test_independent_nodes_keep_input_order),
		cmocka_unit_test(test_builtin_role_satisfies),
		cmocka_unit_test(test_missing_propagates_to_dependents),
		cmocka_unit_test(test_cycle_refused_dependents_refused),
		cmocka_unit_test(test_diamond),
		cmocka_unit_test(test_too_many_nodes_are_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
