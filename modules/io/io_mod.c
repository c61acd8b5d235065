/*
 * modules/io: the `io` provider. It holds the VFS (vfs_*.c: vnodes,
 * namei, mounts, open files; the lock order is at the top of vfs_ops.c),
 * ramfs (ramfs*.c), the root unpacked from the initramfs (cpio*.c) and
 * the device switch with the memory devices (dev*.c) and the terminals
 * (tty*.c, kbd.c: the console on serial, keyboard and screen, /dev/tty). This file is its table for
 * the core and its start. It depends on mem (so its allocations come from the provider, never the
 * boot fallback) and tmr (timestamps and the terminals' timed reads).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/io.h>
#include <kern/kmod.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "dev.h"
#include "ev.h"
#include "tty.h"
#include "vfs.h"
#include "vfs_page.h"

static void vfs_io_vref(struct vnode *vp)
{
	vfs_vref(vp);
}

/* The root, then the nodes of the block devices (blk_dev.c). */
static int io_mount_root_blk(const void *image, size_t len)
{
	int rc = vfs_mount_root(image, len);

	if (rc != -ENOMEM) /* -EINVAL, -EBUSY: there is a root all the same */
		blk_dev_start();
	return rc;
}

static const struct io_ops vfs_io_ops = {
	.version = IO_OPS_VERSION,
	.mount_root = io_mount_root_blk,
	.root = vfs_root,
	.vref = vfs_io_vref,
	.vrele = vfs_vrele,
	.open = vfs_open,
	.stat = vfs_stat,
	.mknod = vfs_mknod,
	.remove = vfs_remove,
	.link = vfs_link,
	.rename = vfs_rename,
	.lookup_dir = vfs_lookup_dir,
	.getcwd = vfs_getcwd,
	.open_exec = vfs_open_exec,
	.lookup = vfs_lookup,
	.setattr = vfs_setattr,
	.access = vfs_access_check,
	.readlink = vfs_readlink,
	.symlink = vfs_symlink,
	.statfs = vfs_statfs,
	.sync = vfs_sync,
	.mount = vfs_mount_at,
	.umount = vfs_umount_at,
	.mounts = vfs_mounts,
	.mount_disk_root = vfs_mount_disk_root,
	.shutdown = vfs_shutdown,
	.file_object = vfs_page_object,
	.msync = vfs_msync,
};

static int io_init(const char *args)
{
	int rc;

	(void)args;
	rc = dev_mem_init();
	if (rc == 0)
		rc = tty_console_init();
	if (rc) {
		pr_err("io: devices: error %d\n", rc);
		return rc;
	}
	vfs_page_init();
	rc = io_register(&vfs_io_ops);
	if (rc == 0 && ev_init() != 0)
		pr_err("io: event queues not available\n");
	return rc;
}

KMOD(.name = "io", .version = "0.1.0", .role = "io", .deps = { "mem", "tmr" }, .init = io_init);
