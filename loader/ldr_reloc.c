/*
 * loader/ldr_reloc.c - symbol resolution and x86-64 RELA relocation.
 *
 * Only the relocation types that code built with -mcmodel=kernel -fno-pic
 * emits are supported (psABI table 4.10): 64 and PC64 (8 bytes); PC32,
 * PLT32, 32 and 32S (4 bytes). PLT32 is S + A - P because there is no PLT:
 * modules call exported functions directly, which is why modules and the
 * kernel must lie within 2 GiB of each other (the top 2 GiB of the address
 * space). Any other type means the module was built with the wrong flags
 * and is refused by ldr_check() before anything is written.
 *
 * Every write goes through ldr_host_ptr(), which returns NULL unless the
 * whole field lies in one segment: even a bug in the layout could not make
 * the linker write outside memory it was given.
 *
 * Where a relocation points is checked too, so that a changed addend or
 * symbol index cannot make a table of function pointers point into nowhere:
 *  - against a symbol of the module (a section symbol or any other), the
 *    symbol's offset plus the addend must lie inside that symbol's section,
 *    one past its end included; 64-bit fields (pointers in data) exactly,
 *    32-bit fields (instructions) with LDR_RELOC_SLACK bytes either side,
 *    since PC-relative fields carry the distance to the instruction's end
 *    (-4, or -8 with an immediate after it) and indexed addressing may name
 *    an array minus its first index;
 *  - against an import (an export of the kernel or of an earlier module),
 *    the addend must stay within [-LDR_RELOC_SLACK, LDR_IMPORT_SPAN): the
 *    export tables do not record sizes, so a member of an exported object
 *    is allowed but not a jump to an unrelated address;
 *  - against an absolute symbol: refused, a module has no use for one and
 *    its value could be anything.
 * Every refusal names the relocation, its section and the symbol.
 */
#include <uapi/errno.h>

#include "ldr_priv.h"

static const char *const ldr_reloc_names[] = {
	[ELF_R_X86_64_NONE] = "R_X86_64_NONE",
	[ELF_R_X86_64_64] = "R_X86_64_64",
	[ELF_R_X86_64_PC32] = "R_X86_64_PC32",
	[ELF_R_X86_64_GOT32] = "R_X86_64_GOT32",
	[ELF_R_X86_64_PLT32] = "R_X86_64_PLT32",
	[ELF_R_X86_64_COPY] = "R_X86_64_COPY",
	[ELF_R_X86_64_GLOB_DAT] = "R_X86_64_GLOB_DAT",
	[ELF_R_X86_64_JUMP_SLOT] = "R_X86_64_JUMP_SLOT",
	[ELF_R_X86_64_RELATIVE] = "R_X86_64_RELATIVE",
	[ELF_R_X86_64_GOTPCREL] = "R_X86_64_GOTPCREL",
	[ELF_R_X86_64_32] = "R_X86_64_32",
	[ELF_R_X86_64_32S] = "R_X86_64_32S",
	[ELF_R_X86_64_16] = "R_X86_64_16",
	[ELF_R_X86_64_PC16] = "R_X86_64_PC16",
	[ELF_R_X86_64_8] = "R_X86_64_8",
	[ELF_R_X86_64_PC8] = "R_X86_64_PC8",
	[ELF_R_X86_64_DTPMOD64] = "R_X86_64_DTPMOD64",
	[ELF_R_X86_64_DTPOFF64] = "R_X86_64_DTPOFF64",
	[ELF_R_X86_64_TPOFF64] = "R_X86_64_TPOFF64",
	[ELF_R_X86_64_TLSGD] = "R_X86_64_TLSGD",
	[ELF_R_X86_64_TLSLD] = "R_X86_64_TLSLD",
	[ELF_R_X86_64_DTPOFF32] = "R_X86_64_DTPOFF32",
	[ELF_R_X86_64_GOTTPOFF] = "R_X86_64_GOTTPOFF",
	[ELF_R_X86_64_TPOFF32] = "R_X86_64_TPOFF32",
	[ELF_R_X86_64_PC64] = "R_X86_64_PC64",
	[ELF_R_X86_64_GOTOFF64] = "R_X86_64_GOTOFF64",
	[ELF_R_X86_64_GOTPC32] = "R_X86_64_GOTPC32",
	[ELF_R_X86_64_SIZE32] = "R_X86_64_SIZE32",
	[ELF_R_X86_64_SIZE64] = "R_X86_64_SIZE64",
	[ELF_R_X86_64_IRELATIVE] = "R_X86_64_IRELATIVE",
	[ELF_R_X86_64_GOTPCRELX] = "R_X86_64_GOTPCRELX",
	[ELF_R_X86_64_REX_GOTPCRELX] = "R_X86_64_REX_GOTPCRELX",
};

const char *ldr_reloc_name(uint32_t type)
{
	if (type < sizeof(ldr_reloc_names) / sizeof(ldr_reloc_names[0]) && ldr_reloc_names[type])
		return ldr_reloc_names[type];
	return "?";
}

int ldr_reloc_width(uint32_t type)
{
	switch (type) {
	case ELF_R_X86_64_NONE:
		return 0;
	case ELF_R_X86_64_64:
	case ELF_R_X86_64_PC64:
		return 8;
	case ELF_R_X86_64_PC32:
	case ELF_R_X86_64_PLT32:
	case ELF_R_X86_64_32:
	case ELF_R_X86_64_32S:
		return 4;
	default:
		return -1;
	}
}

/* Bytes a 32-bit field may point before or after its symbol's section. */
#define LDR_RELOC_SLACK 16
/* How far past an import an addend may reach (a member of an exported object). */
#define LDR_IMPORT_SPAN (64 * 1024)

/* The loaded section @shndx; NULL when it is not loaded. */
static const struct ldr_section *ldr_sec(const struct ldr_module *mod, unsigned shndx)
{
	for (unsigned i = 0; i < mod->nsec; i++)
		if (mod->sec[i].shndx == shndx)
			return &mod->sec[i];
	return NULL;
}

/* Find the target address of section @shndx; false when it is not loaded. */
static bool ldr_sec_target(const struct ldr_module *mod, unsigned shndx, uint64_t *target)
{
	const struct ldr_section *sec = ldr_sec(mod, shndx);

	if (sec)
		*target = sec->target;
	return sec != NULL;
}

/* Check where relocation @k of @rname points (see the top of the file). */
static int ldr_check_dest(const struct ldr_file *f, const struct ldr_module *mod,
			  const struct elf64_rela *r, uint64_t k, const char *rname,
			  struct ldr_err *err)
{
	uint32_t type = ELF_R_TYPE(r->r_info);
	int64_t slack = ldr_reloc_width(type) == 8 ? 0 : LDR_RELOC_SLACK, off;
	const struct ldr_section *sec;
	struct elf64_sym sym;

	if (ELF_R_SYM(r->r_info) == 0)
		return 0;
	ldr_sym(f, ELF_R_SYM(r->r_info), &sym);
	if (sym.st_shndx == ELF_SHN_UNDEF) {
		if (r->r_addend >= -LDR_RELOC_SLACK && r->r_addend < LDR_IMPORT_SPAN)
			return 0;
		ldr_errf(err,
			 "relocation %lu in %s: import '%s' with addend %ld points away from it",
			 (unsigned long)k, rname, ldr_symname(f, &sym), (long)r->r_addend);
		return -ENOEXEC;
	}
	if (sym.st_shndx == ELF_SHN_ABS) {
		ldr_errf(err, "relocation %lu in %s against absolute symbol '%s'", (unsigned long)k,
			 rname, ldr_symlabel(f, &sym));
		return -ENOEXEC;
	}
	sec = ldr_sec(mod, sym.st_shndx);
	/* st_value <= the section's size (ldr_check), far below 2^62: no overflow. */
	off = sec ? (int64_t)sym.st_value + r->r_addend : 0;
	if (!sec || (off >= -slack && off <= (int64_t)sec->size + slack))
		return 0; /* a section that is not loaded: ldr_sym_value() refuses it */
	ldr_errf(err, "relocation %lu in %s: '%s' with addend %ld lands outside %s (0x%lx bytes)",
		 (unsigned long)k, rname, ldr_symlabel(f, &sym), (long)r->r_addend, sec->name,
		 (unsigned long)sec->size);
	return -ENOEXEC;
}

static int ldr_undef_value(const struct ldr_file *f, const struct ldr_env *env,
			   const struct elf64_sym *sym, uint64_t *val, struct ldr_err *err)
{
	const char *name = ldr_symname(f, sym);

	if (env->resolve(env->ctx, name, val) == 0)
		return 0;
	if (ELF_ST_BIND(sym->st_info) == ELF_STB_WEAK) {
		*val = 0;
		return 0;
	}
	ldr_errf(err, "unresolved symbol '%s'", name);
	return -ENOENT;
}

/* Compute S for symbol @idx: a section address + value, an absolute, or an import. */
static int ldr_sym_value(const struct ldr_file *f, const struct ldr_env *env,
			 const struct ldr_module *mod, uint32_t idx, uint64_t *val,
			 struct ldr_err *err)
{
	struct elf64_sym sym;
	uint64_t base;

	*val = 0;
	if (idx == 0)
		return 0;
	ldr_sym(f, idx, &sym);
	if (sym.st_shndx == ELF_SHN_UNDEF)
		return ldr_undef_value(f, env, &sym, val, err);
	if (sym.st_shndx == ELF_SHN_ABS) {
		*val = sym.st_value;
		return 0;
	}
	if (!ldr_sec_target(mod, sym.st_shndx, &base)) {
		ldr_errf(err, "relocation against symbol '%s' in non-allocated section %u (%s)",
			 ldr_symlabel(f, &sym), sym.st_shndx, ldr_secname(f, sym.st_shndx));
		return -ENOEXEC;
	}
	*val = base + sym.st_value;
	return 0;
}

static void ldr_put(unsigned char *p, uint64_t v, int width)
{
	for (int i = 0; i < width; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Compute the field for @type; false when it does not fit its width. */
static bool ldr_compute(uint32_t type, uint64_t s, int64_t a, uint64_t p, uint64_t *out)
{
	uint64_t v = s + (uint64_t)a;

	switch (type) {
	case ELF_R_X86_64_PC32:
	case ELF_R_X86_64_PLT32:
		v -= p;
		*out = v;
		return v + 0x80000000u <= 0xffffffffu;
	case ELF_R_X86_64_32:
		*out = v;
		return v <= 0xffffffffu;
	case ELF_R_X86_64_32S:
		*out = v;
		return v + 0x80000000u <= 0xffffffffu;
	case ELF_R_X86_64_PC64:
		*out = v - p;
		return true;
	default: /* R_X86_64_64, R_X86_64_NONE */
		*out = v;
		return true;
	}
}

static int ldr_apply(const struct ldr_file *f, const struct ldr_env *env,
		     const struct ldr_module *mod, const struct elf64_rela *r, uint64_t base,
		     const char *rname, struct ldr_err *err)
{
	uint32_t type = ELF_R_TYPE(r->r_info);
	int width = ldr_reloc_width(type);
	uint64_t s, v, p = base + r->r_offset;
	unsigned char *loc;
	struct elf64_sym sym;
	int rc;

	if (width <= 0)
		return 0; /* R_X86_64_NONE; ldr_check() refused unknown types */
	rc = ldr_sym_value(f, env, mod, ELF_R_SYM(r->r_info), &s, err);
	if (rc)
		return rc;
	if (!ldr_compute(type, s, r->r_addend, p, &v)) {
		ldr_sym(f, ELF_R_SYM(r->r_info), &sym);
		ldr_errf(err, "relocation %s overflow for symbol '%s' (value 0x%lx) in %s",
			 ldr_reloc_name(type), ldr_symlabel(f, &sym), (unsigned long)v, rname);
		return -ENOEXEC;
	}
	loc = ldr_host_ptr(mod, p, (size_t)width);
	if (!loc) {
		ldr_errf(err, "relocation at 0x%lx in %s outside the module", (unsigned long)p,
			 rname);
		return -ENOEXEC;
	}
	ldr_put(loc, v, width);
	return 0;
}

static int ldr_relocate_section(const struct ldr_file *f, const struct ldr_env *env,
				const struct ldr_module *mod, unsigned i, struct ldr_err *err)
{
	struct elf64_shdr sh;
	struct elf64_rela r;
	const char *rname = ldr_secname(f, i);
	uint64_t base;
	int rc;

	ldr_shdr(f, i, &sh);
	if (!ldr_sec_target(mod, sh.sh_info, &base))
		return 0; /* relocates a section that is not loaded (debug info) */
	for (uint64_t k = 0; k < sh.sh_size / sizeof(r); k++) {
		ldr_rela(f, &sh, k, &r);
		rc = ldr_check_dest(f, mod, &r, k, rname, err);
		if (!rc)
			rc = ldr_apply(f, env, mod, &r, base, rname, err);
		if (rc)
			return rc;
	}
	return 0;
}

int ldr_relocate(const struct ldr_file *f, const struct ldr_env *env, const struct ldr_module *mod,
		 struct ldr_err *err)
{
	struct elf64_shdr sh;
	int rc;

	for (unsigned i = 1; i < f->shnum; i++) {
		ldr_shdr(f, i, &sh);
		if (sh.sh_type != ELF_SHT_RELA)
			continue;
		rc = ldr_relocate_section(f, env, mod, i, err);
		if (rc)
			return rc;
	}
	return 0;
}
