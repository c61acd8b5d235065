/*
 * The kernel side of the ext2 host tests (see ext2_fixture.h).
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

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "ext2_fixture.h"
#include "ext2_host.h"
#include "io/dev.h"
#include "io/tty.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "ext2/ext2.h"
#include "io_util.h"

extern const struct fs_type_ops ext2_fs_type;

const char *ext2t_dir;
const struct cred ext2t_root = { 0, 0, 0, 0 };

/* Image files as disks of the block-device switch. */
#define EXT2T_DEVS 24
static struct blkdev ext2t_disks[EXT2T_DEVS];
static int ext2t_fds[EXT2T_DEVS];
static unsigned ext2t_ndisks;
static int ext2t_mounted;
static long ext2t_live0; /* allocations of the cache itself, made once */

static int ext2t_submit(struct blkdev *bd, struct blkreq *r)
{
	int fd = ext2t_fds[bd - ext2t_disks], rc = 0;
	uint64_t off = r->sector * 512;

	for (unsigned i = 0; rc == 0 && i < r->nseg; i++) { /* each segment in turn */
		void *p = r->seg[i].buf;
		size_t n = r->seg[i].len;

		rc = r->write ? bfake_disk_write(fd, p, n, off) : bfake_disk_read(fd, p, n, off);
		off += n;
	}
	r->status = rc ? -EIO : 0;
	r->done(r);
	return 0;
}

static const struct blkdev_ops ext2t_ops = { .version = BLKDEV_OPS_VERSION,
					     .submit = ext2t_submit };

const char *ext2t_attach(const char *name, char *dev)
{
	static char path[4096];
	char src[4096];
	struct blkdev *bd;
	size_t len;
	void *img;

	assert_true(ext2t_ndisks < EXT2T_DEVS);
	snprintf(src, sizeof(src), "%s/%s.img", ext2t_dir, name);
	snprintf(path, sizeof(path), "%s/scratch-%u.img", eh_tmpdir(), ext2t_ndisks);
	assert_int_equal(eh_copy(src, path), 0);
	img = eh_read(path, &len);
	assert_non_null(img);
	eh_free(img);
	bd = &ext2t_disks[ext2t_ndisks];
	ext2t_fds[ext2t_ndisks] = eh_open(path);
	assert_true(ext2t_fds[ext2t_ndisks] >= 0);
	snprintf(bd->name, sizeof(bd->name), "t%u", ext2t_ndisks);
	bd->sector_size = 512;
	bd->sectors = len / 512;
	bd->max_count = 256; /* as a disk: several segments per request, cut at 128 KiB */
	bd->max_segs = 16;
	bd->ops = &ext2t_ops;
	assert_int_equal(blkdev_register(bd), 0);
	ext2t_ndisks++;
	snprintf(dev, 16, "%s", bd->name);
	return path;
}

void ext2t_setup(void)
{
	static int once;

	if (!once) {
		ext2_commit_secs = 0; /* no commit thread: this test has one thread */
		assert_int_equal(bcache_init(512, 4), 0);
		ext2t_live0 = io_fixture_live;
		once = 1;
	}
	assert_int_equal(io_setup_root(NULL, 0), 0);
	if (vfs_fs_find("ext2") == NULL)
		assert_int_equal(vfs_fs_register(&ext2_fs_type), 0);
	assert_int_equal(vfs_mknod(NULL, "/mnt", S_IFDIR | 0755, 0, &ext2t_root), 0);
	ext2t_mounted = 0;
}

void ext2t_teardown(void)
{
	if (ext2t_mounted)
		ext2t_umount();
	vfs_reset();
	dev_reset();
	tty_console_reset();
	bcache_shrink(1u << 30);
	bcache_trim_spares();
	assert_int_equal(io_fixture_locks_held, 0);
	assert_int_equal(io_fixture_live, ext2t_live0);
}

int ext2t_mount(const char *dev, unsigned flags)
{
	char src[32];
	int rc;

	snprintf(src, sizeof(src), "/dev/%s", dev);
	rc = vfs_mount_at(NULL, src, "/mnt", "ext2", flags, &ext2t_root);
	ext2t_mounted = rc == 0;
	return rc;
}

int ext2t_umount(void)
{
	int rc = vfs_umount_at(NULL, "/mnt", 0, &ext2t_root);

	if (rc == 0)
		ext2t_mounted = 0;
	return rc;
}

void *ext2t_read(const char *path, size_t *len, long *err)
{
	struct file *f;
	size_t room = 65536, used = 0;
	char *buf;
	long n;
	int rc = vfs_open(NULL, path, O_RDONLY, 0, &ext2t_root, &f);

	*err = rc;
	if (rc)
		return NULL;
	buf = malloc(room);
	for (;;) {
		struct uio uio = { .base = (uint64_t)(uintptr_t)(buf + used),
				   .resid = room - used };

		n = fo_read(f, &uio, used);
		if (n <= 0)
			break;
		used += (size_t)n;
		if (used == room) {
			room *= 2;
			buf = realloc(buf, room);
		}
	}
	file_unref(f);
	*err = n;
	*len = used;
	if (n < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

long ext2t_write(const char *path, int oflags, const void *data, size_t len, uint64_t off)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t)data, .resid = len };
	int rc = vfs_open(NULL, path, O_WRONLY | oflags, 0644, &ext2t_root, &f);
	long n;

	if (rc)
		return rc;
	n = fo_write(f, &uio, off);
	file_unref(f);
	return n;
}

int ext2t_log_has(const char *s)
{
	return strstr(io_fixture_log, s) != NULL;
}

int ext2t_fsck(const char *path)
{
	return eh_run("e2fsck -fn '%s' >&2", path);
}
