/*
 * Memory objects: a reference-counted set of pages indexed by page
 * offset, with a size, that several spaces map at once. The pages live in
 * a two-level table of frames (a directory frame of 512 leaf frames of
 * 512 page frames: 1 GiB, VM_OBJ_MAX); a page is made on first touch,
 * zeroed, or read by the owner's struct vm_pager for a paged object (a
 * file's page cache: vm_obj_page.c fills, hands out and tracks the
 * written pages). A slot holds the frame and VM_SLOT_* marks.
 *
 * References: each holder (a System V segment, an open shm file, a name)
 * and each space whose regions map the object (one link per space, see
 * vm_obj_link) holds one; the last drop frees every page. The object
 * holds one frame reference per page, and each page-table entry that maps
 * it one more, so a page cut off by a shrink lives until its last entry
 * goes (a shrink removes the entries of every mapping space at once).
 *
 * Locking: the vm role's lock (held by every wrapper; it stands for the
 * lock of each space) comes first, then the object's mutex, which guards
 * its pages, size, references and list of links.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "vm_priv.h"

#define VM_OBJ_FANOUT (PAGE_SIZE / sizeof(uint64_t)) /* 512 */

static uint64_t *vm_obj_table(uint64_t pa)
{
	return page_virt(pa);
}

static struct vm_object *vm_obj_alloc(uint64_t size, const struct vm_pager *pg, void *owner)
{
	struct vm_object *o;

	if (size > VM_OBJ_MAX)
		return NULL;
	o = vm_pool_alloc(sizeof(*o));
	if (o == NULL)
		return NULL;
	memset(o, 0, sizeof(*o));
	o->lock.name = "vm object";
	o->refs = 1;
	o->size = size;
	o->pager = pg;
	o->owner = owner;
	return o;
}

struct vm_object *vm_obj_new(uint64_t size)
{
	return vm_obj_alloc(size, NULL, NULL);
}

struct vm_object *vm_obj_new_paged(uint64_t size, const struct vm_pager *pg, void *owner)
{
	return pg ? vm_obj_alloc(size, pg, owner) : NULL;
}

uint64_t *vm_obj_slot(struct vm_object *o, uint64_t pgoff, int make)
{
	uint64_t *dir, *leaf;

	if (o->dir == 0 && (!make || (o->dir = page_alloc(0, PAGE_ZERO)) == 0))
		return NULL;
	dir = vm_obj_table(o->dir);
	leaf = &dir[pgoff / VM_OBJ_FANOUT];
	if (*leaf == 0 && (!make || (*leaf = page_alloc(0, PAGE_ZERO)) == 0))
		return NULL;
	return &vm_obj_table(*leaf)[pgoff % VM_OBJ_FANOUT];
}

int vm_obj_page(struct vm_object *o, uint64_t pgoff, uint64_t *pa)
{
	return vm_obj_fill(o, pgoff, 0, pa, 0);
}

/*
 * Free the pages from index @p from on, and the leaves left empty. Slots
 * exist only below the object's size (a fill stops there, a shrink drops
 * what is past it first), so the scan stops at the size: truncating a
 * small file looks at its few slots, not at all 512 of a leaf.
 */
static void vm_obj_drop_from(struct vm_object *o, uint64_t from)
{
	uint64_t *dir, pages = (o->size + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t lend = pages ? (pages - 1) / VM_OBJ_FANOUT + 1 : 1;
	int busy = 0;

	if (o->dir == 0)
		return;
	dir = vm_obj_table(o->dir);
	for (uint64_t l = from / VM_OBJ_FANOUT; l < lend && l < VM_OBJ_FANOUT; l++) {
		uint64_t *leaf;
		uint64_t first = l == from / VM_OBJ_FANOUT ? from % VM_OBJ_FANOUT : 0;
		uint64_t end = pages - l * VM_OBJ_FANOUT < VM_OBJ_FANOUT ? pages - l * VM_OBJ_FANOUT
									 : VM_OBJ_FANOUT;

		if (dir[l] == 0)
			continue;
		leaf = vm_obj_table(dir[l]);
		for (uint64_t i = first; i < end; i++)
			if (leaf[i] == VM_SLOT_BUSY) {
				leaf[i] = 0; /* a fill in progress: it sees it was cut */
				busy = 1;
			} else if (leaf[i]) {
				page_unref(leaf[i] & VM_SLOT_FRAME);
				leaf[i] = 0;
				o->resident--;
			}
		if (first == 0 && !busy) {
			page_unref(dir[l]);
			dir[l] = 0;
		}
	}
	if (from == 0 && !busy) {
		page_unref(o->dir);
		o->dir = 0;
	}
}

struct vm_obj_cut {
	struct vm_space *s;
	struct vm_object *o;
	uint64_t end; /* the object's new end, bytes (page-aligned) */
};

/* Remove a region's page-table entries of pages at or past the new end. */
static int vm_obj_cut_region(void *arg, const struct vm_region *r)
{
	struct vm_obj_cut *c = arg;
	uint64_t root = c->s->root, from;

	if (r->object != c->o)
		return 0;
	from = c->end > r->offset ? r->start + (c->end - r->offset) : r->start;
	if (from >= r->end || from < r->start)
		return 0;
	for (uint64_t va = pmap_next(root, from, r->end); va < r->end;
	     va = pmap_next(root, va + PAGE_SIZE, r->end)) {
		uint64_t pa = pmap_remove(root, va);

		if (pa)
			page_unref(pa & ~(PAGE_SIZE - 1));
	}
	return 0;
}

/* Zero the bytes of the page holding byte @p size past it: they are not
 * the file's, and a file grown again shows zeros there. */
static void vm_obj_zero_tail(struct vm_object *o, uint64_t size)
{
	uint64_t *slot = size % PAGE_SIZE ? vm_obj_slot(o, size / PAGE_SIZE, 0) : NULL;

	if (slot && (*slot & VM_SLOT_FRAME))
		memset((uint8_t *)page_virt(*slot & VM_SLOT_FRAME) + size % PAGE_SIZE, 0,
		       PAGE_SIZE - size % PAGE_SIZE);
}

int vm_obj_set_size(struct vm_object *o, uint64_t size)
{
	uint64_t end = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	if (size > VM_OBJ_MAX)
		return -EFBIG;
	mutex_lock(&o->lock);
	if (size < o->size) {
		for (struct vm_obj_link *l = o->maps; l; l = l->next_obj) {
			struct vm_obj_cut c = { .s = l->space, .o = o, .end = end };

			vm_regions_walk(&l->space->regions, vm_obj_cut_region, &c);
		}
		vm_obj_drop_from(o, end / PAGE_SIZE);
		vm_obj_zero_tail(o, size);
	} else {
		vm_obj_zero_tail(o, o->size);
	}
	o->size = size;
	mutex_unlock(&o->lock);
	return 0;
}

void vm_obj_hold(struct vm_object *o)
{
	mutex_lock(&o->lock);
	o->refs++;
	mutex_unlock(&o->lock);
}

void vm_obj_release(struct vm_object *o)
{
	unsigned left;

	mutex_lock(&o->lock);
	left = --o->refs;
	if (left == 0)
		vm_obj_drop_from(o, 0);
	mutex_unlock(&o->lock);
	if (left == 0)
		vm_pool_free(o);
}

void vm_obj_get_info(struct vm_object *o, struct vm_obj_info *info)
{
	mutex_lock(&o->lock);
	*info = (struct vm_obj_info){ .size = o->size,
				      .resident = o->resident * PAGE_SIZE,
				      .refs = o->refs,
				      .spaces = o->spaces };
	mutex_unlock(&o->lock);
}

int vm_obj_link(struct vm_space *s, struct vm_object *o)
{
	struct vm_obj_link *l;
	int first;

	for (l = s->objs; l; l = l->next_space)
		if (l->obj == o)
			return 0;
	l = vm_pool_alloc(sizeof(*l));
	if (l == NULL)
		return -ENOMEM;
	mutex_lock(&o->lock);
	*l = (struct vm_obj_link){
		.obj = o, .space = s, .next_obj = o->maps, .next_space = s->objs
	};
	o->maps = l;
	o->refs++;
	first = o->spaces++ == 0;
	mutex_unlock(&o->lock);
	s->objs = l;
	if (first && o->pager && o->pager->hold)
		o->pager->hold(o->owner);
	return 0;
}

static void vm_obj_unlink(struct vm_obj_link *l)
{
	struct vm_object *o = l->obj;
	int last;

	mutex_lock(&o->lock);
	for (struct vm_obj_link **pp = &o->maps; *pp; pp = &(*pp)->next_obj)
		if (*pp == l) {
			*pp = l->next_obj;
			break;
		}
	last = --o->spaces == 0;
	mutex_unlock(&o->lock);
	vm_pool_free(l);
	if (last && o->pager && o->pager->release)
		o->pager->release(o->owner); /* the link's reference keeps o meanwhile */
	vm_obj_release(o);
}

static int vm_obj_used(void *arg, const struct vm_region *r)
{
	return r->object == arg;
}

void vm_obj_prune(struct vm_space *s, int all)
{
	struct vm_obj_link **pp = &s->objs;

	while (*pp) {
		struct vm_obj_link *l = *pp;

		if (!all && vm_regions_walk(&s->regions, vm_obj_used, l->obj)) {
			pp = &l->next_space;
			continue;
		}
		*pp = l->next_space;
		vm_obj_unlink(l);
	}
}

int vm_obj_fork_links(struct vm_space *child, const struct vm_space *parent)
{
	for (const struct vm_obj_link *l = parent->objs; l; l = l->next_space)
		if (vm_obj_link(child, l->obj) != 0)
			return -ENOMEM;
	return 0;
}
