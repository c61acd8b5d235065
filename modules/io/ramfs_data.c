/*
 * ramfs file data lives in the VFS's page cache (VNODE_F_PAGESTORE): its
 * read and write are vfs_page_read() and vfs_page_write(), a missing page
 * reads as zeros, and truncate only sets the size (the VFS cut or grew the
 * pages first, zeroing the tail of the last one). The VFS counts the pages
 * in st_blocks and in the mount's total (statfs). Called with the vnode's
 * lock held.
 */
#include <stdint.h>

#include <kern/vm.h>
#include <uapi/errno.h>

#include "ramfs.h"

int ramfs_truncate(struct vnode *vp, uint64_t size)
{
	if (size > RAMFS_MAX_FILE)
		return -EFBIG;
	vp->size = size;
	return 0;
}
