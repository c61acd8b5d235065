/*
 * Helpers of the io module's host tests (see io_util.h).
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

#include "io/dev.h"
#include "io/tty.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

const struct cred cred_root = { 0, 0, 0, 0 };
const struct cred cred_user = { 1000, 1000, 1000, 1000 };
const struct cred cred_other = { 2000, 2000, 2000, 2000 };

long io_put(const char *path, const char *data, const struct cred *c)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)data, .resid = strlen(data) };
	int rc = vfs_open(NULL, path, O_WRONLY | O_CREAT | O_TRUNC, 0644, c, &f);
	long n;

	if (rc)
		return rc;
	n = fo_write(f, &uio, 0);
	file_unref(f);
	return n;
}

long io_get(const char *path, char *buf, size_t len, const struct cred *c)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = len - 1 };
	int rc = vfs_open(NULL, path, O_RDONLY, 0, c, &f);
	long n, total = 0;

	if (rc)
		return rc;
	while ((n = fo_read(f, &uio, (uint64_t)total)) > 0)
		total += n;
	file_unref(f);
	buf[total] = '\0';
	return n < 0 ? n : total;
}

int io_setup_root(const void *image, size_t len)
{
	io_fixture_reset();
	assert_int_equal(dev_mem_init(), 0);
	assert_int_equal(tty_console_init(), 0);
	return vfs_mount_root(image, len);
}

/* Remove everything under @p dir (a path ending in '/'). */
static void io_rm_tree(const char *dir)
{
	char buf[4096], path[4096];
	struct file *f;
	long n;

	assert_int_equal(vfs_open(NULL, dir, O_RDONLY | O_DIRECTORY, 0, &cred_root, &f), 0);
	for (;;) {
		struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf) };
		uint64_t off = 0; /* removals shift nothing: cookies are stable, start over */

		n = fo_getdents(f, &uio, &off);
		assert_true(n >= 0);
		int removed = 0;
		for (long p = 0; p < n;) {
			struct dirent *de = (struct dirent *)(buf + p);
			struct stat st;

			p += de->d_reclen;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s%s", dir, de->d_name);
			assert_int_equal(vfs_stat(NULL, path, AT_SYMLINK_NOFOLLOW, &cred_root, &st),
					 0);
			if (S_ISDIR(st.st_mode)) {
				strcat(path, "/");
				io_rm_tree(path);
				if (vfs_remove(NULL, path, 1, &cred_root) != 0)
					continue; /* a mount point, or one inside */
			} else {
				assert_int_equal(vfs_remove(NULL, path, 0, &cred_root), 0);
			}
			removed++;
		}
		if (!removed)
			break;
	}
	file_unref(f);
}

void io_teardown_root(void)
{
	struct vnode *r = vfs_root();

	if (r) {
		vfs_vrele(r);
		io_rm_tree("/");
	}
	vfs_reset();
	dev_reset();
	tty_console_reset();
	assert_int_equal(io_fixture_locks_held, 0);
	assert_int_equal(io_fixture_live, 0);
}
