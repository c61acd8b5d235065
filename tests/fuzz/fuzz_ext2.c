/*
 * tests/fuzz/fuzz_ext2.c - libFuzzer target for the ext2 module's mount
 * path and everything it reads (modules/ext2 on the io module, the real
 * buffer cache and block-device switch, the fake kernel of the io host
 * tests).
 *
 * Each input is a disk image: it is copied into a buffer of its size (a
 * read past the end is the switch's range check or an ASan report), made
 * the backing store of one block device, and mounted as ext2 on /mnt.
 * When the mount succeeds the tree is walked (at most 12 levels and 64
 * entries a directory), every file read (its first 64 KiB), every link
 * read, a file created, written and removed, then the file system
 * unmounted. A crash, a hang (libFuzzer's timeout), a leak or a lock left
 * held is a finding; refusals (EINVAL, EUCLEAN, EIO) are not.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/file.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "buf/bcache.h"
#include "io/dev.h"
#include "io/tty.h"
#include "io/vfs.h"
#include "../host/io_fixture.h"

/* <stdlib.h> would clash with <uapi/time.h> (see io_fixture.c). */
void *malloc(size_t size);
void free(void *p);
__attribute__((noreturn)) void abort(void);

extern const struct fs_type_ops ext2_fs_type;
extern unsigned ext2_commit_secs;

static const struct cred fz_root = { 0, 0, 0, 0 };
static uint8_t *fz_disk;
static size_t fz_size;
static struct blkdev fz_bd;

/* The buf role and the thread calls: tests/host/ext2_shim.c. The disk: */
static int fz_submit(struct blkdev *bd, struct blkreq *r)
{
	uint64_t off = r->sector * 512, n = (uint64_t)r->count * 512;

	(void)bd;
	if (off + n > fz_size)
		abort();			 /* the switch checked the range */
	for (unsigned i = 0; i < r->nseg; i++) { /* each segment in turn */
		if (r->write)
			memcpy(fz_disk + off, r->seg[i].buf, r->seg[i].len);
		else
			memcpy(r->seg[i].buf, fz_disk + off, r->seg[i].len);
		off += r->seg[i].len;
	}
	r->status = 0;
	r->done(r);
	return 0;
}

static const struct blkdev_ops fz_ops = { .version = BLKDEV_OPS_VERSION, .submit = fz_submit };

static void fz_read_file(const char *path)
{
	static char buf[65536];
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf) };
	struct file *f;

	if (vfs_open(NULL, path, O_RDONLY, 0, &fz_root, &f) == 0) {
		fo_read(f, &uio, 0);
		file_unref(f);
	}
}

static void fz_walk(const char *dir, int depth)
{
	static char bufs[12][4096];
	char path[4400];
	struct file *f;
	uint64_t off = 0;
	int seen = 0;

	if (depth >= 12 || vfs_open(NULL, dir, O_RDONLY | O_DIRECTORY, 0, &fz_root, &f))
		return;
	for (;;) {
		struct uio uio = { .base = (uint64_t)(uintptr_t)bufs[depth], .resid = 4096 };
		long n = fo_getdents(f, &uio, &off);

		if (n <= 0)
			break;
		for (long p = 0; p < n && seen < 64; seen++) {
			struct dirent *de = (struct dirent *)(bufs[depth] + p);
			struct stat st;
			struct vnode *vp;
			char tgt[4096];

			p += de->d_reclen;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (vfs_stat(NULL, path, AT_SYMLINK_NOFOLLOW, &fz_root, &st) != 0)
				continue;
			if (S_ISDIR(st.st_mode))
				fz_walk(path, depth + 1);
			else if (S_ISREG(st.st_mode))
				fz_read_file(path);
			else if (S_ISLNK(st.st_mode) &&
				 vfs_lookup(NULL, path, AT_SYMLINK_NOFOLLOW, &fz_root, &vp) == 0) {
				vfs_readlink(vp, tgt, sizeof(tgt));
				vfs_vrele(vp);
			}
		}
		if (seen >= 64)
			break;
	}
	file_unref(f);
}

static void fz_write(void)
{
	static const char data[5000] = "fuzz";
	struct uio uio = { .base = (uint64_t)(uintptr_t)data, .resid = sizeof(data) };
	struct file *f;

	if (vfs_open(NULL, "/mnt/fz-new", O_WRONLY | O_CREAT, 0644, &fz_root, &f) == 0) {
		fo_write(f, &uio, 0);
		file_unref(f);
		vfs_remove(NULL, "/mnt/fz-new", 0, &fz_root);
	}
	vfs_mknod(NULL, "/mnt/fz-dir", S_IFDIR | 0755, 0, &fz_root);
	vfs_remove(NULL, "/mnt/fz-dir", 1, &fz_root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static long live0 = -1;

	if (size < 2048 || size > (1 << 20))
		return 0;
	fz_size = size & ~(size_t)511;
	fz_disk = malloc(fz_size);
	memcpy(fz_disk, data, fz_size);
	fz_bd.sectors = fz_size / 512;
	if (live0 < 0) {	      /* the first input: start the cache, register the disk once */
		ext2_commit_secs = 0; /* one thread: no commit thread */
		fz_bd = (struct blkdev){
			.name = "fz", .sector_size = 512, .sectors = fz_size / 512, .ops = &fz_ops
		};
		if (bcache_init(64, 2) != 0 || blkdev_register(&fz_bd) != 0)
			abort();
		live0 = io_fixture_live;
	}
	io_fixture_reset();
	if (dev_mem_init() || tty_console_init() || vfs_mount_root(NULL, 0))
		abort();
	if (vfs_fs_find("ext2") == NULL && vfs_fs_register(&ext2_fs_type) != 0)
		abort();
	vfs_mknod(NULL, "/mnt", S_IFDIR | 0755, 0, &fz_root);
	if (vfs_mount_at(NULL, "/dev/fz", "/mnt", "ext2", 0, &fz_root) == 0) {
		fz_walk("/mnt", 0);
		fz_write();
		if (vfs_umount_at(NULL, "/mnt", 0, &fz_root) != 0)
			abort();
	}
	vfs_reset();
	dev_reset();
	tty_console_reset();
	bcache_shrink(1u << 30);
	bcache_trim_spares();
	if (io_fixture_locks_held != 0 || io_fixture_live != live0)
		abort();
	free(fz_disk);
	return 0;
}
