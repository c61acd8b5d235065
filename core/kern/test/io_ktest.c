/*
 * Self-tests of the io role in the guest, through the core's wrappers
 * only (io_open, fo_read, fo_write...): a root from a small cpio image
 * embedded here (when no root is mounted yet), files written, read,
 * appended, linked, renamed and removed, the device files, and getcwd.
 * They skip in a boot without an io provider.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/ktest.h>
#include <core/role.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/*
 * A cpio "newc" archive: etc/ (0755), etc/hello (0644, "hello, zero\n"),
 * bin/, bin/hello-link -> ../etc/hello, the trailer. Each header is 110
 * ASCII bytes; names and data are padded to 4.
 */
static const char io_ktest_image[] =
    "07070100000001000041ED0000000000000000000000026553F1000000000000000000000000000000000000"
    "0000000000000400000000"
    "etc\000\000\000"
    "07070100000002000081A40000000000000000000000016553F1000000000C00000000000000000000000000"
    "0000000000000A00000000"
    "etc/hello\000"
    "hello, zero\012"
    "07070100000003000041ED0000000000000000000000026553F1000000000000000000000000000000000000"
    "0000000000000400000000"
    "bin\000\000\000"
    "070701000000040000A1FF0000000000000000000000016553F1000000000C00000000000000000000000000"
    "0000000000000F00000000"
    "bin/hello-link\000\000\000\000"
    "../etc/hello"
    "07070100000005000000000000000000000000000000016553F1000000000000000000000000000000000000"
    "0000000000000B00000000"
    "TRAILER!!!\000\000\000\000";

static const struct cred io_ktest_root = { 0, 0, 0, 0 };

static long io_ktest_read(const char *path, char *buf, size_t len)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = len - 1, .user = 0 };
	long n;
	int rc = io_open(NULL, path, O_RDONLY, 0, &io_ktest_root, &f);

	if (rc)
		return rc;
	n = fo_read(f, &uio, 0);
	file_unref(f);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static long io_ktest_write(const char *path, int flags, const char *s, uint64_t off)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)s, .resid = strlen(s), .user = 0 };
	long n;
	int rc = io_open(NULL, path, O_WRONLY | flags, 0644, &io_ktest_root, &f);

	if (rc)
		return rc;
	n = fo_write(f, &uio, off);
	file_unref(f);
	return n;
}

/*
 * Is there an io provider with a root? Without a root yet (nothing has
 * mounted the initramfs), mount the image above: tests run in any order.
 */
static int io_ktest_have_root(void)
{
	struct vnode *root;

	if (role_provider("io") == NULL)
		return 0;
	root = io_root();
	if (root == NULL && io_mount_root(io_ktest_image, sizeof(io_ktest_image) - 1) != 0)
		return 0;
	io_vrele(root);
	return 1;
}

KTEST(io_root_cpio)
{
	struct stat st;
	char buf[64];

	KTEST_REQUIRE(io_ktest_have_root());
	KTEST_CHECK(io_mount_root(io_ktest_image, sizeof(io_ktest_image) - 1) == -EBUSY);
	KTEST_REQUIRE(io_stat(NULL, "/etc/hello", 0, &io_ktest_root, &st) == 0);
	KTEST_CHECK(st.st_size == 12 && st.st_mode == (S_IFREG | 0644));
	KTEST_CHECK(st.st_mtim.tv_sec == 1700000000);
	KTEST_CHECK(io_ktest_read("/etc/hello", buf, sizeof(buf)) == 12);
	KTEST_CHECK(strcmp(buf, "hello, zero\n") == 0);
	KTEST_CHECK(io_ktest_read("/bin/hello-link", buf, sizeof(buf)) == 12);
	KTEST_CHECK(io_stat(NULL, "/bin/hello-link", AT_SYMLINK_NOFOLLOW, &io_ktest_root, &st) ==
		    0);
	KTEST_CHECK(S_ISLNK(st.st_mode));
	KTEST_CHECK(io_stat(NULL, "/dev/console", 0, &io_ktest_root, &st) == 0 &&
		    S_ISCHR(st.st_mode));
	return 0;
}

KTEST(io_files)
{
	char buf[64];
	struct vnode *d;

	KTEST_REQUIRE(io_ktest_have_root());
	KTEST_CHECK(io_mknod(NULL, "/ktest", S_IFDIR | 0755, 0, &io_ktest_root) == 0);
	KTEST_CHECK(io_ktest_write("/ktest/f", O_CREAT | O_EXCL, "written", 0) == 7);
	KTEST_CHECK(io_ktest_write("/ktest/f", O_APPEND, " more", 0) == 5);
	KTEST_CHECK(io_ktest_read("/ktest/f", buf, sizeof(buf)) == 12);
	KTEST_CHECK(strcmp(buf, "written more") == 0);
	KTEST_CHECK(io_ktest_write("/ktest/f", O_CREAT | O_EXCL, "x", 0) == -EEXIST);
	KTEST_CHECK(io_link(NULL, "/ktest/f", "/ktest/g", &io_ktest_root) == 0);
	KTEST_CHECK(io_rename(NULL, "/ktest/g", "/ktest/h", &io_ktest_root) == 0);
	KTEST_CHECK(io_ktest_read("/ktest/h", buf, sizeof(buf)) == 12);
	KTEST_CHECK(io_lookup_dir(NULL, "/ktest", &io_ktest_root, &d) == 0);
	KTEST_CHECK(io_getcwd(d, buf, sizeof(buf)) == 7 && strcmp(buf, "/ktest") == 0);
	KTEST_CHECK(io_remove(NULL, "/ktest", 1, &io_ktest_root) == -ENOTEMPTY);
	KTEST_CHECK(io_remove(NULL, "/ktest/f", 0, &io_ktest_root) == 0);
	KTEST_CHECK(io_remove(NULL, "/ktest/h", 0, &io_ktest_root) == 0);
	KTEST_CHECK(io_remove(NULL, "/ktest", 1, &io_ktest_root) == 0);
	KTEST_CHECK(io_getcwd(d, buf, sizeof(buf)) == -ENOENT);
	io_vrele(d);
	return 0;
}

KTEST(io_devices)
{
	char buf[64];
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf), .user = 0 };

	KTEST_REQUIRE(io_ktest_have_root());
	KTEST_CHECK(io_ktest_read("/dev/null", buf, sizeof(buf)) == 0);
	KTEST_CHECK(io_ktest_write("/dev/null", 0, "gone", 0) == 4);
	memset(buf, 'x', sizeof(buf));
	KTEST_CHECK(io_ktest_read("/dev/zero", buf, 9) == 8 && buf[0] == 0 && buf[7] == 0);
	KTEST_CHECK(io_ktest_write("/dev/full", 0, "x", 0) == -ENOSPC);
	KTEST_CHECK(io_ktest_read("/dev/kmsg", buf, sizeof(buf)) == (long)sizeof(buf) - 1);
	KTEST_CHECK(io_open(NULL, "/dev/console", O_RDONLY | O_NONBLOCK, 0, &io_ktest_root, &f) ==
		    0);
	KTEST_CHECK(fo_read(f, &uio, 0) == -EAGAIN); /* nobody types in a test boot */
	file_unref(f);
	KTEST_CHECK(io_ktest_write("/dev/console", 0, "ktest: written to /dev/console\n", 0) == 31);
	return 0;
}
