/*
 * The root from the initramfs: each entry of a cpio archive becomes a
 * file of the fresh ramfs at "/", through the VFS's own operations (as
 * root), so the archive gets no path the VFS would not check itself. The
 * first bad entry stops the unpacking with one log line naming it and the
 * reason; what came before stays. Hard links (regular files with nlink > 1
 * and the same inode and device) become links to the first such entry.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "cpio.h"
#include "cpio_unpack.h"
#include "dev.h"
#include "vfs.h"

#define CPIO_HARDLINKS 64

struct cpio_link {
	uint32_t ino, devmajor, devminor;
	const char *rel;
};

struct cpio_unpack {
	struct cpio_link links[CPIO_HARDLINKS];
	unsigned nlinks;
};

static const struct cred cpio_root_cred = { 0, 0, 0, 0 };

static const char *cpio_errstr(int rc)
{
	switch (rc) {
	case -ENOTDIR:
		return "a path through a non-directory";
	case -ENOENT:
		return "its directory is missing";
	case -EEXIST:
		return "it exists with another type";
	case -EISDIR:
		return "a directory is in the way";
	case -ENOSPC:
	case -ENOMEM:
		return "out of memory";
	case -ENAMETOOLONG:
		return "name too long";
	default:
		return "cannot create it";
	}
}

static int cpio_write_data(const char *rel, const struct cpio_entry *e)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)e->data, .resid = e->size, .user = 0 };
	uint64_t off = 0;
	int rc = vfs_open(NULL, rel, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, e->mode & 07777,
			  &cpio_root_cred, &f);

	while (rc == 0 && uio.resid > 0) {
		long n = fo_write(f, &uio, off);

		if (n <= 0)
			rc = n < 0 ? (int)n : -ENOSPC;
		else
			off += (uint64_t)n;
	}
	if (f)
		file_unref(f);
	return rc;
}

static struct cpio_link *cpio_link_find(struct cpio_unpack *u, const struct cpio_entry *e)
{
	for (unsigned i = 0; i < u->nlinks; i++)
		if (u->links[i].ino == e->ino && u->links[i].devmajor == e->devmajor &&
		    u->links[i].devminor == e->devminor)
			return &u->links[i];
	return NULL;
}

static int cpio_regular(struct cpio_unpack *u, const char *rel, const struct cpio_entry *e)
{
	struct cpio_link *l = e->nlink > 1 ? cpio_link_find(u, e) : NULL;
	int rc;

	if (l) {
		rc = vfs_link(NULL, l->rel, rel, &cpio_root_cred);
		return (rc == 0 && e->size) ? cpio_write_data(rel, e) : rc;
	}
	rc = cpio_write_data(rel, e);
	if (rc == 0 && e->nlink > 1 && u->nlinks < CPIO_HARDLINKS)
		u->links[u->nlinks++] = (struct cpio_link){ e->ino, e->devmajor, e->devminor, rel };
	return rc;
}

static int cpio_symlink(const char *rel, const struct cpio_entry *e)
{
	char *target = mem_alloc(e->size + 1);
	int rc;

	if (target == NULL)
		return -ENOMEM;
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	rc = vfs_symlink(NULL, target, rel, &cpio_root_cred);
	mem_free(target);
	return rc;
}

/* Owner, group, permission bits and mtime as the archive says. */
static int cpio_settle(const char *rel, const struct cpio_entry *e)
{
	struct nameidata nd;
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(NULL, *rel ? rel : "/", 0, &cpio_root_cred, &nd);
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	mutex_lock(&nd.vp->lock);
	if (!S_ISLNK(nd.vp->mode))
		nd.vp->mode = (nd.vp->mode & S_IFMT) | (e->mode & 07777);
	nd.vp->uid = e->uid;
	nd.vp->gid = e->gid;
	nd.vp->mtime = (uint64_t)e->mtime * 1000000000ULL;
	mutex_unlock(&nd.vp->lock);
	vfs_namei_done(&nd);
	return 0;
}

/*
 * Every directory on the way to @p rel must be a directory already, not
 * a symbolic link: an archive may not write through a link it made.
 */
static int cpio_parents(const char *rel)
{
	size_t len = strlen(rel);
	char *p = mem_alloc(len + 1);
	struct stat st;
	int rc = 0;

	if (p == NULL)
		return -ENOMEM;
	memcpy(p, rel, len + 1);
	for (size_t i = 1; rc == 0 && i < len; i++) {
		if (p[i] != '/' || p[i - 1] == '/')
			continue;
		p[i] = '\0';
		rc = vfs_stat(NULL, p, AT_SYMLINK_NOFOLLOW, &cpio_root_cred, &st);
		if (rc == 0 && !S_ISDIR(st.st_mode))
			rc = -ENOTDIR;
		p[i] = '/';
	}
	mem_free(p);
	return rc;
}

static int cpio_make(struct cpio_unpack *u, const char *rel, const struct cpio_entry *e)
{
	struct stat st;
	int rc;

	if (*rel == '\0')
		return S_ISDIR(e->mode) ? 0 : -EEXIST;
	rc = cpio_parents(rel);
	if (rc)
		return rc;
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		rc = vfs_mknod(NULL, rel, S_IFDIR | 0700, 0, &cpio_root_cred);
		if (rc == -EEXIST &&
		    vfs_stat(NULL, rel, AT_SYMLINK_NOFOLLOW, &cpio_root_cred, &st) == 0 &&
		    S_ISDIR(st.st_mode))
			rc = 0;
		return rc;
	case S_IFREG:
		return cpio_regular(u, rel, e);
	case S_IFLNK:
		return cpio_symlink(rel, e);
	default:
		return vfs_mknod(NULL, rel, (e->mode & S_IFMT) | 0600,
				 DEV_MAKE(e->rdevmajor, e->rdevminor), &cpio_root_cred);
	}
}

static int cpio_entry(struct cpio_unpack *u, const struct cpio_entry *e)
{
	const char *rel, *why;
	int rc;

	if (cpio_check_path(e->name, e->namelen, &rel, &why)) {
		pr_err("io: initramfs: entry '%s': %s\n", e->name, why);
		return -EINVAL;
	}
	rc = cpio_make(u, rel, e);
	if (rc == 0)
		rc = cpio_settle(rel, e);
	if (rc) {
		pr_err("io: initramfs: entry '%s': %s\n", e->name, cpio_errstr(rc));
		return rc == -ENOMEM || rc == -ENOSPC ? -ENOMEM : -EINVAL;
	}
	return 0;
}

int cpio_unpack(const void *image, size_t len, unsigned *count)
{
	struct cpio_unpack *u = mem_zalloc(sizeof(*u));
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	int rc = 0, r;

	*count = 0;
	if (u == NULL)
		return -ENOMEM;
	cpio_start(&it, image, len);
	while (rc == 0 && (r = cpio_next(&it, &e, &why)) == 1) {
		rc = cpio_entry(u, &e);
		if (rc == 0)
			++*count;
	}
	if (rc == 0 && r < 0) {
		pr_err("io: initramfs: entry at offset %lu: %s\n", (unsigned long)it.pos, why);
		rc = -EINVAL;
	}
	mem_free(u);
	return rc;
}
