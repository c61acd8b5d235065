/*
 * Host tests of the io module's VFS and ramfs: namei (dots, slashes,
 * mounts, symbolic links, limits, permissions), open flags, file data
 * (sparse, append, truncate, unlinked-but-open), directories, links,
 * rename, getcwd, timestamps and running out of memory. Attributes are
 * tested in test_vfs_attr.c, mount and umount in test_vfs_mount.c. Every test ends
 * with no file, no allocation and no lock left (io_teardown_root).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static int setup(void **state)
{
	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static int mkdir_as(const char *p, unsigned mode, const struct cred *c)
{
	return vfs_mknod(NULL, p, S_IFDIR | mode, 0, c);
}

static uint64_t ino_of(const char *p)
{
	struct stat st;

	assert_int_equal(vfs_stat(NULL, p, 0, &cred_root, &st), 0);
	return st.st_ino;
}

static void test_write_read_append(void **state)
{
	char buf[64];
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t) "++", .resid = 2 };
	struct stat st;

	(void)state;
	assert_int_equal(io_put("/f", "hello", &cred_root), 5);
	assert_int_equal(io_get("/f", buf, sizeof(buf), &cred_root), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(vfs_open(NULL, "/f", O_WRONLY | O_APPEND, 0, &cred_root, &f), 0);
	assert_int_equal(fo_write(f, &uio, 0), 2); /* offset 0, but O_APPEND: the end */
	assert_int_equal(f->off, 7);
	assert_int_equal(fo_stat(f, &st), 0);
	assert_int_equal(st.st_size, 7);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	file_unref(f);
	assert_int_equal(io_get("/f", buf, sizeof(buf), &cred_root), 7);
	assert_string_equal(buf, "hello++");
	assert_int_equal(io_put("/f", "x", &cred_root), 1); /* O_TRUNC */
	assert_int_equal(io_get("/f", buf, sizeof(buf), &cred_root), 1);
}

static void test_sparse_and_truncate(void **state)
{
	static char big[3 * 4096 + 10];
	struct file *f;
	struct uio w = { .base = (uint64_t)(uintptr_t) "xyz", .resid = 3 };
	struct uio r = { .base = (uint64_t)(uintptr_t)big, .resid = sizeof(big) };
	uint64_t size;

	(void)state;
	assert_int_equal(vfs_open(NULL, "/s", O_RDWR | O_CREAT, 0600, &cred_root, &f), 0);
	assert_int_equal(fo_write(f, &w, 2 * 4096 + 5), 3);
	assert_int_equal(fo_seekable(f, &size), 0);
	assert_int_equal(size, 2 * 4096 + 8);
	memset(big, 'q', sizeof(big));
	assert_int_equal(fo_read(f, &r, 0), 2 * 4096 + 8);
	for (int i = 0; i < 2 * 4096 + 5; i++)
		assert_int_equal(big[i], 0);
	assert_memory_equal(big + 2 * 4096 + 5, "xyz", 3);
	file_unref(f);
	/* truncate to 0 and grow again: the old bytes must not come back */
	assert_int_equal(vfs_open(NULL, "/s", O_RDWR | O_TRUNC, 0, &cred_root, &f), 0);
	w = (struct uio){ .base = (uint64_t)(uintptr_t) "z", .resid = 1 };
	assert_int_equal(fo_write(f, &w, 2 * 4096 + 7), 1);
	r = (struct uio){ .base = (uint64_t)(uintptr_t)big, .resid = sizeof(big) };
	assert_int_equal(fo_read(f, &r, 2 * 4096), 8);
	assert_memory_equal(big, "\0\0\0\0\0\0\0z", 8);
	r = (struct uio){ .base = (uint64_t)(uintptr_t)big, .resid = 4 };
	assert_int_equal(fo_read(f, &r, 1u << 20), 0); /* past the end */
	file_unref(f);
}

static void test_open_flags(void **state)
{
	struct file *f;

	(void)state;
	assert_int_equal(io_put("/f", "1", &cred_root), 1);
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(vfs_open(NULL, "/f", O_CREAT | O_EXCL | O_WRONLY, 0644, &cred_root, &f),
			 -EEXIST);
	assert_null(f);
	assert_int_equal(vfs_open(NULL, "/f", O_RDONLY | O_DIRECTORY, 0, &cred_root, &f), -ENOTDIR);
	assert_int_equal(vfs_open(NULL, "/d", O_WRONLY, 0, &cred_root, &f), -EISDIR);
	assert_int_equal(vfs_open(NULL, "/d", O_RDONLY | O_DIRECTORY, 0, &cred_root, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_open(NULL, "/nope", O_RDONLY, 0, &cred_root, &f), -ENOENT);
	assert_int_equal(vfs_open(NULL, "/nope/", O_CREAT | O_WRONLY, 0644, &cred_root, &f),
			 -EISDIR);
	assert_int_equal(vfs_open(NULL, "/f", O_ACCMODE, 0, &cred_root, &f), -EINVAL);
	assert_int_equal(vfs_symlink(NULL, "/f", "/l", &cred_root), 0);
	assert_int_equal(vfs_open(NULL, "/l", O_RDONLY | O_NOFOLLOW, 0, &cred_root, &f), -ELOOP);
	assert_int_equal(vfs_open(NULL, "/l", O_RDONLY, 0, &cred_root, &f), 0);
	file_unref(f);
	/* O_CREAT through a dangling link makes its target */
	assert_int_equal(vfs_symlink(NULL, "/made", "/dl", &cred_root), 0);
	assert_int_equal(vfs_open(NULL, "/dl", O_CREAT | O_WRONLY, 0600, &cred_root, &f), 0);
	file_unref(f);
	assert_int_equal(ino_of("/made"), ino_of("/dl"));
	assert_int_equal(vfs_open(NULL, "/dl", O_CREAT | O_EXCL | O_WRONLY, 0600, &cred_root, &f),
			 -EEXIST);
}

static void test_namei_paths(void **state)
{
	struct stat st;
	struct vnode *cwd;

	(void)state;
	assert_int_equal(mkdir_as("/a", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/a/b", 0755, &cred_root), 0);
	assert_int_equal(io_put("/a/b/f", "f", &cred_root), 1);
	uint64_t b = ino_of("/a/b");
	assert_int_equal(ino_of("//a///b//"), b);
	assert_int_equal(ino_of("/a/./b/../b/."), b);
	assert_int_equal(ino_of("/../../a/b"), b);
	assert_int_equal(ino_of("/.."), ino_of("/"));
	assert_int_equal(ino_of("///"), ino_of("/"));
	assert_int_equal(vfs_lookup_dir(NULL, "/a", &cred_root, &cwd), 0);
	assert_int_equal(vfs_stat(cwd, "b/f", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(cwd, "../a/b", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_ino, b);
	assert_int_equal(vfs_stat(cwd, "/a/b/f/", 0, &cred_root, &st), -ENOTDIR);
	assert_int_equal(vfs_stat(cwd, "b/f/x", 0, &cred_root, &st), -ENOTDIR);
	assert_int_equal(vfs_stat(cwd, "b/nope", 0, &cred_root, &st), -ENOENT);
	assert_int_equal(vfs_stat(cwd, "", 0, &cred_root, &st), -ENOENT);
	assert_int_equal(vfs_lookup_dir(cwd, "b/f", &cred_root, &(struct vnode *){ NULL }),
			 -ENOTDIR);
	vfs_vrele(cwd);
}

static void test_namei_limits(void **state)
{
	static char name[300], path[5000];
	struct stat st;
	char l[16], t[16];

	(void)state;
	memset(name + 1, 'n', 255);
	name[0] = '/';
	name[256] = '\0';
	assert_int_equal(io_put(name, "x", &cred_root), 1); /* 255 bytes: fine */
	name[256] = 'n';
	name[257] = '\0';
	assert_int_equal(vfs_stat(NULL, name, 0, &cred_root, &st), -ENAMETOOLONG);
	for (size_t i = 0; i + 2 < 4096; i += 2)
		memcpy(path + i, "/.", 2);
	path[4094] = '/';
	path[4095] = '\0'; /* 4095 bytes: fine */
	assert_int_equal(vfs_stat(NULL, path, 0, &cred_root, &st), 0);
	path[4095] = '/';
	path[4096] = '\0';
	assert_int_equal(vfs_stat(NULL, path, 0, &cred_root, &st), -ENAMETOOLONG);
	/* a loop, and a chain of exactly VFS_SYMLINK_MAX links then one more */
	assert_int_equal(vfs_symlink(NULL, "/lb", "/la", &cred_root), 0);
	assert_int_equal(vfs_symlink(NULL, "/la", "/lb", &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/la", 0, &cred_root, &st), -ELOOP);
	assert_int_equal(vfs_stat(NULL, "/la", AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(io_put("/end", "e", &cred_root), 1);
	for (int i = 0; i < VFS_SYMLINK_MAX + 1; i++) {
		snprintf(l, sizeof(l), "/c%d", i);
		if (i == 0)
			snprintf(t, sizeof(t), "end");
		else
			snprintf(t, sizeof(t), "c%d", i - 1);
		assert_int_equal(vfs_symlink(NULL, t, l, &cred_root), 0);
	}
	snprintf(l, sizeof(l), "/c%d", VFS_SYMLINK_MAX - 1);
	assert_int_equal(vfs_stat(NULL, l, 0, &cred_root, &st), 0);
	snprintf(l, sizeof(l), "/c%d", VFS_SYMLINK_MAX);
	assert_int_equal(vfs_stat(NULL, l, 0, &cred_root, &st), -ELOOP);
}

static void test_symlink_dirs(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(mkdir_as("/a", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/a/b", 0755, &cred_root), 0);
	assert_int_equal(io_put("/a/b/f", "f", &cred_root), 1);
	assert_int_equal(vfs_symlink(NULL, "a/b", "/rel", &cred_root), 0);
	assert_int_equal(vfs_symlink(NULL, "/a", "/abs", &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/rel/f", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/abs/b/f", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/abs/../a/b/f", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/rel/", AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	assert_true(S_ISDIR(st.st_mode)); /* a trailing slash follows */
	assert_int_equal(vfs_symlink(NULL, "", "/empty", &cred_root), -ENOENT);
}

/* Calls that act on the link itself, and relative targets from the link's directory. */
static void test_symlink_ops(void **state)
{
	struct file *f;
	struct stat st;
	struct vnode *vp;
	char buf[16];

	(void)state;
	assert_int_equal(mkdir_as("/a", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/a/d", 0755, &cred_root), 0);
	assert_int_equal(io_put("/a/t", "target", &cred_root), 6);
	assert_int_equal(vfs_symlink(NULL, "t", "/a/l", &cred_root), 0);       /* -> /a/t */
	assert_int_equal(vfs_symlink(NULL, "../t", "/a/d/up", &cred_root), 0); /* -> /a/t */
	assert_int_equal(vfs_symlink(NULL, "d", "/a/ld", &cred_root), 0);
	assert_int_equal(io_get("/a/l", buf, sizeof(buf), &cred_root), 6);
	assert_int_equal(io_get("/a/d/up", buf, sizeof(buf), &cred_root), 6);
	assert_int_equal(vfs_stat(NULL, "/a/l", AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	assert_int_equal(st.st_mode, S_IFLNK | 0777);
	assert_int_equal(st.st_size, 1);
	assert_int_equal(vfs_lookup(NULL, "/a/d/up", AT_SYMLINK_NOFOLLOW, &cred_root, &vp), 0);
	assert_int_equal(vfs_readlink(vp, buf, 3), 3);
	assert_memory_equal(buf, "../", 3); /* cut, no NUL */
	assert_int_equal(vfs_readlink(vp, buf, sizeof(buf)), 4);
	vfs_vrele(vp);
	assert_int_equal(vfs_lookup(NULL, "/a/t", 0, &cred_root, &vp), 0);
	assert_int_equal(vfs_readlink(vp, buf, sizeof(buf)), -EINVAL);
	vfs_vrele(vp);
	/* through an intermediate link, then one that dangles: O_CREAT makes a/d/new */
	assert_int_equal(vfs_symlink(NULL, "/a/ld/new", "/dangle", &cred_root), 0);
	assert_int_equal(vfs_open(NULL, "/dangle", O_CREAT | O_WRONLY, 0600, &cred_root, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_stat(NULL, "/a/d/new", 0, &cred_root, &st), 0);
	/* rmdir, rename and unlink act on the link */
	assert_int_equal(vfs_remove(NULL, "/a/ld", 1, &cred_root), -ENOTDIR);
	assert_int_equal(vfs_rename(NULL, "/a/l", "/a/l2", &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/a/l2", AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(vfs_remove(NULL, "/a/l2", 0, &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/a/t", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_remove(NULL, "/a/ld", 0, &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/a/d", 0, &cred_root, &st), 0);
}

static void test_permissions(void **state)
{
	char buf[8];
	struct stat st;
	struct file *f;

	(void)state;
	assert_int_equal(mkdir_as("/pub", 0777, &cred_root), 0);
	assert_int_equal(mkdir_as("/priv", 0700, &cred_root), 0);
	assert_int_equal(io_put("/priv/x", "x", &cred_root), 1);
	assert_int_equal(io_put("/u", "u", &cred_user), -EACCES); /* / is 0755 root */
	assert_int_equal(io_put("/pub/u", "u", &cred_user), 1);
	assert_int_equal(vfs_stat(NULL, "/pub/u", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_uid, 1000);
	assert_int_equal(st.st_gid, 1000);
	assert_int_equal(vfs_stat(NULL, "/priv/x", 0, &cred_user, &st), -EACCES); /* no search */
	assert_int_equal(io_get("/pub/u", buf, sizeof(buf), &cred_other), 1);	  /* 0644 */
	assert_int_equal(io_put("/pub/u", "o", &cred_other), -EACCES);
	assert_int_equal(vfs_open(NULL, "/pub/u", O_WRONLY | O_TRUNC, 0, &cred_other, &f), -EACCES);
	assert_int_equal(io_put("/pub/u", "r", &cred_root), 1); /* root writes anything */
	/* exec: root needs some x bit; others need theirs */
	assert_int_equal(vfs_open_exec(NULL, "/pub/u", &cred_root, &f), -EACCES);
	assert_int_equal(vfs_open(NULL, "/pub/e", O_CREAT | O_WRONLY, 0744, &cred_user, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_open_exec(NULL, "/pub/e", &cred_user, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_open_exec(NULL, "/pub/e", &cred_root, &f), 0);
	file_unref(f);
	assert_int_equal(vfs_open_exec(NULL, "/pub/e", &cred_other, &f), -EACCES);
	assert_int_equal(vfs_open_exec(NULL, "/pub", &cred_root, &f), -EACCES);
	assert_int_equal(vfs_open_exec(NULL, "/pub/none", &cred_root, &f), -ENOENT);
	/* the sticky bit: only the owner removes */
	assert_int_equal(mkdir_as("/tmp", 01777, &cred_root), 0);
	assert_int_equal(io_put("/tmp/mine", "m", &cred_user), 1);
	assert_int_equal(vfs_remove(NULL, "/tmp/mine", 0, &cred_other), -EACCES);
	assert_int_equal(vfs_remove(NULL, "/tmp/mine", 0, &cred_user), 0);
	/* device nodes only by root */
	assert_int_equal(vfs_mknod(NULL, "/pub/c", S_IFCHR | 0600, 1, &cred_user), -EPERM);
}

static void test_unlinked_open_file(void **state)
{
	char buf[16];
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf) };
	struct stat st;
	long live;

	(void)state;
	assert_int_equal(io_put("/gone", "still here", &cred_root), 10);
	assert_int_equal(vfs_open(NULL, "/gone", O_RDONLY, 0, &cred_root, &f), 0);
	assert_int_equal(vfs_remove(NULL, "/gone", 0, &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/gone", 0, &cred_root, &st), -ENOENT);
	live = io_fixture_live;
	assert_int_equal(fo_read(f, &uio, 0), 10);
	assert_memory_equal(buf, "still here", 10);
	assert_int_equal(fo_stat(f, &st), 0);
	assert_int_equal(st.st_nlink, 0);
	file_unref(f);
	assert_true(io_fixture_live < live); /* freed with the last reference */
}

static void test_remove_rules(void **state)
{
	(void)state;
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(io_put("/d/f", "f", &cred_root), 1);
	assert_int_equal(vfs_remove(NULL, "/d", 1, &cred_root), -ENOTEMPTY);
	assert_int_equal(vfs_remove(NULL, "/d", 0, &cred_root), -EISDIR);
	assert_int_equal(vfs_remove(NULL, "/d/f", 1, &cred_root), -ENOTDIR);
	assert_int_equal(vfs_remove(NULL, "/d/f/", 0, &cred_root), -ENOTDIR);
	assert_int_equal(vfs_remove(NULL, "/", 1, &cred_root), -EBUSY);
	assert_int_equal(vfs_remove(NULL, "/d/.", 1, &cred_root), -EINVAL);
	assert_int_equal(vfs_remove(NULL, "/d/..", 1, &cred_root), -ENOTEMPTY);
	assert_int_equal(vfs_remove(NULL, "/d/none", 0, &cred_root), -ENOENT);
	assert_int_equal(vfs_remove(NULL, "/d/f", 0, &cred_user), -EACCES);
	assert_int_equal(vfs_remove(NULL, "/d/f", 0, &cred_root), 0);
	assert_int_equal(vfs_remove(NULL, "/d/", 1, &cred_root), 0);
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), -EEXIST);
	assert_int_equal(mkdir_as("/", 0755, &cred_root), -EEXIST);
	assert_int_equal(mkdir_as("/x/y", 0755, &cred_root), -ENOENT);
	assert_int_equal(vfs_mknod(NULL, "/sock", 0140000 | 0644, 0, &cred_root), -EINVAL);
}

static void test_links(void **state)
{
	struct stat st;
	char buf[8];

	(void)state;
	assert_int_equal(io_put("/f", "ab", &cred_root), 2);
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(vfs_link(NULL, "/f", "/d/g", &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/f", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(ino_of("/d/g"), st.st_ino);
	assert_int_equal(vfs_link(NULL, "/f", "/d/g", &cred_root), -EEXIST);
	assert_int_equal(vfs_link(NULL, "/d", "/d2", &cred_root), -EPERM);
	assert_int_equal(vfs_link(NULL, "/none", "/n2", &cred_root), -ENOENT);
	assert_int_equal(vfs_link(NULL, "/f", "/g", &cred_user), -EACCES);
	assert_int_equal(vfs_remove(NULL, "/f", 0, &cred_root), 0);
	assert_int_equal(io_get("/d/g", buf, sizeof(buf), &cred_root), 2);
	assert_int_equal(vfs_stat(NULL, "/d/g", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(vfs_stat(NULL, "/d", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(mkdir_as("/d/sub", 0755, &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/d", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 3);
}

static void test_rename(void **state)
{
	char buf[8];
	struct stat st;
	uint64_t ino;

	(void)state;
	assert_int_equal(io_put("/a", "A", &cred_root), 1);
	assert_int_equal(io_put("/b", "B", &cred_root), 1);
	ino = ino_of("/a");
	assert_int_equal(vfs_rename(NULL, "/a", "/b", &cred_root), 0);
	assert_int_equal(ino_of("/b"), ino);
	assert_int_equal(vfs_stat(NULL, "/a", 0, &cred_root, &st), -ENOENT);
	assert_int_equal(io_get("/b", buf, sizeof(buf), &cred_root), 1);
	assert_string_equal(buf, "A");
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/d/e", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/full", 0755, &cred_root), 0);
	assert_int_equal(io_put("/full/x", "x", &cred_root), 1);
	assert_int_equal(mkdir_as("/empty", 0755, &cred_root), 0);
	assert_int_equal(vfs_rename(NULL, "/d", "/d/e/f", &cred_root), -EINVAL);
	assert_int_equal(vfs_rename(NULL, "/d", "/full", &cred_root), -ENOTEMPTY);
	assert_int_equal(vfs_rename(NULL, "/b", "/empty", &cred_root), -EISDIR);
	assert_int_equal(vfs_rename(NULL, "/d", "/b", &cred_root), -ENOTDIR);
	assert_int_equal(vfs_rename(NULL, "/none", "/z", &cred_root), -ENOENT);
	assert_int_equal(vfs_rename(NULL, "/b", "/b", &cred_root), 0);
	assert_int_equal(vfs_rename(NULL, "/d/.", "/z", &cred_root), -EINVAL);
	assert_int_equal(vfs_rename(NULL, "/b", "/d/e/b", &cred_user), -EACCES);
	/* a directory moves, and its ".." with it */
	assert_int_equal(vfs_rename(NULL, "/d", "/empty", &cred_root), 0);
	assert_int_equal(ino_of("/empty/e/.."), ino_of("/empty"));
	assert_int_equal(vfs_rename(NULL, "/empty/e", "/full/e", &cred_root), 0);
	assert_int_equal(ino_of("/full/e/.."), ino_of("/full"));
	assert_int_equal(vfs_stat(NULL, "/empty", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(vfs_stat(NULL, "/full", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_nlink, 3);
}

static struct vfs_mount *mount_at(const char *path)
{
	struct vnode *dir;
	struct vfs_mount *mp;

	assert_int_equal(vfs_lookup_dir(NULL, path, &cred_root, &dir), 0);
	mutex_lock(&vfs_ns_lock);
	assert_int_equal(vfs_mount(&ramfs_fs_type, dir, &mp), 0);
	assert_int_equal(vfs_mount(&ramfs_fs_type, dir, &(struct vfs_mount *){ NULL }), -EBUSY);
	mutex_unlock(&vfs_ns_lock);
	vfs_vrele(dir);
	return mp;
}

static void test_mounts(void **state)
{
	char buf[64];
	struct vnode *d;
	struct stat st1, st2;
	struct vfs_mount *mp;
	struct file *f;
	int rc;

	(void)state;
	assert_int_equal(mkdir_as("/mnt", 0755, &cred_root), 0);
	assert_int_equal(io_put("/mnt/hidden", "h", &cred_root), 1);
	mp = mount_at("/mnt");
	assert_int_equal(vfs_stat(NULL, "/mnt/hidden", 0, &cred_root, &st1), -ENOENT);
	assert_int_equal(mkdir_as("/mnt/sub", 0755, &cred_root), 0);
	assert_int_equal(io_put("/mnt/sub/f", "f", &cred_root), 1);
	assert_int_equal(vfs_stat(NULL, "/mnt/sub/f", 0, &cred_root, &st1), 0);
	assert_int_equal(vfs_stat(NULL, "/", 0, &cred_root, &st2), 0);
	assert_int_not_equal(st1.st_dev, st2.st_dev);
	assert_int_equal(ino_of("/mnt/sub/../.."), ino_of("/"));
	assert_int_equal(ino_of("/mnt/.."), ino_of("/"));
	assert_int_equal(vfs_lookup_dir(NULL, "/mnt/sub", &cred_root, &d), 0);
	assert_int_equal(vfs_getcwd(d, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "/mnt/sub");
	vfs_vrele(d);
	assert_int_equal(vfs_remove(NULL, "/mnt", 1, &cred_root), -EBUSY);
	assert_int_equal(vfs_link(NULL, "/mnt/sub/f", "/f2", &cred_root), -EXDEV);
	assert_int_equal(vfs_rename(NULL, "/mnt/sub/f", "/f2", &cred_root), -EXDEV);
	assert_int_equal(vfs_rename(NULL, "/mnt", "/m2", &cred_root), -EBUSY);
	assert_int_equal(vfs_open(NULL, "/mnt/sub/f", O_RDONLY, 0, &cred_root, &f), 0);
	mutex_lock(&vfs_ns_lock);
	rc = vfs_unmount(mp); /* an open file in it */
	mutex_unlock(&vfs_ns_lock);
	assert_int_equal(rc, -EBUSY);
	file_unref(f);
	assert_int_equal(vfs_lookup_dir(NULL, "/mnt/sub", &cred_root, &d), 0);
	mutex_lock(&vfs_ns_lock);
	rc = vfs_unmount(mp); /* a working directory in it */
	mutex_unlock(&vfs_ns_lock);
	assert_int_equal(rc, -EBUSY);
	vfs_vrele(d);
	mutex_lock(&vfs_ns_lock);
	rc = vfs_unmount(mp); /* its files go with it */
	mutex_unlock(&vfs_ns_lock);
	assert_int_equal(rc, 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/hidden", 0, &cred_root, &st1), 0);
	assert_int_equal(vfs_stat(NULL, "/mnt/sub", 0, &cred_root, &st1), -ENOENT);
}

static void test_getcwd(void **state)
{
	char buf[64];
	struct vnode *d, *r = vfs_root();

	(void)state;
	assert_int_equal(vfs_getcwd(r, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "/");
	vfs_vrele(r);
	assert_int_equal(mkdir_as("/a", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/a/bb", 0755, &cred_root), 0);
	assert_int_equal(mkdir_as("/a/bb/c", 0755, &cred_root), 0);
	assert_int_equal(vfs_lookup_dir(NULL, "/a/bb/c", &cred_root, &d), 0);
	assert_int_equal(vfs_getcwd(d, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "/a/bb/c");
	assert_int_equal(vfs_getcwd(d, buf, 7), -ERANGE);
	assert_int_equal(vfs_remove(NULL, "/a/bb/c", 1, &cred_root), 0);
	assert_int_equal(vfs_getcwd(d, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(vfs_stat(d, "..", 0, &cred_root, &(struct stat){ 0 }), -ENOENT);
	assert_int_equal(
	    vfs_open(d, "new", O_CREAT | O_WRONLY, 0644, &cred_root, &(struct file *){ NULL }),
	    -ENOENT);
	vfs_vrele(d);
	assert_int_equal(vfs_lookup_dir(NULL, "/a", &cred_user, &d), 0);
	vfs_vrele(d);
	assert_int_equal(vfs_mknod(NULL, "/a/shut", S_IFDIR | 0700, 0, &cred_root), 0);
	assert_int_equal(vfs_lookup_dir(NULL, "/a/shut", &cred_user, &d), -EACCES);
	assert_null(d);
}

/* Every name of a directory, through getdents with a buffer of @p len. */
static int list_dir(const char *path, size_t len, char names[][32], int max)
{
	char buf[512];
	struct file *f;
	uint64_t off = 0;
	int n = 0;
	long got;

	assert_int_equal(vfs_open(NULL, path, O_RDONLY, 0, &cred_root, &f), 0);
	do {
		struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = len };

		got = fo_getdents(f, &uio, &off);
		assert_true(got >= 0);
		for (long p = 0; p < got;) {
			struct dirent *de = (struct dirent *)(buf + p);

			assert_int_equal(de->d_reclen % 8, 0);
			assert_true(n < max);
			snprintf(names[n++], 32, "%s:%u", de->d_name, de->d_type);
			p += de->d_reclen;
		}
	} while (got > 0);
	file_unref(f);
	return n;
}

static void test_getdents(void **state)
{
	char names[16][32];
	struct file *f;
	char small[16];
	struct uio uio = { .base = (uint64_t)(uintptr_t)small, .resid = sizeof(small) };
	uint64_t off = 0;

	(void)state;
	assert_int_equal(mkdir_as("/d", 0755, &cred_root), 0);
	assert_int_equal(io_put("/d/one", "1", &cred_root), 1);
	assert_int_equal(mkdir_as("/d/two", 0755, &cred_root), 0);
	assert_int_equal(vfs_symlink(NULL, "one", "/d/three", &cred_root), 0);
	assert_int_equal(list_dir("/d", 40, names, 16), 5); /* one record per call */
	assert_string_equal(names[0], ".:4");
	assert_string_equal(names[1], "..:4");
	assert_string_equal(names[2], "one:8");
	assert_string_equal(names[3], "two:4");
	assert_string_equal(names[4], "three:10");
	assert_int_equal(list_dir("/d", 512, names, 16), 5);
	assert_int_equal(vfs_open(NULL, "/d", O_RDONLY, 0, &cred_root, &f), 0);
	assert_int_equal(fo_getdents(f, &uio, &off), -EINVAL); /* not even "." fits */
	assert_int_equal(fo_read(f, &uio, 0), -EISDIR);
	file_unref(f);
	assert_int_equal(vfs_open(NULL, "/d/one", O_RDONLY, 0, &cred_root, &f), 0);
	assert_int_equal(fo_getdents(f, &uio, &off), -ENOTDIR);
	file_unref(f);
}

static void test_timestamps(void **state)
{
	struct stat a, b;
	char buf[4];

	(void)state;
	assert_int_equal(io_put("/t", "1", &cred_root), 1);
	assert_int_equal(vfs_stat(NULL, "/t", 0, &cred_root, &a), 0);
	assert_int_equal(io_get("/t", buf, sizeof(buf), &cred_root), 1);
	assert_int_equal(vfs_stat(NULL, "/t", 0, &cred_root, &b), 0);
	assert_true(b.st_atim.tv_nsec > a.st_atim.tv_nsec || b.st_atim.tv_sec > a.st_atim.tv_sec);
	assert_int_equal(b.st_mtim.tv_nsec, a.st_mtim.tv_nsec);
	assert_int_equal(io_put("/t", "2", &cred_root), 1);
	assert_int_equal(vfs_stat(NULL, "/t", 0, &cred_root, &a), 0);
	assert_true(a.st_mtim.tv_nsec > b.st_mtim.tv_nsec || a.st_mtim.tv_sec > b.st_mtim.tv_sec);
	assert_int_equal(vfs_link(NULL, "/t", "/t2", &cred_root), 0);
	assert_int_equal(vfs_stat(NULL, "/t", 0, &cred_root, &b), 0);
	assert_true(b.st_ctim.tv_nsec > a.st_ctim.tv_nsec || b.st_ctim.tv_sec > a.st_ctim.tv_sec);
}

/* Out of memory at every allocation in turn: an error, never a crash or a leak. */
static void test_out_of_memory(void **state)
{
	static char page[5000];
	struct uio uio;
	struct file *f;
	int ok = 0;

	(void)state;
	memset(page, 'p', sizeof(page));
	for (long n = 0; n < 40 && !ok; n++) {
		long got;

		vfs_remove(NULL, "/d/f", 0, &cred_root);
		vfs_remove(NULL, "/d", 1, &cred_root);
		io_fixture_fail_after = n;
		if (mkdir_as("/d", 0755, &cred_root) != 0) {
			io_fixture_fail_after = -1;
			continue;
		}
		f = NULL;
		got = vfs_open(NULL, "/d/f", O_CREAT | O_RDWR, 0644, &cred_root, &f);
		if (got == 0) {
			uio = (struct uio){ .base = (uint64_t)(uintptr_t)page,
					    .resid = sizeof(page) };
			got = fo_write(f, &uio, 0);
			assert_true(got == -ENOSPC || got == 4096 || got == (long)sizeof(page));
			ok = got == (long)sizeof(page);
			file_unref(f);
		} else {
			assert_true(got == -ENOSPC || got == -ENOMEM);
		}
		io_fixture_fail_after = -1;
	}
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_read_append, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sparse_and_truncate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_namei_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_namei_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unlinked_open_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_getcwd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_getdents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
