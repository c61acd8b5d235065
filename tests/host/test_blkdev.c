/*
 * Host tests of the block-device switch (core/kern/dev/blkdev*.c) over a
 * fake disk in memory: MBR partitions become children with the right
 * ranges (and bad entries are refused), partition requests are
 * translated, ranges are checked, requests longer than the driver's
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
#include <kern/lock.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#define FAKE_SECTORS 4096

static uint8_t fake_disk[FAKE_SECTORS][512];
static uint64_t fake_bad = ~0ULL; /* sector that fails */
static int fake_deferred;	  /* complete in thr_sleep, not in submit */
static struct blkreq *fake_pending;
static unsigned fake_submits, fake_max_seen;
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

void *mem_alloc(size_t size)
{
	return malloc(size);
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
	int bad = fake_bad >= r->sector && fake_bad < r->sector + r->count;

	if (!bad) {
		if (r->write)
			memcpy(fake_disk[r->sector], r->buf, (size_t)r->count * 512);
		else
			memcpy(r->buf, fake_disk[r->sector], (size_t)r->count * 512);
	}
	r->status = bad ? -EIO : 0;
	r->done(r);
}

/* The "interrupt": the deferred request completes while its waiter sleeps. */
int thr_sleep(const void *wchan, uint64_t timeout_ns)
{
	struct blkreq *r = fake_pending;

	(void)wchan, (void)timeout_ns;
	assert_non_null(r);
	fake_pending = NULL;
	fake_finish(r);
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
	if (fake_deferred)
		fake_pending = r;
	else
		fake_finish(r);
	return 0;
}

static const struct blkdev_ops fake_ops = { .version = BLKDEV_OPS_VERSION, .submit = fake_submit };
static struct blkdev fake_bd = {
	.name = "vda", .sector_size = 512, .sectors = FAKE_SECTORS, .max_count = 8, .ops = &fake_ops
};

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
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
	return blkdev_register(&fake_bd);
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
	assert_null(fake_pending);
	assert_int_equal(buf[0], 42);
	fake_deferred = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partitions), cmocka_unit_test(test_translate_and_range),
		cmocka_unit_test(test_split),	   cmocka_unit_test(test_eio),
		cmocka_unit_test(test_deferred),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
