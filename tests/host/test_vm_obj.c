/*
 * Host tests of vm's memory objects (modules/vm/vm_obj.c) over fakes of
 * the frame allocator and the page tables, against today's API (vm_priv.h):
 * - frames: page_alloc() hands out 4 KiB host buffers and counts them; a
 *   frame has a reference count (page_ref/page_unref) and is freed, and
 *   uncounted, by its last unref; a switch makes page_alloc() fail;
 * - page tables: a small table of (root, va) -> frame, each entry holding a
 *   frame reference as a real mapping does.
 * Checked: a new object's references and size, pages made on first touch
 * (directory, leaf, page: three frames; a second leaf past 512 pages),
 * -ENXIO past the end, -ENOMEM when frames run out, hold/release counts,
 * links (one per space, pruned once no region maps the object, copied by
 * fork), a shrink cutting off pages and the page-table entries of every
 * linked space past the new end, and the last release freeing every frame.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "file_fakes.h"
#include "vm/vm_priv.h"

void *malloc(size_t size);
void *aligned_alloc(size_t align, size_t size);
void free(void *p);

/* ---- frames ---- */

#define FAKE_FRAMES 256

static struct {
	void *mem;
	unsigned refs;
} frames[FAKE_FRAMES];
static int frames_live, frames_fail_after = -1;

static int frame_index(uint64_t pa)
{
	for (int i = 0; i < FAKE_FRAMES; i++)
		if (frames[i].mem && (uint64_t)(uintptr_t)frames[i].mem == pa)
			return i;
	fail_msg("not a frame: %#lx", (unsigned long)pa);
	return -1;
}

uint64_t page_alloc(unsigned order, unsigned flags)
{
	assert_int_equal(order, 0);
	if (frames_fail_after == 0)
		return 0;
	if (frames_fail_after > 0)
		frames_fail_after--;
	for (int i = 0; i < FAKE_FRAMES; i++)
		if (frames[i].mem == NULL) {
			frames[i].mem = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
			memset(frames[i].mem, flags & PAGE_ZERO ? 0 : 0xa5, PAGE_SIZE);
			frames[i].refs = 1;
			frames_live++;
			return (uint64_t)(uintptr_t)frames[i].mem;
		}
	fail_msg("out of fake frames");
	return 0;
}

unsigned page_ref(uint64_t pa)
{
	return ++frames[frame_index(pa)].refs;
}

unsigned page_unref(uint64_t pa)
{
	int i = frame_index(pa);

	assert_true(frames[i].refs > 0);
	if (--frames[i].refs == 0) {
		free(frames[i].mem);
		frames[i].mem = NULL;
		frames_live--;
	}
	return frames[i].mem ? frames[i].refs : 0;
}

void *page_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

/* ---- page tables ---- */

#define FAKE_PTES 64

static struct {
	uint64_t root, va, pa;
} ptes[FAKE_PTES];

/* Map va to pa in root, with a frame reference (as vm_fault would take). */
static void pte_map(uint64_t root, uint64_t va, uint64_t pa)
{
	for (int i = 0; i < FAKE_PTES; i++)
		if (ptes[i].pa == 0) {
			ptes[i].root = root;
			ptes[i].va = va;
			ptes[i].pa = pa;
			page_ref(pa);
			return;
		}
	fail_msg("out of fake page-table entries");
}

static int ptes_of(uint64_t root)
{
	int n = 0;

	for (int i = 0; i < FAKE_PTES; i++)
		n += ptes[i].pa && ptes[i].root == root;
	return n;
}

uint64_t pmap_remove(uint64_t root, uint64_t va)
{
	for (int i = 0; i < FAKE_PTES; i++)
		if (ptes[i].pa && ptes[i].root == root && ptes[i].va == va) {
			uint64_t pa = ptes[i].pa;

			ptes[i].pa = 0;
			return pa;
		}
	return 0;
}

uint64_t pmap_next(uint64_t root, uint64_t va, uint64_t end)
{
	uint64_t best = end;

	va &= ~(uint64_t)(PAGE_SIZE - 1);
	for (int i = 0; i < FAKE_PTES; i++)
		if (ptes[i].pa && ptes[i].root == root && ptes[i].va >= va && ptes[i].va < best)
			best = ptes[i].va;
	return best;
}

uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot)
{
	for (int i = 0; i < FAKE_PTES; i++)
		if (ptes[i].pa && ptes[i].root == root &&
		    ptes[i].va == (va & ~(uint64_t)(PAGE_SIZE - 1))) {
			if (prot)
				*prot = VM_READ | VM_WRITE;
			return ptes[i].pa;
		}
	return PMAP_NONE;
}

/* These objects have no pager: the written bits are never asked for. */
int pmap_clear_dirty(uint64_t root, uint64_t va)
{
	(void)root, (void)va;
	return 0;
}

unsigned page_refcount(uint64_t pa)
{
	return frames[frame_index(pa)].refs;
}

/* ---- vm's record pool ---- */

static int pool_live;

void *vm_pool_alloc(size_t size)
{
	pool_live++;
	return malloc(size);
}

void vm_pool_free(void *p)
{
	if (p) {
		pool_live--;
		free(p);
	}
}

static void *region_alloc(size_t size)
{
	return malloc(size);
}

/* ---- helpers ---- */

static struct vm_obj_info info(struct vm_object *o)
{
	struct vm_obj_info i;

	vm_obj_get_info(o, &i);
	return i;
}

static void space_init(struct vm_space *s, uint64_t root)
{
	memset(s, 0, sizeof(*s));
	s->root = root;
	vm_regions_init(&s->regions, region_alloc, free);
}

static int setup(void **state)
{
	(void)state;
	frames_fail_after = -1;
	return 0;
}

/* Every test ends with nothing held. */
static int teardown(void **state)
{
	(void)state;
	assert_int_equal(frames_live, 0);
	assert_int_equal(pool_live, 0);
	for (int i = 0; i < FAKE_PTES; i++)
		assert_int_equal(ptes[i].pa, 0);
	return 0;
}

/* ---- the tests ---- */

static void test_new_and_pages(void **state)
{
	struct vm_object *o = vm_obj_new(3 * PAGE_SIZE + 1); /* four pages */
	uint64_t pa, pa2;

	(void)state;
	assert_null(vm_obj_new(VM_OBJ_MAX + 1));
	assert_non_null(o);
	assert_int_equal(info(o).refs, 1);
	assert_int_equal(info(o).size, 3 * PAGE_SIZE + 1);
	assert_int_equal(info(o).resident, 0);
	assert_int_equal(frames_live, 0); /* nothing before a touch */
	assert_int_equal(vm_obj_page(o, 3, &pa), 0);
	assert_int_equal(frames_live, 3);		      /* directory, leaf, page */
	assert_int_equal(((uint8_t *)page_virt(pa))[100], 0); /* zeroed */
	assert_int_equal(vm_obj_page(o, 3, &pa2), 0);
	assert_int_equal(pa2, pa);
	assert_int_equal(frames_live, 3);
	assert_int_equal(vm_obj_page(o, 4, &pa2), -ENXIO);
	assert_int_equal(vm_obj_page(o, 0, &pa2), 0);
	assert_int_equal(frames_live, 4);
	assert_int_equal(info(o).resident, 2 * PAGE_SIZE);
	vm_obj_release(o);
	assert_int_equal(frames_live, 0);
}

static void test_second_leaf_and_nomem(void **state)
{
	struct vm_object *o = vm_obj_new(1030 * (uint64_t)PAGE_SIZE);
	uint64_t pa;

	(void)state;
	assert_int_equal(vm_obj_page(o, 511, &pa), 0);
	assert_int_equal(frames_live, 3);
	assert_int_equal(vm_obj_page(o, 512, &pa), 0); /* the next leaf */
	assert_int_equal(frames_live, 5);
	frames_fail_after = 1; /* a leaf, then no page */
	assert_int_equal(vm_obj_page(o, 1029, &pa), -ENOMEM);
	assert_int_equal(info(o).resident, 2 * PAGE_SIZE);
	frames_fail_after = 0;
	assert_int_equal(vm_obj_page(o, 1029, &pa), -ENOMEM);
	frames_fail_after = -1;
	assert_int_equal(vm_obj_page(o, 1029, &pa), 0);
	assert_int_equal(frames_live, 7);
	vm_obj_release(o);
	assert_int_equal(frames_live, 0);
}

static void test_refs(void **state)
{
	struct vm_object *o = vm_obj_new(PAGE_SIZE);
	uint64_t pa;

	(void)state;
	assert_int_equal(vm_obj_page(o, 0, &pa), 0);
	vm_obj_hold(o);
	vm_obj_hold(o);
	assert_int_equal(info(o).refs, 3);
	vm_obj_release(o);
	vm_obj_release(o);
	assert_int_equal(info(o).refs, 1);
	assert_int_equal(frames_live, 3); /* held: the pages stay */
	vm_obj_release(o);
	assert_int_equal(frames_live, 0);
	assert_int_equal(pool_live, 0);
}

static void test_links(void **state)
{
	struct vm_space a, b, child;
	struct vm_object *o = vm_obj_new(4 * PAGE_SIZE);

	(void)state;
	space_init(&a, 0x1000);
	space_init(&b, 0x2000);
	space_init(&child, 0x3000);
	assert_int_equal(
	    vm_regions_insert(&a.regions, 0x400000, 0x404000, VM_READ, VM_REGION_SHARED, o, 0), 0);
	assert_int_equal(vm_obj_link(&a, o), 0);
	assert_int_equal(vm_obj_link(&a, o), 0); /* once per space */
	assert_int_equal(info(o).refs, 2);
	assert_int_equal(info(o).spaces, 1);
	assert_int_equal(vm_obj_link(&b, o), 0);
	assert_int_equal(info(o).spaces, 2);
	assert_int_equal(vm_obj_fork_links(&child, &a), 0);
	assert_int_equal(info(o).refs, 4);
	vm_obj_prune(&b, 0); /* b maps no region of it: the link goes */
	assert_int_equal(info(o).spaces, 2);
	vm_obj_prune(&a, 0); /* a still maps it */
	assert_int_equal(info(o).spaces, 2);
	vm_obj_prune(&child, 1);
	vm_regions_destroy(&a.regions, NULL, NULL);
	vm_obj_prune(&a, 0);
	assert_int_equal(info(o).refs, 1);
	assert_int_equal(info(o).spaces, 0);
	vm_obj_release(o);
}

static void test_shrink_cuts_mappings(void **state)
{
	struct vm_space a, b;
	struct vm_object *o = vm_obj_new(1030 * (uint64_t)PAGE_SIZE);
	uint64_t pa[4], pgs[4] = { 0, 5, 600, 1029 };

	(void)state;
	space_init(&a, 0x1000);
	space_init(&b, 0x2000);
	/* a maps the whole object at 0x400000; b maps it from page 4 on */
	assert_int_equal(vm_regions_insert(&a.regions, 0x400000, 0x400000 + 1030 * PAGE_SIZE,
					   VM_READ | VM_WRITE, VM_REGION_SHARED, o, 0),
			 0);
	assert_int_equal(vm_regions_insert(&b.regions, 0x800000, 0x800000 + 1026 * PAGE_SIZE,
					   VM_READ, VM_REGION_SHARED, o, 4 * PAGE_SIZE),
			 0);
	assert_int_equal(vm_obj_link(&a, o), 0);
	assert_int_equal(vm_obj_link(&b, o), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(vm_obj_page(o, pgs[i], &pa[i]), 0);
		pte_map(a.root, 0x400000 + pgs[i] * PAGE_SIZE, pa[i]);
		if (pgs[i] >= 4)
			pte_map(b.root, 0x800000 + (pgs[i] - 4) * PAGE_SIZE, pa[i]);
	}
	assert_int_equal(frames_live, 1 + 3 + 4); /* the directory, 3 leaves, 4 pages */
	assert_int_equal(ptes_of(a.root), 4);
	assert_int_equal(ptes_of(b.root), 3);
	assert_int_equal(vm_obj_set_size(o, VM_OBJ_MAX + 1), -EFBIG);
	assert_int_equal(vm_obj_set_size(o, 6 * PAGE_SIZE - 100), 0); /* pages 0..5 stay */
	assert_int_equal(info(o).size, 6 * PAGE_SIZE - 100);
	assert_int_equal(info(o).resident, 2 * PAGE_SIZE);
	assert_int_equal(ptes_of(a.root), 2); /* pages 600 and 1029 unmapped in both */
	assert_int_equal(ptes_of(b.root), 1);
	/* leaves 1 and 2 went with their pages: the directory, leaf 0, pages 0 and 5 */
	assert_int_equal(frames_live, 4);
	assert_int_equal(vm_obj_page(o, 6, &pa[2]), -ENXIO);
	assert_int_equal(vm_obj_set_size(o, 0), 0);
	assert_int_equal(ptes_of(a.root), 0);
	assert_int_equal(ptes_of(b.root), 0);
	assert_int_equal(frames_live, 0);
	vm_regions_destroy(&a.regions, NULL, NULL);
	vm_regions_destroy(&b.regions, NULL, NULL);
	vm_obj_prune(&a, 1);
	vm_obj_prune(&b, 1);
	vm_obj_release(o);
}

/* Shrinks in steps (the drop looks only below the size it had): a leaf
 * cut in part stays, a later shrink below it frees it and its pages, and
 * the last one frees the directory. */
static void test_shrink_in_steps(void **state)
{
	struct vm_object *o = vm_obj_new(1100 * (uint64_t)PAGE_SIZE);
	uint64_t pa;

	(void)state;
	for (uint64_t pg = 0; pg < 1100; pg += 100)
		assert_int_equal(vm_obj_page(o, pg, &pa), 0); /* 11 pages in 3 leaves */
	assert_int_equal(vm_obj_page(o, 1099, &pa), 0);
	assert_int_equal(frames_live, 1 + 3 + 12);
	assert_int_equal(vm_obj_set_size(o, 1050 * (uint64_t)PAGE_SIZE), 0);
	assert_int_equal(frames_live, 1 + 3 + 11); /* 1099 went; leaf 2 keeps 1000 */
	assert_int_equal(vm_obj_set_size(o, 700 * (uint64_t)PAGE_SIZE), 0);
	assert_int_equal(frames_live, 1 + 2 + 7); /* 700..1000 and leaf 2 went */
	assert_int_equal(info(o).resident, 7 * PAGE_SIZE);
	assert_int_equal(vm_obj_set_size(o, PAGE_SIZE), 0);
	assert_int_equal(frames_live, 1 + 1 + 1); /* page 0 in leaf 0 */
	assert_int_equal(vm_obj_set_size(o, 0), 0);
	assert_int_equal(frames_live, 0);
	assert_int_equal(vm_obj_set_size(o, 4 * PAGE_SIZE), 0); /* grown again: empty */
	assert_int_equal(vm_obj_page(o, 3, &pa), 0);
	assert_int_equal(((uint8_t *)page_virt(pa))[9], 0);
	vm_obj_release(o);
	assert_int_equal(frames_live, 0);
}

static void test_last_release_frees_all(void **state)
{
	struct vm_object *o = vm_obj_new(VM_OBJ_MAX);
	uint64_t pa;
	int pages = 0;

	(void)state;
	for (uint64_t pg = 0; pg < (VM_OBJ_MAX / PAGE_SIZE); pg += 4099) {
		assert_int_equal(vm_obj_page(o, pg, &pa), 0);
		pages++;
	}
	assert_true(frames_live > pages); /* pages, leaves and the directory */
	assert_int_equal(info(o).resident, (uint64_t)pages * PAGE_SIZE);
	vm_obj_hold(o);
	vm_obj_release(o);
	assert_true(frames_live > pages);
	vm_obj_release(o);
	assert_int_equal(frames_live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_leaf_and_nomem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shrink_cuts_mappings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shrink_in_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_release_frees_all, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
