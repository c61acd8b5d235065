/*
 * Memory objects: a reference-counted set of pages indexed by page
 * offset, with a size, that several spaces map at once. The pages live in
 * a two-level table of frames (a directory frame of 512 leaf frames of
 * 512 page frames: 1 GiB, VM_OBJ_MAX); a page is made by the object's
 * pager on first touch. The only pager now is the anonymous one (a zeroed
 * frame); a vnode pager for file mappings and the page cache is another
 * struct vm_pager_ops, with a "put page" for msync and the page daemon.
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

struct vm_object {
	struct mutex lock;		  /* guards everything below */
	unsigned refs;			  /* holders + linked spaces */
	unsigned spaces;		  /* links on @c maps */
	uint64_t size;			  /* bytes */
	uint64_t resident;		  /* pages held */
	uint64_t dir;			  /* frame of the directory, 0: none yet */
	const struct vm_pager_ops *pager; /* how a missing page is made */
	struct vm_obj_link *maps;	  /* the spaces that map it */
};

static uint64_t vm_anon_get_page(struct vm_object *o, uint64_t pgoff)
{
	(void)o, (void)pgoff;
	return page_alloc(0, PAGE_ZERO);
}

static const struct vm_pager_ops vm_anon_pager = { .get_page = vm_anon_get_page };

static uint64_t *vm_obj_table(uint64_t pa)
{
	return page_virt(pa);
}

struct vm_object *vm_obj_new(uint64_t size)
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
	o->pager = &vm_anon_pager;
	return o;
}

/* The slot of page @p pgoff, making the directory and leaf when @p make. */
static uint64_t *vm_obj_slot(struct vm_object *o, uint64_t pgoff, int make)
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
	uint64_t *slot;
	int rc = 0;

	mutex_lock(&o->lock);
	if (pgoff >= (o->size + PAGE_SIZE - 1) / PAGE_SIZE) {
		rc = -ENXIO;
	} else if ((slot = vm_obj_slot(o, pgoff, 1)) == NULL) {
		rc = -ENOMEM;
	} else {
		if (*slot == 0 && (*slot = o->pager->get_page(o, pgoff)) != 0)
			o->resident++;
		*pa = *slot;
		rc = *slot ? 0 : -ENOMEM;
	}
	mutex_unlock(&o->lock);
	return rc;
}

/* Free the pages from index @p from on, and the leaves left empty. */
static void vm_obj_drop_from(struct vm_object *o, uint64_t from)
{
	uint64_t *dir;

	if (o->dir == 0)
		return;
	dir = vm_obj_table(o->dir);
	for (uint64_t l = from / VM_OBJ_FANOUT; l < VM_OBJ_FANOUT; l++) {
		uint64_t *leaf;
		uint64_t first = l == from / VM_OBJ_FANOUT ? from % VM_OBJ_FANOUT : 0;

		if (dir[l] == 0)
			continue;
		leaf = vm_obj_table(dir[l]);
		for (uint64_t i = first; i < VM_OBJ_FANOUT; i++)
			if (leaf[i]) {
				page_unref(leaf[i]);
				leaf[i] = 0;
				o->resident--;
			}
		if (first == 0) {
			page_unref(dir[l]);
			dir[l] = 0;
		}
	}
	if (from == 0) {
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
	o->spaces++;
	mutex_unlock(&o->lock);
	s->objs = l;
	return 0;
}

static void vm_obj_unlink(struct vm_obj_link *l)
{
	struct vm_object *o = l->obj;

	mutex_lock(&o->lock);
	for (struct vm_obj_link **pp = &o->maps; *pp; pp = &(*pp)->next_obj)
		if (*pp == l) {
			*pp = l->next_obj;
			break;
		}
	o->spaces--;
	mutex_unlock(&o->lock);
	vm_pool_free(l);
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
