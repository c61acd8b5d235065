/*
 * FIFOs in the name space (vfs_fifo.c): the open file of an S_IFIFO
 * vnode of any file system, over the ipc role's FIFO ring.
 */
#ifndef IO_VFS_FIFO_H_
#define IO_VFS_FIFO_H_

#include <kern/file.h>

struct vnode;

/*
 * Open vp (an S_IFIFO vnode, referenced by the caller) with the open
 * flags: 0 and one reference in *out, or a negative errno (-ENXIO,
 * -EINTR, -ENOMEM). May sleep until the other side opens.
 */
int vfs_fifo_open(struct vnode *vp, int flags, struct file **out);

#endif /* IO_VFS_FIFO_H_ */
