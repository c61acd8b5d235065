/*
 * Kernel virtual ranges (core/kva.h has the contract). The free ranges of
 * an arena sit in a small table sorted by address, never two adjacent
 * ones: first fit is a walk from the bottom, so low addresses are reused
 * first and the area stays compact; freeing finds the range's place with
 * the same walk and merges it with the neighbours it touches.
 *
 * End addresses are never formed: a free range is a base and a length,
 * and "ends where the next begins" is tested as next - base == len. So
 * nothing overflows even for an area that ends at the top of the address
 * space, and once a range ends exactly at the area's end the table simply
 * has nothing left above it.
 *
 * Lock order: an arena's lock is a leaf; nothing else is taken under it.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/kva.h>
#include <kern/lock.h>
#include <uapi/errno.h>

static void kva_remove(struct kva_arena *a, unsigned i)
{
	for (unsigned j = i; j + 1 < a->nfree; j++)
		a->free[j] = a->free[j + 1];
	a->nfree--;
}

/* Insert a free range at index i, or lose it if the table is full. */
static void kva_insert(struct kva_arena *a, unsigned i, uint64_t va, uint64_t span)
{
	if (a->nfree == KVA_MAX_FREE) {
		a->lost += span;
		return;
	}
	for (unsigned j = a->nfree; j > i; j--)
		a->free[j] = a->free[j - 1];
	a->free[i] = (struct kva_range){ .base = va, .len = span };
	a->nfree++;
}

int kva_alloc(struct kva_arena *a, uint64_t size, uint64_t *va)
{
	uint64_t span = size + a->page;
	int err = -ENOMEM;

	if (size == 0 || (size & (a->page - 1)) != 0)
		return -EINVAL;
	if (size > UINT64_MAX - a->page)
		return -ENOMEM;
	spin_lock(&a->lock);
	for (unsigned i = 0; i < a->nfree; i++) {
		struct kva_range *r = &a->free[i];

		if (r->len < span)
			continue;
		*va = r->base;
		r->len -= span;
		if (r->len == 0)
			kva_remove(a, i);
		else
			r->base += span;
		a->used += span;
		err = 0;
		break;
	}
	spin_unlock(&a->lock);
	return err;
}

void kva_free(struct kva_arena *a, uint64_t va, uint64_t size)
{
	uint64_t span = size + a->page;
	struct kva_range *prev, *next;
	unsigned i = 0;

	/* Within the area, guard included, without forming an end address. */
	if (size == 0 || size > UINT64_MAX - a->page || va < a->base || va - a->base >= a->size ||
	    span > a->size - (va - a->base))
		return;
	spin_lock(&a->lock);
	while (i < a->nfree && a->free[i].base < va)
		i++;
	prev = i > 0 ? &a->free[i - 1] : NULL;
	next = i < a->nfree ? &a->free[i] : NULL;
	if (prev && va - prev->base != prev->len)
		prev = NULL;
	if (next && next->base - va != span)
		next = NULL;
	if (prev && next) {
		prev->len += span + next->len;
		kva_remove(a, i);
	} else if (prev) {
		prev->len += span;
	} else if (next) {
		next->base = va;
		next->len += span;
	} else {
		kva_insert(a, i, va, span);
	}
	a->used -= span;
	spin_unlock(&a->lock);
}
