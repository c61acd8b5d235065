/*
 * tests/kmod/mkbadmods.c - write deliberately broken copies of a good module.
 *
 * Usage: mkbadmods IN.ko OUTDIR
 *
 * Reads a module that the loader accepts (e.g. build/modules/hello.ko) and
 * writes into OUTDIR (created if missing) one copy per structural refusal
 * class of the loader, each with exactly one defect, so the QEMU tests can
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
