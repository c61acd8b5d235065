/*
 * The page cache: the data of a regular file as a paged memory object of
 * the vm (kern/vm.h), one per vnode (vnode::pages, made on first use).
 * read() copies out of its pages, shared mappings map the same frames,
 * and write() keeps them current, so there is one copy of the file's data
 * in memory that every reader sees.
 *
 * Two kinds of file system use it:
 * - a store (VNODE_F_PAGESTORE, ramfs): the pages are the data; a missing
 *   page is zeros; the VFS counts the pages in st_blocks and in the mount.
 * - a cache over a backing store (vnode_ops::readpage, ext2): a missing
 *   page is read from the file system; write() goes to the file system
 *   first (which allocates, journals and orders the data) from a kernel
 *   copy of the caller's bytes, then into the pages that are resident.
 *   Pages a shared mapping wrote go back through the same write
 *   (vfs_page_flush(), vfs_page_sync.c).
 *
 * A file's bytes past VM_OBJ_MAX are not cached: they go to the file
 * system directly (a store refuses them with -EFBIG).
 *
 * Locking: the vnode's lock for read, write, truncate and flush (the
 * caller's); the object's own lock inside the vm. A page is filled with
 * no vnode lock (a fault may fill it), so readpage must not need one.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include "vfs.h"
#include "vfs_page.h"

#define VFS_PC_BATCH (64 * 1024) /* bytes a write moves per call of the file system */

static const uint8_t vfs_pc_zeros[PAGE_SIZE]; /* a store's hole */

int vfs_pc_mode(const struct vnode *vp)
{
	if (!S_ISREG(vp->mode))
		return 0;
	if (vp->ops->flags & VNODE_F_PAGESTORE)
		return VFS_PC_STORE;
	return vp->ops->readpage ? VFS_PC_CACHE : 0;
}

static uint64_t vfs_pc_cap(uint64_t size)
{
	return size < VM_OBJ_MAX ? size : VM_OBJ_MAX;
}

struct vm_object *vfs_page_obj(struct vnode *vp)
{
	int mode = vfs_pc_mode(vp);

	if (vp->pages || mode == 0)
		return vp->pages;
	vp->pages = vm_obj_create_pager(
	    vfs_pc_cap(vp->size), mode == VFS_PC_STORE ? &vfs_store_pager : &vfs_cache_pager, vp);
	if (vp->pages)
		vfs_pc_track(vp);
	return vp->pages;
}

/* Count a store's pages in st_blocks and in its mount (statfs). */
static void vfs_pc_account(struct vnode *vp, uint64_t before)
{
	struct vm_obj_info info;
	int64_t delta;

	if (vfs_pc_mode(vp) != VFS_PC_STORE || vp->pages == NULL)
		return;
	vm_obj_info(vp->pages, &info);
	delta = (int64_t)(info.resident / PAGE_SIZE) - (int64_t)before;
	vp->blocks = info.resident / 512;
	if (vp->mount && delta)
		__atomic_add_fetch(&vp->mount->pages, (uint64_t)delta, __ATOMIC_RELAXED);
}

static uint64_t vfs_pc_resident(struct vnode *vp)
{
	return vp->blocks / (PAGE_SIZE / 512);
}

long vfs_page_read(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct vm_object *o = vfs_page_obj(vp);
	uint64_t end = vp->size;
	unsigned get = vfs_pc_mode(vp) == VFS_PC_STORE ? VM_GET_CACHED : 0; /* a hole stays one */
	long done = 0;

	if (o == NULL)
		return vfs_pc_mode(vp) ? -ENOMEM : vp->ops->read(vp, uio, off);
	while (uio->resid && off < end) {
		size_t in = off % PAGE_SIZE, chunk = PAGE_SIZE - in;
		uint64_t pa;
		long m;
		int rc;

		if (off >= VM_OBJ_MAX) { /* past what the cache holds: the file system's */
			long n = vfs_pc_mode(vp) == VFS_PC_CACHE ? vp->ops->read(vp, uio, off) : 0;

			return n < 0 ? (done ? done : n) : done + n;
		}
		if (chunk > end - off)
			chunk = (size_t)(end - off);
		rc = vm_obj_get_page(o, off / PAGE_SIZE, get, &pa);
		if (rc && rc != -ENOENT)
			return done ? done : rc;
		m = uio_move(rc ? (void *)(uintptr_t)vfs_pc_zeros : (uint8_t *)page_virt(pa) + in,
			     chunk, uio, 1);
		if (rc == 0)
			page_unref(pa);
		if (m < 0)
			return done ? done : m;
		done += m;
		off += (uint64_t)m;
	}
	if (get == 0)
		vfs_pc_trim(vp);
	return done;
}
KERN_EXPORT(vfs_page_read);

/* The page of a cache a write just wrote @p chunk bytes of at @p off: the
 * resident one, or a new one (read from the file system first unless the
 * write covers all of it that is the file's). */
static int vfs_pc_write_page(struct vnode *vp, uint64_t off, size_t chunk, uint64_t *pa)
{
	uint64_t pg = off / PAGE_SIZE;
	int whole = off % PAGE_SIZE == 0 && (chunk == PAGE_SIZE || off + chunk >= vp->size);
	int rc = vm_obj_get_page(vp->pages, pg, VM_GET_CACHED, pa);

	if (rc != -ENOENT)
		return rc;
	rc = vm_obj_get_page(vp->pages, pg, whole ? VM_GET_NOFILL : 0, pa);
	if (rc == 0 && whole)
		vfs_pc_count(1); /* a fill counts itself (vfs_page_sync.c) */
	return rc;
}

/* Copy @p len bytes just written at file offset @p off into the cache's
 * pages, so that a read after a write finds them. The file system has the
 * data already: a page the cache cannot make is simply not cached. */
static void vfs_pc_copy_in(struct vnode *vp, const uint8_t *src, size_t len, uint64_t off)
{
	while (len) {
		size_t in = off % PAGE_SIZE, chunk = PAGE_SIZE - in;
		uint64_t pa;

		if (chunk > len)
			chunk = len;
		if (vfs_pc_write_page(vp, off, chunk, &pa) == 0) {
			memcpy((uint8_t *)page_virt(pa) + in, src, chunk);
			page_unref(pa);
		}
		src += chunk;
		off += chunk;
		len -= chunk;
	}
}

/* One batch of a cache's write: the caller's bytes into @p kbuf, to the
 * file system, then into the resident pages. @return bytes or -errno. */
static long vfs_pc_write_batch(struct vnode *vp, struct uio *uio, uint64_t off, uint8_t *kbuf)
{
	size_t n = uio->resid < VFS_PC_BATCH ? uio->resid : VFS_PC_BATCH;
	struct uio k = { .base = (uint64_t)(uintptr_t)kbuf, .resid = 0, .user = 0 };
	long m, w;
	int rc;

	if (n > VM_OBJ_MAX - off)
		n = (size_t)(VM_OBJ_MAX - off);
	m = uio_move(kbuf, n, uio, 0);
	if (m <= 0)
		return m;
	k.resid = (size_t)m;
	w = vp->ops->write(vp, &k, off);
	if (w < m) { /* give back what was not written */
		uio->base -= (uint64_t)(m - (w > 0 ? w : 0));
		uio->resid += (size_t)(m - (w > 0 ? w : 0));
	}
	if (w <= 0)
		return w;
	rc = vm_obj_resize(vp->pages, vfs_pc_cap(vp->size));
	if (rc == 0)
		vfs_pc_copy_in(vp, kbuf, (size_t)w, off);
	return rc ? rc : w;
}

static long vfs_pc_cache_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	/* a small write takes a small buffer */
	uint8_t *kbuf = mem_alloc(uio->resid < VFS_PC_BATCH ? uio->resid : VFS_PC_BATCH);
	long done = 0, w = 0;

	if (uio->resid == 0 || kbuf == NULL) {
		mem_free(kbuf);
		return uio->resid ? -ENOMEM : 0;
	}
	while (uio->resid && off < VM_OBJ_MAX) {
		w = vfs_pc_write_batch(vp, uio, off, kbuf);
		if (w <= 0)
			break;
		done += w;
		off += (uint64_t)w;
	}
	mem_free(kbuf);
	vfs_pc_trim(vp);
	if (uio->resid && off >= VM_OBJ_MAX && w > 0) { /* the rest, uncached */
		w = vp->ops->write(vp, uio, off);
		if (w > 0)
			done += w;
	}
	return done ? done : w;
}

/* A store's write: straight into its pages (made as needed); running out
 * of memory is running out of room. */
static long vfs_pc_store_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	uint64_t end = uio->resid < VM_OBJ_MAX - off ? off + uio->resid : VM_OBJ_MAX;
	long done = 0, m = 0;

	if (end > vfs_pc_cap(vp->size) && vm_obj_resize(vp->pages, end) != 0)
		return -ENOSPC;
	while (uio->resid && off < end) {
		size_t in = off % PAGE_SIZE, chunk = PAGE_SIZE - in;
		uint64_t pa;

		if (vm_obj_get_page(vp->pages, off / PAGE_SIZE, 0, &pa) != 0) {
			m = -ENOSPC;
			break;
		}
		m = uio_move((uint8_t *)page_virt(pa) + in, chunk, uio, 0);
		page_unref(pa);
		if (m <= 0)
			break;
		done += m;
		off += (uint64_t)m;
		if (off > vp->size)
			vp->size = off;
	}
	if (end > vp->size)
		vm_obj_resize(vp->pages, vp->size); /* what was not written is not there */
	if (done == 0 && uio->resid)
		return off >= VM_OBJ_MAX ? -EFBIG : m;
	return done;
}

long vfs_page_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct vm_object *o = vfs_page_obj(vp);
	uint64_t before = vfs_pc_resident(vp);
	long n;

	if (o == NULL && vfs_pc_mode(vp) == 0)
		return vp->ops->write(vp, uio, off);
	if (vfs_pc_mode(vp) == VFS_PC_STORE) {
		if (o == NULL)
			return -ENOSPC;
		if (off >= VM_OBJ_MAX)
			return uio->resid ? -EFBIG : 0;
		n = vfs_pc_store_write(vp, uio, off);
		vfs_pc_account(vp, before);
		return n;
	}
	if (o == NULL)
		return -ENOMEM;
	if (off >= VM_OBJ_MAX)
		return vp->ops->write(vp, uio, off);
	return vfs_pc_cache_write(vp, uio, off);
}
KERN_EXPORT(vfs_page_write);

int vfs_page_truncate(struct vnode *vp, uint64_t size)
{
	uint64_t before = vfs_pc_resident(vp);
	int rc;

	if (vp->pages == NULL)
		return 0;
	if (size > VM_OBJ_MAX && vfs_pc_mode(vp) == VFS_PC_STORE)
		return -EFBIG;
	rc = vm_obj_resize(vp->pages, vfs_pc_cap(size));
	if (rc == 0 && vfs_pc_mode(vp) == VFS_PC_STORE) {
		vp->size = size;
		vfs_pc_account(vp, before);
	}
	return rc;
}
KERN_EXPORT(vfs_page_truncate);

int vfs_page_object(struct vnode *vp, const char *path, struct vm_object **out)
{
	struct vm_object *o;

	if (!S_ISREG(vp->mode))
		return -EACCES;
	vfs_pc_set_name(vp, path);
	mutex_lock(&vp->lock);
	o = vfs_page_obj(vp);
	if (o)
		vm_obj_ref(o);
	mutex_unlock(&vp->lock);
	if (o == NULL)
		return vfs_pc_mode(vp) ? -ENOMEM : -ENODEV;
	*out = o;
	return 0;
}
