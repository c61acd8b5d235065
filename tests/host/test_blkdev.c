/*
 * Host tests of the block-device switch (core/kern/dev/blkdev*.c) over a
 * fake disk in memory: MBR partitions become children with the right
 * ranges (and bad entries are refused), partition requests are
 * translated, a GPT is read (and one whose entry array fails its CRC is
 * refused), ranges are checked, requests longer than the driver's
 * limit are split, a failing sector gives -EIO with a log line naming the
 * device and the sector, and a request that completes "later" (from the
 * fake sleep, as an interrupt would) wakes the waiter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#define FAKE_SECTORS 4096
#define GPT_SECTORS  256

static uint8_t fake_disk[FAKE_SECTORS][512];
static uint8_t gpt_disk[GPT_SECTORS][512], badgpt_disk[GPT_SECTORS][512];
static uint64_t fake_bad = ~0ULL;      /* sector that fails */
static int fake_deferred;	       /* complete in thr_sleep, not in submit */
static struct blkreq *fake_pending[8]; /* deferred, in submission order */
static unsigned fake_npending, fake_max_pending;
static unsigned fake_submits, fake_max_seen, fake_max_segs_seen;
static char fake_log[4096];

/* The kernel services blkdev.c uses. */
int printk(const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(fake_log);

	va_start(ap, fmt);
	vsnprintf(fake_log + n, sizeof(fake_log) - n, fmt, ap);
	va_end(ap);
	return 0;
}

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(fake_log);

	(void)level;
	va_start(ap, fmt);
	vsnprintf(fake_log + n, sizeof(fake_log) - n, fmt, ap);
	va_end(ap);
	return 0;
}

static int fake_nomem; /* mem_alloc() finds nothing */

void *mem_alloc(size_t size)
{
	return fake_nomem ? NULL : malloc(size);
}

void *mem_zalloc(size_t size)
{
	return calloc(1, size);
}

void mem_free(void *p)
{
	free(p);
}

void spin_lock(struct spinlock *l)
{
	l->locked = 1;
}

void spin_unlock(struct spinlock *l)
{
	l->locked = 0;
}

static void fake_finish(struct blkreq *r)
{
	uint8_t(*disk)[512] = r->bd->priv;
	int bad = disk == fake_disk && fake_bad >= r->sector && fake_bad < r->sector + r->count;

	uint64_t at = r->sector;
	uint32_t total = 0;

	assert_true(r->nseg >= 1);
	for (unsigned i = 0; !bad && i < r->nseg; i++) {
		if (r->write)
			memcpy(disk[at], r->seg[i].buf, r->seg[i].len);
		else
			memcpy(r->seg[i].buf, disk[at], r->seg[i].len);
		at += r->seg[i].len / 512;
		total += r->seg[i].len;
	}
	assert_true(bad || total == r->count * 512u);
	r->status = bad ? -EIO : 0;
	r->done(r);
}

/* The "interrupt": the deferred requests complete, last first, while their waiter sleeps. */
int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	(void)wchan, (void)timeout_ns;
	assert_true(fake_npending > 0);
	while (fake_npending)
		fake_finish(fake_pending[--fake_npending]);
	return 0;
}

unsigned thr_wakeup(const void *wchan)
{
	(void)wchan;
	return 1;
}

static int fake_submit(struct blkdev *bd, struct blkreq *r)
{
	assert_ptr_equal(r->bd, bd);
	fake_submits++;
	if (r->count > fake_max_seen)
		fake_max_seen = r->count;
	if (r->nseg > fake_max_segs_seen)
		fake_max_segs_seen = r->nseg;
	if (fake_deferred) {
		assert_true(fake_npending < 8);
		fake_pending[fake_npending++] = r;
		if (fake_npending > fake_max_pending)
			fake_max_pending = fake_npending;
	} else
		fake_finish(r);
	return 0;
}

static const struct blkdev_ops fake_ops = { .version = BLKDEV_OPS_VERSION, .submit = fake_submit };
static struct blkdev fake_bd = { .name = "vda",
				 .sector_size = 512,
				 .sectors = FAKE_SECTORS,
				 .max_count = 8,
				 .max_segs = 3,
				 .ops = &fake_ops,
				 .priv = fake_disk };
static struct blkdev gpt_bd = { .name = "vdb",
				.sector_size = 512,
				.sectors = GPT_SECTORS,
				.ops = &fake_ops,
				.priv = gpt_disk };
static struct blkdev badgpt_bd = { .name = "vdc",
				   .sector_size = 512,
				   .sectors = GPT_SECTORS,
				   .ops = &fake_ops,
				   .priv = badgpt_disk };

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

/* The test's own CRC-32, table driven (the code under test goes bit by bit). */
static uint32_t test_crc32(const uint8_t *p, size_t len)
{
	static uint32_t table[256];
	uint32_t crc = 0xffffffffu;

	if (table[1] == 0)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* A protective MBR, a GPT header at LBA 1 and 128 entries at LBA 2-33:
 * entry 1 at 40-99, entry 3 at 100-199, entry 4 past the end. */
static void make_gpt(uint8_t (*d)[512])
{
	uint8_t *h = d[1], *a = d[2];

	d[0][446 + 4] = 0xee;
	put_le32(&d[0][446 + 8], 1);
	put_le32(&d[0][446 + 12], GPT_SECTORS - 1);
	d[0][510] = 0x55;
	d[0][511] = 0xaa;
	memset(a, 0, 128 * 128);
	memset(a, 0xaf, 16);
	put_le64(a + 32, 40);
	put_le64(a + 40, 99);
	memset(a + 2 * 128, 0x11, 16);
	put_le64(a + 2 * 128 + 32, 100);
	put_le64(a + 2 * 128 + 40, 199);
	memset(a + 3 * 128, 0x22, 16);
	put_le64(a + 3 * 128 + 32, 200);
	put_le64(a + 3 * 128 + 40, GPT_SECTORS);
	memcpy(h, "EFI PART", 8);
	put_le32(h + 8, 0x10000);
	put_le32(h + 12, 92);
	put_le64(h + 24, 1);
	put_le64(h + 72, 2);
	put_le32(h + 80, 128);
	put_le32(h + 84, 128);
	put_le32(h + 88, test_crc32(a, 128 * 128));
	put_le32(h + 16, test_crc32(h, 92));
}

static void mbr_entry(int n, uint8_t type, uint32_t start, uint32_t count)
{
	uint8_t *e = &fake_disk[0][446 + 16 * n];

	e[4] = type;
	put_le32(e + 8, start);
	put_le32(e + 12, count);
}

/* One registration for the whole file: the switch only grows. */
static int setup(void **state)
{
	(void)state;
	for (unsigned s = 0; s < FAKE_SECTORS; s++)
		memset(fake_disk[s], (int)(s & 0xff), 512);
	memset(fake_disk[0] + 446, 0, 64);
	mbr_entry(0, 0x83, 2048, 1024);
	mbr_entry(1, 0x83, 4000, 200); /* passes the end: refused */
	mbr_entry(2, 0x00, 100, 100);  /* unused */
	mbr_entry(3, 0x0c, 1, 99);
	fake_disk[0][510] = 0x55;
	fake_disk[0][511] = 0xaa;
	make_gpt(gpt_disk);
	make_gpt(badgpt_disk);
	badgpt_disk[2][2 * 128 + 40] ^= 1; /* entry 3 changed: the array's CRC fails */
	if (blkdev_register(&fake_bd) || blkdev_register(&gpt_bd))
		return -1;
	return blkdev_register(&badgpt_bd);
}

static void test_partitions(void **state)
{
	struct blkdev *p1 = blkdev_find("vda1"), *p4 = blkdev_find("vda4");

	(void)state;
	assert_ptr_equal(blkdev_find("vda"), &fake_bd);
	assert_non_null(p1);
	assert_non_null(p4);
	assert_null(blkdev_find("vda2"));
	assert_null(blkdev_find("vda3"));
	assert_int_equal(p1->start, 2048);
	assert_int_equal(p1->sectors, 1024);
	assert_int_equal(p4->start, 1);
	assert_ptr_equal(p1->parent, &fake_bd);
	assert_non_null(strstr(fake_log, "blkdev: vda: partition 2 (4000+200) passes the end"));
	assert_non_null(strstr(fake_log, "blkdev: vda1: sectors 2048-3071, type 0x83"));
	assert_int_equal(blkdev_register(&fake_bd), -EEXIST);
}

static void test_gpt(void **state)
{
	struct blkdev *p1 = blkdev_find("vdb1"), *p3 = blkdev_find("vdb3");

	(void)state;
	assert_int_equal(test_crc32((const uint8_t *)"123456789", 9), 0xcbf43926u);
	assert_non_null(p1);
	assert_non_null(p3);
	assert_null(blkdev_find("vdb2"));
	assert_null(blkdev_find("vdb4")); /* past the end */
	assert_int_equal(p1->start, 40);
	assert_int_equal(p1->sectors, 60);
	assert_int_equal(p3->start, 100);
	assert_int_equal(p3->sectors, 100);
	assert_non_null(strstr(fake_log, "blkdev: vdb3: sectors 100-199, GPT"));
	assert_null(blkdev_find("vdc1"));
	assert_non_null(
	    strstr(fake_log, "vdc: protective MBR but no usable GPT (bad entry array CRC)"));
}

static void test_translate_and_range(void **state)
{
	struct blkdev *p1 = blkdev_find("vda1");
	uint8_t buf[512];

	(void)state;
	assert_int_equal(blkdev_rw(p1, 5, buf, 1, 0), 0);
	assert_int_equal(buf[0], (2048 + 5) & 0xff);
	assert_int_equal(blkdev_rw(p1, 1024, buf, 1, 0), -EINVAL);
	assert_int_equal(blkdev_rw(p1, 1023, buf, 2, 0), -EINVAL);
	assert_int_equal(blkdev_rw(&fake_bd, FAKE_SECTORS - 1, buf, 1, 0), 0);
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(blkdev_rw(p1, 7, buf, 1, 1), 0);
	assert_int_equal(fake_disk[2048 + 7][100], 0x5a);
}

static void test_split(void **state)
{
	static uint8_t buf[20 * 512];

	(void)state;
	fake_submits = fake_max_seen = 0;
	assert_int_equal(blkdev_rw(&fake_bd, 100, buf, 20, 0), 0);
	assert_int_equal(fake_submits, 3); /* 8 + 8 + 4 */
	assert_int_equal(fake_max_seen, 8);
	for (unsigned i = 0; i < 20; i++)
		assert_int_equal(buf[i * 512 + 3], (100 + i) & 0xff);
}

static void test_eio(void **state)
{
	uint8_t buf[4 * 512];

	(void)state;
	fake_log[0] = '\0';
	fake_bad = 2050;
	assert_int_equal(blkdev_rw(blkdev_find("vda1"), 0, buf, 4, 0), -EIO);
	assert_non_null(strstr(fake_log, "blkdev: vda1: read error at sector 0 (4 sectors)"));
	assert_int_equal(blkdev_rw(&fake_bd, 2050, buf, 1, 1), -EIO);
	assert_non_null(strstr(fake_log, "blkdev: vda: write error at sector 2050"));
	fake_bad = ~0ULL;
}

static void test_deferred(void **state)
{
	uint8_t buf[512];

	(void)state;
	fake_deferred = 1;
	assert_int_equal(blkdev_rw(&fake_bd, 42, buf, 1, 0), 0);
	assert_int_equal(fake_npending, 0);
	assert_int_equal(buf[0], 42);
	fake_deferred = 0;
}

/* Segments: cut into requests of at most 8 sectors and 3 segments, a
 * segment split between two requests where the count says, several in
 * flight at once, each byte where it belongs; bad segments refused. */
static void test_segments(void **state)
{
	static uint8_t a[3 * 512], b[7 * 512], c[512], d[9 * 512], e[2 * 512];
	struct blkseg seg[] = { { a, sizeof(a) },
				{ b, sizeof(b) },
				{ c, sizeof(c) },
				{ d, sizeof(d) },
				{ e, sizeof(e) } };
	uint8_t *mem[] = { a, b, c, d, e };
	unsigned at = 0;

	(void)state;
	fake_submits = fake_max_seen = fake_max_segs_seen = fake_max_pending = 0;
	fake_deferred = 1;
	assert_int_equal(blkdev_rwv(&fake_bd, 300, seg, 5, 0), 0);
	fake_deferred = 0;
	assert_int_equal(fake_submits, 3); /* 22 sectors: 8 (a, b cut), 8 (b, c, d cut), 6 */
	assert_int_equal(fake_max_seen, 8);
	assert_int_equal(fake_max_segs_seen, 3);
	assert_int_equal(fake_max_pending, 3);
	for (unsigned i = 0; i < 5; i++)
		for (unsigned k = 0; k < seg[i].len / 512; k++, at++)
			assert_int_equal(mem[i][k * 512 + 9], (300 + at) & 0xff);
	memset(d, 0xc3, sizeof(d));
	assert_int_equal(blkdev_rwv(&fake_bd, 400, &seg[3], 1, 1), 0);
	assert_int_equal(fake_disk[408][0], 0xc3);
	seg[1].len = 100;
	assert_int_equal(blkdev_rwv(&fake_bd, 300, seg, 5, 0), -EINVAL);
	seg[1].len = 0;
	assert_int_equal(blkdev_rwv(&fake_bd, 300, seg, 5, 0), -EINVAL);
	assert_int_equal(blkdev_rwv(&fake_bd, FAKE_SECTORS - 8, &seg[3], 1, 0), -EINVAL);
}

/* The buffer cache's view (blkdev_buf.c): 100 blocks of 1 KiB in two runs,
 * each block's memory elsewhere, written and read back through the
 * segment table from the heap and, short of memory, the small one on the
 * stack; blocks out of order or past the end are refused. */
static void test_buf_dev(void **state)
{
	static uint8_t blocks[100][1024], back[100][1024], saved[sizeof(fake_disk)];
	uint64_t nos[100];
	void *data[100], *bdata[100];
	struct buf_dev d;

	(void)state;
	memcpy(saved, fake_disk, sizeof(saved)); /* the other tests read its pattern */
	assert_int_equal(blkdev_buf_init(&d, &fake_bd, 1024), 0);
	assert_int_equal(d.nblocks, FAKE_SECTORS / 2);
	for (unsigned i = 0; i < 100; i++) {
		nos[i] = i < 40 ? 10 + i : 60 + i; /* 10-49, 100-159 */
		data[i] = blocks[(i * 37) % 100];  /* a few neighbours, mostly not */
		bdata[i] = back[(i * 53) % 100];
	}
	for (int nomem = 0; nomem < 2; nomem++) {
		fake_nomem = nomem;
		for (unsigned i = 0; i < 100; i++)
			memset(data[i], (int)(i * 7 + 1 + nomem), 1024);
		memset(back, 0, sizeof(back));
		assert_int_equal(d.rw(&d, nos, data, 100, 1), 0);
		for (unsigned i = 0; i < 100; i++) {
			assert_int_equal(fake_disk[nos[i] * 2][0], (uint8_t)(i * 7 + 1 + nomem));
			assert_int_equal(fake_disk[nos[i] * 2 + 1][511],
					 (uint8_t)(i * 7 + 1 + nomem));
		}
		assert_int_equal(d.rw(&d, nos, bdata, 100, 0), 0);
		for (unsigned i = 0; i < 100; i++)
			assert_memory_equal(bdata[i], data[i], 1024);
	}
	fake_nomem = 0;
	nos[50] = nos[49];
	assert_int_equal(d.rw(&d, nos, bdata, 100, 0), -EIO);
	nos[0] = d.nblocks;
	assert_int_equal(d.rw(&d, nos, bdata, 1, 0), -EIO);
	assert_int_equal(blkdev_buf_init(&d, &fake_bd, 768), -EINVAL);
	memcpy(fake_disk, saved, sizeof(saved));
}

/* A request handed to blkdev_submit() whose segments do not hold its sectors. */
static void test_submit_checks(void **state)
{
	static uint8_t a[1024];
	struct blkseg seg[4] = { { a, 512 }, { a, 512 }, { a, 512 }, { a, 512 } };
	struct blkreq r = { .sector = 0, .count = 3, .seg = seg, .nseg = 2 };

	(void)state;
	assert_int_equal(blkdev_submit(&fake_bd, &r), -EINVAL); /* 2 segments, 3 sectors */
	r.nseg = 4;
	r.count = 4;
	assert_int_equal(blkdev_submit(&fake_bd, &r), -EINVAL); /* over max_segs */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partitions), cmocka_unit_test(test_segments),
		cmocka_unit_test(test_buf_dev),	   cmocka_unit_test(test_submit_checks),
		cmocka_unit_test(test_gpt),	   cmocka_unit_test(test_translate_and_range),
		cmocka_unit_test(test_split),	   cmocka_unit_test(test_eio),
		cmocka_unit_test(test_deferred),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
