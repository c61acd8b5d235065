/*
 * Host tests of the vm's paged objects (modules/vm/vm_obj.c and
 * vm_obj_page.c, the page cache's memory): fills through a pager, the
 * cached/no-fill/past-the-end cases, a pager error, a shrink while a fill
 * is in progress, the tail zeroed by a resize, dropping clean pages but
 * not held or written ones, the written pages of a shared mapping gathered
 * from the page tables, the hold/release of the owner by mapping spaces,
 * and no frame left behind (buf_fakes counts them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/lock.h>
#include <kern/pmap.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "../../modules/vm/vm_priv.h"
#include "buf_fakes.h"

void mutex_lock(struct mutex *m)
{
	(void)m;
}

void mutex_unlock(struct mutex *m)
{
	(void)m;
}

unsigned thr_wakeup(const void *wchan)
{
	(void)wchan;
	return 0;
}

void *page_virt(uint64_t pa);
unsigned page_ref(uint64_t pa);
unsigned page_unref(uint64_t pa);
unsigned page_refcount(uint64_t pa);

struct tvp_owner {
	int reads, dirtied, held, released;
	int fail;	       /* read_page says -EIO */
	struct vm_object *cut; /* read_page shrinks this object to 0 meanwhile */
};

static int tvp_read(void *owner, uint64_t pgoff, void *page)
{
	struct tvp_owner *w = owner;

	w->reads++;
	if (w->cut)
		vm_obj_set_size(w->cut, 0);
	if (w->fail)
		return -EIO;
	memset(page, (int)('A' + pgoff % 26), PAGE_SIZE);
	return 0;
}

static void tvp_dirtied(void *owner)
{
	((struct tvp_owner *)owner)->dirtied++;
}

static void tvp_hold(void *owner)
{
	((struct tvp_owner *)owner)->held++;
}

static void tvp_release(void *owner)
{
	((struct tvp_owner *)owner)->released++;
}

static const struct vm_pager tvp_pager = {
	.read_page = tvp_read, .dirtied = tvp_dirtied, .hold = tvp_hold, .release = tvp_release
};

static long tvp_base;

static int tvp_setup(void **state)
{
	(void)state;
	vm_obj_release(vm_obj_new(0)); /* the record pool's first frame, kept */
	tvp_base = bfake_pages;
	return 0;
}

static int tvp_teardown(void **state)
{
	(void)state;
	assert_int_equal(bfake_pages, tvp_base); /* every frame back */
	return 0;
}

static void test_fill(void **state)
{
	struct tvp_owner w = { 0 };
	struct vm_object *o = vm_obj_new_paged(3 * PAGE_SIZE - 10, &tvp_pager, &w);
	uint64_t pa, pb;
	struct vm_obj_info info;

	(void)state;
	assert_int_equal(vm_obj_get(o, 1, VM_GET_CACHED, &pa), -ENOENT);
	assert_int_equal(vm_obj_get(o, 1, 0, &pa), 0);
	assert_int_equal(((char *)page_virt(pa))[5], 'B');
	assert_int_equal(vm_obj_get(o, 1, VM_GET_CACHED, &pb), 0);
	assert_int_equal(pa, pb);
	assert_int_equal(page_refcount(pa), 3); /* the object's and ours */
	page_unref(pa), page_unref(pb);
	assert_int_equal(w.reads, 1);
	assert_int_equal(vm_obj_get(o, 3, 0, &pa), -ENXIO);
	assert_int_equal(vm_obj_get(o, 2, VM_GET_NOFILL, &pa), 0);
	assert_int_equal(((char *)page_virt(pa))[0], 0);
	assert_int_equal(w.reads, 1);
	page_unref(pa);
	vm_obj_get_info(o, &info);
	assert_int_equal(info.resident, 2 * PAGE_SIZE);
	vm_obj_release(o);
}

static void test_errors_and_cut(void **state)
{
	struct tvp_owner w = { .fail = 1 };
	struct vm_object *o = vm_obj_new_paged(2 * PAGE_SIZE, &tvp_pager, &w);
	struct vm_obj_info info;
	uint64_t pa;

	(void)state;
	assert_int_equal(vm_obj_get(o, 0, 0, &pa), -EIO);
	w.fail = 0;
	assert_int_equal(vm_obj_get(o, 0, 0, &pa), 0); /* the slot was freed: a new try */
	page_unref(pa);
	w.cut = o; /* a truncate while page 1 is read: the fill gives up */
	assert_int_equal(vm_obj_get(o, 1, 0, &pa), -ENXIO);
	vm_obj_get_info(o, &info);
	assert_int_equal(info.resident, 0);
	assert_int_equal(info.size, 0);
	vm_obj_release(o);
}

static void test_resize_tail(void **state)
{
	struct tvp_owner w = { 0 };
	struct vm_object *o = vm_obj_new_paged(2 * PAGE_SIZE, &tvp_pager, &w);
	uint64_t pa;
	char *p;

	(void)state;
	assert_int_equal(vm_obj_get(o, 1, 0, &pa), 0);
	p = page_virt(pa);
	assert_int_equal(vm_obj_set_size(o, PAGE_SIZE + 100), 0);
	assert_int_equal(p[99], 'B');
	assert_int_equal(p[100], 0);
	assert_int_equal(p[PAGE_SIZE - 1], 0);
	p[200] = 'x'; /* a store past the end, as a mapping may make */
	assert_int_equal(vm_obj_set_size(o, 2 * PAGE_SIZE), 0);
	assert_int_equal(p[200], 0); /* growing shows zeros there */
	page_unref(pa);
	assert_int_equal(vm_obj_set_size(o, VM_OBJ_MAX + 1), -EFBIG);
	vm_obj_release(o);
}

static void test_shrink_clean(void **state)
{
	struct tvp_owner w = { 0 };
	struct vm_object *o = vm_obj_new_paged(4 * PAGE_SIZE, &tvp_pager, &w);
	uint64_t pa[4];
	struct vm_obj_info info;

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(vm_obj_get(o, (uint64_t)i, 0, &pa[i]), 0);
	page_unref(pa[0]), page_unref(pa[2]), page_unref(pa[3]);
	vm_obj_note_dirty(o, 2); /* a written page is the owner's to take first */
	assert_int_equal(w.dirtied, 1);
	vm_obj_note_dirty(o, 3);
	assert_int_equal(w.dirtied, 1);		       /* told once until taken */
	assert_int_equal(vm_obj_drop_clean(o, 10), 1); /* page 0; 1 is held, 2 and 3 written */
	vm_obj_get_info(o, &info);
	assert_int_equal(info.resident, 3 * PAGE_SIZE);
	page_unref(pa[1]);
	assert_int_equal(vm_obj_drop_clean(o, 10), 1);
	vm_obj_release(o);
}

/* A space mapping the object shared: its written entries are gathered. */
static void test_mapped_dirty(void **state)
{
	struct tvp_owner w = { 0 };
	struct vm_object *o = vm_obj_new_paged(2 * PAGE_SIZE, &tvp_pager, &w);
	struct vm_space s = { 0 }, s2 = { 0 };
	uint64_t va = 0x10000000, pa, pgs[4], pas[4];

	(void)state;
	s.root = pmap_create();
	s2.root = pmap_create();
	vm_regions_init(&s.regions, vm_pool_alloc, vm_pool_free);
	vm_regions_init(&s2.regions, vm_pool_alloc, vm_pool_free);
	assert_int_equal(vm_regions_insert(&s.regions, va, va + 2 * PAGE_SIZE, VM_READ | VM_WRITE,
					   VM_REGION_SHARED, o, 0),
			 0);
	assert_int_equal(vm_obj_link(&s, o), 0);
	assert_int_equal(vm_obj_link(&s2, o), 0);
	assert_int_equal(w.held, 1);
	assert_int_equal(vm_obj_page(o, 1, &pa), 0);
	page_ref(pa);
	assert_int_equal(pmap_enter(s.root, va + PAGE_SIZE, pa, VM_READ | VM_WRITE), 0);
	assert_int_equal(vm_obj_take(o, pgs, pas, 4), 1);
	assert_int_equal(pgs[0], 1);
	assert_int_equal(pas[0], pa);
	page_unref(pas[0]);
	assert_int_equal(vm_obj_take(o, pgs, pas, 4), 0); /* the bit was cleared */
	assert_int_equal(vm_space_sync(&s, va, 2 * PAGE_SIZE), 0);
	assert_int_equal(w.dirtied, 1); /* msync tells the owner of every mapped object */
	assert_int_equal(vm_space_sync(&s, va, 3 * PAGE_SIZE), -ENOMEM);
	page_unref(pmap_remove(s.root, va + PAGE_SIZE));
	vm_regions_destroy(&s.regions, NULL, NULL);
	vm_obj_prune(&s, 1);
	assert_int_equal(w.released, 0);
	vm_obj_prune(&s2, 1);
	assert_int_equal(w.released, 1);
	pmap_destroy(s.root), pmap_destroy(s2.root);
	vm_obj_release(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(f) cmocka_unit_test_setup_teardown(f, tvp_setup, tvp_teardown)
		TEST(test_fill),	 TEST(test_errors_and_cut), TEST(test_resize_tail),
		TEST(test_shrink_clean), TEST(test_mapped_dirty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
