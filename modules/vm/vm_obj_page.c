/*
 * The pages of memory objects: filling a missing page (zeroed, or read by
 * the owner's pager for a paged object, the page cache of a file), handing
 * pages out to read() and write(), and the written pages of shared
 * mappings (page-table dirty bits gathered into VM_SLOT_DIRTY marks, which
 * the owner takes to write them back).
 *
 * A fill marks its slot VM_SLOT_BUSY and reads with the object unlocked,
 * so the pager may take file-system locks and sleep on the disk; whoever
 * wants the page meanwhile sleeps on the object until the fill ends. A
 * shrink that cuts a busy slot clears it, and the fill, seeing that, gives
 * its frame back and looks again (finding the page past the end).
 *
 * Locking as in vm_obj.c: the vm role's lock (when held) before the
 * object's; the dirty bits of a space's entries are read only under the
 * role's lock, which guards every space's page tables.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "vm_priv.h"

#define VM_OBJ_FANOUT (PAGE_SIZE / sizeof(uint64_t))

static uint64_t vm_obj_pages(const struct vm_object *o)
{
	return (o->size + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* Read page @p pgoff into a new frame, the object unlocked meanwhile;
 * on return (locked) the slot holds the frame, or the fill failed. */
static int vm_obj_read_in(struct vm_object *o, uint64_t *slot, uint64_t pgoff, unsigned flags)
{
	int pager = o->pager && o->pager->read_page && !(flags & VM_GET_NOFILL);
	uint64_t frame = page_alloc(0, pager ? 0 : PAGE_ZERO);
	int rc = 0;

	if (frame == 0)
		return -ENOMEM;
	if (pager) {
		*slot = VM_SLOT_BUSY;
		mutex_unlock(&o->lock);
		rc = o->pager->read_page(o->owner, pgoff, page_virt(frame));
		mutex_lock(&o->lock);
		thr_wakeup(o);
		slot = vm_obj_slot(o, pgoff, 0);
		if (slot == NULL || *slot != VM_SLOT_BUSY) { /* cut meanwhile: look again */
			page_unref(frame);
			return rc ? rc : -EAGAIN;
		}
		if (rc) {
			*slot = 0;
			page_unref(frame);
			return rc;
		}
	}
	*slot = frame;
	o->resident++;
	return 0;
}

int vm_obj_fill(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa, int ref)
{
	int rc;

	mutex_lock(&o->lock);
	for (;;) {
		uint64_t *slot;

		if (pgoff >= vm_obj_pages(o)) {
			rc = -ENXIO;
			break;
		}
		slot = vm_obj_slot(o, pgoff, !(flags & VM_GET_CACHED));
		if (slot == NULL) {
			rc = flags & VM_GET_CACHED ? -ENOENT : -ENOMEM;
			break;
		}
		if (*slot == VM_SLOT_BUSY) {
			thr_sleep_mutex(o, &o->lock, 0);
			continue;
		}
		if (*slot) {
			*pa = *slot & VM_SLOT_FRAME;
			if (ref)
				page_ref(*pa);
			rc = 0;
			break;
		}
		rc = flags & VM_GET_CACHED ? -ENOENT : vm_obj_read_in(o, slot, pgoff, flags);
		if (rc && rc != -EAGAIN)
			break;
	}
	mutex_unlock(&o->lock);
	return rc;
}

int vm_obj_get(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa)
{
	return vm_obj_fill(o, pgoff, flags, pa, 1);
}

unsigned vm_obj_resident(struct vm_object *o, uint64_t pgoff, unsigned n, uint64_t *pas)
{
	uint64_t last = vm_obj_pages(o);
	unsigned got = 0;

	mutex_lock(&o->lock);
	last = vm_obj_pages(o);
	for (unsigned i = 0; i < n; i++) {
		uint64_t *slot = pgoff + i < last ? vm_obj_slot(o, pgoff + i, 0) : NULL;

		pas[i] = slot && (*slot & VM_SLOT_FRAME) ? *slot & VM_SLOT_FRAME : 0;
		if (pas[i]) {
			page_ref(pas[i]);
			got++;
		}
	}
	mutex_unlock(&o->lock);
	return got;
}

/* Mark a slot written (object locked); say whether the object was clean. */
static int vm_obj_mark(struct vm_object *o, uint64_t pgoff, uint64_t frame)
{
	uint64_t *slot = vm_obj_slot(o, pgoff, 0);

	if (slot == NULL || (*slot & VM_SLOT_FRAME) != frame || (*slot & VM_SLOT_DIRTY))
		return 0;
	*slot |= VM_SLOT_DIRTY;
	return o->ndirty++ == 0;
}

static void vm_obj_tell(struct vm_object *o, int first)
{
	if (first && o->pager && o->pager->dirtied)
		o->pager->dirtied(o->owner);
}

void vm_obj_note_dirty(struct vm_object *o, uint64_t pgoff)
{
	uint64_t *slot;
	int first = 0;

	mutex_lock(&o->lock);
	slot = vm_obj_slot(o, pgoff, 0);
	if (slot && (*slot & VM_SLOT_FRAME))
		first = vm_obj_mark(o, pgoff, *slot & VM_SLOT_FRAME);
	mutex_unlock(&o->lock);
	vm_obj_tell(o, first);
}

struct vm_harvest {
	struct vm_space *s;
	struct vm_object *o; /* NULL: every paged object */
	uint64_t from, to;   /* the addresses looked at */
	int first;	     /* some object went from clean to written */
};

/* Move the dirty bits of a shared region's present pages to its object's
 * slots (the object locked by the caller when h->o is set). */
static int vm_harvest_region(void *arg, const struct vm_region *r)
{
	struct vm_harvest *h = arg;
	struct vm_object *o = r->object;
	uint64_t from = r->start > h->from ? r->start : h->from;
	uint64_t to = r->end < h->to ? r->end : h->to;
	uint64_t root = h->s->root;

	if (o == NULL || !(r->flags & VM_REGION_SHARED) || o->pager == NULL || from >= to ||
	    (h->o && o != h->o))
		return 0;
	if (h->o == NULL)
		mutex_lock(&o->lock);
	for (uint64_t va = pmap_next(root, from, to); va < to;
	     va = pmap_next(root, va + PAGE_SIZE, to))
		if (pmap_clear_dirty(root, va)) {
			uint64_t pa = pmap_extract(root, va, NULL) & VM_SLOT_FRAME;
			int first = vm_obj_mark(o, (va - r->start + r->offset) / PAGE_SIZE, pa);

			h->first |= first;
		}
	if (h->o == NULL) {
		if (o->pager->dirtied) /* msync: every file of the range is synced */
			o->pager->dirtied(o->owner);
		mutex_unlock(&o->lock);
	}
	return 0;
}

/* Hand out up to @p max written pages, their marks cleared (object locked). */
static unsigned vm_obj_collect(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max)
{
	const uint64_t *dir = o->dir ? page_virt(o->dir) : NULL;
	unsigned n = 0;

	for (uint64_t l = 0; dir && o->ndirty && n < max && l < VM_OBJ_FANOUT; l++) {
		uint64_t *leaf = dir[l] ? page_virt(dir[l]) : NULL;

		for (uint64_t i = 0; leaf && n < max && i < VM_OBJ_FANOUT; i++)
			if (leaf[i] & VM_SLOT_DIRTY) {
				leaf[i] &= ~VM_SLOT_DIRTY;
				o->ndirty--;
				pgoffs[n] = l * VM_OBJ_FANOUT + i;
				pas[n] = leaf[i] & VM_SLOT_FRAME;
				page_ref(pas[n++]);
			}
	}
	return n;
}

unsigned vm_obj_take(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max)
{
	struct vm_harvest h = { .o = o, .from = 0, .to = VM_USER_MAX };
	unsigned n;

	mutex_lock(&o->lock);
	for (struct vm_obj_link *l = o->maps; l; l = l->next_obj) {
		h.s = l->space;
		vm_regions_walk(&l->space->regions, vm_harvest_region, &h);
	}
	n = vm_obj_collect(o, pgoffs, pas, max);
	mutex_unlock(&o->lock);
	return n;
}

struct vm_cover {
	uint64_t at, to; /* the next address a region must start at */
};

static int vm_cover_region(void *arg, const struct vm_region *r)
{
	struct vm_cover *c = arg;

	if (r->end <= c->at || r->start >= c->to)
		return 0;
	if (r->start > c->at)
		return 1; /* a hole */
	c->at = r->end;
	return 0;
}

int vm_space_covers(struct vm_space *s, uint64_t addr, uint64_t len)
{
	struct vm_cover c = { .at = addr, .to = addr + len };

	return !vm_regions_walk(&s->regions, vm_cover_region, &c) && c.at >= c.to;
}

int vm_space_sync(struct vm_space *s, uint64_t addr, uint64_t len)
{
	struct vm_harvest h = { .s = s, .o = NULL, .from = addr, .to = addr + len };

	if ((addr & (PAGE_SIZE - 1)) || len == 0 || addr >= VM_USER_MAX || len > VM_USER_MAX - addr)
		return -EINVAL;
	if (!vm_space_covers(s, addr, len))
		return -ENOMEM;
	vm_regions_walk(&s->regions, vm_harvest_region, &h);
	return 0;
}

uint64_t vm_obj_drop_clean(struct vm_object *o, uint64_t n)
{
	uint64_t done = 0, *dir;

	mutex_lock(&o->lock);
	dir = o->dir ? page_virt(o->dir) : NULL;
	for (uint64_t l = 0; dir && done < n && l < VM_OBJ_FANOUT; l++) {
		uint64_t *leaf = dir[l] ? page_virt(dir[l]) : NULL;

		for (uint64_t i = 0; leaf && done < n && i < VM_OBJ_FANOUT; i++) {
			uint64_t e = leaf[i];

			/* only the object's own reference: no entry maps it, nobody copies */
			if (e == 0 || (e & (VM_SLOT_BUSY | VM_SLOT_DIRTY)) ||
			    page_refcount(e & VM_SLOT_FRAME) != 1)
				continue;
			leaf[i] = 0;
			page_unref(e & VM_SLOT_FRAME);
			o->resident--;
			done++;
		}
	}
	mutex_unlock(&o->lock);
	return done;
}
