/*
 * Root on disk (the kernel word root=): after the initramfs has served
 * early boot, a disk file system becomes "/". The device is named
 * ("/dev/vda1" or "vda1") or found by the UUID or volume name of its file
 * system (root=UUID=..., root=LABEL=...: every registered block device is
 * probed by every disk type). The devfs the initial root mounted on /dev
 * moves to the disk's /dev (made if missing and the disk is writable), then
 * the initial ramfs goes away if nothing uses it. Whatever fails is logged
 * and leaves the initial root in place: boot goes on.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "vfs.h"

static const struct cred vfs_rd_cred = { 0, 0, 0, 0 };

/* What root= asks for. */
struct vfs_rd_want {
	const char *name;  /* a device name, or NULL */
	const char *label; /* LABEL=, or NULL */
	uint8_t uuid[16];  /* UUID= */
	int by_uuid;
};

static int vfs_rd_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 32 hex digits, dashes anywhere between. */
static int vfs_rd_parse_uuid(const char *s, uint8_t *out)
{
	unsigned n = 0;

	for (; *s; s++) {
		int h = vfs_rd_hex(*s);

		if (*s == '-')
			continue;
		if (h < 0 || n == 32)
			return -EINVAL;
		if (n % 2 == 0)
			out[n / 2] = (uint8_t)(h << 4);
		else
			out[n / 2] |= (uint8_t)h;
		n++;
	}
	return n == 32 ? 0 : -EINVAL;
}

static int vfs_rd_matches(const struct vfs_rd_want *w, const struct vfs_probe *pr)
{
	if (w->by_uuid)
		return memcmp(w->uuid, pr->uuid, 16) == 0;
	if (w->label)
		return strcmp(w->label, pr->label) == 0;
	return 1;
}

/* Probe device @p name with every disk type; 0 with *fsp when one takes it (and it matches). */
static int vfs_rd_probe(const char *name, const struct vfs_rd_want *w,
			const struct fs_type_ops **fsp, struct vfs_probe *pr)
{
	const struct fs_type_ops *fs;

	for (unsigned i = 0; (fs = vfs_fs_disk_type(i)) != NULL; i++) {
		memset(pr, 0, sizeof(*pr));
		if (fs->probe(name, pr) == 0 && vfs_rd_matches(w, pr)) {
			*fsp = fs;
			return 0;
		}
	}
	return -ENODEV;
}

/* The device and type root= names; its name into @p dev. */
static int vfs_rd_find(const char *spec, char *dev, const struct fs_type_ops **fsp,
		       struct vfs_probe *pr)
{
	struct vfs_rd_want w = { 0 };
	struct blkdev *bd;

	if (strncmp(spec, "UUID=", 5) == 0) {
		if (vfs_rd_parse_uuid(spec + 5, w.uuid))
			return -EINVAL;
		w.by_uuid = 1;
	} else if (strncmp(spec, "LABEL=", 6) == 0) {
		w.label = spec + 6;
	} else {
		w.name = strncmp(spec, "/dev/", 5) == 0 ? spec + 5 : spec;
		if (blkdev_find(w.name) == NULL)
			return -ENODEV;
		memcpy(dev, w.name, strnlen(w.name, BLKDEV_NAME_MAX - 1));
		return vfs_rd_probe(w.name, &w, fsp, pr);
	}
	for (unsigned i = 0; (bd = blkdev_get(i)) != NULL; i++) {
		if (vfs_rd_probe(bd->name, &w, fsp, pr) == 0) {
			memcpy(dev, bd->name, strnlen(bd->name, BLKDEV_NAME_MAX - 1));
			return 0;
		}
	}
	return -ENODEV;
}

/* Move the devfs of the old root's /dev onto the new root's /dev. */
static void vfs_rd_move_dev(struct vfs_mount *mp)
{
	struct vnode *old = vfs_root();
	struct nameidata od, nd;

	if (old == NULL)
		return;
	if (vfs_namei(old, "dev", 0, &vfs_rd_cred, &od) == 0) {
		struct vfs_mount *devmp = od.vp->mount;

		if (devmp != old->mount && devmp->root == od.vp &&
		    vfs_namei(mp->root, "dev", 0, &vfs_rd_cred, &nd) == 0) {
			if (vfs_mount_move(devmp, nd.vp) != 0)
				printk("root: cannot move the devfs to the disk's /dev\n");
			vfs_namei_done(&nd);
		} else if (devmp != old->mount) {
			printk("root: the disk has no /dev: no device files\n");
		}
		vfs_namei_done(&od);
	}
	vfs_vrele(old);
}

int vfs_mount_disk_root(const char *spec)
{
	char dev[BLKDEV_NAME_MAX] = { 0 }, source[MNT_NAME];
	const struct fs_type_ops *fs = NULL;
	struct vfs_probe pr;
	struct vfs_mount *mp;
	int rc = vfs_rd_find(spec, dev, &fs, &pr);

	if (rc) {
		printk("root: %s: %s; keeping the initramfs root\n", spec,
		       rc == -EINVAL ? "bad UUID" : "no such device with a known file system");
		return rc;
	}
	memcpy(source, "/dev/", 5);
	memcpy(source + 5, dev, strlen(dev) + 1);
	mutex_lock(&vfs_ns_lock);
	rc = vfs_mount_spare_root(fs, source, 0, &mp);
	mutex_unlock(&vfs_ns_lock);
	if (rc) {
		printk("root: %s: %s mount failed (error %d); keeping the initramfs root\n", dev,
		       fs->name, rc);
		return rc;
	}
	if (!(mp->flags & MS_RDONLY))
		vfs_mknod(mp->root, "dev", S_IFDIR | 0755, 0, &vfs_rd_cred); /* -EEXIST is fine */
	mutex_lock(&vfs_ns_lock);
	vfs_rd_move_dev(mp);
	vfs_root_replace(mp);
	mutex_unlock(&vfs_ns_lock);
	printk("root: %s (%s%s%s) mounted %s as /\n", dev, pr.desc, pr.label[0] ? ", label " : "",
	       pr.label, (mp->flags & MS_RDONLY) ? "read-only" : "read-write");
	return 0;
}
