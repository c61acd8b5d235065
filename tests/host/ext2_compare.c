/*
 * ext2 host tests: the tree the VFS shows under /mnt against the source
 * tree on the host, entry by entry: the names of every directory, and of
 * every file its type, permission bits, owner, link count, modification
 * time, size, bytes (regular files), target (symbolic links) and device
 * number (device files). lost+found, which mke2fs adds, is left out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* <stdlib.h> clashes with the kernel headers. */
void *malloc(size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
unsigned long long strtoull(const char *s, char **end, int base);

#include <kern/file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "ext2_fixture.h"
#include "ext2_host.h"
#include "io/vfs.h"

/* The names of VFS directory @p path, NUL-separated (malloc'd), their count in *@p n. */
static char *ext2t_vnames(const char *path, int *n)
{
	char rec[8192], *out = malloc(1 << 20);
	size_t used = 0;
	struct file *f;
	uint64_t off = 0;
	long got;

	*n = 0;
	assert_int_equal(vfs_open(NULL, path, O_RDONLY | O_DIRECTORY, 0, &ext2t_root, &f), 0);
	for (;;) {
		struct uio uio = { .base = (uint64_t)(uintptr_t)rec, .resid = sizeof(rec) };

		got = fo_getdents(f, &uio, &off);
		assert_true(got >= 0);
		if (got == 0)
			break;
		for (long p = 0; p < got;) {
			struct dirent *de = (struct dirent *)(rec + p);
			size_t l = strlen(de->d_name) + 1;

			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			    strcmp(de->d_name, "lost+found")) {
				assert_true(used + l < (1 << 20));
				memcpy(out + used, de->d_name, l);
				used += l;
				(*n)++;
			}
			p += de->d_reclen;
		}
	}
	file_unref(f);
	return out;
}

static int ext2t_has(const char *names, int n, const char *name)
{
	for (int i = 0; i < n; i++, names += strlen(names) + 1)
		if (strcmp(names, name) == 0)
			return 1;
	return 0;
}

static void ext2t_compare_file(const char *hp, const char *vp, const struct eh_stat *hs)
{
	size_t hl, vl;
	long err;
	char *h = eh_read(hp, &hl), *v = ext2t_read(vp, &vl, &err);

	assert_non_null(h);
	if (v == NULL)
		fail_msg("%s: read error %ld", vp, err);
	assert_int_equal(hl, hs->size);
	if (vl != hl || memcmp(h, v, hl) != 0)
		fail_msg("%s: contents differ (%zu vs %zu bytes)", vp, vl, hl);
	eh_free(h);
	free(v);
}

static void ext2t_compare_link(const char *vp, const struct eh_stat *hs)
{
	struct vnode *v;
	char buf[4096];
	long n;

	assert_int_equal(vfs_lookup(NULL, vp, AT_SYMLINK_NOFOLLOW, &ext2t_root, &v), 0);
	n = vfs_readlink(v, buf, sizeof(buf));
	vfs_vrele(v);
	assert_int_equal(n, (long)strlen(hs->target));
	assert_memory_equal(buf, hs->target, (size_t)n);
}

static void ext2t_compare_one(const char *hp, const char *vp, int *count)
{
	struct eh_stat hs;
	struct stat st;
	unsigned ma, mi;

	assert_int_equal(eh_lstat(hp, &hs), 0);
	if (vfs_stat(NULL, vp, AT_SYMLINK_NOFOLLOW, &ext2t_root, &st) != 0)
		fail_msg("%s: no such file on the image", vp);
	if (st.st_mode != hs.mode || st.st_uid != hs.uid || st.st_gid != hs.gid)
		fail_msg("%s: mode/owner %o %u:%u, expected %o %u:%u", vp, st.st_mode, st.st_uid,
			 st.st_gid, hs.mode, hs.uid, hs.gid);
	assert_int_equal(st.st_nlink, hs.nlink);
	assert_int_equal(st.st_mtim.tv_sec, hs.mtime);
	(*count)++;
	if (S_ISDIR(hs.mode)) {
		ext2t_compare_tree(hp, vp + strlen("/mnt/"), count);
		return;
	}
	assert_int_equal((uint64_t)st.st_size, hs.size);
	if (S_ISREG(hs.mode))
		ext2t_compare_file(hp, vp, &hs);
	else if (S_ISLNK(hs.mode))
		ext2t_compare_link(vp, &hs);
	else if (S_ISCHR(hs.mode) || S_ISBLK(hs.mode)) {
		ma = (unsigned)(((st.st_rdev >> 8) & 0xfff) | ((st.st_rdev >> 32) & ~0xfffULL));
		mi = (unsigned)((st.st_rdev & 0xff) | ((st.st_rdev >> 12) & ~0xffULL));
		assert_int_equal(ma, hs.major);
		assert_int_equal(mi, hs.minor);
	}
}

void ext2t_compare_tree(const char *host, const char *rel, int *count)
{
	char vdir[4096], hp[8192], vp[8192];
	int hn, vn;
	char *hnames = eh_names(host, &hn), *vnames, *p;

	snprintf(vdir, sizeof(vdir), "/mnt/%s", rel);
	vnames = ext2t_vnames(vdir, &vn);
	assert_non_null(hnames);
	if (hn != vn)
		fail_msg("%s: %d entries, expected %d", vdir, vn, hn);
	p = hnames;
	for (int i = 0; i < hn; i++, p += strlen(p) + 1) {
		if (!ext2t_has(vnames, vn, p))
			fail_msg("%s: no entry %s", vdir, p);
		snprintf(hp, sizeof(hp), "%s/%s", host, p);
		snprintf(vp, sizeof(vp), "%s%s%s", vdir, rel[0] ? "/" : "", p);
		ext2t_compare_one(hp, vp, count);
	}
	eh_free(hnames);
	free(vnames);
}
