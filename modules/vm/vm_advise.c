/*
 * Advice about a range (mhint, madvise; kern/vm.h's vm_ops::advise).
 * MEM_SEQUENTIAL and MEM_DONTFORK are region flags (split and merged as
 * protections are); MEM_WILLNEED reads a file mapping's pages into its
 * object now; MEM_DONTNEED takes the range's pages out of the page
 * tables: a private page goes (it refills with zeros or from the file), a
 * shared file mapping's page stays in the object (its written bit noted
 * first), and shared anonymous memory, whose only copy is in the tables,
 * is kept.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "vm_priv.h"

#define VM_WILLNEED_MAX 256 /* pages MEM_WILLNEED reads in at once */

struct vm_advice {
	struct vm_space *s;
	uint64_t from, to;
	unsigned advice;
};

static void vm_willneed(const struct vm_region *piece)
{
	uint64_t first = piece->offset / PAGE_SIZE, pa;
	uint64_t n = (piece->end - piece->start) / PAGE_SIZE;

	for (uint64_t i = 0; i < n && i < VM_WILLNEED_MAX; i++)
		if (vm_obj_fill(piece->object, first + i, 0, &pa, 0) != 0)
			break;
}

static int vm_advise_region(void *arg, const struct vm_region *r)
{
	struct vm_advice *a = arg;
	struct vm_region piece = *r;
	struct vm_object *o = r->object;

	piece.start = r->start > a->from ? r->start : a->from;
	piece.end = r->end < a->to ? r->end : a->to;
	if (piece.start >= piece.end)
		return 0;
	piece.offset = r->offset + (piece.start - r->start);
	if (a->advice == MEM_WILLNEED && o && o->pager)
		vm_willneed(&piece);
	else if (a->advice == MEM_DONTNEED && !((r->flags & VM_REGION_SHARED) && o == NULL))
		vm_drop_pages(a->s, &piece);
	return 0;
}

int vm_space_advise(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice)
{
	struct vm_advice a = { .s = s, .from = addr, .to = addr + len, .advice = advice };

	if ((addr & (PAGE_SIZE - 1)) || len == 0 || addr >= VM_USER_MAX || len > VM_USER_MAX - addr)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	switch (advice) {
	case MEM_NORMAL:
	case MEM_RANDOM:
		return vm_regions_mark(&s->regions, addr, addr + len, 0, VM_REGION_SEQ);
	case MEM_SEQUENTIAL:
		return vm_regions_mark(&s->regions, addr, addr + len, VM_REGION_SEQ, 0);
	case MEM_DONTFORK:
		return vm_regions_mark(&s->regions, addr, addr + len, VM_REGION_DONTFORK, 0);
	case MEM_DOFORK:
		return vm_regions_mark(&s->regions, addr, addr + len, 0, VM_REGION_DONTFORK);
	case MEM_WILLNEED:
	case MEM_DONTNEED:
		if (!vm_space_covers(s, addr, len))
			return -ENOMEM;
		a.to = addr + len;
		return vm_regions_walk(&s->regions, vm_advise_region, &a);
	default:
		return -EINVAL;
	}
}
