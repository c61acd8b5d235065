/*
 * Host tests of core/include/kern/list.h: every operation, checked by
 * walking the list both ways after each change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <kern/list.h>

struct item {
	int value;
	struct list_node link;
	int pad;
};

/* The list holds exactly want[0..n) in order, forwards and backwards. */
static void check_list(struct list_node *head, const int *want, int n)
{
	struct list_node *pos = head->next;
	int i;

	for (i = 0; i < n; i++, pos = pos->next) {
		assert_ptr_not_equal(pos, head);
		assert_ptr_equal(pos->next->prev, pos);
		assert_int_equal(list_entry(pos, struct item, link)->value, want[i]);
	}
	assert_ptr_equal(pos, head);
	pos = head->prev;
	for (i = n - 1; i >= 0; i--, pos = pos->prev)
		assert_int_equal(list_entry(pos, struct item, link)->value, want[i]);
	assert_ptr_equal(pos, head);
	assert_int_equal(list_empty(head), n == 0);
}

static void test_empty(void **state)
{
	struct list_node head;

	(void)state;
	list_init(&head);
	assert_true(list_empty(&head));
	assert_null(list_first(&head));
	assert_ptr_equal(head.next, &head);
	assert_ptr_equal(head.prev, &head);
	check_list(&head, NULL, 0);
}

static void test_entry(void **state)
{
	struct item it = { .value = 7 };

	(void)state;
	assert_ptr_equal(list_entry(&it.link, struct item, link), &it);
	assert_int_equal(list_entry(&it.link, struct item, link)->value, 7);
}

static void test_add_head_tail(void **state)
{
	struct list_node head;
	struct item it[4] = { { .value = 0 }, { .value = 1 }, { .value = 2 }, { .value = 3 } };
	static const int want[] = { 2, 0, 1, 3 };

	(void)state;
	list_init(&head);
	list_add_tail(&head, &it[0].link);
	list_add_tail(&head, &it[1].link);
	list_add_head(&head, &it[2].link);
	list_add_tail(&head, &it[3].link);
	check_list(&head, want, 4);
	assert_ptr_equal(list_first(&head), &it[2].link);
	assert_ptr_equal(head.prev, &it[3].link);
}

static void test_del(void **state)
{
	struct list_node head;
	struct item it[4] = { { .value = 0 }, { .value = 1 }, { .value = 2 }, { .value = 3 } };
	static const int after_mid[] = { 0, 2, 3 };
	static const int after_ends[] = { 2 };

	(void)state;
	list_init(&head);
	for (int i = 0; i < 4; i++)
		list_add_tail(&head, &it[i].link);
	list_del(&it[1].link);
	check_list(&head, after_mid, 3);
	assert_true(list_empty(&it[1].link)); /* a removed node is on no list */
	list_del(&it[0].link);
	list_del(&it[3].link);
	check_list(&head, after_ends, 1);
	assert_ptr_equal(list_first(&head), head.prev);
	list_del(&it[2].link);
	check_list(&head, NULL, 0);
	list_del(&it[2].link); /* removing a node on no list changes nothing */
	check_list(&head, NULL, 0);
	list_add_head(&head, &it[1].link); /* and a removed node can be added again */
	check_list(&head, (const int[]){ 1 }, 1);
}

/* A node as the position: add_head puts the new one after it, add_tail before it. */
static void test_add_at_node(void **state)
{
	struct list_node head;
	struct item it[4] = { { .value = 0 }, { .value = 1 }, { .value = 2 }, { .value = 3 } };
	static const int want[] = { 0, 1, 2, 3 };

	(void)state;
	list_init(&head);
	list_add_tail(&head, &it[0].link);
	list_add_tail(&head, &it[3].link);
	list_add_head(&it[0].link, &it[1].link);
	list_add_tail(&it[3].link, &it[2].link);
	check_list(&head, want, 4);
}

static void test_for_each_safe(void **state)
{
	struct list_node head, *pos, *tmp;
	struct item it[6];
	static const int odd[] = { 1, 3, 5 };
	int seen = 0;

	(void)state;
	list_init(&head);
	for (int i = 0; i < 6; i++) {
		it[i].value = i;
		list_add_tail(&head, &it[i].link);
	}
	list_for_each_safe(pos, tmp, &head)
	{
		struct item *x = list_entry(pos, struct item, link);

		assert_int_equal(x->value, seen++);
		if (x->value % 2 == 0)
			list_del(pos);
	}
	assert_int_equal(seen, 6);
	check_list(&head, odd, 3);
	list_for_each_safe(pos, tmp, &head) list_del(pos);
	check_list(&head, NULL, 0);
	seen = 0;
	list_for_each_safe(pos, tmp, &head) seen++;
	assert_int_equal(seen, 0);
}

static void test_splice_tail(void **state)
{
	struct list_node a, b;
	struct item it[5];
	static const int all[] = { 0, 1, 2, 3, 4 };

	(void)state;
	list_init(&a);
	list_init(&b);
	for (int i = 0; i < 5; i++) {
		it[i].value = i;
		list_add_tail(i < 2 ? &a : &b, &it[i].link);
	}
	list_splice_tail(&a, &b);
	check_list(&a, all, 5);
	check_list(&b, NULL, 0);
	list_splice_tail(&a, &b); /* an empty source changes nothing */
	check_list(&a, all, 5);
	list_splice_tail(&b, &a); /* into an empty list */
	check_list(&b, all, 5);
	check_list(&a, NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),	      cmocka_unit_test(test_entry),
		cmocka_unit_test(test_add_head_tail), cmocka_unit_test(test_del),
		cmocka_unit_test(test_add_at_node),   cmocka_unit_test(test_for_each_safe),
		cmocka_unit_test(test_splice_tail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
