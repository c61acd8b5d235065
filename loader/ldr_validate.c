/*
 * loader/ldr_validate.c - every structural check of a module file.
 *
 * The checks run in an order where each one may rely on the previous:
 * header and section table (ldr_open), section names, section contents,
 * the symbol table, relocation tables, and last the metadata record. After
 * ldr_check() succeeds, the linker may index any table the file describes
 * without further bounds checks: that is the contract ldr_link relies on.
 *
 * What holds after ldr_check() returns 0 (the invariants ldr_layout.c,
 * ldr_reloc.c and ldr_meta.c index by):
 *  - the section header table lies inside the file, every entry is the
 *    size of struct elf64_shdr, and the section-name table index is valid;
 *  - every section name starts inside that table and ends with a NUL in it;
 *  - every section with bytes in the file (not NOBITS) lies inside the file,
 *    its alignment is a power of two no larger than a page, and no allocated
 *    section is larger than LDR_MAX_SECTION_SIZE or both writable and
 *    executable; there are at most LDR_MAX_SECTIONS allocated sections;
 *  - there is at most one symbol table; its string table link is in range
 *    and of the right type; every symbol's name starts inside it, its type is
 *    one the linker knows, it is not common, and a defined symbol's section
 *    index is in range and its value inside that section;
 *  - every RELA table links to the symbol table and targets an existing
 *    section with bytes; every entry names a symbol in range, has a known
 *    type, and its offset plus the width of its type lies inside the target;
 *  - exactly one .kmod_info section of the right size, magic and ABI.
 * What is checked later, once addresses exist: that every symbol resolves
 * (ldr_link) and that relocated values fit their field (ldr_reloc.c).
 */
#include <kern/string.h>
#include <uapi/errno.h>

#include "ldr_priv.h"

static int ldr_check_names(const struct ldr_file *f, struct ldr_err *err)
{
	struct elf64_shdr str, sh;
	const char *tab;

	ldr_shdr(f, f->shstrndx, &str);
	tab = (const char *)f->base + str.sh_offset;
	for (unsigned i = 0; i < f->shnum; i++) {
		ldr_shdr(f, i, &sh);
		if (sh.sh_name >= str.sh_size) {
			ldr_errf(
			    err,
			    "section %u name offset 0x%x outside section-name table (0x%lx bytes)",
			    i, sh.sh_name, (unsigned long)str.sh_size);
			return -ENOEXEC;
		}
		if (strnlen(tab + sh.sh_name, str.sh_size - sh.sh_name) ==
		    str.sh_size - sh.sh_name) {
			ldr_errf(err, "section %u name not NUL-terminated in section-name table",
				 i);
			return -ENOEXEC;
		}
	}
	return 0;
}

/* Refuse section kinds the linker cannot honour. */
static int ldr_check_kind(const struct ldr_file *f, unsigned i, const struct elf64_shdr *sh,
			  struct ldr_err *err)
{
	const char *name = ldr_secname(f, i);
	bool alloc = sh->sh_flags & ELF_SHF_ALLOC;

	if (alloc && sh->sh_type == ELF_SHT_NULL)
		ldr_errf(err, "inactive (SHT_NULL) section %u (%s) is allocated", i, name);
	else if ((sh->sh_flags & ELF_SHF_WRITE) && (sh->sh_flags & ELF_SHF_EXECINSTR))
		ldr_errf(err, "section %u (%s) is both writable and executable", i, name);
	else if (sh->sh_type == ELF_SHT_REL)
		ldr_errf(err, "REL section %u (%s) not supported; RELA expected", i, name);
	else if (alloc && (sh->sh_flags & ELF_SHF_TLS))
		ldr_errf(err, "thread-local section %u (%s) not supported", i, name);
	else if (alloc && (sh->sh_type == ELF_SHT_INIT_ARRAY || sh->sh_type == ELF_SHT_FINI_ARRAY ||
			   sh->sh_type == ELF_SHT_PREINIT_ARRAY))
		ldr_errf(err, "constructor section %u (%s) not supported; use KMOD() init", i,
			 name);
	else if (alloc && sh->sh_size > LDR_MAX_SECTION_SIZE)
		ldr_errf(err, "section %u (%s) too large (0x%lx bytes)", i, name,
			 (unsigned long)sh->sh_size);
	else if (sh->sh_type == ELF_SHT_SYMTAB_SHNDX)
		ldr_errf(err, "extended symbol section indices (%s) not supported", name);
	else
		return 0;
	return -ENOEXEC;
}

static int ldr_check_section(const struct ldr_file *f, unsigned i, struct ldr_err *err)
{
	struct elf64_shdr sh;
	const char *name = ldr_secname(f, i);

	ldr_shdr(f, i, &sh);
	if (ldr_has_bytes(&sh) && !ldr_in_range(sh.sh_offset, sh.sh_size, f->size)) {
		ldr_errf(err, "section %u (%s) offset 0x%lx+0x%lx past end of file (0x%zx bytes)",
			 i, name, (unsigned long)sh.sh_offset, (unsigned long)sh.sh_size, f->size);
		return -ENOEXEC;
	}
	if (sh.sh_addralign > PAGE_SIZE || (sh.sh_addralign & (sh.sh_addralign - 1))) {
		ldr_errf(err, "section %u (%s) alignment %lu is not a power of two <= %u", i, name,
			 (unsigned long)sh.sh_addralign, (unsigned)PAGE_SIZE);
		return -ENOEXEC;
	}
	return ldr_check_kind(f, i, &sh, err);
}

/* Per-section checks; also finds the symbol table and counts allocated sections. */
static int ldr_check_sections(struct ldr_file *f, struct ldr_err *err)
{
	struct elf64_shdr sh;
	unsigned nalloc = 0;
	int rc;

	for (unsigned i = 1; i < f->shnum; i++) {
		rc = ldr_check_section(f, i, err);
		if (rc)
			return rc;
		ldr_shdr(f, i, &sh);
		if (sh.sh_flags & ELF_SHF_ALLOC)
			nalloc++;
		if (sh.sh_type != ELF_SHT_SYMTAB)
			continue;
		if (f->symtab) {
			ldr_errf(err, "more than one symbol table (sections %u and %u)", f->symtab,
				 i);
			return -ENOEXEC;
		}
		f->symtab = i;
	}
	if (nalloc > LDR_MAX_SECTIONS) {
		ldr_errf(err, "too many allocated sections (%u, max %u)", nalloc, LDR_MAX_SECTIONS);
		return -ENOEXEC;
	}
	return 0;
}

/* Check a table section: entry size, whole entries, linked section of type @link_type. */
static int ldr_check_table(const struct ldr_file *f, unsigned i, const struct elf64_shdr *sh,
			   size_t entsize, unsigned link_type, struct ldr_err *err)
{
	struct elf64_shdr link;
	const char *name = ldr_secname(f, i);

	if (sh->sh_entsize != entsize || sh->sh_size % entsize) {
		ldr_errf(err,
			 "section %u (%s) entry size %lu or size 0x%lx, expected entries of %zu", i,
			 name, (unsigned long)sh->sh_entsize, (unsigned long)sh->sh_size, entsize);
		return -ENOEXEC;
	}
	if (sh->sh_link == 0 || sh->sh_link >= f->shnum) {
		ldr_errf(err, "section %u (%s) link %u out of range", i, name, sh->sh_link);
		return -ENOEXEC;
	}
	ldr_shdr(f, sh->sh_link, &link);
	if (link.sh_type != link_type) {
		ldr_errf(err, "section %u (%s) links to section %u of type %u, expected %u", i,
			 name, sh->sh_link, link.sh_type, link_type);
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_symbol(const struct ldr_file *f, uint64_t idx, uint64_t strsz,
			    struct ldr_err *err)
{
	struct elf64_sym sym;
	struct elf64_shdr sh;
	const char *name;
	unsigned type;

	ldr_sym(f, idx, &sym);
	name = sym.st_name < strsz ? ldr_symname(f, &sym) : NULL;
	if (!name || strnlen(name, strsz - sym.st_name) == strsz - sym.st_name) {
		ldr_errf(err, "symbol %lu name offset 0x%x outside string table (0x%lx bytes)",
			 (unsigned long)idx, sym.st_name, (unsigned long)strsz);
		return -ENOEXEC;
	}
	type = ELF_ST_TYPE(sym.st_info);
	if (type == ELF_STT_TLS || type == ELF_STT_GNU_IFUNC) {
		ldr_errf(err, "symbol '%s' has unsupported type %u (TLS or ifunc)", name, type);
		return -ENOEXEC;
	}
	if (sym.st_shndx == ELF_SHN_UNDEF || sym.st_shndx == ELF_SHN_ABS)
		return 0;
	if (sym.st_shndx == ELF_SHN_COMMON) {
		ldr_errf(err, "common symbol '%s'; build with -fno-common", name);
		return -ENOEXEC;
	}
	if (sym.st_shndx >= f->shnum) {
		ldr_errf(err, "symbol '%s' section index %u out of range (%u sections)", name,
			 sym.st_shndx, f->shnum);
		return -ENOEXEC;
	}
	ldr_shdr(f, sym.st_shndx, &sh);
	if (sym.st_value > sh.sh_size) {
		ldr_errf(err, "symbol '%s' value 0x%lx past end of section %u (%s)", name,
			 (unsigned long)sym.st_value, sym.st_shndx, ldr_secname(f, sym.st_shndx));
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_symtab(struct ldr_file *f, struct ldr_err *err)
{
	struct elf64_shdr sh, str;
	int rc;

	if (!f->symtab)
		return 0;
	ldr_shdr(f, f->symtab, &sh);
	rc = ldr_check_table(f, f->symtab, &sh, sizeof(struct elf64_sym), ELF_SHT_STRTAB, err);
	if (rc)
		return rc;
	ldr_shdr(f, sh.sh_link, &str);
	f->nsyms = sh.sh_size / sizeof(struct elf64_sym);
	for (uint64_t i = 0; i < f->nsyms; i++) { /* symbol 0 too: messages may name it */
		rc = ldr_check_symbol(f, i, str.sh_size, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int ldr_check_reloc(const struct ldr_file *f, const char *rname, uint64_t idx,
			   const struct elf64_rela *r, const struct elf64_shdr *tsh, unsigned tidx,
			   struct ldr_err *err)
{
	uint32_t type = ELF_R_TYPE(r->r_info);
	int width;

	if (ELF_R_SYM(r->r_info) >= f->nsyms) {
		ldr_errf(err, "relocation %lu in %s: symbol index %u out of range (%lu symbols)",
			 (unsigned long)idx, rname, ELF_R_SYM(r->r_info), (unsigned long)f->nsyms);
		return -ENOEXEC;
	}
	if (!(tsh->sh_flags & ELF_SHF_ALLOC))
		return 0; /* debug info: never applied, its type does not matter */
	width = ldr_reloc_width(type);
	if (width < 0) {
		ldr_errf(err, "unknown relocation type %u (%s) in %s", type, ldr_reloc_name(type),
			 rname);
		return -ENOEXEC;
	}
	if (!ldr_in_range(r->r_offset, (uint64_t)width, tsh->sh_size)) {
		ldr_errf(err, "relocation %lu in %s: offset 0x%lx+%d past end of %s (0x%lx bytes)",
			 (unsigned long)idx, rname, (unsigned long)r->r_offset, width,
			 ldr_secname(f, tidx), (unsigned long)tsh->sh_size);
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_rela(const struct ldr_file *f, unsigned i, struct ldr_err *err)
{
	struct elf64_shdr sh, tsh;
	struct elf64_rela r;
	const char *name = ldr_secname(f, i);
	int rc;

	ldr_shdr(f, i, &sh);
	rc = ldr_check_table(f, i, &sh, sizeof(struct elf64_rela), ELF_SHT_SYMTAB, err);
	if (rc)
		return rc;
	if (sh.sh_info == 0 || sh.sh_info >= f->shnum || sh.sh_info == i) {
		ldr_errf(err, "section %u (%s) target section %u out of range", i, name,
			 sh.sh_info);
		return -ENOEXEC;
	}
	ldr_shdr(f, sh.sh_info, &tsh);
	if ((tsh.sh_flags & ELF_SHF_ALLOC) && !ldr_has_bytes(&tsh) && sh.sh_size) {
		ldr_errf(err, "section %u (%s) relocates NOBITS section %s", i, name,
			 ldr_secname(f, sh.sh_info));
		return -ENOEXEC;
	}
	for (uint64_t k = 0; k < sh.sh_size / sizeof(r); k++) {
		ldr_rela(f, &sh, k, &r);
		rc = ldr_check_reloc(f, name, k, &r, &tsh, sh.sh_info, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int ldr_check_relas(const struct ldr_file *f, struct ldr_err *err)
{
	struct elf64_shdr sh;
	int rc;

	for (unsigned i = 1; i < f->shnum; i++) {
		ldr_shdr(f, i, &sh);
		if (sh.sh_type != ELF_SHT_RELA)
			continue;
		rc = ldr_check_rela(f, i, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* Find the only section called @name: its index, 0 if none, -1 if several. */
static int ldr_find_unique(const struct ldr_file *f, const char *name)
{
	int found = 0;

	for (unsigned i = 1; i < f->shnum; i++) {
		if (strcmp(ldr_secname(f, i), name) != 0)
			continue;
		if (found)
			return -1;
		found = (int)i;
	}
	return found;
}

/* A metadata-like section: allocated, with bytes, of @size bytes or a multiple of @unit. */
static int ldr_check_special(const struct ldr_file *f, int idx, const char *name, uint64_t size,
			     uint64_t unit, struct ldr_err *err)
{
	struct elf64_shdr sh;

	if (idx < 0) {
		ldr_errf(err, "more than one %s section", name);
		return -ENOEXEC;
	}
	ldr_shdr(f, (unsigned)idx, &sh);
	if (!(sh.sh_flags & ELF_SHF_ALLOC) || !ldr_has_bytes(&sh)) {
		ldr_errf(err, "%s section is not allocated data", name);
		return -ENOEXEC;
	}
	if ((size && sh.sh_size != size) || (unit && sh.sh_size % unit)) {
		ldr_errf(err, "%s is 0x%lx bytes, expected %s%lu", name, (unsigned long)sh.sh_size,
			 unit ? "a multiple of " : "", (unsigned long)(size ? size : unit));
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_meta(const struct ldr_file *f, struct ldr_err *err)
{
	int info = ldr_find_unique(f, ".kmod_info");
	int kexp = ldr_find_unique(f, ".kexport");
	struct elf64_shdr sh;
	const unsigned char *p;
	int rc;

	if (info == 0) {
		ldr_errf(err, "no .kmod_info section: missing KMOD()");
		return -ENOEXEC;
	}
	rc = ldr_check_special(f, info, ".kmod_info", sizeof(struct kmod_info), 0, err);
	if (!rc && kexp)
		rc = ldr_check_special(f, kexp, ".kexport", 0, sizeof(struct kexport), err);
	if (rc)
		return rc;
	ldr_shdr(f, (unsigned)info, &sh);
	p = f->base + sh.sh_offset;
	if (ldr_get32(p) != KMOD_MAGIC) {
		ldr_errf(err, ".kmod_info magic 0x%x, expected 0x%x", ldr_get32(p), KMOD_MAGIC);
		return -ENOEXEC;
	}
	if (ldr_get32(p + 4) != KMOD_ABI_VERSION) {
		ldr_errf(err, "ABI version %u, kernel has %u", ldr_get32(p + 4), KMOD_ABI_VERSION);
		return -ENOEXEC;
	}
	return 0;
}

int ldr_check(struct ldr_file *f, const void *file, size_t size, struct ldr_err *err)
{
	int rc = ldr_open(f, file, size, err);

	if (!rc)
		rc = ldr_check_names(f, err);
	if (!rc)
		rc = ldr_check_sections(f, err);
	if (!rc)
		rc = ldr_check_symtab(f, err);
	if (!rc)
		rc = ldr_check_relas(f, err);
	if (!rc)
		rc = ldr_check_meta(f, err);
	return rc;
}

int ldr_validate(const void *file, size_t size, struct ldr_err *err)
{
	struct ldr_file f;

	err->msg[0] = '\0';
	return ldr_check(&f, file, size, err);
}
