/* The block builder of the multiboot2 parser's host tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <core/mb2.h>
#include <uapi/errno.h>

#include "mb2_builder.h"

void bld_put32(struct bld *b, size_t off, uint32_t v)
{
	assert_true(off + 4 <= BLD_CAP);
	memcpy(b->buf + off, &v, 4);
}

void bld_put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

void bld_init(struct bld *b)
{
	memset(b, 0, sizeof(*b));
	b->len = 8;
}

/* Append a tag with a raw payload; return its offset. Pads to 8 bytes. */
size_t bld_tag(struct bld *b, uint32_t type, const void *payload, size_t plen)
{
	size_t off = b->len;

	assert_true(off + 8 + plen + 8 <= BLD_CAP);
	bld_put32(b, off, type);
	bld_put32(b, off + 4, (uint32_t)(8 + plen));
	if (plen > 0)
		memcpy(b->buf + off + 8, payload, plen);
	b->len = (off + 8 + plen + 7) & ~(size_t)7;
	return off;
}

size_t bld_str(struct bld *b, uint32_t type, const char *s)
{
	return bld_tag(b, type, s, strlen(s) + 1);
}

size_t bld_module(struct bld *b, uint32_t start, uint32_t end, const char *s)
{
	uint8_t p[256];
	size_t n = strlen(s) + 1;

	assert_true(8 + n <= sizeof(p));
	memcpy(p, &start, 4);
	memcpy(p + 4, &end, 4);
	memcpy(p + 8, s, n);
	return bld_tag(b, 3, p, 8 + n);
}

size_t bld_meminfo(struct bld *b, uint32_t lo, uint32_t hi)
{
	uint32_t p[2] = { lo, hi };

	return bld_tag(b, 4, p, sizeof(p));
}

/* Memory map with @p n entries of @p esize bytes; entry i is base i MiB... */
size_t bld_mmap(struct bld *b, uint32_t esize, const struct mb2_mmap_entry *e, size_t n)
{
	static uint8_t p[BLD_CAP];
	uint32_t ver = 0;
	size_t i;

	assert_true(8 + n * esize <= sizeof(p));
	memset(p, 0xa5, sizeof(p)); /* junk in reserved/extension bytes */
	memcpy(p, &esize, 4);
	memcpy(p + 4, &ver, 4);
	for (i = 0; i < n; i++) {
		uint8_t *q = p + 8 + i * esize;

		bld_put64(q, e[i].base);
		bld_put64(q + 8, e[i].len);
		memcpy(q + 16, &e[i].type, 4);
	}
	return bld_tag(b, 6, p, 8 + n * esize);
}

size_t bld_fb(struct bld *b)
{
	uint8_t p[24] = { 0 };
	uint32_t pitch = 4096, w = 1024, h = 768;

	bld_put64(p, 0xfd000000ull);
	memcpy(p + 8, &pitch, 4);
	memcpy(p + 12, &w, 4);
	memcpy(p + 16, &h, 4);
	p[20] = 32; /* bpp */
	p[21] = 1;  /* direct RGB */
	return bld_tag(b, 8, p, sizeof(p));
}

size_t bld_rsdp(struct bld *b, uint32_t type, size_t len)
{
	uint8_t p[64] = "RSD PTR ";

	assert_true(len <= sizeof(p));
	p[15] = type == 15 ? 2 : 0; /* revision */
	return bld_tag(b, type, p, len);
}

/* Append the end tag and fix total_size. */
void bld_end(struct bld *b)
{
	bld_tag(b, 0, NULL, 0);
	bld_put32(b, 0, (uint32_t)b->len);
}

/* Copy the first @p n bytes into a malloc of exactly @p n bytes. */
uint8_t *bld_dup(const struct bld *b, size_t n)
{
	uint8_t *p = malloc(n > 0 ? n : 1);

	assert_non_null(p);
	memcpy(p, b->buf, n);
	return p;
}

const struct mb2_mmap_entry k_map[K_MAP_N] = {
	{ .base = 0, .len = 0x9fc00, .type = MB2_MEM_AVAILABLE },
	{ .base = 0x9fc00, .len = 0x400, .type = MB2_MEM_RESERVED },
	{ .base = 0x100000, .len = 0x7ee0000, .type = MB2_MEM_AVAILABLE },
	{ .base = 0x7fe0000, .len = 0x20000, .type = MB2_MEM_ACPI },
	{ .base = 0xfffc0000, .len = 0x40000, .type = 7 },
};

void bld_full(struct bld *b, struct full_offs *o)
{
	bld_init(b);
	o->cmdline = bld_str(b, 1, "console=ttyS0 sched=rr");
	o->loader = bld_str(b, 2, "GRUB 2.06");
	o->mod0 = bld_module(b, 0x200000, 0x201234, "/boot/mod/page.ko page");
	o->mod1 = bld_module(b, 0x202000, 0x202000, "/boot/mod/empty.ko");
	bld_meminfo(b, 639, 130048);
	bld_tag(b, 5, "\x80\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff", 12); /* bootdev */
	bld_mmap(b, 24, k_map, K_MAP_N);
	bld_fb(b);
	o->rsdp_new = bld_rsdp(b, 15, 36);
	bld_rsdp(b, 14, 20);		       /* the older copy must not replace the newer one */
	bld_tag(b, 21, "\0\0\0\0\0\0\0\0", 8); /* load base address */
	bld_end(b);
}

/* Parse a block expected to be rejected; check the error line. */
void expect_einval(const void *p, size_t avail, struct mb2_info *out, const char *needle)
{
	char err[160];

	memset(err, 'X', sizeof(err));
	assert_int_equal(mb2_parse(p, avail, out, err, sizeof(err)), -EINVAL);
	assert_true(strnlen(err, sizeof(err)) < sizeof(err));
	assert_true(strlen(err) > 5);
	assert_memory_equal(err, "mb2: ", 5);
	assert_null(strchr(err, '\n'));
	if (strstr(err, needle) == NULL)
		fail_msg("error line \"%s\" lacks \"%s\"", err, needle);
}

/*
 * The block of the last expect_bld_einval(): kept alive so the test can look
 * at the partial results (which point into it); freed by the next call or by
 * the per-test teardown.
 */
uint8_t *g_blk;

int blk_release(void **state)
{
	(void)state;
	free(g_blk);
	g_blk = NULL;
	return 0;
}

/* Build with @p b, copy exactly b->len bytes and expect rejection. */
void expect_bld_einval(const struct bld *b, struct mb2_info *out, const char *needle)
{
	blk_release(NULL);
	g_blk = bld_dup(b, b->len);
	expect_einval(g_blk, b->len, out, needle);
}