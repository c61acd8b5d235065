/*
 * ext2 host tests, reading: images made by mke2fs -d from the tree of
 * tests/host/ext2_mkimg.sh (1, 2 and 4 KiB blocks, ext3 with a journal, a
 * dir_index tree) mounted through the VFS, the block-device switch and the
 * real buffer cache, compared entry by entry and byte by byte with the
 * tree; the feature policy (ext4 refused by name, an unknown ro_compat
 * feature read-only); corrupt images refused or EUCLEAN, never a crash;
 * root= by device, label and UUID. e2fsck -fn judges every image after.
 * Usage: test_ext2 build/tests/ext2
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

static void ext2t_read_image(const char *name, uint64_t bsize)
{
	char dev[16], tree[4096];
	const char *path = ext2t_attach(name, dev);
	struct statfs sf;
	struct vnode *vp;
	int count = 0;

	if (ext2t_mount(dev, 0) != 0)
		fail_msg("mount of %s failed; log: %s", name, io_fixture_log);
	snprintf(tree, sizeof(tree), "%s/tree", ext2t_dir);
	ext2t_compare_tree(tree, "", &count);
	assert_true(count > 330);
	assert_int_equal(vfs_lookup(NULL, "/mnt", 0, &ext2t_root, &vp), 0);
	assert_int_equal(vfs_statfs(vp, &sf), 0);
	vfs_vrele(vp);
	assert_int_equal(sf.f_bsize, bsize);
	assert_int_equal(sf.f_type, 0xEF53);
	assert_true(sf.f_bfree > 0 && sf.f_bfree < sf.f_blocks && sf.f_ffree < sf.f_files);
	assert_int_equal(sf.f_flags & MS_RDONLY, 0);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(path), 0);
}

static void test_read_1k(void **state)
{
	(void)state;
	ext2t_read_image("ext2-1k", 1024);
}

static void test_read_2k(void **state)
{
	(void)state;
	ext2t_read_image("ext2-2k", 2048);
}

static void test_read_ext3_4k(void **state)
{
	(void)state;
	ext2t_read_image("ext3-4k", 4096);
}

/* A dir_index image (e2fsck -D indexed its big directories): read linearly. */
static void test_read_htree(void **state)
{
	(void)state;
	ext2t_read_image("htree", 1024);
}

static void test_refuse_ext4(void **state)
{
	char dev[16];

	(void)state;
	ext2t_attach("ext4", dev);
	assert_int_equal(ext2t_mount(dev, 0), -EINVAL);
	assert_true(ext2t_log_has("unsupported feature 'extents'; not mounted"));
	assert_int_equal(vfs_mount_at(NULL, "/dev/nosuch", "/mnt", "ext2", 0, &ext2t_root),
			 -ENODEV);
}

static void test_rocompat_readonly(void **state)
{
	char dev[16], tree[4096];
	const char *path = ext2t_attach("rocompat", dev);
	int count = 0;

	(void)state;
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_true(ext2t_log_has("feature 'huge_file' is not supported for writing; mounted "
				  "read-only"));
	assert_int_equal(ext2t_write("/mnt/new", O_CREAT, "x", 1, 0), -EROFS);
	assert_int_equal(ext2t_write("/mnt/sizes/f100", 0, "x", 1, 0), -EROFS);
	snprintf(tree, sizeof(tree), "%s/tree", ext2t_dir);
	ext2t_compare_tree(tree, "", &count);
	assert_int_equal(ext2t_umount(), 0);
	assert_int_equal(ext2t_fsck(path), 0);
	/* Untouched: the mount count and state are as mke2fs left them. */
	assert_int_equal(eh_run("cmp -s '%s' '%s/rocompat.img'", path, ext2t_dir), 0);
}

/* Mount by type "auto", and the mount table. */
static void test_mount_auto(void **state)
{
	char dev[16], src[32];
	struct mntinfo mi[4];
	size_t len;
	long err, n;
	char *data;

	(void)state;
	ext2t_attach("small", dev);
	snprintf(src, sizeof(src), "/dev/%s", dev);
	assert_int_equal(vfs_mount_at(NULL, src, "/mnt", "auto", 0, &ext2t_root), 0);
	data = ext2t_read("/mnt/dir/inner", &len, &err);
	assert_non_null(data);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "inner\n", 6);
	free(data);
	n = vfs_mounts(mi, 4);
	assert_int_equal(n, 3);
	assert_string_equal(mi[2].fstype, "ext2");
	assert_string_equal(mi[2].source, src);
	assert_string_equal(mi[2].target, "/mnt");
	assert_int_equal(vfs_umount_at(NULL, "/mnt", 0, &ext2t_root), 0);
}

/* root=: by label; the devfs moves to the disk's /dev (made there). */
static void test_root_by_label(void **state)
{
	struct stat st;
	char dev[16], spec[32];
	struct mntinfo mi[4];

	(void)state;
	assert_int_equal(vfs_mount_disk_root("/dev/nosuch"), -ENODEV);
	assert_true(ext2t_log_has("keeping the initramfs root"));
	assert_int_equal(vfs_mount_disk_root("UUID=12"), -EINVAL);
	assert_int_equal(vfs_mount_disk_root("LABEL=nosuch"), -ENODEV);
	ext2t_attach("rootdisk", dev);
	snprintf(spec, sizeof(spec), "/dev/%s", dev);
	assert_int_equal(vfs_mount_disk_root("LABEL=zero-rootfs"), 0);
	assert_true(
	    ext2t_log_has("(ext2, 4096-byte blocks, label zero-rootfs) mounted read-write as /"));
	assert_int_equal(vfs_stat(NULL, "/dir/inner", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_size, 6);
	assert_int_equal(vfs_stat(NULL, "/dev/null", 0, &ext2t_root, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(vfs_mounts(mi, 4), 2);
	assert_string_equal(mi[0].target, "/");
	assert_string_equal(mi[0].fstype, "ext2");
	assert_string_equal(mi[0].source, spec);
	assert_string_equal(mi[1].target, "/dev");
	assert_string_equal(mi[1].fstype, "devfs");
}

/* root=UUID=... and root=/dev/NAME. */
static void test_root_by_uuid(void **state)
{
	struct stat st;
	char dev[16], spec[32];

	(void)state;
	assert_int_equal(vfs_mount_disk_root("UUID=6b1e0c55-9f3a-4d2b-8c7e-1a2b3c4d5e6f"), 0);
	assert_int_equal(vfs_stat(NULL, "/hello", 0, &ext2t_root, &st), 0);
	vfs_reset();
	assert_int_equal(vfs_mount_root(NULL, 0), 0);
	ext2t_attach("ext2-1k", dev);
	snprintf(spec, sizeof(spec), "/dev/%s", dev);
	assert_int_equal(vfs_mount_disk_root(spec), 0);
	assert_true(ext2t_log_has("(ext2, 1024-byte blocks, label zero-test) mounted read-write"));
	assert_int_equal(vfs_stat(NULL, "/links/hard2", 0, &ext2t_root, &st), 0);
	assert_int_equal(st.st_nlink, 3);
}

/* Overwrite @p n bytes at @p off of the image with @p byte. */
static void ext2t_poke(const char *path, uint64_t off, unsigned n, unsigned byte)
{
	assert_int_equal(eh_run("printf '%%*s' %u '' | tr ' ' '\\%03o' | dd of='%s' bs=1 seek=%llu "
				"conv=notrunc status=none",
				n, byte, path, (unsigned long long)off),
			 0);
}

static uint64_t ext2t_first_block(const char *path, const char *file)
{
	char *out = eh_output("debugfs -R 'blocks %s' '%s' 2>/dev/null", file, path);
	uint64_t b = strtoull(out, NULL, 10);

	eh_free(out);
	assert_true(b > 0);
	return b;
}

static void test_corrupt_superblock(void **state)
{
	char dev[16];
	const char *path = ext2t_attach("small", dev);

	(void)state;
	ext2t_poke(path, 1024 + 4, 4, 0377); /* s_blocks_count = 0xffffffff */
	assert_int_equal(ext2t_mount(dev, 0), -EUCLEAN);
	assert_true(ext2t_log_has("corrupt file system"));
	path = ext2t_attach("small", dev);
	ext2t_poke(path, 1024 + 24, 4, 0377); /* s_log_block_size */
	assert_int_equal(ext2t_mount(dev, 0), -EUCLEAN);
	path = ext2t_attach("small", dev);
	ext2t_poke(path, 1024 + 56, 2, 0); /* no magic: not ext2 */
	assert_int_equal(ext2t_mount(dev, 0), -EINVAL);
	path = ext2t_attach("small", dev);
	ext2t_poke(path, 2048 + 8, 4, 0377); /* group 0's inode table out of the disk */
	assert_int_equal(ext2t_mount(dev, 0), -EUCLEAN);
	assert_true(ext2t_log_has("bad group descriptor"));
}

static void test_corrupt_directory(void **state)
{
	char dev[16];
	const char *path = ext2t_attach("small", dev);
	uint64_t blk = ext2t_first_block(path, "/dir");
	struct stat st;
	struct file *f;
	char buf[512];
	uint64_t off = 0;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf) };

	(void)state;
	ext2t_poke(path, blk * 1024 + 12 + 4, 2,
		   3); /* rec_len of ".." = 0x0303: not a multiple of 4 */
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/dir/inner", 0, &ext2t_root, &st), -EUCLEAN);
	assert_int_equal(vfs_open(NULL, "/mnt/dir", O_RDONLY | O_DIRECTORY, 0, &ext2t_root, &f), 0);
	fo_getdents(f, &uio, &off); /* "." comes out, then the bad entry stops it */
	uio.resid = sizeof(buf);
	assert_int_equal(fo_getdents(f, &uio, &off), -EUCLEAN);
	file_unref(f);
	assert_int_equal(vfs_mknod(NULL, "/mnt/dir/x", S_IFREG | 0644, 0, &ext2t_root), -EUCLEAN);
	assert_int_equal(ext2t_umount(), 0);
	/* An entry naming an inode past the last one. */
	path = ext2t_attach("small", dev);
	blk = ext2t_first_block(path, "/dir");
	ext2t_poke(path, blk * 1024 + 24, 4, 0177);
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/dir/inner", 0, &ext2t_root, &st), -EUCLEAN);
}

/* An indirect block pointing past the disk, and a file with a bad block number. */
static void test_corrupt_blockmap(void **state)
{
	char dev[16];
	const char *path = ext2t_attach("ext2-1k", dev);
	char *out = eh_output("debugfs -R 'stat /sizes/f300000' '%s' 2>/dev/null | "
			      "sed -n 's/.*(IND):\\([0-9]*\\).*/\\1/p'",
			      path);
	uint64_t ind = strtoull(out, NULL, 10);
	size_t len;
	long err;

	(void)state;
	eh_free(out);
	assert_true(ind > 0);
	ext2t_poke(path, ind * 1024 + 8, 4, 0177); /* entry 2: 0x7f7f7f7f */
	assert_int_equal(ext2t_mount(dev, 0), 0);
	assert_null(ext2t_read("/mnt/sizes/f300000", &len, &err));
	assert_int_equal(err, -EUCLEAN);
	assert_true(ext2t_log_has("block number out of range"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_1k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_2k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_ext3_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_htree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_ext4, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rocompat_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mount_auto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_by_label, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_by_uuid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_superblock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_blockmap, setup, teardown),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s IMAGE-DIR\n", argv[0]);
		return 2;
	}
	ext2t_dir = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
