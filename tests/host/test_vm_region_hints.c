/*
 * tests/host/test_vm_region_hints.c - advice flags of the region set
 * (vm_regions_mark(): MEM_SEQUENTIAL and MEM_DONTFORK as region flags),
 * with the region set's fixture (vm_region_fixture.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <uapi/errno.h>
#include <vm/vm_region.h>

#include "vm_region_fixture.h"

#define P(n) ((uint64_t)(n)*PAGE_SIZE)
#define RW   (VM_READ | VM_WRITE)

static char obj_a; /* a stand-in for a backing object */

/* Advice flags split and merge as protections do; other flags are refused. */
static void test_mark_split_merge(void **state)
{
	struct vm_regions *rs = *state;

	assert_int_equal(vm_regions_insert(rs, P(0), P(10), RW, 0, &obj_a, P(20)), 0);
	assert_int_equal(vm_regions_mark(rs, P(3), P(5), VM_REGION_SEQ, 0), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 3);
	assert_int_equal(vm_regions_find(rs, P(4))->flags, VM_REGION_SEQ);
	assert_int_equal(vm_regions_find(rs, P(4))->offset, P(23));
	assert_int_equal(vm_regions_find(rs, P(5))->flags, 0);
	assert_int_equal(vm_regions_mark(rs, P(0), P(10), VM_REGION_DONTFORK, VM_REGION_SEQ), 0);
	vmrfix_check_set(rs);
	assert_int_equal(rs->count, 1);
	assert_int_equal(vm_regions_find(rs, P(9))->flags, VM_REGION_DONTFORK);
	assert_int_equal(vm_regions_mark(rs, P(0), P(10), 0, VM_REGION_DONTFORK), 0);
	assert_int_equal(vm_regions_find(rs, P(9))->flags, 0);
	assert_int_equal(vm_regions_mark(rs, P(0), P(10), VM_REGION_SHARED, 0), -EINVAL);
	assert_int_equal(vm_regions_mark(rs, P(0), P(11), VM_REGION_SEQ, 0), -ENOMEM);
	assert_int_equal(vm_regions_find(rs, P(0))->flags, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mark_split_merge, vmrfix_setup,
						vmrfix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
