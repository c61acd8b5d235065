/*
 * tests/fuzz/fuzz_cpio.c - libFuzzer target for the cpio "newc" parser
 * of modules/io (modules/io/cpio.c).
 *
 * Each input is copied into a buffer of exactly its size, so a read past
 * the end is caught by ASan, then walked to its end. Every entry the parser
 * accepts must lie inside the input (name with its NUL at the end, data),
 * the walk must move forward, and the path check must answer; anything
 * else aborts. Then the input becomes a root file system through the
 * whole io module (VFS, ramfs, the unpacker) on the host's fake kernel
 * (tests/host/io_fixture.c), which is emptied again: a crash, a leak or a
 * lock left held is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <kern/file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "io/cpio.h"
#include "io/dev.h"
#include "io/tty.h"
#include "io/vfs.h"
#include "../host/io_fixture.h"

/* <stdlib.h> would clash with <uapi/time.h> (see io_fixture.c). */
void *malloc(size_t size);
void free(void *p);
__attribute__((noreturn)) void abort(void);

static const struct cred fuzz_root = { 0, 0, 0, 0 };

/* Remove everything below @p dir (a path ending in '/'). */
static void fuzz_rm_tree(const char *dir, int depth)
{
	static char bufs[64][2048];
	char *buf = bufs[depth], path[4200];
	struct file *f;
	int again = 1, rc;

	if (depth >= 64 || vfs_open(NULL, dir, O_RDONLY | O_DIRECTORY, 0, &fuzz_root, &f))
		abort();
	while (again) {
		struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = 2048 };
		uint64_t off = 0;
		long n = fo_getdents(f, &uio, &off);

		again = 0;
		for (long p = 0; p < n;) {
			struct dirent *de = (struct dirent *)(buf + p);
			struct stat st;

			p += de->d_reclen;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s%s", dir, de->d_name);
			if (vfs_stat(NULL, path, AT_SYMLINK_NOFOLLOW, &fuzz_root, &st))
				abort();
			if (S_ISDIR(st.st_mode)) {
				strcat(path, "/");
				fuzz_rm_tree(path, depth + 1);
			}
			rc = vfs_remove(NULL, path, S_ISDIR(st.st_mode), &fuzz_root);
			if (rc == -EBUSY && S_ISDIR(st.st_mode))
				continue; /* a mount point (/dev): vfs_reset() drops it */
			if (rc)
				abort();
			again = 1;
		}
	}
	file_unref(f);
}

static void fuzz_unpack(const uint8_t *buf, size_t len)
{
	int rc;

	io_fixture_reset();
	if (dev_mem_init() || tty_console_init())
		abort();
	rc = vfs_mount_root(buf, len);
	if (rc != 0 && rc != -EINVAL && rc != -ENOMEM)
		abort();
	fuzz_rm_tree("/", 0);
	vfs_reset();
	dev_reset();
	tty_console_reset();
	if (io_fixture_live != 0 || io_fixture_locks_held != 0)
		abort();
}

static void fuzz_check_entry(const uint8_t *buf, size_t len, const struct cpio_entry *e)
{
	const uint8_t *name = (const uint8_t *)e->name;
	const char *rel, *why;

	if (name < buf || e->namelen >= len || name + e->namelen >= buf + len)
		abort();
	if (name[e->namelen] != '\0' || memchr(name, '\0', e->namelen))
		abort();
	if (e->size && (e->data < buf || e->size > len || e->data + e->size > buf + len))
		abort();
	if (cpio_check_path(e->name, e->namelen, &rel, &why) == 0) {
		if (rel < e->name || rel > e->name + e->namelen)
			abort();
	} else if (why == NULL || why[0] == '\0') {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	size_t last = 0;
	int r;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	cpio_start(&it, buf, size);
	while ((r = cpio_next(&it, &e, &why)) == 1) {
		fuzz_check_entry(buf, size, &e);
		if (it.pos <= last && it.pos != size)
			abort(); /* no progress: the walk would loop */
		last = it.pos;
	}
	if (r < 0 && (why == NULL || why[0] == '\0'))
		abort();
	fuzz_unpack(buf, size);
	free(buf);
	return 0;
}
