/*
 * Host tests of mount and umount by path (the system calls' io
 * operations): who may, the errors (ENODEV, EBUSY, EINVAL, ENOTDIR), what
 * keeps a mount busy (an open file, a working directory, a mount inside
 * it), ".." across a mount point, MS_RDONLY (EROFS for every change) and
 * the mount table as sysctl(SYSCTL_MOUNTS) reports it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <kern/io.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static int setup(void **state)
{
	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	assert_int_equal(vfs_mknod(NULL, "/a", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/a/mnt", S_IFDIR | 0755, 0, &cred_root), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static uint64_t ino_of(const char *p)
{
	struct stat st;

	assert_int_equal(vfs_stat(NULL, p, 0, &cred_root, &st), 0);
	return st.st_ino;
}

static int mnt(const char *target, const char *type, unsigned long flags)
{
	return vfs_mount_at(NULL, "none", target, type, flags, &cred_root);
}

static void test_mount_errors(void **state)
{
	(void)state;
	assert_int_equal(io_put("/a/f", "x", &cred_root), 1);
	assert_int_equal(vfs_mount_at(NULL, "none", "/a/mnt", "ramfs", 0, &cred_user), -EPERM);
	assert_int_equal(mnt("/a/mnt", "ext9", 0), -ENODEV);
	assert_int_equal(mnt("/a/mnt", "ramfs", 0x80), -EINVAL);
	assert_int_equal(mnt("/a/f", "ramfs", 0), -ENOTDIR);
	assert_int_equal(mnt("/a/none", "ramfs", 0), -ENOENT);
	assert_int_equal(mnt("/", "ramfs", 0), -EBUSY);
	assert_int_equal(mnt("/a/mnt", "tmpfs", 0), 0);
	assert_int_equal(mnt("/a/mnt", "ramfs", 0), -EBUSY); /* already mounted there */
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_user), -EPERM);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 2, &cred_root), -EINVAL);
	assert_int_equal(vfs_umount_at(NULL, "/a", 0, &cred_root), -EINVAL); /* not a mount */
	assert_int_equal(vfs_umount_at(NULL, "/", 0, &cred_root), -EINVAL);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), 0);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), -EINVAL);
}

static void test_umount_busy(void **state)
{
	struct file *f;
	struct vnode *d;
	struct stat st;

	(void)state;
	assert_int_equal(io_put("/a/mnt/under", "u", &cred_root), 1);
	assert_int_equal(mnt("/a/mnt", "ramfs", 0), 0);
	assert_int_equal(vfs_stat(NULL, "/a/mnt/under", 0, &cred_root, &st), -ENOENT);
	assert_int_equal(vfs_mknod(NULL, "/a/mnt/sub", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(io_put("/a/mnt/sub/f", "data", &cred_root), 4);
	/* ".." at the mount's root is the covered directory's parent */
	assert_int_equal(ino_of("/a/mnt/.."), ino_of("/a"));
	assert_int_equal(ino_of("/a/mnt/sub/../../.."), ino_of("/"));
	assert_int_equal(ino_of("/a/mnt"), ino_of("/a/mnt/sub/.."));
	assert_int_equal(vfs_open(NULL, "/a/mnt/sub/f", O_RDONLY, 0, &cred_root, &f), 0);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), -EBUSY);
	file_unref(f);
	assert_int_equal(vfs_lookup_dir(NULL, "/a/mnt/sub", &cred_root, &d), 0);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), -EBUSY);
	assert_int_equal(vfs_umount_at(d, "..", 0, &cred_root), -EBUSY);
	vfs_vrele(d);
	assert_int_equal(mnt("/a/mnt/sub", "ramfs", 0), 0); /* a mount inside */
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), -EBUSY);
	assert_int_equal(ino_of("/a/mnt/sub/.."), ino_of("/a/mnt"));
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt/sub", 0, &cred_root), 0);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/a/mnt/under", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/a/mnt/sub", 0, &cred_root, &st), -ENOENT);
}

static void test_readonly(void **state)
{
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = 0700 };
	struct file *f;
	struct vnode *vp;

	(void)state;
	assert_int_equal(mnt("/a/mnt", "ramfs", MS_RDONLY), 0);
	assert_int_equal(vfs_open(NULL, "/a/mnt/f", O_CREAT | O_WRONLY, 0644, &cred_root, &f),
			 -EROFS);
	assert_int_equal(vfs_mknod(NULL, "/a/mnt/d", S_IFDIR | 0755, 0, &cred_root), -EROFS);
	assert_int_equal(vfs_symlink(NULL, "x", "/a/mnt/l", &cred_root), -EROFS);
	assert_int_equal(vfs_lookup(NULL, "/a/mnt", 0, &cred_root, &vp), 0);
	assert_int_equal(vfs_setattr(vp, &a, &cred_root), -EROFS);
	assert_int_equal(vfs_access_check(vp, 2, &cred_root), -EROFS);
	assert_int_equal(vfs_access_check(vp, 4, &cred_root), 0);
	vfs_vrele(vp);
	assert_int_equal(vfs_open(NULL, "/a/mnt", O_RDONLY, 0, &cred_root, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), 0);
	assert_int_equal(io_put("/a/mnt/f", "rw", &cred_root), 2); /* the root is writable */
}

static void test_mount_table(void **state)
{
	struct mntinfo mi[4];

	(void)state;
	assert_int_equal(vfs_mounts(NULL, 0), 2);
	assert_int_equal(mnt("/a/mnt", "tmpfs", MS_RDONLY), 0);
	memset(mi, 0x55, sizeof(mi));
	assert_int_equal(vfs_mounts(mi, 2), 3); /* the count, two filled */
	assert_string_equal(mi[0].source, "initramfs");
	assert_string_equal(mi[0].fstype, "ramfs");
	assert_string_equal(mi[0].target, "/");
	assert_string_equal(mi[1].source, "devfs");
	assert_string_equal(mi[1].fstype, "devfs");
	assert_string_equal(mi[1].target, "/dev");
	assert_int_equal(mi[2].source[0], 0x55); /* untouched */
	assert_int_equal(vfs_mounts(mi, 4), 3);
	assert_string_equal(mi[2].source, "none");
	assert_string_equal(mi[2].fstype, "tmpfs");
	assert_string_equal(mi[2].target, "/a/mnt");
	assert_int_equal(mi[2].flags, MS_RDONLY);
	assert_int_not_equal(mi[2].dev, mi[0].dev);
	assert_int_equal(vfs_umount_at(NULL, "/a/mnt", 0, &cred_root), 0);
	assert_int_equal(vfs_mounts(mi, 4), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mount_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_umount_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mount_table, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
