/*
 * loader/ldr_elf.c - reading an ELF64 image: header checks and accessors.
 *
 * ldr_open() checks what every later step relies on: the file header and
 * the section header table, including the section-name string table. The
 * accessors copy entries out with memcpy(), because a GRUB module, a fuzzer
 * input or a corrupted offset gives no alignment guarantee. Accessors that
 * return names assume ldr_check() has already proved them in bounds.
 */
#include <kern/string.h>
#include <uapi/errno.h>

#include "ldr_priv.h"

static const char *ldr_type_name(unsigned type)
{
	switch (type) {
	case ELF_ET_EXEC:
		return ", ET_EXEC";
	case ELF_ET_DYN:
		return ", ET_DYN";
	default:
		return "";
	}
}

static int ldr_check_ident(const struct elf64_ehdr *eh, struct ldr_err *err)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (memcmp(eh->e_ident, magic, sizeof(magic)) != 0) {
		ldr_errf(err, "not an ELF file (bad magic)");
		return -ENOEXEC;
	}
	if (eh->e_ident[ELF_EI_CLASS] != ELF_CLASS64) {
		ldr_errf(err, "not a 64-bit ELF file (class %u)", eh->e_ident[ELF_EI_CLASS]);
		return -ENOEXEC;
	}
	if (eh->e_ident[ELF_EI_DATA] != ELF_DATA2LSB) {
		ldr_errf(err, "not little-endian (data encoding %u)", eh->e_ident[ELF_EI_DATA]);
		return -ENOEXEC;
	}
	if (eh->e_ident[ELF_EI_VERSION] != ELF_EV_CURRENT || eh->e_version != ELF_EV_CURRENT) {
		ldr_errf(err, "unsupported ELF version %u", eh->e_ident[ELF_EI_VERSION]);
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_ehdr(const struct elf64_ehdr *eh, size_t size, struct ldr_err *err)
{
	int rc = ldr_check_ident(eh, err);

	if (rc)
		return rc;
	if (eh->e_type != ELF_ET_REL) {
		ldr_errf(err, "not a relocatable object (e_type %u%s); link modules with ld -r",
			 eh->e_type, ldr_type_name(eh->e_type));
		return -ENOEXEC;
	}
	if (eh->e_machine != ELF_EM_X86_64) {
		ldr_errf(err, "wrong machine %u, expected x86-64 (62)", eh->e_machine);
		return -ENOEXEC;
	}
	if (eh->e_shentsize != sizeof(struct elf64_shdr)) {
		ldr_errf(err, "section header size %u, expected %zu", eh->e_shentsize,
			 sizeof(struct elf64_shdr));
		return -ENOEXEC;
	}
	if (eh->e_shnum == 0 || eh->e_shstrndx == ELF_SHN_XINDEX) {
		ldr_errf(err, eh->e_shoff ? "extended section numbering not supported"
					  : "no section table");
		return -ENOEXEC;
	}
	if (!ldr_in_range(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(struct elf64_shdr), size)) {
		ldr_errf(err, "section table 0x%lx+0x%lx past end of file (0x%zx bytes)",
			 (unsigned long)eh->e_shoff,
			 (unsigned long)eh->e_shnum * sizeof(struct elf64_shdr), size);
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_check_shstrtab(const struct ldr_file *f, struct ldr_err *err)
{
	struct elf64_shdr sh;

	if (f->shstrndx == 0 || f->shstrndx >= f->shnum) {
		ldr_errf(err, "section-name table index %u out of range (%u sections)", f->shstrndx,
			 f->shnum);
		return -ENOEXEC;
	}
	ldr_shdr(f, f->shstrndx, &sh);
	if (sh.sh_type != ELF_SHT_STRTAB) {
		ldr_errf(err, "section-name table (section %u) has type %u, not STRTAB",
			 f->shstrndx, sh.sh_type);
		return -ENOEXEC;
	}
	if (!ldr_in_range(sh.sh_offset, sh.sh_size, f->size)) {
		ldr_errf(err, "section-name table 0x%lx+0x%lx past end of file (0x%zx bytes)",
			 (unsigned long)sh.sh_offset, (unsigned long)sh.sh_size, f->size);
		return -ENOEXEC;
	}
	return 0;
}

int ldr_open(struct ldr_file *f, const void *file, size_t size, struct ldr_err *err)
{
	struct elf64_ehdr eh;
	int rc;

	memset(f, 0, sizeof(*f));
	if (!file || size < sizeof(eh)) {
		ldr_errf(err, "file too small for an ELF header (%zu bytes)", size);
		return -ENOEXEC;
	}
	memcpy(&eh, file, sizeof(eh));
	rc = ldr_check_ehdr(&eh, size, err);
	if (rc)
		return rc;
	f->base = file;
	f->size = size;
	f->shnum = eh.e_shnum;
	f->shstrndx = eh.e_shstrndx;
	f->shoff = eh.e_shoff;
	return ldr_check_shstrtab(f, err);
}

void ldr_shdr(const struct ldr_file *f, unsigned idx, struct elf64_shdr *sh)
{
	memcpy(sh, f->base + f->shoff + (uint64_t)idx * sizeof(*sh), sizeof(*sh));
}

const char *ldr_secname(const struct ldr_file *f, unsigned idx)
{
	struct elf64_shdr str, sh;

	ldr_shdr(f, f->shstrndx, &str);
	ldr_shdr(f, idx, &sh);
	return (const char *)f->base + str.sh_offset + sh.sh_name;
}

void ldr_sym(const struct ldr_file *f, uint64_t idx, struct elf64_sym *sym)
{
	struct elf64_shdr sh;

	ldr_shdr(f, f->symtab, &sh);
	memcpy(sym, f->base + sh.sh_offset + idx * sizeof(*sym), sizeof(*sym));
}

const char *ldr_symname(const struct ldr_file *f, const struct elf64_sym *sym)
{
	struct elf64_shdr sh, str;

	ldr_shdr(f, f->symtab, &sh);
	ldr_shdr(f, sh.sh_link, &str);
	return (const char *)f->base + str.sh_offset + sym->st_name;
}

const char *ldr_symlabel(const struct ldr_file *f, const struct elf64_sym *sym)
{
	if (ELF_ST_TYPE(sym->st_info) == ELF_STT_SECTION && sym->st_shndx < f->shnum)
		return ldr_secname(f, sym->st_shndx);
	return ldr_symname(f, sym);
}

void ldr_rela(const struct ldr_file *f, const struct elf64_shdr *rsh, uint64_t idx,
	      struct elf64_rela *r)
{
	memcpy(r, f->base + rsh->sh_offset + idx * sizeof(*r), sizeof(*r));
}

enum ldr_seg ldr_seg_of(uint64_t sh_flags)
{
	if (sh_flags & ELF_SHF_EXECINSTR)
		return LDR_SEG_TEXT;
	if (sh_flags & ELF_SHF_WRITE)
		return LDR_SEG_DATA;
	return LDR_SEG_RODATA;
}

bool ldr_has_bytes(const struct elf64_shdr *sh)
{
	return sh->sh_type != ELF_SHT_NOBITS && sh->sh_type != ELF_SHT_NULL;
}
