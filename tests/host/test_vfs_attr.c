/*
 * Host tests of the io module's file attributes: truncate (grow with
 * zeros, shrink frees pages, the errors), chmod and chown with their
 * permission rules (EPERM, S_ISGID and S_ISUID cleared), utimens, access
 * (root's rules, EROFS), st_blocks as what is allocated, directory link
 * counts, statfs of ramfs and devfs, and sync.
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
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = 0777 };
	struct vnode *vp;

	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	assert_int_equal(vfs_lookup(NULL, "/", 0, &cred_root, &vp), 0);
	assert_int_equal(vfs_setattr(vp, &a, &cred_root), 0); /* everyone makes files */
	vfs_vrele(vp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static struct vnode *vn(const char *path, int flags)
{
	struct vnode *vp;

	assert_int_equal(vfs_lookup(NULL, path, flags, &cred_root, &vp), 0);
	return vp;
}

/* setattr on a path, as @p c. */
static int set(const char *path, const struct io_attr *a, const struct cred *c)
{
	struct vnode *vp = vn(path, AT_SYMLINK_NOFOLLOW);
	int rc = vfs_setattr(vp, a, c);

	vfs_vrele(vp);
	return rc;
}

/* Pages the file system of @p path holds. */
static uint64_t pages_of(const char *path)
{
	struct vnode *vp = vn(path, 0);
	uint64_t n = vp->mount->pages;

	vfs_vrele(vp);
	return n;
}

static struct stat st_of(const char *path)
{
	struct stat st;

	assert_int_equal(vfs_stat(NULL, path, AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	return st;
}

static int later(struct timespec a, struct timespec b)
{
	return b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec);
}

static void test_truncate(void **state)
{
	static char data[10000], buf[10001];
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = 5000 };
	struct stat before, st;
	uint64_t used0;

	(void)state;
	used0 = pages_of("/");
	for (size_t i = 0; i < sizeof(data) - 1; i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(io_put("/f", data, &cred_user), (long)sizeof(data) - 1);
	st = st_of("/f");
	assert_int_equal(st.st_blocks, 3 * 8); /* three pages, in 512-byte units */
	assert_int_equal(pages_of("/f"), used0 + 3);
	before = st;
	assert_int_equal(set("/f", &a, &cred_user), 0);
	st = st_of("/f");
	assert_int_equal(st.st_size, 5000);
	assert_int_equal(st.st_blocks, 2 * 8); /* the third page is freed */
	assert_true(later(before.st_mtim, st.st_mtim));
	assert_true(later(before.st_ctim, st.st_ctim));
	a.size = 9000; /* grow: zeros, not the old bytes */
	assert_int_equal(set("/f", &a, &cred_user), 0);
	assert_int_equal(io_get("/f", buf, sizeof(buf), &cred_user), 9000);
	assert_memory_equal(buf, data, 5000);
	for (int i = 5000; i < 9000; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(st_of("/f").st_blocks, 2 * 8); /* a hole holds nothing */
	assert_int_equal(set("/f", &a, &cred_other), -EACCES);
	a.mask |= IO_ATTR_OPENED; /* through a descriptor open for writing */
	assert_int_equal(set("/f", &a, &cred_other), 0);
	a.mask = IO_ATTR_SIZE;
	assert_int_equal(vfs_mknod(NULL, "/d", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(set("/d", &a, &cred_root), -EISDIR);
	assert_int_equal(set("/dev/null", &a, &cred_root), -EINVAL);
	a.size = 1ULL << 40;
	assert_int_equal(set("/f", &a, &cred_root), -EFBIG);
}

static void test_chmod(void **state)
{
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = 0600 };
	struct stat before, st;

	(void)state;
	assert_int_equal(io_put("/f", "x", &cred_user), 1);
	before = st_of("/f");
	assert_int_equal(set("/f", &a, &cred_user), 0); /* the owner */
	st = st_of("/f");
	assert_int_equal(st.st_mode, S_IFREG | 0600);
	assert_true(later(before.st_ctim, st.st_ctim));
	assert_int_equal(set("/f", &a, &cred_other), -EPERM);
	a.mode = 04755 | S_IFDIR; /* the type bits are not the caller's to change */
	assert_int_equal(set("/f", &a, &cred_root), 0);
	assert_int_equal(st_of("/f").st_mode, S_IFREG | 04755);
	/* the owner, not in the file's group, cannot keep S_ISGID */
	a = (struct io_attr){ .mask = IO_ATTR_GID, .gid = 5 };
	assert_int_equal(set("/f", &a, &cred_root), 0);
	a = (struct io_attr){ .mask = IO_ATTR_MODE, .mode = 02755 };
	assert_int_equal(set("/f", &a, &cred_user), 0);
	assert_int_equal(st_of("/f").st_mode, S_IFREG | 0755);
	assert_int_equal(set("/f", &a, &cred_root), 0); /* root may */
	assert_int_equal(st_of("/f").st_mode, S_IFREG | 02755);
}

static void test_chown(void **state)
{
	struct io_attr a = { .mask = IO_ATTR_UID, .uid = 2000 };
	struct stat st;

	(void)state;
	assert_int_equal(io_put("/f", "x", &cred_user), 1);
	assert_int_equal(set("/f", &a, &cred_user), -EPERM); /* giving it away: root only */
	a = (struct io_attr){ .mask = IO_ATTR_UID | IO_ATTR_GID, .uid = 1000, .gid = 0 };
	assert_int_equal(set("/f", &a, &cred_root), 0);
	a = (struct io_attr){ .mask = IO_ATTR_MODE, .mode = 06755 };
	assert_int_equal(set("/f", &a, &cred_root), 0);
	a = (struct io_attr){ .mask = IO_ATTR_GID, .gid = 2000 };
	assert_int_equal(set("/f", &a, &cred_user), -EPERM);  /* not its group */
	assert_int_equal(set("/f", &a, &cred_other), -EPERM); /* not its file */
	a.gid = 1000;
	assert_int_equal(set("/f", &a, &cred_user), 0); /* its own group */
	st = st_of("/f");
	assert_int_equal(st.st_uid, 1000);
	assert_int_equal(st.st_gid, 1000);
	assert_int_equal(st.st_mode, S_IFREG | 0755); /* set-ID bits cleared */
	a = (struct io_attr){ .mask = IO_ATTR_UID, .uid = 1000 };
	assert_int_equal(set("/f", &a, &cred_user), 0); /* no change: fine */
	/* lchown: the link itself */
	assert_int_equal(vfs_symlink(NULL, "/f", "/l", &cred_root), 0);
	a = (struct io_attr){ .mask = IO_ATTR_UID | IO_ATTR_GID, .uid = 7, .gid = 8 };
	assert_int_equal(set("/l", &a, &cred_root), 0);
	assert_int_equal(st_of("/l").st_uid, 7);
	assert_int_equal(st_of("/f").st_uid, 1000);
}

static void test_utimens(void **state)
{
	struct io_attr a = { .mask = IO_ATTR_ATIME | IO_ATTR_MTIME,
			     .atime = 5000000007ULL,
			     .mtime = 6000000008ULL };
	struct stat st;

	(void)state;
	assert_int_equal(io_put("/f", "x", &cred_user), 1);
	assert_int_equal(set("/f", &a, &cred_user), 0);
	st = st_of("/f");
	assert_int_equal(st.st_atim.tv_sec, 5);
	assert_int_equal(st.st_atim.tv_nsec, 7);
	assert_int_equal(st.st_mtim.tv_sec, 6);
	assert_int_equal(st.st_mtim.tv_nsec, 8);
	assert_int_equal(set("/f", &a, &cred_other), -EPERM); /* explicit times: the owner */
	a = (struct io_attr){ .mask = IO_ATTR_MTIME_NOW };
	assert_int_equal(set("/f", &a, &cred_other), -EACCES); /* "now": may it write? */
	a.mask = IO_ATTR_MODE;
	a.mode = 0666;
	assert_int_equal(set("/f", &a, &cred_user), 0);
	a = (struct io_attr){ .mask = IO_ATTR_MTIME_NOW };
	assert_int_equal(set("/f", &a, &cred_other), 0);
	st = st_of("/f");
	assert_true(st.st_mtim.tv_sec != 6 || st.st_mtim.tv_nsec != 8);
	assert_int_equal(st.st_atim.tv_nsec, 7); /* the other time untouched */
}

static void test_access(void **state)
{
	struct vnode *vp;

	(void)state;
	assert_int_equal(io_put("/f", "x", &cred_user), 1); /* 0644, uid 1000 */
	assert_int_equal(vfs_mknod(NULL, "/d", S_IFDIR | 0700, 0, &cred_user), 0);
	vp = vn("/f", 0);
	assert_int_equal(vfs_access_check(vp, 0, &cred_other), 0);
	assert_int_equal(vfs_access_check(vp, 4, &cred_other), 0);
	assert_int_equal(vfs_access_check(vp, 2, &cred_other), -EACCES);
	assert_int_equal(vfs_access_check(vp, 6, &cred_user), 0);
	assert_int_equal(vfs_access_check(vp, 1, &cred_user), -EACCES);
	assert_int_equal(vfs_access_check(vp, 6, &cred_root), 0);	/* R and W always */
	assert_int_equal(vfs_access_check(vp, 1, &cred_root), -EACCES); /* X needs an x bit */
	vp->mode |= 0010;
	assert_int_equal(vfs_access_check(vp, 1, &cred_root), 0);
	vfs_vrele(vp);
	vp = vn("/d", 0);
	assert_int_equal(vfs_access_check(vp, 7, &cred_root), 0); /* a directory: X too */
	assert_int_equal(vfs_access_check(vp, 1, &cred_other), -EACCES);
	vfs_vrele(vp);
}

static void test_dir_links(void **state)
{
	(void)state;
	assert_int_equal(st_of("/").st_nlink, 3); /* ".", "..", /dev */
	assert_int_equal(vfs_mknod(NULL, "/d", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(st_of("/d").st_nlink, 2);
	assert_int_equal(vfs_mknod(NULL, "/d/a", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/d/b", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(io_put("/d/f", "x", &cred_root), 1); /* files do not count */
	assert_int_equal(st_of("/d").st_nlink, 4);
	assert_int_equal(st_of("/").st_nlink, 4);
	assert_int_equal(vfs_rename(NULL, "/d/a", "/a", &cred_root), 0);
	assert_int_equal(st_of("/d").st_nlink, 3);
	assert_int_equal(st_of("/").st_nlink, 5);
	assert_int_equal(vfs_remove(NULL, "/d/b", 1, &cred_root), 0);
	assert_int_equal(st_of("/d").st_nlink, 2);
	assert_int_equal(st_of("/d").st_blocks, 0);
}

static void test_statfs(void **state)
{
	static char page[4096];
	struct statfs sf, sd;
	struct vnode *vp;

	(void)state;
	memset(page, 'p', sizeof(page) - 1);
	vp = vn("/", 0);
	assert_int_equal(vfs_statfs(vp, &sf), 0);
	vfs_vrele(vp);
	assert_int_equal(sf.f_type, 0x858458f6);
	assert_int_equal(sf.f_bsize, 4096);
	assert_int_equal(sf.f_bfree, io_fixture_free_pages);
	assert_int_equal(sf.f_blocks, io_fixture_free_pages); /* no data yet */
	assert_int_equal(sf.f_namelen, 255);
	assert_int_equal(io_put("/f", page, &cred_root), 4095);
	assert_int_equal(io_put("/g", page, &cred_root), 4095);
	vp = vn("/f", 0);
	assert_int_equal(vfs_statfs(vp, &sf), 0);
	vfs_vrele(vp);
	assert_int_equal(sf.f_blocks - sf.f_bfree, 2);
	vp = vn("/dev/null", 0);
	assert_int_equal(vfs_statfs(vp, &sd), 0);
	vfs_vrele(vp);
	assert_int_equal(sd.f_type, 0x1373); /* devfs */
	assert_int_not_equal(sd.f_fsid, sf.f_fsid);
	assert_int_equal(vfs_sync(NULL), 0);
	vp = vn("/f", 0);
	assert_int_equal(vfs_sync(vp), 0);
	vfs_vrele(vp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_truncate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chmod, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utimens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statfs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
