/*
 * Host tests of the journal (modules/ext2/jbd*.c) with the real buffer
 * cache (modules/buf/bcache*.c) over ext3 images made by mke2fs, with
 * e2fsck as the judge: a log our code wrote and "crashed" after its
 * commits is replayed byte for byte as e2fsck replays it; logs debugfs
 * wrote are replayed as e2fsck replays them; torn commits, wrong
 * sequences, revokes and a log wrapping past its end; 64BIT tags and
 * CSUM_V3 checksums both ways, and a bad checksum refused; refused
 * superblocks; ordered data before the commit block, pinned metadata
 * never home before its commit, a full log forcing checkpoints, and an
 * empty journal after jbd_close() that e2fsck -fn finds clean. The threaded
 * tests are in test_jbd_threads.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/buf.h>
#include <uapi/errno.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "file_fakes.h"
#include "host_threads.h"
#include "ext2/jbd.h"
#include "ext2/jbd_format.h"
#include "ext2/jbd_int.h"
#include "jbd_fakes.h"

/* The role's wrappers: tests/host/buf_role_shim.c. */

#include "jbd_test.h"

struct img im;

static int img_rw(struct buf_dev *d, const uint64_t *blknos, void *const *data, unsigned n,
		  int write)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t off = blknos[i] * d->block_size;

		if (!write) {
			if (bfake_disk_read(im.fd, data[i], d->block_size, off) != 0)
				return -EIO;
			continue;
		}
		if (im.nw < MAXW)
			im.wlog[im.nw++] = blknos[i];
		if (bfake_disk_write(im.fd, data[i], d->block_size, off) != 0)
			return -EIO;
	}
	return 0;
}

int img_bmap(void *arg, uint32_t jblk, uint64_t *devblk)
{
	(void)arg;
	if (jblk >= im.jlen)
		return -EUCLEAN;
	*devblk = im.jmap[jblk];
	return 0;
}

/* Make an image (@p csum: with a CSUM_V3 journal); learn its journal's blocks and free blocks. */
static void img_make_csum(unsigned bs, const char *tag, int csum)
{
	int n;

	memset(&im, 0, sizeof(im));
	jfake_tmpname(im.path, sizeof(im.path), tag);
	im.bs = bs;
	im.fd = -1;
	assert_int_equal(jfake_mkimage(im.path, bs, IMG_KIB, csum), 0);
	n = jfake_journal_blocks(im.path, im.jmap, MAXJ);
	assert_int_equal(n, 1024);
	im.jlen = (unsigned)n;
	assert_int_equal(jfake_free_blocks(im.path, 512, 4000 * 1024 / bs, im.fb), 512);
}

void img_make(unsigned bs, const char *tag)
{
	img_make_csum(bs, tag, 0);
}

/* Open an image file (a copy, or the image itself) as the device, with a fresh cache. */
void img_open(const char *path, uint64_t cache)
{
	im.fd = jfake_open(path);
	assert_true(im.fd >= 0);
	im.dev = (struct buf_dev){ .name = "img",
				   .block_size = im.bs,
				   .nblocks = (uint64_t)IMG_KIB * 1024 / im.bs,
				   .rw = img_rw };
	im.nw = 0;
	assert_int_equal(bcache_init(cache, 0), 0);
}

/* Drop the cache without writing (a crash, or after a sync) and close the file. */
void img_close(void)
{
	bcache_fini();
	assert_int_equal(bfake_pages, 0);
	bfake_disk_close(im.fd);
	im.fd = -1;
}

struct jbd *jopen(void)
{
	struct jbd_params p = {
		.name = "img",
		.dev = &im.dev,
		.nblocks = im.jlen,
		.bmap = img_bmap,
	};
	struct jbd *j = NULL;

	assert_int_equal(jbd_load(&p, &j), 0);
	assert_non_null(j);
	return j;
}

static uint8_t disk_byte(uint64_t blk, unsigned off)
{
	uint8_t v;

	assert_int_equal(bfake_disk_read(im.fd, &v, 1, blk * im.bs + off), 0);
	return v;
}

/*
 * The file system's part around a crash: needs_recovery set, or cleared
 * after a replay; with metadata_csum, the superblock's crc32c (of its
 * first 1020 bytes, little-endian at 0x3fc) follows.
 */
void set_recover(int on)
{
	uint8_t sb[1024];
	uint32_t c;

	assert_int_equal(bfake_disk_read(im.fd, sb, 1024, 1024), 0);
	sb[SB_INCOMPAT - 1024] =
	    on ? sb[SB_INCOMPAT - 1024] | RECOVER : sb[SB_INCOMPAT - 1024] & ~RECOVER;
	if (sb[0x65] & 0x04) { /* RO_COMPAT_METADATA_CSUM (0x400) */
		c = jbd_crc32c(~0U, sb, 0x3fc);
		for (int i = 0; i < 4; i++)
			sb[0x3fc + i] = (uint8_t)(c >> (8 * i));
	}
	assert_int_equal(bfake_disk_write(im.fd, sb, 1024, 1024), 0);
}

/* Change a metadata block in a handle: every byte @p fill (the magic first if @p magic). */
void put_block(struct jbd_handle *h, uint64_t blk, uint8_t fill, int magic)
{
	struct buf *b;

	assert_int_equal(buf_read(&im.dev, blk, &b), 0);
	assert_int_equal(jbd_get_write(h, b), 0);
	memset(b->data, fill, im.bs);
	if (magic)
		jbd_put32(b->data, 0, JBD_MAGIC);
	assert_int_equal(jbd_dirty_meta(h, b), 0);
	buf_release(b);
}

void expect_fill(uint64_t blk, uint8_t fill)
{
	assert_int_equal(disk_byte(blk, 5), fill);
	assert_int_equal(disk_byte(blk, im.bs - 1), fill);
}

static void copy_to(const char *tag, char *out, size_t n)
{
	jfake_tmpname(out, n, tag);
	assert_int_equal(jfake_copy(im.path, out), 0);
}

/*
 * The superblock fields e2fsck rewrites from its own clock and counters
 * whenever it writes the superblock: s_wtime, s_kbytes_written, and the
 * crc32c over them (metadata_csum).
 */
static const uint64_t sb_e2fsck_fields[] = { 1024 + 0x30, 4, 1024 + 0x178, 8, 1024 + 0x3fc, 4 };

/*
 * Replay the crashed image both ways: copy A by e2fsck, copy B by our
 * jbd_recover() (which must report @p ntrans); they must be identical
 * (but sb_e2fsck_fields) and B clean for e2fsck -fn. Leaves B open as the device.
 */
static void replay_both(int ntrans, char *b_path, size_t n)
{
	char a_path[96];
	struct jbd *j;

	copy_to("A", a_path, sizeof(a_path));
	copy_to("B", b_path, n);
	assert_int_equal(jfake_run("e2fsck -E journal_only -y %s", a_path), 0);
	img_open(b_path, 64);
	j = jopen();
	assert_true(jbd_dirty(j));
	assert_int_equal(jbd_recover(j), ntrans);
	assert_false(jbd_dirty(j));
	assert_int_equal(jbd_close(j), 0);
	set_recover(0); /* ext2's part after a replay */
	assert_int_equal(bcache_sync(NULL), 0);
	assert_int_equal(jfake_cmp(a_path, b_path, sb_e2fsck_fields, 3), 0);
	assert_int_equal(jfake_run("e2fsck -fn %s", b_path), 0);
	jfake_unlink(a_path);
}

/* Set incompatible features in the journal superblock of the image (not open). */
static void journal_features(uint32_t incompat)
{
	uint8_t sb[4096];

	im.fd = jfake_open(im.path);
	assert_true(im.fd >= 0);
	assert_int_equal(bfake_disk_read(im.fd, sb, im.bs, im.jmap[0] * im.bs), 0);
	jbd_put32(sb, JBD_SB_INCOMPAT, incompat);
	assert_int_equal(bfake_disk_write(im.fd, sb, im.bs, im.jmap[0] * im.bs), 0);
	bfake_disk_close(im.fd);
}

/* A crash after two commits: e2fsck's replay and ours give the same image. */
static void replay_matches_e2fsck(unsigned bs, uint32_t incompat, int csum)
{
	char b_path[96];
	uint64_t iblk;
	unsigned ioff;
	struct jbd_handle h;
	struct buf *b;
	struct jbd *j;

	img_make_csum(bs, "ref", csum);
	assert_int_equal(jfake_inode_loc(im.path, 2, &iblk, &ioff), 0);
	if (incompat != 0)
		journal_features(incompat);
	img_open(im.path, 64);
	j = jopen();
	assert_int_equal(jbd_start(j, 8, &h), 0);
	put_block(&h, im.fb[0], 0x11, 0);
	put_block(&h, im.fb[1], 0x55, 1); /* starts with the magic: escaped in the log */
	put_block(&h, im.fb[2], 0x33, 0);
	assert_int_equal(buf_read(&im.dev, iblk, &b), 0); /* the root inode's atime */
	assert_int_equal(jbd_get_write(&h, b), 0);
	if (!csum) { /* (with metadata_csum the inode's own checksum would be wrong) */
		((uint8_t *)b->data)[ioff + 8] = 0x78;
		((uint8_t *)b->data)[ioff + 9] = 0x56;
	}
	assert_int_equal(jbd_dirty_meta(&h, b), 0);
	buf_release(b);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
	assert_int_equal(jbd_start(j, 8, &h), 0);
	put_block(&h, im.fb[0], 0x22, 0);
	assert_int_equal(jbd_revoke(&h, im.fb[2]), 0); /* freed: T1's copy must not come back */
	put_block(&h, im.fb[3], 0x44, 0);
	assert_int_equal(jbd_revoke(&h, im.fb[5]), 0); /* freed, then metadata again: */
	put_block(&h, im.fb[5], 0x66, 0);	       /* the revoke is cancelled */
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
	assert_int_equal(bcache_sync(NULL), 0); /* the flush thread passes: pinned, nothing home */
	expect_fill(im.fb[0], 0);
	expect_fill(im.fb[3], 0);
	jbd_abandon(j); /* the crash */
	set_recover(1);
	img_close();
	replay_both(2, b_path, sizeof(b_path));
	expect_fill(im.fb[0], 0x22);
	assert_int_equal(disk_byte(im.fb[1], 0), 0xc0);
	assert_int_equal(disk_byte(im.fb[1], 3), 0x98);
	expect_fill(im.fb[1], 0x55);
	expect_fill(im.fb[2], 0);
	expect_fill(im.fb[3], 0x44);
	expect_fill(im.fb[5], 0x66);
	assert_int_equal(disk_byte(iblk, ioff + 9) == 0x56, !csum);
	img_close();
	jfake_unlink(b_path);
	jfake_unlink(im.path);
}

static void test_replay_matches_e2fsck_1k(void **state)
{
	(void)state;
	replay_matches_e2fsck(1024, 0, 0);
}

static void test_replay_matches_e2fsck_4k(void **state)
{
	(void)state;
	replay_matches_e2fsck(4096, 0, 0);
}

/* A CSUM_V3 journal (crc32c in every tag, descriptor, revoke and commit block). */
static void test_replay_matches_e2fsck_csum_v3(void **state)
{
	(void)state;
	replay_matches_e2fsck(1024, 0, 1);
	replay_matches_e2fsck(4096, 0, 1);
}

/* With 64BIT: 12-byte tags and 8-byte revoke records, as e2fsck reads them. */
static void test_replay_matches_e2fsck_64bit(void **state)
{
	(void)state;
	replay_matches_e2fsck(1024, JBD_INCOMPAT_64BIT | JBD_INCOMPAT_REVOKE, 0);
}

/* Transactions debugfs wrote (journal_write), with a revoke: replayed as e2fsck does. */
static void replay_debugfs_log(int csum)
{
	char data[96], script[96], b_path[96];
	uint64_t *fb = im.fb;

	img_make_csum(1024, "dbg", csum);
	jfake_tmpname(data, sizeof(data), "data");
	jfake_tmpname(script, sizeof(script), "script");
	assert_int_equal(jfake_random_file(data, 2 * 1024), 0);
	assert_int_equal(
	    jfake_write_text(script, "jo\njw -b %llu,%llu %s\njw -r %llu\njw -b %llu %s\njc\n",
			     (unsigned long long)fb[0], (unsigned long long)fb[1], data,
			     (unsigned long long)fb[0], (unsigned long long)fb[2], data),
	    0);
	assert_int_equal(jfake_run("debugfs -w -f %s %s", script, im.path), 0);
	replay_both(3, b_path, sizeof(b_path));
	expect_fill(fb[0], 0); /* revoked by the second transaction */
	assert_int_not_equal(disk_byte(fb[1], 0) | disk_byte(fb[1], 1) | disk_byte(fb[1], 2), 0);
	img_close();
	jfake_unlink(b_path);
	jfake_unlink(data);
	jfake_unlink(script);
	jfake_unlink(im.path);
}

static void test_replay_debugfs_log(void **state)
{
	(void)state;
	replay_debugfs_log(0);
}

/* The same with a CSUM_V3 journal: debugfs' checksums are checked and pass. */
static void test_replay_debugfs_csum_log(void **state)
{
	(void)state;
	replay_debugfs_log(1);
}

/* A logged block whose checksum is wrong is not replayed: recovery refuses, for e2fsck. */
static void test_csum_bad_block(void **state)
{
	struct jbd_handle h;
	uint8_t blk[1024];
	struct jbd *j;

	(void)state;
	img_make_csum(1024, "badsum", 1);
	img_open(im.path, 64);
	j = jopen();
	assert_int_equal(jbd_start(j, 4, &h), 0);
	put_block(&h, im.fb[0], 0x11, 0);
	put_block(&h, im.fb[1], 0x22, 0);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
	jbd_abandon(j);
	bcache_fini();
	/* The log: descriptor at block 1, the copies at 2 and 3, the commit block at 4. */
	assert_int_equal(bfake_disk_read(im.fd, blk, 1024, im.jmap[3] * 1024), 0);
	assert_int_equal(blk[7], 0x22);
	blk[7] ^= 1;
	assert_int_equal(bfake_disk_write(im.fd, blk, 1024, im.jmap[3] * 1024), 0);
	assert_int_equal(bcache_init(64, 0), 0);
	j = jopen();
	assert_int_equal(jbd_recover(j), -EUCLEAN);
	assert_non_null(strstr(jfake_last_msg, "bad checksum"));
	assert_true(jbd_dirty(j)); /* left for e2fsck */
	jbd_abandon(j);
	expect_fill(im.fb[1], 0);
	img_close();
	jfake_unlink(im.path);
}

/* Two commits; the second's commit block (the last journal write) is then spoilt. */
static void torn(int how)
{
	char b_path[96];
	struct jbd_handle h;
	uint64_t cb;
	uint8_t blk[4096];
	struct jbd *j;

	img_make(1024, how ? "seq" : "torn");
	img_open(im.path, 64);
	j = jopen();
	assert_int_equal(jbd_start(j, 4, &h), 0);
	put_block(&h, im.fb[0], 0x11, 0);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
	assert_int_equal(jbd_start(j, 4, &h), 0);
	put_block(&h, im.fb[0], 0x22, 0);
	put_block(&h, im.fb[1], 0x33, 0);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
	cb = im.wlog[im.nw - 1];
	jbd_abandon(j);
	assert_int_equal(bfake_disk_read(im.fd, blk, 1024, cb * 1024), 0);
	assert_int_equal(jbd_get32(blk, JBD_H_TYPE), JBD_COMMIT);
	if (how)
		jbd_put32(blk, JBD_H_SEQ, jbd_get32(blk, JBD_H_SEQ) + 7);
	else
		memset(blk, 0, sizeof(blk));
	assert_int_equal(bfake_disk_write(im.fd, blk, 1024, cb * 1024), 0);
	set_recover(1);
	img_close();
	replay_both(1, b_path, sizeof(b_path));
	expect_fill(im.fb[0], 0x11);
	expect_fill(im.fb[1], 0);
	img_close();
	jfake_unlink(b_path);
	jfake_unlink(im.path);
}

static void test_torn_commit(void **state)
{
	(void)state;
	torn(0);
}

static void test_commit_wrong_sequence(void **state)
{
	(void)state;
	torn(1);
}

/* One 30-block transaction of @p fill over fb[0..n). */
static void fill_trans(struct jbd *j, unsigned n, uint8_t fill)
{
	struct jbd_handle h;

	assert_int_equal(jbd_start(j, n, &h), 0);
	for (unsigned i = 0; i < n; i++)
		put_block(&h, im.fb[i], (uint8_t)(fill + i), 0);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 1), 0);
}

/* Transactions that wrap past the end of the log replay right. */
static void test_wrapped_log(void **state)
{
	char b_path[96];
	struct jbd_stats st;
	struct jbd *j;
	uint32_t before;

	(void)state;
	img_make(1024, "wrap");
	img_open(im.path, 64);
	j = jopen();
	for (;;) {
		jbd_stats(j, &st);
		if (st.head + 32 > 1024)
			break;
		fill_trans(j, 30, 0x10);
		assert_int_equal(jbd_checkpoint(j), 0);
	}
	before = st.head;
	fill_trans(j, 30, 0xa0); /* wraps */
	jbd_stats(j, &st);
	assert_true(st.head < before);
	fill_trans(j, 10, 0xc0);
	jbd_abandon(j);
	set_recover(1);
	img_close();
	replay_both(2, b_path, sizeof(b_path));
	for (unsigned i = 0; i < 30; i++)
		expect_fill(im.fb[i], (uint8_t)(i < 10 ? 0xc0 + i : 0xa0 + i));
	img_close();
	jfake_unlink(b_path);
	jfake_unlink(im.path);
}

/* Load with one superblock field changed: @p rc (and the message naming @p word). */
static void bad_field(unsigned off, uint32_t v, int rc, const char *word)
{
	uint8_t sb[4096], orig[4096];
	uint64_t at = im.jmap[0] * im.bs;
	struct jbd_params p = {
		.name = "img",
		.dev = &im.dev,
		.nblocks = im.jlen,
		.bmap = img_bmap,
	};
	struct jbd *j = (struct jbd *)1;

	assert_int_equal(bfake_disk_read(im.fd, orig, im.bs, at), 0);
	memcpy(sb, orig, im.bs);
	jbd_put32(sb, off, v);
	assert_int_equal(bfake_disk_write(im.fd, sb, im.bs, at), 0);
	assert_int_equal(bcache_init(64, 0), 0);
	jfake_last_msg[0] = '\0';
	assert_int_equal(jbd_load(&p, &j), rc);
	assert_null(j);
	if (word != NULL)
		assert_non_null(strstr(jfake_last_msg, word));
	bcache_fini();
	assert_int_equal(bfake_disk_write(im.fd, orig, im.bs, at), 0);
}

static void test_bad_superblock(void **state)
{
	struct jbd_params p = {
		.name = "img",
		.dev = &im.dev,
		.nblocks = 1000,
		.bmap = img_bmap,
	};
	struct jbd *j;

	(void)state;
	img_make(1024, "badsb");
	img_open(im.path, 64);
	bcache_fini();
	bad_field(JBD_H_MAGIC, 0x12345678, -EUCLEAN, "magic");
	bad_field(JBD_H_TYPE, 9, -EUCLEAN, "type");
	bad_field(JBD_SB_BLOCKSIZE, 4096, -EUCLEAN, "block size");
	bad_field(JBD_SB_MAXLEN, im.jlen + 1, -EUCLEAN, "length");
	bad_field(JBD_SB_MAXLEN, 100, -EUCLEAN, "length");
	bad_field(JBD_SB_FIRST, 0, -EUCLEAN, "first");
	bad_field(JBD_SB_FIRST, 1024, -EUCLEAN, "first");
	bad_field(JBD_SB_START, 5000, -EUCLEAN, "start");
	bad_field(JBD_SB_ERRNO, (uint32_t)-5, -EUCLEAN, "error");
	bad_field(JBD_SB_NR_USERS, 3, -EUCLEAN, "users");
	bad_field(JBD_SB_INCOMPAT, JBD_INCOMPAT_CSUM_V2, -EINVAL, "csum_v2");
	bad_field(JBD_SB_INCOMPAT, JBD_INCOMPAT_FAST_COMMIT, -EINVAL, "fast_commit");
	bad_field(JBD_SB_INCOMPAT, JBD_INCOMPAT_CSUM_V3, -EUCLEAN, "checksum type");
	bad_field(JBD_SB_INCOMPAT, JBD_INCOMPAT_REVOKE | JBD_INCOMPAT_ASYNC_COMMIT, -EINVAL,
		  "async_commit");
	bad_field(JBD_SB_INCOMPAT, 0x400, -EINVAL, "unknown");
	bad_field(JBD_SB_COMPAT, JBD_COMPAT_CHECKSUM, -EINVAL, "checksum");
	bad_field(JBD_SB_RO_COMPAT, 1, -EINVAL, "not supported");
	assert_int_equal(bcache_init(64, 0), 0);
	j = (struct jbd *)1;
	assert_int_equal(jbd_load(&p, &j), -EUCLEAN); /* a file smaller than the journal */
	assert_null(j);
	j = jopen(); /* the untouched superblock loads */
	assert_false(jbd_dirty(j));
	assert_int_equal(jbd_recover(j), 0);
	assert_int_equal(jbd_close(j), 0);
	img_close();
	assert_int_equal(jfake_run("e2fsck -fn %s", im.path), 0);
	jfake_unlink(im.path);
}

static int logged_at(uint64_t blk, unsigned from)
{
	for (unsigned i = from; i < im.nw; i++)
		if (im.wlog[i] == blk)
			return (int)i;
	return -1;
}

static int is_journal(uint64_t blk)
{
	for (unsigned i = 0; i < im.jlen; i++)
		if (im.jmap[i] == blk)
			return 1;
	return 0;
}

static void data_block(struct jbd_handle *h, uint64_t blk, uint8_t fill)
{
	struct buf *b;

	assert_int_equal(buf_get(&im.dev, blk, &b), 0);
	memset(b->data, fill, im.bs);
	assert_int_equal(jbd_dirty_data(h, b), 0);
	buf_release(b);
}

static void touch_block(uint64_t blk)
{
	struct buf *b;

	assert_int_equal(buf_read(&im.dev, blk, &b), 0);
	buf_release(b);
}

/* Ordered data reaches the disk before the commit; pinned metadata not before the checkpoint. */
static void test_ordered_mode(void **state)
{
	uint64_t d, m;
	struct buf_stats bs;
	struct jbd_handle h;
	struct jbd *j;
	int first_log = -1;

	(void)state;
	img_make(1024, "ord");
	d = im.fb[0];
	m = im.fb[1];
	img_open(im.path, 16);
	j = jopen();
	assert_int_equal(jbd_start(j, 4, &h), 0);
	data_block(&h, d, 0xdd);
	put_block(&h, m, 0x4d, 0);
	assert_int_equal(bcache_sync(NULL), 0); /* the flush thread: data goes, metadata stays */
	expect_fill(d, 0xdd);
	expect_fill(m, 0);
	data_block(&h, d, 0xde);
	put_block(&h, m, 0x4e, 0);
	assert_int_equal(jbd_stop(&h), 0);
	im.nw = 0;
	assert_int_equal(jbd_commit(j, 1), 0);
	for (unsigned i = 0; i < im.nw && first_log < 0; i++)
		if (is_journal(im.wlog[i]))
			first_log = (int)i;
	assert_true(first_log >= 0);
	/* the data goes with the log (one transfer), before the commit block */
	assert_true(logged_at(d, 0) >= 0 && logged_at(d, 0) < (int)im.nw - 1);
	assert_true(is_journal(im.wlog[im.nw - 1])); /* the commit block, last */
	assert_int_equal(logged_at(m, 0), -1);
	for (uint64_t i = 0; i < 100; i++) /* pressure: the cache of 16 evicts all it can */
		touch_block(3000 + i);
	bcache_shrink(1000);
	bcache_stats(&bs);
	assert_int_equal(bs.pinned, 1);
	assert_int_equal(logged_at(m, 0), -1);
	expect_fill(m, 0);
	assert_int_equal(jbd_checkpoint(j), 0);
	expect_fill(m, 0x4e);
	bcache_stats(&bs);
	assert_int_equal(bs.pinned, 0);
	assert_int_equal(jbd_close(j), 0);
	assert_int_equal(disk_byte(im.jmap[0], JBD_SB_START + 3), 0);
	img_close();
	assert_int_equal(jfake_run("e2fsck -fn %s", im.path), 0);
	jfake_unlink(im.path);
}

/* A block changed by a transaction that never commits stays home-less; replay gives the last
 * commit's. */
static void test_uncommitted_not_home(void **state)
{
	char b_path[96];
	struct jbd_handle h;
	struct jbd *j;

	(void)state;
	img_make(1024, "unc");
	img_open(im.path, 64);
	j = jopen();
	fill_trans(j, 1, 0x11);
	assert_int_equal(jbd_start(j, 2, &h), 0);
	put_block(&h, im.fb[0], 0x22, 0);
	assert_int_equal(jbd_checkpoint(j), 0); /* the block is busy in the running transaction */
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(bcache_sync(NULL), 0);
	expect_fill(im.fb[0], 0);
	jbd_abandon(j);
	set_recover(1);
	img_close();
	replay_both(1, b_path, sizeof(b_path));
	expect_fill(im.fb[0], 0x11);
	img_close();
	jfake_unlink(b_path);
	jfake_unlink(im.path);
}

/* Many handles and no explicit commit: full transactions commit, a full log checkpoints. */
static void test_log_pressure(void **state)
{
	struct jbd_stats st;
	struct jbd_handle h;
	struct buf *b;
	struct jbd *j;

	(void)state;
	img_make(1024, "press");
	img_open(im.path, 64);
	j = jopen();
	assert_int_equal(jbd_start(j, 100000, &h), -E2BIG);
	for (unsigned r = 0; r < 200; r++) {
		assert_int_equal(jbd_start(j, 40, &h), 0);
		for (unsigned i = 0; i < 40; i++)
			put_block(&h, im.fb[(r * 40 + i) % 512], (uint8_t)r, 0);
		assert_int_equal(jbd_stop(&h), 0);
	}
	jbd_stats(j, &st);
	assert_true(st.commits >= 20);
	assert_true(st.checkpoints > 0);
	assert_int_equal(jbd_start(j, 1, &h), 0);
	assert_int_equal(buf_read(&im.dev, im.fb[0], &b), 0);
	assert_int_equal(jbd_dirty_meta(&h, b), -EINVAL); /* no get_write first */
	assert_int_equal(jbd_get_write(&h, b), 0);
	buf_release(b);
	assert_int_equal(buf_read(&im.dev, im.fb[1], &b), 0);
	assert_int_equal(jbd_get_write(&h, b), -ENOSPC); /* its one credit is spent */
	buf_release(b);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_close(j), 0);
	for (unsigned i = 0; i < 40; i++) /* the last round's blocks are home */
		expect_fill(im.fb[(199 * 40 + i) % 512], 199);
	img_close();
	assert_int_equal(jfake_run("e2fsck -fn %s", im.path), 0);
	jfake_unlink(im.path);
}

static int teardown(void **state)
{
	(void)state;
	fake_sleep_hook = NULL;
	if (im.fd >= 0) {
		bcache_fini();
		bfake_disk_close(im.fd);
		im.fd = -1;
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_replay_matches_e2fsck_1k, teardown),
		cmocka_unit_test_teardown(test_replay_matches_e2fsck_4k, teardown),
		cmocka_unit_test_teardown(test_replay_matches_e2fsck_64bit, teardown),
		cmocka_unit_test_teardown(test_replay_matches_e2fsck_csum_v3, teardown),
		cmocka_unit_test_teardown(test_replay_debugfs_csum_log, teardown),
		cmocka_unit_test_teardown(test_csum_bad_block, teardown),
		cmocka_unit_test_teardown(test_replay_debugfs_log, teardown),
		cmocka_unit_test_teardown(test_torn_commit, teardown),
		cmocka_unit_test_teardown(test_commit_wrong_sequence, teardown),
		cmocka_unit_test_teardown(test_wrapped_log, teardown),
		cmocka_unit_test_teardown(test_bad_superblock, teardown),
		cmocka_unit_test_teardown(test_ordered_mode, teardown),
		cmocka_unit_test_teardown(test_uncommitted_not_home, teardown),
		cmocka_unit_test_teardown(test_log_pressure, teardown),
		cmocka_unit_test_teardown(test_threads_consistent, teardown),
		cmocka_unit_test_teardown(test_commit_thread, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
