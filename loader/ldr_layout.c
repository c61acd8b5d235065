/*
 * loader/ldr_layout.c - laying a module out in memory and linking it.
 *
 * SHF_ALLOC sections go to three segments by protection: executable ones
 * to RX, writable ones to RW (.bss included, zero-filled), the rest to RO.
 * Each segment starts on a page boundary, so the kernel can map it with
 * one set of page permissions (W^X), and a section's alignment, at most a
 * page, is kept by aligning its offset inside the segment. Sections keep
 * file order inside a segment, which keeps layouts reproducible.
 */
#include <kern/string.h>
#include <uapi/errno.h>

#include "ldr_priv.h"

static const char *const ldr_seg_names[LDR_NSEG] = {
	[LDR_SEG_TEXT] = "text",
	[LDR_SEG_RODATA] = "rodata",
	[LDR_SEG_DATA] = "data",
};

static const unsigned ldr_seg_prots[LDR_NSEG] = {
	[LDR_SEG_TEXT] = VM_READ | VM_EXEC,
	[LDR_SEG_RODATA] = VM_READ,
	[LDR_SEG_DATA] = VM_READ | VM_WRITE,
};

static uint64_t ldr_align_up(uint64_t v, uint64_t align)
{
	return align > 1 ? (v + align - 1) & ~(align - 1) : v;
}

/* Copy @src into @dst of @cap bytes, truncating; @dst is always terminated. */
static void ldr_copy_name(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Give every allocated section an offset in its segment (kept in sec[].target for now). */
static void ldr_plan(const struct ldr_file *f, struct ldr_module *mod)
{
	uint64_t off[LDR_NSEG] = { 0 };
	struct elf64_shdr sh;

	for (unsigned i = 1; i < f->shnum; i++) {
		struct ldr_section *s;

		ldr_shdr(f, i, &sh);
		if (!(sh.sh_flags & ELF_SHF_ALLOC))
			continue;
		if (mod->nsec == LDR_MAX_SECTIONS)
			break; /* ldr_check() refused this already; never overrun sec[] */
		s = &mod->sec[mod->nsec++];
		s->seg = ldr_seg_of(sh.sh_flags);
		s->shndx = i;
		s->size = sh.sh_size;
		s->target = ldr_align_up(off[s->seg], sh.sh_addralign);
		off[s->seg] = s->target + sh.sh_size;
		ldr_copy_name(s->name, sizeof(s->name), ldr_secname(f, i));
	}
	for (unsigned p = 0; p < LDR_NSEG; p++) {
		mod->seg[p].prot = ldr_seg_prots[p];
		mod->seg[p].size = (size_t)ldr_align_up(off[p], PAGE_SIZE);
	}
}

static int ldr_alloc_segment(const struct ldr_env *env, struct ldr_segment *seg, const char *name,
			     struct ldr_err *err)
{
	uint64_t target = 0;
	void *host = NULL;
	int rc = env->alloc(env->ctx, seg->size, seg->prot, &target, &host);

	if (rc) {
		ldr_errf(err, "cannot allocate %zu bytes for the %s segment", seg->size, name);
		return rc < 0 ? rc : -ENOMEM;
	}
	if (!host || (target & (PAGE_SIZE - 1)) || target + seg->size < target) {
		env->free(env->ctx, target, host, seg->size);
		ldr_errf(err, "allocator returned a bad %s segment at 0x%lx", name,
			 (unsigned long)target);
		return -ENOMEM;
	}
	seg->target = target;
	seg->host = host;
	memset(host, 0, seg->size);
	return 0;
}

static int ldr_alloc_segments(const struct ldr_env *env, struct ldr_module *mod,
			      struct ldr_err *err)
{
	for (unsigned p = 0; p < LDR_NSEG; p++) {
		int rc;

		if (!mod->seg[p].size)
			continue;
		rc = ldr_alloc_segment(env, &mod->seg[p], ldr_seg_names[p], err);
		if (rc) {
			mod->seg[p].size = 0;
			return rc;
		}
	}
	return 0;
}

/* Move sections to their final addresses, copy their bytes, note special sections. */
static void ldr_place(const struct ldr_file *f, struct ldr_module *mod)
{
	struct elf64_shdr sh;

	for (unsigned i = 0; i < mod->nsec; i++) {
		struct ldr_section *s = &mod->sec[i];
		struct ldr_segment *seg = &mod->seg[s->seg];
		const char *name = ldr_secname(f, s->shndx);

		ldr_shdr(f, s->shndx, &sh);
		if (ldr_has_bytes(&sh) && sh.sh_size)
			memcpy((unsigned char *)seg->host + s->target, f->base + sh.sh_offset,
			       (size_t)sh.sh_size);
		s->target += seg->target;
		if (strcmp(name, ".kmod_info") == 0)
			mod->info_target = s->target;
		if (strcmp(name, ".kexport") == 0) {
			mod->export_target = s->target;
			mod->export_size = s->size;
		}
	}
}

int ldr_link(const void *file, size_t size, const struct ldr_env *env, struct ldr_module *mod,
	     struct ldr_err *err)
{
	struct ldr_file f;
	int rc;

	memset(mod, 0, sizeof(*mod));
	err->msg[0] = '\0';
	rc = ldr_check(&f, file, size, err);
	if (rc)
		return rc;
	ldr_plan(&f, mod);
	rc = ldr_alloc_segments(env, mod, err);
	if (!rc) {
		ldr_place(&f, mod);
		rc = ldr_relocate(&f, env, mod, err);
	}
	if (rc) {
		ldr_unload(env, mod);
	} else {
		mod->file = file;
		mod->file_size = size;
	}
	return rc;
}

void ldr_unload(const struct ldr_env *env, struct ldr_module *mod)
{
	for (unsigned p = 0; p < LDR_NSEG; p++) {
		struct ldr_segment *seg = &mod->seg[p];

		if (seg->host && seg->size)
			env->free(env->ctx, seg->target, seg->host, seg->size);
	}
	memset(mod, 0, sizeof(*mod));
}

void *ldr_host_ptr(const struct ldr_module *mod, uint64_t target, size_t len)
{
	for (unsigned p = 0; p < LDR_NSEG; p++) {
		const struct ldr_segment *seg = &mod->seg[p];

		if (!seg->host || target < seg->target)
			continue;
		if (ldr_in_range(target - seg->target, len, seg->size))
			return (unsigned char *)seg->host + (target - seg->target);
	}
	return NULL;
}
