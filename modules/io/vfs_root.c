/*
 * The root file system: a fresh ramfs mounted at "/", the initramfs
 * unpacked into it (cpio_unpack.c), then /dev with the nodes of the
 * devices this module drives (unless the archive made them already).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "cpio_unpack.h"
#include "dev.h"
#include "vfs.h"

static const struct cred vfs_root_cred = { 0, 0, 0, 0 };

/* /dev and its nodes, unless the archive brought them. */
static void vfs_make_dev(void)
{
	static const struct {
		const char *path;
		uint64_t dev;
		unsigned mode;
	} nodes[] = {
		{ "/dev/console", DEV_MAKE(CONS_MAJOR, CONS_MINOR), 0600 },
		{ "/dev/tty", DEV_MAKE(5, 0), 0666 },
		{ "/dev/null", DEV_MAKE(1, 3), 0666 },
		{ "/dev/zero", DEV_MAKE(1, 5), 0666 },
		{ "/dev/full", DEV_MAKE(1, 7), 0666 },
		{ "/dev/kmsg", DEV_MAKE(1, 11), 0644 },
	};

	vfs_mknod(NULL, "/dev", S_IFDIR | 0755, 0, &vfs_root_cred);
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		vfs_mknod(NULL, nodes[i].path, S_IFCHR | nodes[i].mode, nodes[i].dev,
			  &vfs_root_cred);
}

int vfs_mount_root(const void *image, size_t len)
{
	unsigned count;
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_mount(&ramfs_fs_type, NULL, NULL);
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	rc = cpio_unpack(image, len, &count);
	vfs_make_dev();
	printk("io: root: ramfs with %u entries from a %lu-byte initramfs%s\n", count,
	       (unsigned long)len, rc ? " (stopped at a bad entry)" : "");
	return rc;
}
