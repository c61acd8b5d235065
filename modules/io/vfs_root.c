/*
 * The root file system: a fresh ramfs mounted at "/" (source
 * "initramfs"), a devfs mounted on /dev, the initramfs unpacked into both
 * (cpio_unpack.c; what the archive puts in /dev lands in the devfs), then
 * the nodes of the devices this module drives (unless the archive made
 * them already).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "cpio_unpack.h"
#include "dev.h"
#include "vfs.h"

static const struct cred vfs_root_cred = { 0, 0, 0, 0 };

/* "/" and the devfs on /dev. */
static int vfs_mount_base(void)
{
	struct vfs_mount *mp;
	struct nameidata nd;
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_mount(&ramfs_fs_type, NULL, &mp);
	if (rc == 0)
		memcpy(mp->source, "initramfs", 10);
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	vfs_mknod(NULL, "/dev", S_IFDIR | 0755, 0, &vfs_root_cred);
	mutex_lock(&vfs_ns_lock);
	if (vfs_namei(NULL, "/dev", 0, &vfs_root_cred, &nd) == 0) {
		if (vfs_mount(&devfs_fs_type, nd.vp, &mp) == 0)
			memcpy(mp->source, "devfs", 6);
		vfs_namei_done(&nd);
	}
	mutex_unlock(&vfs_ns_lock);
	return 0;
}

/* The nodes of /dev, unless the archive brought them. */
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

	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		vfs_mknod(NULL, nodes[i].path, S_IFCHR | nodes[i].mode, nodes[i].dev,
			  &vfs_root_cred);
}

int vfs_mount_root(const void *image, size_t len)
{
	unsigned count;
	int rc;

	rc = vfs_mount_base();
	if (rc)
		return rc;
	rc = cpio_unpack(image, len, &count);
	vfs_make_dev();
	printk("io: root: ramfs with %u entries from a %lu-byte initramfs%s\n", count,
	       (unsigned long)len, rc ? " (stopped at a bad entry)" : "");
	return rc;
}
