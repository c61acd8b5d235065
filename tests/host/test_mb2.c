/*
 * Host tests for the Multiboot2 boot-information parser (core/kern/init/mb2.c).
 *
 * Blocks are assembled by a small builder and then copied into a malloc()
 * of exactly the size the parser is allowed to read, so AddressSanitizer
 * reports any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <core/mb2.h>
#include <uapi/errno.h>

#include "mb2_builder.h"

static void test_full_block(void **state)
{
	struct bld b;
	struct full_offs o;
	struct mb2_info info;
	char err[128] = "stale";
	uint8_t *p;
	size_t i;

	(void)state;
	bld_full(&b, &o);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, &info, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_ptr_equal(info.cmdline, (const char *)p + o.cmdline + 8);
	assert_string_equal(info.cmdline, "console=ttyS0 sched=rr");
	assert_ptr_equal(info.loader, (const char *)p + o.loader + 8);
	assert_string_equal(info.loader, "GRUB 2.06");
	assert_true(info.has_meminfo);
	assert_int_equal(info.mem_lower_kb, 639);
	assert_int_equal(info.mem_upper_kb, 130048);
	assert_int_equal(info.nmods, 2);
	assert_false(info.mods_truncated);
	assert_int_equal(info.mods[0].start, 0x200000);
	assert_int_equal(info.mods[0].end, 0x201234);
	assert_ptr_equal(info.mods[0].cmdline, (const char *)p + o.mod0 + 16);
	assert_string_equal(info.mods[0].cmdline, "/boot/mod/page.ko page");
	assert_int_equal(info.mods[1].start, 0x202000);
	assert_int_equal(info.mods[1].end, 0x202000);
	assert_string_equal(info.mods[1].cmdline, "/boot/mod/empty.ko");
	assert_int_equal(info.nmmap, K_MAP_N);
	assert_false(info.mmap_truncated);
	for (i = 0; i < K_MAP_N; i++) {
		assert_int_equal(info.mmap[i].base, k_map[i].base);
		assert_int_equal(info.mmap[i].len, k_map[i].len);
		assert_int_equal(info.mmap[i].type, k_map[i].type);
	}
	assert_true(info.fb.present);
	assert_int_equal(info.fb.addr, 0xfd000000ull);
	assert_int_equal(info.fb.pitch, 4096);
	assert_int_equal(info.fb.width, 1024);
	assert_int_equal(info.fb.height, 768);
	assert_int_equal(info.fb.bpp, 32);
	assert_int_equal(info.fb.type, 1);
	assert_ptr_equal(info.rsdp, p + o.rsdp_new + 8);
	assert_int_equal(info.rsdp_len, 36);
	assert_memory_equal(info.rsdp, "RSD PTR ", 8);
	assert_int_equal(info.nunknown, 2); /* bootdev and load base */
	free(p);
}

static void test_minimal_block(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint8_t *p;

	(void)state;
	bld_init(&b);
	bld_end(&b);
	assert_int_equal(b.len, 16);
	p = bld_dup(&b, b.len);
	memset(&info, 0x5a, sizeof(info));
	assert_int_equal(mb2_parse(p, b.len, &info, NULL, 0), 0);
	assert_null(info.cmdline);
	assert_null(info.loader);
	assert_false(info.has_meminfo);
	assert_int_equal(info.nmmap, 0);
	assert_int_equal(info.nmods, 0);
	assert_false(info.fb.present);
	assert_null(info.rsdp);
	assert_int_equal(info.rsdp_len, 0);
	assert_int_equal(info.nunknown, 0);
	free(p);
}

/* A larger (future) entry_size is stepped over correctly. */
static void test_mmap_wide_entries(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint8_t *p;
	size_t i;

	(void)state;
	bld_init(&b);
	bld_mmap(&b, 40, k_map, K_MAP_N);
	bld_end(&b);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, &info, NULL, 0), 0);
	assert_int_equal(info.nmmap, K_MAP_N);
	for (i = 0; i < K_MAP_N; i++) {
		assert_int_equal(info.mmap[i].base, k_map[i].base);
		assert_int_equal(info.mmap[i].len, k_map[i].len);
		assert_int_equal(info.mmap[i].type, k_map[i].type);
	}
	free(p);
}

/* Only the ACPI 1.0 copy: it is recorded with its length. */
static void test_rsdp_old_only(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint8_t *p;
	size_t off;

	(void)state;
	bld_init(&b);
	off = bld_rsdp(&b, 14, 20);
	bld_end(&b);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, &info, NULL, 0), 0);
	assert_ptr_equal(info.rsdp, p + off + 8);
	assert_int_equal(info.rsdp_len, 20);
	free(p);
}

static void test_mem_type_name(void **state)
{
	(void)state;
	assert_string_equal(mb2_mem_type_name(MB2_MEM_AVAILABLE), "available");
	assert_string_equal(mb2_mem_type_name(MB2_MEM_RESERVED), "reserved");
	assert_string_equal(mb2_mem_type_name(MB2_MEM_ACPI), "ACPI reclaimable");
	assert_string_equal(mb2_mem_type_name(MB2_MEM_NVS), "ACPI NVS");
	assert_string_equal(mb2_mem_type_name(MB2_MEM_BAD), "bad");
	assert_string_equal(mb2_mem_type_name(0), "unknown");
	assert_string_equal(mb2_mem_type_name(6), "unknown");
	assert_string_equal(mb2_mem_type_name(UINT32_MAX), "unknown");
}

static void test_mem_total(void **state)
{
	struct mb2_info info;

	(void)state;
	memset(&info, 0, sizeof(info));
	memcpy(info.mmap, k_map, sizeof(k_map));
	info.nmmap = K_MAP_N;
	assert_int_equal(mb2_mem_total(&info, MB2_MEM_AVAILABLE), 0x9fc00 + 0x7ee0000);
	assert_int_equal(mb2_mem_total(&info, MB2_MEM_RESERVED), 0x400);
	assert_int_equal(mb2_mem_total(&info, MB2_MEM_BAD), 0);
	assert_int_equal(mb2_mem_total(&info, 7), 0x40000);
	assert_int_equal(mb2_mem_total(NULL, MB2_MEM_AVAILABLE), 0);
	info.mmap[0].len = UINT64_MAX - 5;
	assert_true(mb2_mem_total(&info, MB2_MEM_AVAILABLE) == UINT64_MAX);
	info.mmap[0].len = UINT64_MAX - 0x7ee0000;
	assert_true(mb2_mem_total(&info, MB2_MEM_AVAILABLE) == UINT64_MAX);
	info.mmap[0].len = UINT64_MAX - 0x7ee0001;
	assert_true(mb2_mem_total(&info, MB2_MEM_AVAILABLE) == UINT64_MAX - 1);
}

static void test_bad_args(void **state)
{
	struct bld b;
	struct mb2_info info;
	char err[64];
	uint8_t *p;

	(void)state;
	expect_einval(NULL, 4096, &info, "NULL");
	bld_init(&b);
	bld_end(&b);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, NULL, err, sizeof(err)), -EINVAL);
	assert_memory_equal(err, "mb2: ", 5);
	free(p);
}

static void test_bad_fixed_part(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint8_t *p, *raw;

	(void)state;
	bld_init(&b);
	bld_end(&b);
	p = bld_dup(&b, 4); /* only 4 readable bytes */
	expect_einval(p, 4, &info, "readable");
	free(p);
	bld_put32(&b, 0, 8); /* total_size below 16 */
	p = bld_dup(&b, 8);
	expect_einval(p, 8, &info, "below the minimum");
	free(p);
	bld_put32(&b, 0, 16); /* total_size above what is readable */
	p = bld_dup(&b, 12);
	expect_einval(p, 12, &info, "exceeds");
	free(p);
	bld_put32(&b, 0, 20); /* not a multiple of 8 (so a tag header would straddle) */
	p = bld_dup(&b, 20);
	expect_einval(p, 20, &info, "multiple of 8");
	free(p);
	bld_put32(&b, 0, 16); /* valid block, but misaligned */
	raw = malloc(17);
	assert_non_null(raw);
	memcpy(raw + 1, b.buf, 16);
	expect_einval(raw + 1, 16, &info, "aligned");
	free(raw);
}

static void test_bad_tag_sizes(void **state)
{
	static const uint32_t sizes[] = { 0, 1, 4, 7, 0x1000, 0xfffffff8, 0xffffffff };
	struct bld b;
	struct mb2_info info;
	size_t i, off;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		bld_init(&b);
		bld_str(&b, 1, "kept");
		off = bld_tag(&b, 3, "\0\0\0\0\0\0\0\0x", 9);
		bld_end(&b);
		bld_put32(&b, off + 4, sizes[i]);
		expect_bld_einval(&b, &info,
				  sizes[i] < 8 ? "below its 8-byte header" : "past the end");
		assert_string_equal(info.cmdline, "kept");
		assert_int_equal(info.nmods, 0);
	}
	/* The one-line message names type, offset, size and total. */
	bld_init(&b);
	off = bld_tag(&b, 3, "\0\0\0\0\0\0\0\0x", 9);
	bld_end(&b);
	bld_put32(&b, off + 4, 0x1000);
	expect_bld_einval(&b, &info,
			  "tag type 3 at offset 0x8 has size 0x1000 past the end "
			  "(total 0x28)");
}

static void test_bad_end_tag(void **state)
{
	struct bld b;
	struct mb2_info info;

	(void)state;
	/* Missing: the last tag fills total_size exactly. */
	bld_init(&b);
	bld_str(&b, 1, "cmd");
	bld_put32(&b, 0, (uint32_t)b.len);
	expect_bld_einval(&b, &info, "no end tag");
	assert_string_equal(info.cmdline, "cmd");
	/* Wrong size. */
	bld_init(&b);
	bld_tag(&b, 0, "\0\0\0\0\0\0\0\0", 8);
	bld_put32(&b, 0, (uint32_t)b.len);
	expect_bld_einval(&b, &info, "expected 0x8");
	/* Not the last 8 bytes of the block. */
	bld_init(&b);
	bld_tag(&b, 0, NULL, 0);
	bld_str(&b, 1, "after the end");
	bld_put32(&b, 0, (uint32_t)b.len);
	expect_bld_einval(&b, &info, "not last");
	assert_null(info.cmdline);
}

static void test_bad_strings(void **state)
{
	struct bld b;
	struct mb2_info info;

	(void)state;
	bld_init(&b);
	bld_tag(&b, 1, "no-nul!!", 8);
	bld_end(&b);
	expect_bld_einval(&b, &info, "not NUL-terminated");
	assert_null(info.cmdline);
	bld_init(&b);
	bld_tag(&b, 1, NULL, 0); /* empty tag: not even a NUL */
	bld_end(&b);
	expect_bld_einval(&b, &info, "not NUL-terminated");
	bld_init(&b);
	bld_str(&b, 1, "ok");
	bld_tag(&b, 2, "GRUB", 4); /* NUL would be in the padding, outside the tag */
	bld_end(&b);
	expect_bld_einval(&b, &info, "tag type 2");
	assert_string_equal(info.cmdline, "ok");
	assert_null(info.loader);
}

static void test_bad_modules(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint32_t start = 0x300000;

	(void)state;
	bld_init(&b);
	bld_module(&b, 0x200000, 0x200100, "good");
	bld_module(&b, 0x200000, 0x1fffff, "backwards");
	bld_end(&b);
	expect_bld_einval(&b, &info, "mod_end below mod_start");
	assert_int_equal(info.nmods, 1);
	assert_string_equal(info.mods[0].cmdline, "good");
	bld_init(&b);
	bld_tag(&b, 3, "\0\0\x20\0\0\x10\x20\0name", 12); /* no NUL */
	bld_end(&b);
	expect_bld_einval(&b, &info, "not NUL-terminated");
	assert_int_equal(info.nmods, 0);
	bld_init(&b);
	bld_tag(&b, 3, "\0\0\x20\0\0\x10\x20\0", 8); /* no string at all */
	bld_end(&b);
	expect_bld_einval(&b, &info, "not NUL-terminated");
	bld_init(&b);
	bld_tag(&b, 3, &start, 4); /* no mod_end */
	bld_end(&b);
	expect_bld_einval(&b, &info, "too short");
}

static void test_bad_fixed_tags(void **state)
{
	struct bld b;
	struct mb2_info info;
	uint8_t fb[21] = { 0 };

	(void)state;
	bld_init(&b);
	bld_tag(&b, 4, "\x7f\x02\0\0", 4);
	bld_end(&b);
	expect_bld_einval(&b, &info, "too short");
	assert_false(info.has_meminfo);
	bld_init(&b);
	bld_tag(&b, 8, fb, sizeof(fb));
	bld_end(&b);
	expect_bld_einval(&b, &info, "framebuffer");
	assert_false(info.fb.present);
	bld_init(&b);
	bld_rsdp(&b, 14, 19);
	bld_end(&b);
	expect_bld_einval(&b, &info, "RSDP");
	assert_null(info.rsdp);
	bld_init(&b);
	bld_rsdp(&b, 15, 20); /* an ACPI 1.0 sized copy in the 2.0 tag */
	bld_end(&b);
	expect_bld_einval(&b, &info, "RSDP");
	assert_null(info.rsdp);
}

static void test_bad_mmap(void **state)
{
	/* 36 divides the 72-byte entry area, so only the multiple-of-8 rule
	 * rejects it; 0 would divide by zero if it got that far. */
	static const uint32_t bad_esize[] = { 0, 8, 12, 16, 20, 36 };
	static const uint32_t odd_esize[] = { 32, 48, 80, 0xfffffff8 };
	struct bld b;
	struct mb2_info info;
	size_t i, off;

	(void)state;
	for (i = 0; i < sizeof(bad_esize) / sizeof(bad_esize[0]); i++) {
		bld_init(&b);
		bld_mmap(&b, 24, k_map, 2);
		off = bld_mmap(&b, 24, k_map, 3);
		bld_end(&b);
		bld_put32(&b, off + 8, bad_esize[i]);
		expect_bld_einval(&b, &info, "entry_size below 24 or not a multiple of 8");
		assert_int_equal(info.nmmap, 2); /* the first tag only */
	}
	for (i = 0; i < sizeof(odd_esize) / sizeof(odd_esize[0]); i++) {
		bld_init(&b);
		off = bld_mmap(&b, 24, k_map, 3);
		bld_end(&b);
		bld_put32(&b, off + 8, odd_esize[i]);
		expect_bld_einval(&b, &info, "entry_size does not divide");
		assert_int_equal(info.nmmap, 0);
	}
	/* Entries that do not fill the tag: 2.5 entries of 24 bytes. */
	bld_init(&b);
	off = bld_mmap(&b, 24, k_map, 3);
	bld_end(&b);
	bld_put32(&b, off + 4, 16 + 60);
	expect_bld_einval(&b, &info, "does not divide");
	assert_int_equal(info.nmmap, 0);
	/* Too short for entry_size itself. */
	bld_init(&b);
	bld_tag(&b, 6, "\x18\0\0", 3);
	bld_end(&b);
	expect_bld_einval(&b, &info, "too short");
}

/* Everything before the bad tag survives, nothing of it or after it. */
static void test_partial_results(void **state)
{
	struct bld b;
	struct mb2_info info;

	(void)state;
	bld_init(&b);
	bld_str(&b, 1, "root=/dev/hd0");
	bld_module(&b, 0x400000, 0x401000, "/boot/mod/vm.ko");
	bld_mmap(&b, 24, k_map, K_MAP_N);
	bld_meminfo(&b, 1, 2);
	bld_tag(&b, 99, NULL, 0);
	bld_module(&b, 0x500000, 0x400000, "/boot/mod/bad.ko");
	bld_str(&b, 2, "never seen");
	bld_fb(&b);
	bld_end(&b);
	expect_bld_einval(&b, &info, "tag type 3");
	assert_string_equal(info.cmdline, "root=/dev/hd0");
	assert_int_equal(info.nmods, 1);
	assert_string_equal(info.mods[0].cmdline, "/boot/mod/vm.ko");
	assert_int_equal(info.nmmap, K_MAP_N);
	assert_true(info.has_meminfo);
	assert_int_equal(info.mem_upper_kb, 2);
	assert_int_equal(info.nunknown, 1);
	assert_null(info.loader);
	assert_false(info.fb.present);
}

static void test_truncation(void **state)
{
	static struct mb2_mmap_entry many[50];
	struct bld b;
	struct mb2_info info;
	char name[32];
	uint8_t *p;
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++)
		many[i] = (struct mb2_mmap_entry){ .base = i << 20, .len = 1u << 20, .type = 1 };
	bld_init(&b);
	for (i = 0; i < MB2_MAX_MODS + 8; i++) {
		snprintf(name, sizeof(name), "/boot/mod/m%zu.ko", i);
		bld_module(&b, (uint32_t)(i << 16), (uint32_t)((i << 16) + 0x100), name);
	}
	bld_mmap(&b, 24, many, 50); /* 50 + 50 > MB2_MAX_MMAP over two tags */
	bld_mmap(&b, 32, many, 50);
	bld_str(&b, 1, "after");
	bld_end(&b);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, &info, NULL, 0), 0);
	assert_int_equal(info.nmods, MB2_MAX_MODS);
	assert_true(info.mods_truncated);
	assert_string_equal(info.mods[MB2_MAX_MODS - 1].cmdline, "/boot/mod/m31.ko");
	assert_int_equal(info.mods[MB2_MAX_MODS - 1].start, 31 << 16);
	assert_int_equal(info.nmmap, MB2_MAX_MMAP);
	assert_true(info.mmap_truncated);
	assert_int_equal(info.mmap[49].base, 49u << 20);
	assert_int_equal(info.mmap[50].base, 0);
	assert_int_equal(info.mmap[MB2_MAX_MMAP - 1].base, 13u << 20);
	assert_string_equal(info.cmdline, "after");
	assert_int_equal(mb2_mem_total(&info, 1), (uint64_t)MB2_MAX_MMAP << 20);
	free(p);
}

static void test_unknown_counted(void **state)
{
	static const uint32_t types[] = { 5, 7, 9, 10, 16, 21, 1000, 0xffffffff };
	struct bld b;
	struct mb2_info info;
	uint8_t *p;
	size_t i;

	(void)state;
	bld_init(&b);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		bld_tag(&b, types[i], "abcdefghijk", i); /* sizes 8..15, odd padding */
	bld_str(&b, 1, "x");
	bld_end(&b);
	p = bld_dup(&b, b.len);
	assert_int_equal(mb2_parse(p, b.len, &info, NULL, 0), 0);
	assert_int_equal(info.nunknown, sizeof(types) / sizeof(types[0]));
	assert_string_equal(info.cmdline, "x");
	free(p);
}

static void test_err_buffer(void **state)
{
	struct bld b;
	struct mb2_info info;
	char err[16];
	uint8_t *p;

	(void)state;
	bld_init(&b);
	bld_end(&b);
	bld_put32(&b, 0, 8);
	p = bld_dup(&b, 8);
	memset(err, 'X', sizeof(err));
	assert_int_equal(mb2_parse(p, 8, &info, err, 10), -EINVAL);
	assert_string_equal(err, "mb2: tota"); /* cut short, still terminated */
	assert_int_equal(err[10], 'X');
	memset(err, 'X', sizeof(err));
	assert_int_equal(mb2_parse(p, 8, &info, err, 0), -EINVAL);
	assert_int_equal(err[0], 'X');
	assert_int_equal(mb2_parse(p, 8, &info, NULL, 100), -EINVAL);
	free(p);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void mutate(struct bld *b, size_t len)
{
	static const uint32_t vals[] = { 0, 1, 7, 8, 9, 15, 16, 24, 0x7fffffff, 0xffffffff };
	size_t off = (size_t)(rng() % len);

	switch (rng() % 4) {
	case 0:
		b->buf[off] ^= (uint8_t)(1u << (rng() % 8));
		break;
	case 1:
		b->buf[off] = (uint8_t)rng();
		break;
	case 2:
		off &= ~(size_t)3;
		bld_put32(b, off, vals[rng() % (sizeof(vals) / sizeof(vals[0]))]);
		break;
	default:
		off &= ~(size_t)3;
		bld_put32(b, off, (uint32_t)(rng() % (len + 64)));
		break;
	}
}

/* Sanity of an accepted result: everything points inside the block. */
static void check_accepted(const uint8_t *p, size_t n, const struct mb2_info *info)
{
	unsigned i;

	assert_true(info->nmmap <= MB2_MAX_MMAP);
	assert_true(info->nmods <= MB2_MAX_MODS);
	if (info->cmdline != NULL)
		assert_true(
		    (const uint8_t *)info->cmdline > p &&
		    strnlen(info->cmdline, n - (size_t)((const uint8_t *)info->cmdline - p)) <
			n - (size_t)((const uint8_t *)info->cmdline - p));
	for (i = 0; i < info->nmods; i++) {
		const uint8_t *s = (const uint8_t *)info->mods[i].cmdline;

		assert_true(s > p && s < p + n);
		assert_true(strnlen((const char *)s, (size_t)(p + n - s)) < (size_t)(p + n - s));
		assert_true(info->mods[i].end >= info->mods[i].start);
	}
	if (info->rsdp != NULL)
		assert_true((size_t)((const uint8_t *)info->rsdp - p) + info->rsdp_len <= n);
}

static void test_fuzz(void **state)
{
	struct bld base, b;
	struct full_offs o;
	struct mb2_info info;
	char err[128];
	unsigned it, k, ok = 0, bad = 0;
	size_t avail;
	uint8_t *p;
	int rc;

	(void)state;
	bld_full(&base, &o);
	for (it = 0; it < 20000; it++) {
		b = base;
		for (k = 0; k < 1 + rng() % 4; k++)
			mutate(&b, base.len);
		avail = base.len;
		if (rng() % 8 == 0)
			avail = (size_t)(rng() % (base.len + 1)); /* readable window shrinks */
		p = bld_dup(&b, avail);
		err[0] = 'X';
		rc = mb2_parse(p, avail, &info, err, sizeof(err));
		if (rc == 0) {
			ok++;
			assert_string_equal(err, "");
			check_accepted(p, avail, &info);
		} else {
			bad++;
			assert_int_equal(rc, -EINVAL);
			assert_memory_equal(err, "mb2: ", 5);
			assert_null(strchr(err, '\n'));
		}
		free(p);
	}
	/* The mutations must exercise both outcomes, or the loop proves little. */
	assert_true(ok > 1000);
	assert_true(bad > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_full_block, blk_release),
		cmocka_unit_test_teardown(test_minimal_block, blk_release),
		cmocka_unit_test_teardown(test_mmap_wide_entries, blk_release),
		cmocka_unit_test_teardown(test_rsdp_old_only, blk_release),
		cmocka_unit_test_teardown(test_mem_type_name, blk_release),
		cmocka_unit_test_teardown(test_mem_total, blk_release),
		cmocka_unit_test_teardown(test_bad_args, blk_release),
		cmocka_unit_test_teardown(test_bad_fixed_part, blk_release),
		cmocka_unit_test_teardown(test_bad_tag_sizes, blk_release),
		cmocka_unit_test_teardown(test_bad_end_tag, blk_release),
		cmocka_unit_test_teardown(test_bad_strings, blk_release),
		cmocka_unit_test_teardown(test_bad_modules, blk_release),
		cmocka_unit_test_teardown(test_bad_fixed_tags, blk_release),
		cmocka_unit_test_teardown(test_bad_mmap, blk_release),
		cmocka_unit_test_teardown(test_partial_results, blk_release),
		cmocka_unit_test_teardown(test_truncation, blk_release),
		cmocka_unit_test_teardown(test_unknown_counted, blk_release),
		cmocka_unit_test_teardown(test_err_buffer, blk_release),
		cmocka_unit_test_teardown(test_fuzz, blk_release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
