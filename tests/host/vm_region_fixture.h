/*
 * tests/host/vm_region_fixture.h - fixture of the region set's host tests.
 *
 * Allocation hooks for struct vm_regions that count live regions, fill
 * fresh memory with garbage and fail on demand (after a budget runs out,
 * or at random), a seeded random generator, snapshots of a set taken with
 * vm_regions_walk(), and checks of every invariant the set promises.
 * The helpers fail the running cmocka test when a check fails.
 */
#ifndef TESTS_HOST_VM_REGION_FIXTURE_H_
#define TESTS_HOST_VM_REGION_FIXTURE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vm/vm_region.h>

/** Capacity of a struct vmrfix_list. */
#define VMRFIX_MAX 512

/** State of the allocation hooks; vmrfix_setup() resets it. */
struct vmrfix_mem {
	long budget;	   /**< Allocations that may still succeed; -1 no limit. */
	unsigned fail_pct; /**< Else fail this percentage of calls at random. */
	unsigned failed;   /**< Failures injected so far. */
	long live;	   /**< Regions allocated and not yet freed. */
};

/** Regions copied out of a set, or pieces a drop callback saw, in order. */
struct vmrfix_list {
	size_t n;			/**< Entries used. */
	struct vm_region r[VMRFIX_MAX]; /**< The copies. */
};

/** The hooks' state. */
extern struct vmrfix_mem vmrfix_mem;
/** State of the random generator; seed it by assigning a nonzero value. */
extern uint64_t vmrfix_rng;

/* Random number in [0, n), n > 0, from the seeded sequence. */
unsigned vmrfix_below(unsigned n);

/* The allocation hooks to give vm_regions_init(). */
void *vmrfix_alloc(size_t size);
void vmrfix_free(void *p);

/* cmocka setup/teardown: *state is a fresh heap-allocated set; teardown
 * destroys it and fails if any region leaked. */
int vmrfix_setup(void **state);
int vmrfix_teardown(void **state);

/* vm_region_drop_fn appending each piece to the struct vmrfix_list @arg. */
void vmrfix_record(void *arg, const struct vm_region *piece);
/* Copy every region of @rs into @l, in address order. */
void vmrfix_take(const struct vm_regions *rs, struct vmrfix_list *l);
/* Do @a and @b describe the same range the same way (links aside)? */
bool vmrfix_same(const struct vm_region *a, const struct vm_region *b);
/* Assert that two lists hold the same regions. */
void vmrfix_assert_same(const struct vmrfix_list *a, const struct vmrfix_list *b);
/* Could @b be merged into @a (the set's rule, written independently)? */
bool vmrfix_mergeable(const struct vm_region *a, const struct vm_region *b);
/* Assert parent links, key order, heights and AVL balance; return the nodes. */
size_t vmrfix_check_tree(const struct vm_regions *rs);
/* Assert every invariant of @rs: tree, count, alignment, order, disjoint,
 * maximally merged, and as many regions as live allocations. */
void vmrfix_check_set(const struct vm_regions *rs);

#endif /* TESTS_HOST_VM_REGION_FIXTURE_H_ */
