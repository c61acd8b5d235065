/*
 * The page cache's bookkeeping: the pagers the vm calls, the pages shared
 * mappings wrote (written back through vnode_ops::write by
 * vfs_page_flush()), the flusher thread, and the trim that keeps the cache
 * of disk files within a quarter of memory.
 *
 * Two lists: every vnode with pages (vfs_pc_lock, a mutex: the trim and
 * the flusher walk it), and the vnodes a mapping wrote (vfs_pc_dirty_lock,
 * a spinlock, since the vm fills it from under its own locks; each entry
 * holds a vnode reference). A mapped file is held by its mappings
 * (vm_pager::hold and release), so it outlives them.
 *
 * Lock order: vnode::lock, then the vm's role lock, then vfs_pc_lock, then
 * an object's lock (vm_obj_shrink() takes only that one).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/kmod.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/vm_walk.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "vfs.h"
#include "vfs_page.h"

#define VFS_PC_TAKE 16 /* written pages taken at once */

static struct mutex vfs_pc_lock = MUTEX_INIT("page cache");
static struct list_node vfs_pc_list = { &vfs_pc_list, &vfs_pc_list };
static struct spinlock vfs_pc_dirty_lock = SPINLOCK_INIT("page cache dirty");
static struct list_node vfs_pc_dirty = { &vfs_pc_dirty, &vfs_pc_dirty };
static uint64_t vfs_pc_pages; /* pages of caches (not stores) filled, about (atomic) */

void vfs_pc_count(uint64_t pages)
{
	__atomic_add_fetch(&vfs_pc_pages, pages, __ATOMIC_RELAXED);
}

static int vfs_cache_read_page(void *owner, uint64_t pgoff, void *page)
{
	struct vnode *vp = owner;

	__atomic_add_fetch(&vfs_pc_pages, 1, __ATOMIC_RELAXED);
	return vp->ops->readpage(vp, pgoff, page);
}

/* Under the vm's locks: only put the file on the list (with a reference). */
static void vfs_pc_dirtied(void *owner)
{
	struct vnode *vp = owner;

	spin_lock(&vfs_pc_dirty_lock);
	if (!(vp->cache_flags & VFS_PCF_DIRTY)) {
		__atomic_fetch_or(&vp->cache_flags, VFS_PCF_DIRTY, __ATOMIC_RELAXED);
		list_add_tail(&vfs_pc_dirty, &vp->dirty_link);
		vfs_vref(vp);
	}
	spin_unlock(&vfs_pc_dirty_lock);
}

/* Under the vm's lock: the file's device, inode and mapped path. */
static void vfs_pc_describe(void *owner, struct vm_region_desc *d)
{
	struct vnode *vp = owner;

	d->dev = vp->mount ? vp->mount->dev : 0;
	d->ino = vp->ino;
	spin_lock(&vfs_pc_dirty_lock);
	if (vp->map_name) {
		size_t n = strnlen(vp->map_name, sizeof(d->name) - 1);

		memcpy(d->name, vp->map_name, n);
		d->name[n] = '\0';
	}
	spin_unlock(&vfs_pc_dirty_lock);
}

void vfs_pc_set_name(struct vnode *vp, const char *path)
{
	size_t len = path ? strlen(path) : 0;
	char *name = len ? mem_alloc(len + 1) : NULL, *old;

	if (name == NULL)
		return;
	memcpy(name, path, len + 1);
	spin_lock(&vfs_pc_dirty_lock);
	old = vp->map_name;
	vp->map_name = name;
	spin_unlock(&vfs_pc_dirty_lock);
	mem_free(old);
}

static void vfs_pc_hold(void *owner)
{
	vfs_vref(owner);
}

static void vfs_pc_release(void *owner)
{
	vfs_vrele(owner);
}

const struct vm_pager vfs_store_pager = {
	.hold = vfs_pc_hold,
	.release = vfs_pc_release,
	.describe = vfs_pc_describe,
};

const struct vm_pager vfs_cache_pager = {
	.read_page = vfs_cache_read_page,
	.dirtied = vfs_pc_dirtied,
	.hold = vfs_pc_hold,
	.release = vfs_pc_release,
	.describe = vfs_pc_describe,
};

void vfs_pc_track(struct vnode *vp)
{
	mutex_lock(&vfs_pc_lock);
	list_add_tail(&vfs_pc_list, &vp->cache_link);
	__atomic_fetch_or(&vp->cache_flags, VFS_PCF_TRACKED, __ATOMIC_RELAXED);
	mutex_unlock(&vfs_pc_lock);
}

/* The last reference of a vnode without names went: drop its pages. */
void vfs_page_forget(struct vnode *vp)
{
	struct vm_obj_info info;

	mem_free(vp->map_name);
	vp->map_name = NULL;
	if (vp->pages == NULL)
		return;
	vm_obj_info(vp->pages, &info);
	if (vfs_pc_mode(vp) == VFS_PC_CACHE)
		__atomic_sub_fetch(&vfs_pc_pages, info.resident / PAGE_SIZE, __ATOMIC_RELAXED);
	mutex_lock(&vfs_pc_lock);
	if (vp->cache_flags & VFS_PCF_TRACKED)
		list_del(&vp->cache_link);
	mutex_unlock(&vfs_pc_lock);
	vm_obj_unref(vp->pages);
	vp->pages = NULL;
}

static uint64_t vfs_pc_written; /* pages written back so far (atomic) */

int vfs_page_flush(struct vnode *vp)
{
	uint64_t pg[VFS_PC_TAKE], pa[VFS_PC_TAKE];
	unsigned n;
	int rc = 0;

	if (vp->pages == NULL || vfs_pc_mode(vp) != VFS_PC_CACHE)
		return 0;
	while ((n = vm_obj_take_dirty(vp->pages, pg, pa, VFS_PC_TAKE)) != 0) {
		for (unsigned i = 0; i < n; i++) {
			uint64_t off = pg[i] * PAGE_SIZE;
			struct uio k = { .base = (uint64_t)(uintptr_t)page_virt(pa[i]), .user = 0 };
			long w = 0;

			k.resid =
			    off < vp->size
				? (size_t)(vp->size - off < PAGE_SIZE ? vp->size - off : PAGE_SIZE)
				: 0;
			if (k.resid)
				w = vp->ops->write(vp, &k, off);
			if (w < 0 && rc == 0)
				rc = (int)w;
			page_unref(pa[i]);
			__atomic_add_fetch(&vfs_pc_written, 1, __ATOMIC_RELAXED);
		}
		vp->mtime = vp->ctime = vfs_now();
	}
	return rc;
}
KERN_EXPORT(vfs_page_flush);

/* Write back every file on the written list; with @p fsync, to the disk. */
int vfs_pc_flush_dirty(int fsync)
{
	int rc = 0;

	for (;;) {
		struct vnode *vp = NULL;
		int r;

		spin_lock(&vfs_pc_dirty_lock);
		if (!list_empty(&vfs_pc_dirty)) {
			vp = list_entry(list_first(&vfs_pc_dirty), struct vnode, dirty_link);
			list_del(&vp->dirty_link);
			__atomic_fetch_and(&vp->cache_flags, ~VFS_PCF_DIRTY, __ATOMIC_RELAXED);
		}
		spin_unlock(&vfs_pc_dirty_lock);
		if (vp == NULL)
			return rc;
		mutex_lock(&vp->lock);
		r = vfs_page_flush(vp);
		if (r == 0 && fsync)
			r = vp->ops->fsync(vp);
		mutex_unlock(&vp->lock);
		vfs_vrele(vp);
		if (r && rc == 0)
			rc = r;
	}
}

/* Referenced copies of the tracked caches (@p room of them at most). */
static unsigned vfs_pc_collect(struct vnode **v, unsigned room)
{
	struct list_node *pos, *tmp;
	unsigned n = 0;

	mutex_lock(&vfs_pc_lock);
	list_for_each_safe(pos, tmp, &vfs_pc_list)
	{
		struct vnode *vp = list_entry(pos, struct vnode, cache_link);

		if (n < room && vfs_pc_mode(vp) == VFS_PC_CACHE && vfs_vref_live(vp))
			v[n++] = vp;
	}
	mutex_unlock(&vfs_pc_lock);
	return n;
}

/* Write back what live mappings wrote (sync, the flusher). */
int vfs_pc_flush_mapped(void)
{
	unsigned room = 256, n;
	struct vnode **v = mem_alloc(room * sizeof(*v));
	int rc = 0, r;

	if (v == NULL)
		return -ENOMEM;
	n = vfs_pc_collect(v, room);
	for (unsigned i = 0; i < n; i++) {
		struct vm_obj_info info;

		mutex_lock(&v[i]->lock);
		vm_obj_info(v[i]->pages, &info);
		r = info.spaces ? vfs_page_flush(v[i]) : 0;
		mutex_unlock(&v[i]->lock);
		vfs_vrele(v[i]);
		if (r && rc == 0)
			rc = r;
	}
	mem_free(v);
	return rc;
}

static uint64_t vfs_pc_budget(void)
{
	struct page_stats st;

	page_stats(&st);
	return (st.zone[PAGE_ZONE_DMA].total + st.zone[PAGE_ZONE_NORMAL].total) / 4;
}

void vfs_pc_trim(struct vnode *self)
{
	uint64_t budget = vfs_pc_budget(), have = __atomic_load_n(&vfs_pc_pages, __ATOMIC_RELAXED);
	uint64_t want, got = 0;
	struct list_node *pos, *tmp;

	if (have <= budget)
		return;
	want = have - budget * 3 / 4;
	mutex_lock(&vfs_pc_lock);
	list_for_each_safe(pos, tmp, &vfs_pc_list)
	{
		struct vnode *vp = list_entry(pos, struct vnode, cache_link);

		if (got >= want)
			break;
		if (vp == self || vfs_pc_mode(vp) != VFS_PC_CACHE)
			continue;
		got += vm_obj_shrink(vp->pages, want - got);
	}
	if (got < want && self && self->pages)
		got += vm_obj_shrink(self->pages, want - got);
	mutex_unlock(&vfs_pc_lock);
	__atomic_store_n(&vfs_pc_pages, have > got ? have - got : 0, __ATOMIC_RELAXED);
}

/* The page daemon's shrinker: clean, unmapped, unheld pages of disk files. */
uint64_t vfs_pc_shrink(uint64_t want)
{
	struct list_node *pos, *tmp;
	uint64_t got = 0;

	mutex_lock(&vfs_pc_lock);
	list_for_each_safe(pos, tmp, &vfs_pc_list)
	{
		struct vnode *vp = list_entry(pos, struct vnode, cache_link);

		if (got >= want)
			break;
		if (vfs_pc_mode(vp) == VFS_PC_CACHE)
			got += vm_obj_shrink(vp->pages, want - got);
	}
	mutex_unlock(&vfs_pc_lock);
	__atomic_sub_fetch(&vfs_pc_pages, got < vfs_pc_pages ? got : vfs_pc_pages,
			   __ATOMIC_RELAXED);
	return got;
}

/*
 * The page daemon's write-back: what live mappings wrote, then every file
 * on the written list (among them the pages of mappings gone since, which
 * the next shrink can then drop), each file to the disk. Only on the daemon's thread: it takes
 * vnode locks and the vm's.
 */
uint64_t vfs_pc_writeback(uint64_t want)
{
	uint64_t before = __atomic_load_n(&vfs_pc_written, __ATOMIC_RELAXED);

	(void)want;
	/* To the disk (fsync): a write-back only moves the data into the buffer
	 * cache, whose blocks go back only once they are on the disk. */
	if (vfs_pc_flush_mapped() || vfs_pc_flush_dirty(1))
		printk("io: writing back mapped file pages failed\n");
	return __atomic_load_n(&vfs_pc_written, __ATOMIC_RELAXED) - before;
}

int vfs_msync(int flags)
{
	if (flags & MS_SYNC)
		return vfs_pc_flush_dirty(1);
	return vfs_pc_flush_dirty(0);
}
