/*
 * tests/kmod/mkbadmods.c - write deliberately broken copies of a good module.
 *
 * Usage: mkbadmods IN.ko OUTDIR
 *
 * Reads a module that the loader accepts (e.g. build/modules/hello.ko) and
 * writes into OUTDIR (created if missing) one copy per refusal class of the
 * loader (structure, then where relocations point, entry points, exports,
 * sizes), each with exactly one defect, so the QEMU tests can
 * boot them as GRUB modules and check the kernel refuses each one by name
 * and goes on booting. For every file it prints one line to stdout:
 *
 *     <file> <words the loader's refusal message contains>
 *
 * The words are a substring of the message ldr_validate()/ldr_link() give
 * (the kernel prefixes the module file or name). Where a defect is placed at
 * a boundary (the first invalid index or offset) the words carry the number.
 *
 * This is a host tool (plain gcc, <elf.h>), independent of the loader
 * sources: it navigates the input itself, and exits with status 1 and a
 * message when the input is not a module with what the defects need
 * (.text, .rela.text, .symtab, a defined global symbol, .kmod_info).
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kern/kmod.h>

_Static_assert(sizeof(void *) == 8, "struct kmod_info must have the module's layout");

#define MB_MAX_INPUT (64u << 20) /* larger inputs are not modules */
#define MB_TRUNC     100	 /* bytes kept in bad_trunc.ko */
#define MB_WORDS     160	 /* room for the expected words */

/* The input module and what the defects need in it (section and symbol indices). */
struct mb_in {
	const char *path;
	unsigned char *buf;
	size_t size;
	uint64_t shoff;
	unsigned shnum, shstrndx;
	unsigned text, rela_text, symtab, kmod_info;
	uint64_t nsyms, nrelas;
	unsigned defsym;     /* a defined global symbol */
	const char *defname; /* its name (in buf) */
};

static void mb_die(const struct mb_in *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void mb_die(const struct mb_in *in, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkbadmods: %s: ", in->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static bool mb_in_range(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* ---- access to the image (no alignment assumed: memcpy in and out) ----------- */

static void mb_shdr(const struct mb_in *in, const unsigned char *f, unsigned i, Elf64_Shdr *sh)
{
	memcpy(sh, f + in->shoff + (uint64_t)i * sizeof(*sh), sizeof(*sh));
}

static void mb_put_shdr(const struct mb_in *in, unsigned char *f, unsigned i, const Elf64_Shdr *sh)
{
	memcpy(f + in->shoff + (uint64_t)i * sizeof(*sh), sh, sizeof(*sh));
}

/* Offset in the image of entry @idx (of @entsize bytes) of section @sec. */
static uint64_t mb_entry(const struct mb_in *in, unsigned sec, uint64_t idx, size_t entsize)
{
	Elf64_Shdr sh;

	mb_shdr(in, in->buf, sec, &sh);
	return sh.sh_offset + idx * entsize;
}

/* NUL-terminated string at @off of string table @sec, or NULL if out of bounds. */
static const char *mb_str(const struct mb_in *in, unsigned sec, uint64_t off)
{
	Elf64_Shdr sh;
	const char *s;

	if (sec == 0 || sec >= in->shnum)
		return NULL;
	mb_shdr(in, in->buf, sec, &sh);
	if (sh.sh_type != SHT_STRTAB || !mb_in_range(sh.sh_offset, sh.sh_size, in->size) ||
	    off >= sh.sh_size)
		return NULL;
	s = (const char *)in->buf + sh.sh_offset + off;
	return memchr(s, '\0', sh.sh_size - off) ? s : NULL;
}

static unsigned mb_find(const struct mb_in *in, const char *name, uint32_t type)
{
	Elf64_Shdr sh;

	for (unsigned i = 1; i < in->shnum; i++) {
		const char *n;

		mb_shdr(in, in->buf, i, &sh);
		n = mb_str(in, in->shstrndx, sh.sh_name);
		if (sh.sh_type == type && (!name || (n && strcmp(n, name) == 0)))
			return i;
	}
	mb_die(in, "no %s section (type %u)", name ? name : "symbol table", type);
}

/* Section @i with its contents in the file, @entsize-byte entries if non-zero. */
static Elf64_Shdr mb_need_bytes(const struct mb_in *in, unsigned i, size_t entsize)
{
	Elf64_Shdr sh;

	mb_shdr(in, in->buf, i, &sh);
	if (!mb_in_range(sh.sh_offset, sh.sh_size, in->size) || sh.sh_size == 0)
		mb_die(in, "section %u is empty or past end of file", i);
	if (entsize && (sh.sh_entsize != entsize || sh.sh_size % entsize))
		mb_die(in, "section %u does not hold %zu-byte entries", i, entsize);
	return sh;
}

/* ---- checking the input ------------------------------------------------------ */

static void mb_check_ehdr(struct mb_in *in)
{
	Elf64_Ehdr eh;

	if (in->size < sizeof(eh))
		mb_die(in, "too small for an ELF header");
	memcpy(&eh, in->buf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB)
		mb_die(in, "not a little-endian ELF64 file");
	if (eh.e_type != ET_REL || eh.e_machine != EM_X86_64)
		mb_die(in, "not an x86-64 relocatable object");
	if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0 ||
	    !mb_in_range(eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr), in->size))
		mb_die(in, "bad section header table");
	if (eh.e_shoff + (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) <= MB_TRUNC)
		mb_die(in, "section table ends within the first %u bytes", MB_TRUNC);
	if (eh.e_shstrndx == 0 || eh.e_shstrndx >= eh.e_shnum)
		mb_die(in, "bad section-name table index");
	in->shoff = eh.e_shoff;
	in->shnum = eh.e_shnum;
	in->shstrndx = eh.e_shstrndx;
	if (!mb_str(in, in->shstrndx, 0))
		mb_die(in, "bad section-name table");
}

static void mb_check_text(struct mb_in *in)
{
	Elf64_Shdr text, rela;

	in->text = mb_find(in, ".text", SHT_PROGBITS);
	text = mb_need_bytes(in, in->text, 0);
	if (!(text.sh_flags & SHF_ALLOC))
		mb_die(in, ".text is not allocated");
	in->rela_text = mb_find(in, ".rela.text", SHT_RELA);
	rela = mb_need_bytes(in, in->rela_text, sizeof(Elf64_Rela));
	in->nrelas = rela.sh_size / sizeof(Elf64_Rela);
	if (rela.sh_info != in->text)
		mb_die(in, ".rela.text does not apply to .text");
	in->symtab = mb_find(in, NULL, SHT_SYMTAB);
	if (rela.sh_link != in->symtab)
		mb_die(in, ".rela.text does not use the symbol table");
}

/* Find a defined global symbol, named and in an ordinary section, for bad_shndx. */
static void mb_check_symtab(struct mb_in *in)
{
	Elf64_Shdr st = mb_need_bytes(in, in->symtab, sizeof(Elf64_Sym));
	Elf64_Sym sym;

	in->nsyms = st.sh_size / sizeof(Elf64_Sym);
	for (uint64_t i = 1; i < in->nsyms && !in->defname; i++) {
		memcpy(&sym, in->buf + mb_entry(in, in->symtab, i, sizeof(sym)), sizeof(sym));
		if (ELF64_ST_BIND(sym.st_info) != STB_GLOBAL || sym.st_shndx == SHN_UNDEF ||
		    sym.st_shndx >= in->shnum)
			continue;
		in->defname = mb_str(in, st.sh_link, sym.st_name);
		in->defsym = (unsigned)i;
		if (in->defname && !in->defname[0])
			in->defname = NULL;
	}
	if (!in->defname)
		mb_die(in, "no defined global symbol");
}

static void mb_check_info(struct mb_in *in)
{
	Elf64_Shdr sh;
	uint32_t magic, abi;

	in->kmod_info = mb_find(in, ".kmod_info", SHT_PROGBITS);
	sh = mb_need_bytes(in, in->kmod_info, 0);
	if (sh.sh_size != sizeof(struct kmod_info))
		mb_die(in, ".kmod_info is %lu bytes, expected %zu", (unsigned long)sh.sh_size,
		       sizeof(struct kmod_info));
	memcpy(&magic, in->buf + sh.sh_offset + offsetof(struct kmod_info, magic), 4);
	memcpy(&abi, in->buf + sh.sh_offset + offsetof(struct kmod_info, abi), 4);
	if (magic != KMOD_MAGIC || abi != KMOD_ABI_VERSION)
		mb_die(in, ".kmod_info has magic 0x%x ABI %u, expected 0x%x ABI %u", magic, abi,
		       KMOD_MAGIC, KMOD_ABI_VERSION);
}

/* ---- the defects: each edits a copy @f and says what the loader will say ------ */

static size_t bad_trunc(const struct mb_in *in, unsigned char *f, char *w)
{
	(void)f;
	snprintf(w, MB_WORDS, "section table 0x%lx+0x%lx past end of file (0x%x bytes)",
		 (unsigned long)in->shoff, (unsigned long)in->shnum * sizeof(Elf64_Shdr), MB_TRUNC);
	return MB_TRUNC;
}

static size_t bad_notelf(const struct mb_in *in, unsigned char *f, char *w)
{
	f[EI_MAG1] = 'X';
	snprintf(w, MB_WORDS, "not an ELF file (bad magic)");
	return in->size;
}

static size_t bad_class(const struct mb_in *in, unsigned char *f, char *w)
{
	f[EI_CLASS] = ELFCLASS32;
	snprintf(w, MB_WORDS, "not a 64-bit ELF file (class %u)", ELFCLASS32);
	return in->size;
}

static size_t bad_machine(const struct mb_in *in, unsigned char *f, char *w)
{
	uint16_t machine = EM_386;

	memcpy(f + offsetof(Elf64_Ehdr, e_machine), &machine, sizeof(machine));
	snprintf(w, MB_WORDS, "wrong machine %u, expected x86-64 (%u)", EM_386, EM_X86_64);
	return in->size;
}

static size_t bad_type(const struct mb_in *in, unsigned char *f, char *w)
{
	uint16_t type = ET_EXEC;

	memcpy(f + offsetof(Elf64_Ehdr, e_type), &type, sizeof(type));
	snprintf(w, MB_WORDS, "not a relocatable object (e_type %u, ET_EXEC)", ET_EXEC);
	return in->size;
}

/* .text starts exactly at the end of the file, so its bytes lie past it. */
static size_t bad_secoff(const struct mb_in *in, unsigned char *f, char *w)
{
	Elf64_Shdr sh;

	mb_shdr(in, f, in->text, &sh);
	sh.sh_offset = in->size;
	mb_put_shdr(in, f, in->text, &sh);
	snprintf(w, MB_WORDS, "section %u (.text) offset 0x%zx+0x%lx past end of file", in->text,
		 in->size, (unsigned long)sh.sh_size);
	return in->size;
}

/* .text's name starts at the first byte after .shstrtab. */
static size_t bad_stroff(const struct mb_in *in, unsigned char *f, char *w)
{
	Elf64_Shdr sh, str;

	mb_shdr(in, f, in->shstrndx, &str);
	mb_shdr(in, f, in->text, &sh);
	sh.sh_name = (uint32_t)str.sh_size;
	mb_put_shdr(in, f, in->text, &sh);
	snprintf(w, MB_WORDS, "section %u name offset 0x%x outside section-name table", in->text,
		 sh.sh_name);
	return in->size;
}

/* Relocation 0 of .rela.text names the first symbol index past the table. */
static size_t bad_symidx(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t off = mb_entry(in, in->rela_text, 0, sizeof(Elf64_Rela));
	Elf64_Rela r;

	memcpy(&r, f + off, sizeof(r));
	r.r_info = ELF64_R_INFO(in->nsyms, ELF64_R_TYPE(r.r_info));
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "relocation 0 in .rela.text: symbol index %lu out of range",
		 (unsigned long)in->nsyms);
	return in->size;
}

/* A defined global symbol claims the first section index past the table. */
static size_t bad_shndx(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t off = mb_entry(in, in->symtab, in->defsym, sizeof(Elf64_Sym));
	Elf64_Sym sym;

	memcpy(&sym, f + off, sizeof(sym));
	sym.st_shndx = (uint16_t)in->shnum;
	memcpy(f + off, &sym, sizeof(sym));
	snprintf(w, MB_WORDS, "symbol '%s' section index %u out of range", in->defname, in->shnum);
	return in->size;
}

static size_t bad_reloc(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t off = mb_entry(in, in->rela_text, 0, sizeof(Elf64_Rela));
	Elf64_Rela r;

	memcpy(&r, f + off, sizeof(r));
	r.r_info = ELF64_R_INFO(ELF64_R_SYM(r.r_info), R_X86_64_GOTPCREL);
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "unknown relocation type %u (R_X86_64_GOTPCREL) in .rela.text",
		 R_X86_64_GOTPCREL);
	return in->size;
}

static size_t bad_abi(const struct mb_in *in, unsigned char *f, char *w)
{
	uint32_t abi = 99;

	memcpy(f + mb_entry(in, in->kmod_info, 0, 1) + offsetof(struct kmod_info, abi), &abi, 4);
	snprintf(w, MB_WORDS, "ABI version %u, kernel has %u", abi, KMOD_ABI_VERSION);
	return in->size;
}

/* ".kmod_info" becomes ".kmod_inf0" in .shstrtab (a shared tail, if any, changes too). */
static size_t bad_nometa(const struct mb_in *in, unsigned char *f, char *w)
{
	Elf64_Shdr sh;

	mb_shdr(in, f, in->kmod_info, &sh);
	f[mb_entry(in, in->shstrndx, sh.sh_name, 1) + strlen(".kmod_inf")] = '0';
	snprintf(w, MB_WORDS, "no .kmod_info section: missing KMOD()");
	return in->size;
}

/* ---- defects the loader finds after validation: where relocations point ------- */

/* The RELA section that applies to section @name. */
static unsigned mb_rela_for(const struct mb_in *in, const char *name)
{
	unsigned target = mb_find(in, name, SHT_PROGBITS);
	Elf64_Shdr sh;

	for (unsigned i = 1; i < in->shnum; i++) {
		mb_shdr(in, in->buf, i, &sh);
		if (sh.sh_type == SHT_RELA && sh.sh_info == target && sh.sh_link == in->symtab) {
			mb_need_bytes(in, i, sizeof(Elf64_Rela));
			return i;
		}
	}
	mb_die(in, "no relocations for %s", name);
}

static Elf64_Sym mb_symbol(const struct mb_in *in, uint64_t idx)
{
	Elf64_Sym sym;

	if (idx == 0 || idx >= in->nsyms)
		mb_die(in, "symbol index %lu out of range", (unsigned long)idx);
	memcpy(&sym, in->buf + mb_entry(in, in->symtab, idx, sizeof(sym)), sizeof(sym));
	return sym;
}

/* Image offset of the first relocation of @rsec that @pick accepts. */
static uint64_t mb_pick_rela(const struct mb_in *in, unsigned rsec, const void *arg,
			     bool (*pick)(const struct mb_in *in, const Elf64_Rela *r,
					  const void *arg))
{
	Elf64_Shdr sh;
	Elf64_Rela r;

	mb_shdr(in, in->buf, rsec, &sh);
	for (uint64_t k = 0; k < sh.sh_size / sizeof(r); k++) {
		uint64_t off = mb_entry(in, rsec, k, sizeof(r));

		memcpy(&r, in->buf + off, sizeof(r));
		if (pick(in, &r, arg))
			return off;
	}
	mb_die(in, "no suitable relocation in section %u", rsec);
}

/* A 64-bit relocation against the section symbol of the section named @arg. */
static bool mb_pick_against(const struct mb_in *in, const Elf64_Rela *r, const void *arg)
{
	Elf64_Sym sym = mb_symbol(in, ELF64_R_SYM(r->r_info));
	Elf64_Shdr sh;
	const char *n;

	if (ELF64_R_TYPE(r->r_info) != R_X86_64_64 || ELF64_ST_TYPE(sym.st_info) != STT_SECTION ||
	    sym.st_shndx >= in->shnum)
		return false;
	mb_shdr(in, in->buf, sym.st_shndx, &sh);
	n = mb_str(in, in->shstrndx, sh.sh_name);
	return n && strcmp(n, arg) == 0;
}

/* The relocation that fills the field at offset *@arg. */
static bool mb_pick_offset(const struct mb_in *in, const Elf64_Rela *r, const void *arg)
{
	(void)in;
	return r->r_offset == *(const uint64_t *)arg;
}

/* A relocation against an undefined (imported) symbol. */
static bool mb_pick_import(const struct mb_in *in, const Elf64_Rela *r, const void *arg)
{
	(void)arg;
	return ELF64_R_SYM(r->r_info) &&
	       mb_symbol(in, ELF64_R_SYM(r->r_info)).st_shndx == SHN_UNDEF;
}

static uint64_t mb_section_size(const struct mb_in *in, const char *name, uint32_t type)
{
	Elf64_Shdr sh;

	mb_shdr(in, in->buf, mb_find(in, name, type), &sh);
	return sh.sh_size;
}

static const char *mb_rname(const struct mb_in *in, unsigned rsec)
{
	Elf64_Shdr sh;

	mb_shdr(in, in->buf, rsec, &sh);
	return mb_str(in, in->shstrndx, sh.sh_name);
}

static uint64_t mb_rela_index(const struct mb_in *in, unsigned rsec, uint64_t off)
{
	return (off - mb_entry(in, rsec, 0, 1)) / sizeof(Elf64_Rela);
}

/* An ops table entry (a function pointer in .rodata) moved past the end of .text. */
static size_t bad_opsaddend(const struct mb_in *in, unsigned char *f, char *w)
{
	unsigned rsec = mb_rela_for(in, ".rodata");
	uint64_t off = mb_pick_rela(in, rsec, ".text", mb_pick_against);
	int64_t addend = (int64_t)mb_section_size(in, ".text", SHT_PROGBITS) + 0x10;
	Elf64_Rela r;

	memcpy(&r, f + off, sizeof(r));
	r.r_addend = addend;
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "relocation %lu in %s: '.text' with addend %ld lands outside .text",
		 (unsigned long)mb_rela_index(in, rsec, off), mb_rname(in, rsec), (long)addend);
	return in->size;
}

/* The same entry with its info's symbol byte changed: now the file's absolute symbol. */
static size_t bad_opsinfo(const struct mb_in *in, unsigned char *f, char *w)
{
	unsigned rsec = mb_rela_for(in, ".rodata");
	uint64_t off = mb_pick_rela(in, rsec, ".text", mb_pick_against), abs = 0;
	Elf64_Rela r;
	Elf64_Shdr st;

	for (uint64_t i = 1; i < in->nsyms && !abs; i++)
		if (mb_symbol(in, i).st_shndx == SHN_ABS && mb_symbol(in, i).st_name)
			abs = i;
	if (!abs)
		mb_die(in, "no named absolute symbol");
	mb_shdr(in, in->buf, in->symtab, &st);
	memcpy(&r, f + off, sizeof(r));
	r.r_info = ELF64_R_INFO(abs, ELF64_R_TYPE(r.r_info));
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "relocation %lu in %s against absolute symbol '%s'",
		 (unsigned long)mb_rela_index(in, rsec, off), mb_rname(in, rsec),
		 mb_str(in, st.sh_link, mb_symbol(in, abs).st_name));
	return in->size;
}

/* A call into the kernel whose addend jumps a megabyte past the function. */
static size_t bad_import(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t off = mb_pick_rela(in, in->rela_text, NULL, mb_pick_import);
	Elf64_Rela r;
	Elf64_Shdr st;

	mb_shdr(in, in->buf, in->symtab, &st);
	memcpy(&r, f + off, sizeof(r));
	r.r_addend = 0x100000;
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "import '%s' with addend %d points away from it",
		 mb_str(in, st.sh_link, mb_symbol(in, ELF64_R_SYM(r.r_info)).st_name), 0x100000);
	return in->size;
}

/* The relocation of a .kmod_info field, with a new addend. */
static size_t mb_info_addend(const struct mb_in *in, unsigned char *f, uint64_t field,
			     int64_t delta, bool absolute)
{
	uint64_t off = mb_pick_rela(in, mb_rela_for(in, ".kmod_info"), &field, mb_pick_offset);
	Elf64_Rela r;

	memcpy(&r, f + off, sizeof(r));
	r.r_addend = absolute ? delta : r.r_addend + delta;
	memcpy(f + off, &r, sizeof(r));
	return in->size;
}

/* init one byte into its function. */
static size_t bad_initmid(const struct mb_in *in, unsigned char *f, char *w)
{
	snprintf(w, MB_WORDS, "is not the start of a function of the module");
	return mb_info_addend(in, f, offsetof(struct kmod_info, init), 1, false);
}

/* init at the last byte of .text. */
static size_t bad_initend(const struct mb_in *in, unsigned char *f, char *w)
{
	snprintf(w, MB_WORDS, "is not the start of a function of the module");
	return mb_info_addend(in, f, offsetof(struct kmod_info, init),
			      (int64_t)mb_section_size(in, ".text", SHT_PROGBITS) - 1, true);
}

/* The module name's pointer moved one page past its string section. */
static size_t bad_namepast(const struct mb_in *in, unsigned char *f, char *w)
{
	snprintf(w, MB_WORDS, "in .rela.kmod_info: '");
	mb_info_addend(in, f, offsetof(struct kmod_info, name), 4096, false);
	return in->size;
}

/* The first export renamed to a kernel export, "printk". */
static size_t bad_dupexport(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t field = offsetof(struct kexport, name);
	uint64_t off = mb_pick_rela(in, mb_rela_for(in, ".kexport"), &field, mb_pick_offset);
	Elf64_Rela r;
	Elf64_Sym sym;
	Elf64_Shdr sh;

	memcpy(&r, in->buf + off, sizeof(r));
	sym = mb_symbol(in, ELF64_R_SYM(r.r_info));
	mb_shdr(in, in->buf, sym.st_shndx, &sh);
	if (!mb_in_range(sh.sh_offset + sym.st_value + (uint64_t)r.r_addend, 7, in->size) ||
	    strnlen((const char *)in->buf + sh.sh_offset + sym.st_value + r.r_addend, 7) < 6)
		mb_die(in, "the first export's name is too short to rename");
	memcpy(f + sh.sh_offset + sym.st_value + r.r_addend, "printk", 7);
	snprintf(w, MB_WORDS, "export 'printk' refused (error -17)");
	return in->size;
}

/* The first export's address relocated against an import: not the module's. */
static size_t bad_expimport(const struct mb_in *in, unsigned char *f, char *w)
{
	uint64_t field = offsetof(struct kexport, addr);
	uint64_t off = mb_pick_rela(in, mb_rela_for(in, ".kexport"), &field, mb_pick_offset);
	uint64_t imp = mb_pick_rela(in, in->rela_text, NULL, mb_pick_import);
	Elf64_Rela r, ri;

	memcpy(&r, f + off, sizeof(r));
	memcpy(&ri, f + imp, sizeof(ri));
	r.r_info = ELF64_R_INFO(ELF64_R_SYM(ri.r_info), ELF64_R_TYPE(r.r_info));
	r.r_addend = 0;
	memcpy(f + off, &r, sizeof(r));
	snprintf(w, MB_WORDS, "is outside the module");
	return in->size;
}

/* A 1 GiB .bss: larger than the module area (and than memory). */
static size_t bad_hugebss(const struct mb_in *in, unsigned char *f, char *w)
{
	unsigned bss = mb_find(in, ".bss", SHT_NOBITS);
	Elf64_Shdr sh;

	mb_shdr(in, f, bss, &sh);
	sh.sh_size = 1ull << 30;
	mb_put_shdr(in, f, bss, &sh);
	snprintf(w, MB_WORDS, "for the data segment");
	return in->size;
}

/* ---- main ---------------------------------------------------------------------- */

struct mb_bad {
	const char *file;
	size_t (*make)(const struct mb_in *in, unsigned char *f, char *words);
};

static const struct mb_bad mb_bads[] = {
	{ .file = "bad_trunc.ko", .make = bad_trunc },
	{ .file = "bad_notelf.ko", .make = bad_notelf },
	{ .file = "bad_class.ko", .make = bad_class },
	{ .file = "bad_machine.ko", .make = bad_machine },
	{ .file = "bad_type.ko", .make = bad_type },
	{ .file = "bad_secoff.ko", .make = bad_secoff },
	{ .file = "bad_stroff.ko", .make = bad_stroff },
	{ .file = "bad_symidx.ko", .make = bad_symidx },
	{ .file = "bad_shndx.ko", .make = bad_shndx },
	{ .file = "bad_reloc.ko", .make = bad_reloc },
	{ .file = "bad_abi.ko", .make = bad_abi },
	{ .file = "bad_nometa.ko", .make = bad_nometa },
	{ .file = "bad_opsaddend.ko", .make = bad_opsaddend },
	{ .file = "bad_opsinfo.ko", .make = bad_opsinfo },
	{ .file = "bad_import.ko", .make = bad_import },
	{ .file = "bad_initmid.ko", .make = bad_initmid },
	{ .file = "bad_initend.ko", .make = bad_initend },
	{ .file = "bad_namepast.ko", .make = bad_namepast },
	{ .file = "bad_dupexport.ko", .make = bad_dupexport },
	{ .file = "bad_expimport.ko", .make = bad_expimport },
	{ .file = "bad_hugebss.ko", .make = bad_hugebss },
};

static void mb_read(struct mb_in *in)
{
	FILE *fp = fopen(in->path, "rb");
	long n;

	if (!fp)
		mb_die(in, "cannot open: %s", strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
		mb_die(in, "cannot read: %s", strerror(errno));
	if ((unsigned long)n > MB_MAX_INPUT || n <= MB_TRUNC)
		mb_die(in, "size %ld is not that of a module", n);
	in->size = (size_t)n;
	in->buf = malloc(in->size);
	if (!in->buf)
		mb_die(in, "out of memory");
	if (fread(in->buf, 1, in->size, fp) != in->size)
		mb_die(in, "short read");
	fclose(fp);
}

static void mb_write(const struct mb_in *in, const char *dir, const struct mb_bad *bad,
		     unsigned char *f)
{
	char path[4096], words[MB_WORDS];
	size_t size;
	FILE *fp;

	memcpy(f, in->buf, in->size);
	size = bad->make(in, f, words);
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, bad->file) >= sizeof(path)) {
		fprintf(stderr, "mkbadmods: %s: path too long\n", dir);
		exit(1);
	}
	fp = fopen(path, "wb");
	if (!fp || fwrite(f, 1, size, fp) != size || fclose(fp) != 0) {
		fprintf(stderr, "mkbadmods: %s: cannot write: %s\n", path, strerror(errno));
		exit(1);
	}
	printf("%s %s\n", bad->file, words);
}

int main(int argc, char **argv)
{
	struct mb_in in = { .path = argc > 1 ? argv[1] : "" };
	unsigned char *f;

	if (argc != 3) {
		fprintf(stderr, "usage: mkbadmods IN.ko OUTDIR\n");
		return 2;
	}
	mb_read(&in);
	mb_check_ehdr(&in);
	mb_check_text(&in);
	mb_check_symtab(&in);
	mb_check_info(&in);
	if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "mkbadmods: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	f = malloc(in.size);
	if (!f)
		mb_die(&in, "out of memory");
	for (size_t i = 0; i < sizeof(mb_bads) / sizeof(mb_bads[0]); i++)
		mb_write(&in, argv[2], &mb_bads[i], f);
	free(f);
	free(in.buf);
	return 0;
}
