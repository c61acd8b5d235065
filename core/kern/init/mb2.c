/*
 * Multiboot2 boot-information parser.
 *
 * The block comes from the boot loader, and this parser treats it as hostile:
 * every length is checked against what is left of the block before it is
 * used, and bounds are always compared as "length <= remaining bytes", never
 * as "pointer + length <= end", so no sum can wrap. Fields are read with
 * memcpy(), which needs no alignment and compiles to plain loads.
 *
 * total_size must be a multiple of 8. The specification does not say so in
 * words, but it follows from it: the block starts 8-byte aligned, every tag
 * starts 8-byte aligned, and total_size includes the terminating tag, which
 * is 8 bytes long and must be the last thing in the block. Requiring it also
 * means any tag offset below total_size leaves room for a whole tag header.
 *
 * Each tag decoder checks the whole tag before writing to the result, so a
 * rejected tag leaves no half-decoded state behind and the caller keeps
 * exactly what the tags before it said.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <core/mb2.h>
#include <kern/string.h>
#include <uapi/errno.h>

#define MB2_FIXED_SIZE 8  /* total_size + reserved */
#define MB2_TAG_HDR    8  /* type + size */
#define MB2_MIN_TOTAL  16 /* fixed part + end tag */

#define MB2_TAG_END	 0
#define MB2_TAG_CMDLINE	 1
#define MB2_TAG_LOADER	 2
#define MB2_TAG_MODULE	 3
#define MB2_TAG_MEMINFO	 4
#define MB2_TAG_MMAP	 6
#define MB2_TAG_FB	 8
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15

#define MB2_MODULE_HDR	 16 /* header + mod_start + mod_end */
#define MB2_MEMINFO_SIZE 16
#define MB2_MMAP_HDR	 16 /* header + entry_size + entry_version */
#define MB2_MMAP_ENTRY	 24 /* base + length + type + reserved */
#define MB2_FB_MIN	 30 /* through framebuffer_type */
#define MB2_RSDP_V1_LEN	 20 /* ACPI 1.0 RSDP */
#define MB2_RSDP_V2_LEN	 36 /* ACPI 2.0+ XSDP */

/* Where the one diagnostic line goes; cap 0 means nowhere. */
struct mb2_err {
	char *buf;
	size_t cap;
	size_t pos;
};

static uint32_t mb2_rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t mb2_rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void mb2_err_putc(struct mb2_err *e, char c)
{
	if (e->pos + 1 < e->cap) {
		e->buf[e->pos++] = c;
		e->buf[e->pos] = '\0';
	}
}

static void mb2_err_num(struct mb2_err *e, unsigned long long v, unsigned base)
{
	char digits[24];
	size_t n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	while (n > 0)
		mb2_err_putc(e, digits[--n]);
}

/*
 * A printf for one line: %s, %llu and %llx only, so the compiler's format
 * checking covers every call site and each argument is read at its own type.
 */
__attribute__((format(printf, 2, 3))) static int mb2_fail(struct mb2_err *e, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			mb2_err_putc(e, *fmt);
		} else if (fmt[1] == 's') {
			for (s = va_arg(ap, const char *); *s != '\0'; s++)
				mb2_err_putc(e, *s);
			fmt++;
		} else if (fmt[1] == 'l' && fmt[2] == 'l' && (fmt[3] == 'u' || fmt[3] == 'x')) {
			mb2_err_num(e, va_arg(ap, unsigned long long), fmt[3] == 'u' ? 10 : 16);
			fmt += 3;
		} else {
			mb2_err_putc(e, *fmt);
		}
	}
	va_end(ap);
	return -EINVAL;
}

/* True when the string of @p len bytes at @p s has a NUL inside it. */
static bool mb2_str_ok(const uint8_t *s, size_t len)
{
	return len > 0 && strnlen((const char *)s, len) < len;
}

static const char *mb2_tag_string(const uint8_t *tag, size_t size, const char **dst)
{
	if (!mb2_str_ok(tag + MB2_TAG_HDR, size - MB2_TAG_HDR))
		return "string not NUL-terminated inside the tag";
	*dst = (const char *)(tag + MB2_TAG_HDR);
	return NULL;
}

static const char *mb2_tag_module(const uint8_t *tag, size_t size, struct mb2_info *out)
{
	uint32_t start, end;

	if (size < MB2_MODULE_HDR)
		return "too short for mod_start and mod_end";
	if (!mb2_str_ok(tag + MB2_MODULE_HDR, size - MB2_MODULE_HDR))
		return "module string not NUL-terminated inside the tag";
	start = mb2_rd32(tag + 8);
	end = mb2_rd32(tag + 12);
	if (end < start)
		return "module mod_end below mod_start";
	if (out->nmods >= MB2_MAX_MODS) {
		out->mods_truncated = true;
		return NULL;
	}
	out->mods[out->nmods++] = (struct mb2_module){
		.start = start,
		.end = end,
		.cmdline = (const char *)(tag + MB2_MODULE_HDR),
	};
	return NULL;
}

static const char *mb2_tag_meminfo(const uint8_t *tag, size_t size, struct mb2_info *out)
{
	if (size < MB2_MEMINFO_SIZE)
		return "too short for mem_lower and mem_upper";
	out->has_meminfo = true;
	out->mem_lower_kb = mb2_rd32(tag + 8);
	out->mem_upper_kb = mb2_rd32(tag + 12);
	return NULL;
}

static const char *mb2_tag_mmap(const uint8_t *tag, size_t size, struct mb2_info *out)
{
	const uint8_t *ent;
	size_t esize, area, i;

	if (size < MB2_MMAP_HDR)
		return "too short for entry_size and entry_version";
	esize = mb2_rd32(tag + 8);
	if (esize < MB2_MMAP_ENTRY || esize % 8 != 0)
		return "memory map entry_size below 24 or not a multiple of 8";
	area = size - MB2_MMAP_HDR;
	if (area % esize != 0)
		return "memory map entry_size does not divide the entry area";
	for (i = 0; i < area / esize; i++) {
		if (out->nmmap >= MB2_MAX_MMAP) {
			out->mmap_truncated = true;
			break;
		}
		ent = tag + MB2_MMAP_HDR + i * esize;
		out->mmap[out->nmmap++] = (struct mb2_mmap_entry){
			.base = mb2_rd64(ent),
			.len = mb2_rd64(ent + 8),
			.type = mb2_rd32(ent + 16),
		};
	}
	return NULL;
}

static const char *mb2_tag_fb(const uint8_t *tag, size_t size, struct mb2_info *out)
{
	if (size < MB2_FB_MIN)
		return "too short for the framebuffer fields";
	out->fb = (struct mb2_fb){
		.present = true,
		.addr = mb2_rd64(tag + 8),
		.pitch = mb2_rd32(tag + 16),
		.width = mb2_rd32(tag + 20),
		.height = mb2_rd32(tag + 24),
		.bpp = tag[28],
		.type = tag[29],
	};
	return NULL;
}

/* The ACPI 2.0+ copy (tag 15) wins over the 1.0 one whatever their order. */
static const char *mb2_tag_rsdp(const uint8_t *tag, size_t size, uint32_t type,
				struct mb2_info *out)
{
	size_t need = type == MB2_TAG_ACPI_NEW ? MB2_RSDP_V2_LEN : MB2_RSDP_V1_LEN;

	if (size - MB2_TAG_HDR < need)
		return "too short for the RSDP it should hold";
	if (type == MB2_TAG_ACPI_OLD && out->rsdp_len >= MB2_RSDP_V2_LEN)
		return NULL;
	out->rsdp = tag + MB2_TAG_HDR;
	out->rsdp_len = (uint32_t)(size - MB2_TAG_HDR);
	return NULL;
}

/* Decode one tag whose @p size (>= 8) fits the block; NULL or why not. */
static const char *mb2_tag(const uint8_t *tag, size_t size, uint32_t type, struct mb2_info *out)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
		return mb2_tag_string(tag, size, &out->cmdline);
	case MB2_TAG_LOADER:
		return mb2_tag_string(tag, size, &out->loader);
	case MB2_TAG_MODULE:
		return mb2_tag_module(tag, size, out);
	case MB2_TAG_MEMINFO:
		return mb2_tag_meminfo(tag, size, out);
	case MB2_TAG_MMAP:
		return mb2_tag_mmap(tag, size, out);
	case MB2_TAG_FB:
		return mb2_tag_fb(tag, size, out);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		return mb2_tag_rsdp(tag, size, type, out);
	default:
		out->nunknown++;
		return NULL;
	}
}

/* Check the fixed part; on success *total is a usable total_size. */
static int mb2_check_fixed(const uint8_t *p, size_t avail, size_t *total, struct mb2_err *e)
{
	uint32_t ts;

	if (p == NULL)
		return mb2_fail(e, "mb2: no boot information (NULL pointer)");
	if ((uintptr_t)p % 8 != 0)
		return mb2_fail(e, "mb2: boot information at 0x%llx is not 8-byte aligned",
				(unsigned long long)(uintptr_t)p);
	if (avail < MB2_FIXED_SIZE)
		return mb2_fail(e, "mb2: only 0x%llx bytes readable, the fixed part needs 0x8",
				(unsigned long long)avail);
	ts = mb2_rd32(p);
	if (ts < MB2_MIN_TOTAL)
		return mb2_fail(e, "mb2: total_size 0x%llx is below the minimum 0x10",
				(unsigned long long)ts);
	if (ts > avail)
		return mb2_fail(e, "mb2: total_size 0x%llx exceeds the 0x%llx readable bytes",
				(unsigned long long)ts, (unsigned long long)avail);
	if (ts % 8 != 0)
		return mb2_fail(e, "mb2: total_size 0x%llx is not a multiple of 8",
				(unsigned long long)ts);
	*total = ts;
	return 0;
}

static int mb2_check_end(size_t off, uint32_t size, size_t total, struct mb2_err *e)
{
	if (size != MB2_TAG_HDR)
		return mb2_fail(e, "mb2: end tag at offset 0x%llx has size 0x%llx, expected 0x8",
				(unsigned long long)off, (unsigned long long)size);
	if (total - off != MB2_TAG_HDR)
		return mb2_fail(e, "mb2: end tag at offset 0x%llx is not last (total 0x%llx)",
				(unsigned long long)off, (unsigned long long)total);
	return 0;
}

/* Walk the tags of a block whose fixed part mb2_check_fixed() accepted. */
static int mb2_walk(const uint8_t *p, size_t total, struct mb2_info *out, struct mb2_err *e)
{
	size_t off = MB2_FIXED_SIZE;
	uint32_t type, size;
	const char *why;

	for (;;) {
		if (off == total)
			return mb2_fail(e, "mb2: no end tag within total_size 0x%llx",
					(unsigned long long)total);
		/* Unreachable while total is a multiple of 8; kept as a guard. */
		if (total - off < MB2_TAG_HDR)
			return mb2_fail(e,
					"mb2: tag header at offset 0x%llx runs past the end "
					"(total 0x%llx)",
					(unsigned long long)off, (unsigned long long)total);
		type = mb2_rd32(p + off);
		size = mb2_rd32(p + off + 4);
		if (size < MB2_TAG_HDR)
			return mb2_fail(e,
					"mb2: tag type %llu at offset 0x%llx has size 0x%llx, "
					"below its 8-byte header",
					(unsigned long long)type, (unsigned long long)off,
					(unsigned long long)size);
		if (size > total - off)
			return mb2_fail(e,
					"mb2: tag type %llu at offset 0x%llx has size 0x%llx "
					"past the end (total 0x%llx)",
					(unsigned long long)type, (unsigned long long)off,
					(unsigned long long)size, (unsigned long long)total);
		if (type == MB2_TAG_END)
			return mb2_check_end(off, size, total, e);
		why = mb2_tag(p + off, size, type, out);
		if (why != NULL)
			return mb2_fail(e, "mb2: tag type %llu at offset 0x%llx size 0x%llx: %s",
					(unsigned long long)type, (unsigned long long)off,
					(unsigned long long)size, why);
		/* off + size <= total and both off and total are multiples of 8,
		 * so rounding size up to 8 cannot step past total. */
		off += ((uint64_t)size + 7) & ~(uint64_t)7;
	}
}

int mb2_parse(const void *mbi, size_t avail, struct mb2_info *out, char *err, size_t errlen)
{
	struct mb2_err e = { .buf = err, .cap = err != NULL ? errlen : 0 };
	size_t total = 0;
	int rc;

	if (e.cap > 0)
		err[0] = '\0';
	if (out == NULL)
		return mb2_fail(&e, "mb2: no result structure (NULL out)");
	memset(out, 0, sizeof(*out));
	rc = mb2_check_fixed(mbi, avail, &total, &e);
	if (rc != 0)
		return rc;
	return mb2_walk(mbi, total, out, &e);
}

const char *mb2_mem_type_name(uint32_t type)
{
	switch (type) {
	case MB2_MEM_AVAILABLE:
		return "available";
	case MB2_MEM_RESERVED:
		return "reserved";
	case MB2_MEM_ACPI:
		return "ACPI reclaimable";
	case MB2_MEM_NVS:
		return "ACPI NVS";
	case MB2_MEM_BAD:
		return "bad";
	default:
		return "unknown";
	}
}

uint64_t mb2_mem_total(const struct mb2_info *info, uint32_t type)
{
	uint64_t sum = 0;
	unsigned i, n;

	if (info == NULL)
		return 0;
	n = info->nmmap < MB2_MAX_MMAP ? info->nmmap : MB2_MAX_MMAP;
	for (i = 0; i < n; i++) {
		if (info->mmap[i].type != type)
			continue;
		if (info->mmap[i].len > UINT64_MAX - sum)
			return UINT64_MAX;
		sum += info->mmap[i].len;
	}
	return sum;
}
