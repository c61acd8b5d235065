/*
 * ext2 host tests, writing through our code: files (create, write, append,
 * overwrite, holes up to triple indirection, truncate down and up), names
 * (mkdir, rmdir, rename across directories, link, unlink, symlink),
 * attributes (chmod, chown, utimes), a file unlinked while open, a
 * directory growing over several blocks, a full disk (ENOSPC, then room
 * again), a dir_index directory changed. After each, e2fsck -fn must find
 * the image clean, debugfs reads back what we wrote, and a second mount
 * sees it too. Usage: test_ext2_write build/tests/ext2
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
void free(void *p);

#include <kern/file.h>
#include <kern/io.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

#include "ext2_fixture.h"
#include "ext2_host.h"
#include "io/vfs.h"
#include "io_fixture.h"

static int setup(void **state)
{
	(void)state;
	ext2t_setup();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ext2t_teardown();
	return 0;
}

static void ext2t_fill(char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (i * 7 + seed + i / 1000) % 26);
}

/* /mnt/@p path holds exactly @p n bytes of @p want. */
static void ext2t_expect(const char *path, const char *want, size_t n)
{
	size_t len;
	long err;
	char *got = ext2t_read(path, &len, &err);

	if (got == NULL)
		fail_msg("%s: read error %ld", path, err);
	if (len != n || memcmp(got, want, n) != 0)
		fail_msg("%s: %zu bytes, expected %zu, or different", path, len, n);
	free(got);
}

static uint64_t ext2t_free_blocks(void)
{
	struct vnode *vp;
	struct statfs sf;

	assert_int_equal(vfs_lookup(NULL, "/mnt", 0, &ext2t_root, &vp), 0);
	assert_int_equal(vfs_statfs(vp, &sf), 0);
	vfs_vrele(vp);
	return sf.f_bfree;
}

static void ext2t_setattr(const char *path, const struct io_attr *a)
{
	struct vnode *vp;

	assert_int_equal(vfs_lookup(NULL, path, AT_SYMLINK_NOFOLLOW, &ext2t_root, &vp), 0);
	assert_int_equal(vfs_setattr(vp, a, &ext2t_root), 0);
	vfs_vrele(vp);
}

/* Data: write, append, overwrite, holes, truncate. */
static void ext2t_data(char *buf, uint64_t far)
{
	static char zeros[8192];
	char *tail;
	size_t len;
	long err;

	ext2t_fill(buf, 15000, 1);
	assert_int_equal(ext2t_write("/mnt/w/a", O_CREAT, buf, 10000, 0), 10000);
	assert_int_equal(ext2t_write("/mnt/w/a", O_APPEND, buf + 10000, 5000, 0), 5000);
	ext2t_fill(buf + 3000, 2000, 9);
	assert_int_equal(ext2t_write("/mnt/w/a", 0, buf + 3000, 2000, 3000), 2000);
	ext2t_expect("/mnt/w/a", buf, 15000);
	/* Holes: data at 0 and far away (double or triple indirect). */
	assert_int_equal(ext2t_write("/mnt/w/h", O_CREAT, "start", 5, 0), 5);
	assert_int_equal(ext2t_write("/mnt/w/h", 0, "far", 3, far), 3);
	tail = ext2t_read("/mnt/w/h", &len, &err);
	assert_non_null(tail);
	assert_int_equal(len, far + 3);
	assert_memory_equal(tail, "start", 5);
	assert_memory_equal(tail + 5, zeros, sizeof(zeros));
	assert_memory_equal(tail + far - 4096, zeros, 4096);
	assert_memory_equal(tail + far, "far", 3);
	free(tail);
	/* Truncate down into a block, then up: zeros after the cut. */
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = 1500 };
	ext2t_setattr("/mnt/w/a", &a);
	ext2t_expect("/mnt/w/a", buf, 1500);
	a.size = 8000;
	ext2t_setattr("/mnt/w/a", &a);
	memset(buf + 1500, 0, 6500);
	ext2t_expect("/mnt/w/a", buf, 8000);
}

/* Names: directories, renames, links, symbolic links. */
static void ext2t_names(void)
{
	char target[300];
	struct stat st;
	struct vnode *vp;
	long n;

	assert_int_equal(vfs_mknod(NULL, "/mnt/w/d1", S_IFDIR | 0755, 0, &ext2t_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/d1/d2", S_IFDIR | 0755, 0, &ext2t_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/d1/d2/x", S_IFREG | 0644, 0, &ext2t_root), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/d1/d2", 1, &ext2t_root), -ENOTEMPTY);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/d1/d2/x", 0, &ext2t_root), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/d1/d2", 1, &ext2t_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/d1/d3", S_IFDIR | 0700, 0, &ext2t_root), 0);
	assert_int_equal(vfs_rename(NULL, "/mnt/w/a", "/mnt/w/d1/a2", &ext2t_root), 0);
	assert_int_equal(vfs_rename(NULL, "/mnt/w/d1/d3", "/mnt/moved", &ext2t_root), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/d1", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(vfs_mknod(NULL, "/mnt/moved/in", S_IFREG | 0600, 0, &ext2t_root), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/moved/../w/d1/a2", 0, &ext2t_root, &st), 0);
	assert_int_equal(ext2t_write("/mnt/w/over", O_CREAT, "old", 3, 0), 3);
	assert_int_equal(ext2t_write("/mnt/w/new", O_CREAT, "new!", 4, 0), 4);
	assert_int_equal(vfs_rename(NULL, "/mnt/w/new", "/mnt/w/over", &ext2t_root), 0);
	ext2t_expect("/mnt/w/over", "new!", 4);
	assert_int_equal(vfs_link(NULL, "/mnt/w/over", "/mnt/w/d1/over-link", &ext2t_root), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/over", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(vfs_symlink(NULL, "d1/a2", "/mnt/w/fast", &ext2t_root), 0);
	memset(target, 'q', sizeof(target));
	target[sizeof(target) - 1] = '\0';
	assert_int_equal(vfs_symlink(NULL, target, "/mnt/w/slow", &ext2t_root), 0);
	assert_int_equal(vfs_lookup(NULL, "/mnt/w/slow", AT_SYMLINK_NOFOLLOW, &ext2t_root, &vp), 0);
	char back[400];
	n = vfs_readlink(vp, back, sizeof(back));
	vfs_vrele(vp);
	assert_int_equal(n, (long)strlen(target));
	assert_memory_equal(back, target, (size_t)n);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/fast", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_size, 1500 + 6500);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/fifo", S_IFIFO | 0644, 0, &ext2t_root), 0);
	assert_int_equal(
	    vfs_mknod(NULL, "/mnt/w/tty", S_IFCHR | 0620, (4ULL << 8) | 1, &ext2t_root), 0);
}

static void ext2t_attrs(void)
{
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = 04711 };
	struct stat st;

	ext2t_setattr("/mnt/w/over", &a);
	a = (struct io_attr){ .mask = IO_ATTR_UID | IO_ATTR_GID, .uid = 70001, .gid = 1234 };
	ext2t_setattr("/mnt/w/over", &a);
	a = (struct io_attr){ .mask = IO_ATTR_ATIME | IO_ATTR_MTIME,
			      .atime = 1000000000ULL * 1000000000ULL + 5,
			      .mtime = 1234567890ULL * 1000000000ULL + 987654321ULL };
	ext2t_setattr("/mnt/w/over", &a);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/over", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_mode, S_IFREG | 04711);
	assert_int_equal(st.st_uid, 70001);
	assert_int_equal(st.st_mtim.tv_sec, 1234567890);
}

/* A file unlinked while open keeps its blocks until the last close. */
static void ext2t_open_unlinked(char *buf)
{
	uint64_t before = ext2t_free_blocks();
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = 4096 };

	ext2t_fill(buf, 200000, 3);
	assert_int_equal(ext2t_write("/mnt/w/tmp", O_CREAT, buf, 200000, 0), 200000);
	assert_true(ext2t_free_blocks() < before);
	assert_int_equal(vfs_open(NULL, "/mnt/w/tmp", O_RDONLY, 0, &ext2t_root, &f), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/tmp", 0, &ext2t_root), 0);
	assert_true(ext2t_free_blocks() < before);
	assert_int_equal(fo_read(f, &uio, 100000), 4096);
	file_unref(f);
	assert_int_equal(ext2t_free_blocks(), before);
}

/* A directory over several blocks, half emptied, then removed. */
static void ext2t_big_dir(void)
{
	char path[128];

	assert_int_equal(vfs_mknod(NULL, "/mnt/w/big", S_IFDIR | 0755, 0, &ext2t_root), 0);
	for (int i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "/mnt/w/big/entry-with-a-longish-name-%03d", i);
		assert_int_equal(vfs_mknod(NULL, path, S_IFREG | 0644, 0, &ext2t_root), 0);
	}
	for (int i = 0; i < 200; i += 2) {
		snprintf(path, sizeof(path), "/mnt/w/big/entry-with-a-longish-name-%03d", i);
		assert_int_equal(vfs_remove(NULL, path, 0, &ext2t_root), 0);
	}
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/big/after", S_IFREG | 0644, 0, &ext2t_root), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/big", 1, &ext2t_root), -ENOTEMPTY);
	for (int i = 1; i < 200; i += 2) {
		snprintf(path, sizeof(path), "/mnt/w/big/entry-with-a-longish-name-%03d", i);
		assert_int_equal(vfs_remove(NULL, path, 0, &ext2t_root), 0);
	}
	assert_int_equal(vfs_remove(NULL, "/mnt/w/big/after", 0, &ext2t_root), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/w/big", 1, &ext2t_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w/big2", S_IFDIR | 0755, 0, &ext2t_root), 0);
	for (int i = 0; i < 120; i++) {
		snprintf(path, sizeof(path), "/mnt/w/big2/kept-%03d", i);
		assert_int_equal(vfs_mknod(NULL, path, S_IFREG | 0644, 0, &ext2t_root), 0);
	}
}

/* What the host's debugfs shows of the image. */
static void ext2t_debugfs_check(const char *img, const char *buf)
{
	char *out = eh_output("debugfs -R 'cat /w/d1/a2' '%s' 2>/dev/null", img);

	assert_int_equal(strlen(out), 1500); /* then zeros */
	assert_memory_equal(out, buf, 1500);
	eh_free(out);
	out = eh_output("debugfs -R 'cat /w/d1/a2' '%s' 2>/dev/null | wc -c", img);
	assert_string_equal(out, "8000\n");
	eh_free(out);
	out = eh_output("debugfs -R 'cat /w/over' '%s' 2>/dev/null", img);
	assert_string_equal(out, "new!");
	eh_free(out);
	out = eh_output("debugfs -R 'stat /w/over' '%s' 2>/dev/null | head -8", img);
	assert_non_null(strstr(out, "Mode:  04711"));
	assert_non_null(strstr(out, "User: 70001"));
	assert_non_null(strstr(out, "Links: 2"));
	eh_free(out);
	out = eh_output("debugfs -R 'ls -p /w/big2' '%s' 2>/dev/null | grep -c kept-", img);
	assert_string_equal(out, "120\n");
	eh_free(out);
}

static void ext2t_write_image(const char *name, uint64_t far)
{
	char dev[16], *buf = malloc(200000), *keep = malloc(8000);
	const char *img = ext2t_attach(name, dev);
	struct stat st;

	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/w", S_IFDIR | 0755, 0, &ext2t_root), 0);
	ext2t_data(buf, far);
	memcpy(keep, buf, 8000);
	ext2t_names();
	ext2t_attrs();
	ext2t_open_unlinked(buf);
	ext2t_big_dir();
	assert_int_equal(vfs_sync(NULL), 0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	ext2t_debugfs_check(img, keep);
	/* Mounted again: all there. */
	assert_int_equal(ext2t_mount(dev, 0), 0);
	ext2t_expect("/mnt/w/d1/a2", keep, 8000);
	ext2t_expect("/mnt/w/fast", keep, 8000);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/h", 0, &ext2t_root, &st), 0);
	assert_int_equal((uint64_t)st.st_size, far + 3);
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = 0 };
	ext2t_setattr("/mnt/w/h", &a);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/h", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_blocks, 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/w/tty", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_rdev, (4ULL << 8) | 1);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	free(buf);
	free(keep);
}

static void test_write_1k(void **state)
{
	(void)state;
	ext2t_write_image("ext2-1k", 70000000); /* past double indirection of 1 KiB blocks */
}

static void test_write_4k(void **state)
{
	(void)state;
	ext2t_write_image("ext3-4k", 10000000);
}

/*
 * The orphan list: a file unlinked while open is on it (e2fsck, replaying
 * a copy, clears it from the list), is freed at its last close (the blocks come
 * back, e2fsck -fn is clean); a power cut while it is open (a copy of the
 * image taken after a sync, the journal committed, nothing unmounted) leaves
 * it on the list, and the next mount replays the journal and frees it.
 */
static void test_orphans(void **state)
{
	char dev[16], dev2[16], img[4096], crash[4096];
	char *buf = malloc(200000);
	struct file *f;
	uint64_t free0;

	(void)state;
	snprintf(img, sizeof(img), "%s", ext2t_attach("ext3-4k", dev));
	ext2t_fill(buf, 200000, 9);
	assert_int_equal(ext2t_mount(dev, 0), 0);
	free0 = ext2t_free_blocks();
	assert_int_equal(ext2t_write("/mnt/orph", O_CREAT, buf, 200000, 0), 200000);
	assert_true(ext2t_free_blocks() < free0);
	assert_int_equal(vfs_open(NULL, "/mnt/orph", O_RDONLY, 0, &ext2t_root, &f), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/orph", 0, &ext2t_root), 0);
	assert_int_equal(vfs_sync(NULL), 0);
	snprintf(crash, sizeof(crash), "%s/orphancrash.img", ext2t_dir);
	assert_int_equal(eh_copy(img, crash), 0);
	/* e2fsck agrees: replaying a copy's journal, it finds the file on the list */
	assert_int_equal(eh_run("cp '%s' '%s.j' && e2fsck -fy -E journal_only '%s.j' 2>&1 | "
				"grep -q 'Clearing orphaned inode .*size=200000'",
				crash, crash, crash),
			 0);
	file_unref(f); /* the last close frees it */
	assert_int_equal(ext2t_free_blocks(), free0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	ext2t_attach("orphancrash", dev2);
	assert_int_equal(ext2t_mount(dev2, 0), 0);
	assert_true(ext2t_log_has("journal replayed"));
	assert_true(ext2t_log_has("freed 1 orphan inode"));
	assert_int_equal(ext2t_free_blocks(), free0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(eh_run("e2fsck -fn '%s/scratch-%u.img' >&2", eh_tmpdir(), 1), 0);
	free(buf);
}

/* Fill the disk: ENOSPC for blocks and for inodes, then room again. */
static void test_enospc(void **state)
{
	char dev[16], path[64], *buf = malloc(65536);
	const char *img = ext2t_attach("small", dev);
	uint64_t off = 0;
	long n = 0;
	int i, rc = 0;

	(void)state;
	ext2t_fill(buf, 65536, 5);
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(ext2t_write("/mnt/fill", O_CREAT, "", 0, 0), 0);
	while ((n = ext2t_write("/mnt/fill", 0, buf, 65536, off)) == 65536)
		off += 65536;
	assert_true(n == -ENOSPC || (n >= 0 && n < 65536));
	if (n > 0)
		off += (uint64_t)n;
	assert_int_equal(ext2t_write("/mnt/fill", 0, buf, 1024, off + 1024 * 1024), -ENOSPC);
	assert_int_equal(ext2t_free_blocks(), 0);
	for (i = 0; i < 100 && rc == 0; i++) {
		snprintf(path, sizeof(path), "/mnt/n%d", i);
		rc = vfs_mknod(NULL, path, S_IFREG | 0644, 0, &ext2t_root);
	}
	assert_int_equal(rc, -ENOSPC);
	assert_int_equal(vfs_remove(NULL, "/mnt/fill", 0, &ext2t_root), 0);
	assert_true(ext2t_free_blocks() > 500);
	assert_int_equal(ext2t_write("/mnt/n0", 0, buf, 65536, 0), 65536);
	assert_int_equal(vfs_remove(NULL, "/mnt/n1", 0, &ext2t_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/again", S_IFDIR | 0755, 0, &ext2t_root), 0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	free(buf);
}

extern const struct cred *ext2_shim_cred;

/* The blocks mke2fs reserved for root (-m 5): a user's writes stop there
 * with ENOSPC; root's go on. */
static void test_reserved(void **state)
{
	static const struct cred user = { 1000, 1000, 1000, 1000 };
	char dev[16], *buf = malloc(65536);
	const char *img = ext2t_attach("small", dev);
	struct statfs sf;
	struct vnode *vp;
	uint64_t off = 0;
	long n;

	(void)state;
	ext2t_fill(buf, 65536, 6);
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(ext2t_write("/mnt/user", O_CREAT, "", 0, 0), 0);
	ext2_shim_cred = &user;
	while ((n = ext2t_write("/mnt/user", 0, buf, 65536, off)) == 65536)
		off += 65536;
	ext2_shim_cred = NULL;
	assert_int_equal(vfs_lookup(NULL, "/mnt", 0, &ext2t_root, &vp), 0);
	assert_int_equal(vfs_statfs(vp, &sf), 0);
	vfs_vrele(vp);
	assert_true(sf.f_bfree > 0);
	assert_int_equal(sf.f_bavail, 0);
	assert_true(sf.f_bfree <= 51 &&
		    sf.f_bfree >= 45); /* 5 % of 1024, less what root's inode took */
	assert_int_equal(ext2t_write("/mnt/root", O_CREAT, buf, 8192, 0), 8192);
	assert_true(ext2t_free_blocks() < sf.f_bfree);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	free(buf);
}

/* /mnt/@p path: 0 if it is there, else the lookup's error. */
static int ext2t_there(const char *path)
{
	struct vnode *vp;
	int rc = vfs_lookup(NULL, path, AT_SYMLINK_NOFOLLOW, &ext2t_root, &vp);

	if (rc == 0)
		vfs_vrele(vp);
	return rc;
}

/*
 * A lookup starts at the entry the last one found (ext2_dir_find's hint):
 * after that entry is removed, renamed over, or the entries around it move,
 * the hint must not find what is gone nor miss what is there. Each step
 * first looks the name up so that the hint points at it.
 */
static void test_lookup_hint(void **state)
{
	char dev[16], path[64];
	const char *img = ext2t_attach("ext2-1k", dev);

	(void)state;
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/hint", S_IFDIR | 0755, 0, &ext2t_root), 0);
	for (int i = 0; i < 120; i++) { /* over several 1 KiB blocks */
		snprintf(path, sizeof(path), "/mnt/hint/f%03d", i);
		assert_int_equal(vfs_mknod(NULL, path, S_IFREG | 0644, 0, &ext2t_root), 0);
	}
	for (int i = 0; i < 120; i++) { /* in order: the hint walks along */
		snprintf(path, sizeof(path), "/mnt/hint/f%03d", i);
		assert_int_equal(ext2t_there(path), 0);
	}
	assert_int_equal(ext2t_there("/mnt/hint/f050"), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/hint/f050", 0, &ext2t_root), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f050"), -ENOENT); /* its bytes are still there */
	assert_int_equal(ext2t_there("/mnt/hint/f051"), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f049"), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f070"), 0);
	assert_int_equal(vfs_rename(NULL, "/mnt/hint/f070", "/mnt/hint/moved", &ext2t_root), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f070"), -ENOENT);
	assert_int_equal(ext2t_there("/mnt/hint/moved"), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f000"), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/hint/f050", S_IFREG | 0644, 0, &ext2t_root), 0);
	assert_int_equal(ext2t_there("/mnt/hint/f050"), 0);
	for (int i = 119; i >= 0; i--) { /* backwards: every lookup misses the hint */
		snprintf(path, sizeof(path), "/mnt/hint/f%03d", i);
		assert_int_equal(ext2t_there(path), i == 70 ? -ENOENT : 0);
	}
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
}

/* A dir_index directory changed: linear from then on, e2fsck agrees. */
static void test_htree_change(void **state)
{
	char dev[16], *out;
	const char *img = ext2t_attach("htree", dev);

	(void)state;
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/many/added", S_IFREG | 0644, 0, &ext2t_root), 0);
	assert_int_equal(vfs_remove(NULL, "/mnt/many/file_with_a_long_name_7", 0, &ext2t_root), 0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
	out = eh_output("debugfs -R 'stat /many' '%s' 2>/dev/null | head -1", img);
	assert_non_null(strstr(out, "Flags: 0x0"));
	eh_free(out);
	out = eh_output("debugfs -R 'ls -p /many' '%s' 2>/dev/null | grep -c 'added'", img);
	assert_string_equal(out, "1\n");
	eh_free(out);
}

/* The superblock's state: not clean while mounted, clean after. */
static void test_clean_state(void **state)
{
	char dev[16], *out;
	const char *img = ext2t_attach("small", dev);

	(void)state;
	assert_int_equal(ext2t_mount(dev, 0), 0);
	out = eh_output("dumpe2fs -h '%s' 2>/dev/null | grep -E '^(Filesystem state|Mount count)'",
			img);
	assert_non_null(strstr(out, "not clean"));
	assert_non_null(strstr(out, "Mount count:              1"));
	eh_free(out);
	assert_int_equal(ext2t_umount(), 0);
	out = eh_output("dumpe2fs -h '%s' 2>/dev/null | grep '^Filesystem state'", img);
	assert_non_null(strstr(out, "clean"));
	assert_null(strstr(out, "not clean"));
	eh_free(out);
	assert_int_equal(ext2t_mount(dev, MS_RDONLY), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt/x", S_IFREG | 0644, 0, &ext2t_root), -EROFS);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(img), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_1k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enospc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orphans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_htree_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_hint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clean_state, setup, teardown),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s IMAGE-DIR\n", argv[0]);
		return 2;
	}
	ext2t_dir = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
