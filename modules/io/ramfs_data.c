/*
 * ramfs file data: an array of RAMFS_PAGE-byte pages, each allocated on
 * its first write. A missing page reads as zeros, so sparse writes and
 * truncate-up need nothing more; truncate-down frees the pages past the
 * end and clears the tail of the last one, so growing again reads zeros.
 * Called with the vnode's lock held. Each page counts in the vnode's
 * st_blocks and, atomically, in its mount's page total (statfs).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "ramfs.h"

static uint8_t ramfs_zero_page[RAMFS_PAGE];

/* Make room for page index @p idx in the page array. */
static int ramfs_grow_slots(struct ramfs_node *n, size_t idx)
{
	size_t cap = n->npages ? n->npages : 8;
	uint8_t **p;

	if (idx < n->npages)
		return 0;
	while (cap <= idx)
		cap *= 2;
	p = mem_zalloc(cap * sizeof(*p));
	if (p == NULL)
		return -ENOSPC;
	if (n->pages)
		memcpy(p, n->pages, n->npages * sizeof(*p));
	mem_free(n->pages);
	n->pages = p;
	n->npages = cap;
	return 0;
}

long ramfs_read(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct ramfs_node *n = vp->data;
	long done = 0;

	while (uio->resid > 0 && off < vp->size) {
		size_t idx = off / RAMFS_PAGE, in = off % RAMFS_PAGE;
		size_t chunk = RAMFS_PAGE - in;
		uint8_t *page = idx < n->npages ? n->pages[idx] : NULL;
		long m;

		if (chunk > vp->size - off)
			chunk = vp->size - off;
		m = uio_move((page ? page : ramfs_zero_page) + in, chunk, uio, 1);
		if (m < 0)
			return done ? done : m;
		done += m;
		off += (uint64_t)m;
	}
	return done;
}

/* Count @p delta pages (+1 or -1) for @p vp and its mount. */
static void ramfs_account(struct vnode *vp, int delta)
{
	vp->blocks = (uint64_t)((int64_t)vp->blocks + delta * (int64_t)(RAMFS_PAGE / 512));
	if (vp->mount)
		__atomic_add_fetch(&vp->mount->pages, (uint64_t)(int64_t)delta, __ATOMIC_RELAXED);
}

static uint8_t *ramfs_page_for_write(struct vnode *vp, size_t idx)
{
	struct ramfs_node *n = vp->data;

	if (ramfs_grow_slots(n, idx))
		return NULL;
	if (n->pages[idx] == NULL) {
		n->pages[idx] = mem_zalloc(RAMFS_PAGE);
		if (n->pages[idx])
			ramfs_account(vp, 1);
	}
	return n->pages[idx];
}

long ramfs_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	long done = 0;

	if (off >= RAMFS_MAX_FILE && uio->resid > 0)
		return -EFBIG;
	while (uio->resid > 0 && off < RAMFS_MAX_FILE) {
		size_t idx = off / RAMFS_PAGE, in = off % RAMFS_PAGE;
		size_t chunk = RAMFS_PAGE - in;
		uint8_t *page = ramfs_page_for_write(vp, idx);
		long m;

		if (page == NULL)
			return done ? done : -ENOSPC;
		if (chunk > RAMFS_MAX_FILE - off)
			chunk = RAMFS_MAX_FILE - off;
		m = uio_move(page + in, chunk, uio, 0);
		if (m < 0)
			return done ? done : m;
		done += m;
		off += (uint64_t)m;
		if (off > vp->size)
			vp->size = off;
	}
	return done;
}

int ramfs_truncate(struct vnode *vp, uint64_t size)
{
	struct ramfs_node *n = vp->data;
	size_t keep = (size + RAMFS_PAGE - 1) / RAMFS_PAGE;

	if (size > RAMFS_MAX_FILE)
		return -EFBIG;
	if (size < vp->size) {
		for (size_t i = keep; i < n->npages; i++) {
			if (n->pages[i])
				ramfs_account(vp, -1);
			mem_free(n->pages[i]);
			n->pages[i] = NULL;
		}
		if (size % RAMFS_PAGE && keep - 1 < n->npages && n->pages[keep - 1])
			memset(n->pages[keep - 1] + size % RAMFS_PAGE, 0,
			       RAMFS_PAGE - size % RAMFS_PAGE);
	}
	vp->size = size;
	return 0;
}

void ramfs_free_pages(struct vnode *vp)
{
	struct ramfs_node *n = vp->data;

	for (size_t i = 0; i < n->npages; i++) {
		if (n->pages[i])
			ramfs_account(vp, -1);
		mem_free(n->pages[i]);
	}
	mem_free(n->pages);
	n->pages = NULL;
	n->npages = 0;
}
