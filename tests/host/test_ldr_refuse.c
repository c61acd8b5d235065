/*
 * tests/host/test_ldr_refuse.c - host tests of the module linker (loader/): refusals.
 *
 * Usage: test_ldr_refuse MODULE.ko (or LDR_TEST_KO=MODULE.ko); the same
 * module as test_ldr.c. Each test corrupts an in-memory copy of the file
 * (or the fake environment, or a linked module's metadata) and checks one
 * class of refusal: the return code, the words of the one-line message,
 * an empty struct ldr_module afterwards and no leaked segment. Flipping
 * every bit of the ELF and section headers checks the linker never crashes.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <loader/ldr.h>

#include "ldr_fixture.h"

/* ---- one refusal per class of malformed file or environment ---------------- */

static void test_truncated(void **state)
{
	const size_t small[] = { 0, 1, 4, 63 };
	const size_t cut[] = {
		64, 0x100, 0x400, ldrfix_kosz / 2, ldrfix_kosz - 64, ldrfix_kosz - 1
	};

	(void)state;
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		ldrfix_expect_invalid(ldrfix_dup(), small[i], "too small for an ELF header");
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++)
		ldrfix_expect_invalid(ldrfix_dup(), cut[i], "past end of file");
}

static void test_not_elf(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	f[1] = 'X';
	ldrfix_expect_invalid(f, ldrfix_kosz, "not an ELF file");
}

static void test_wrong_class(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	f[EI_CLASS] = ELFCLASS32;
	ldrfix_expect_invalid(f, ldrfix_kosz, "not a 64-bit ELF file (class 1)");
}

static void test_wrong_data(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	f[EI_DATA] = ELFDATA2MSB;
	ldrfix_expect_invalid(f, ldrfix_kosz, "not little-endian");
}

static void test_wrong_machine(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_ehdr(f)->e_machine = EM_386;
	ldrfix_expect_invalid(f, ldrfix_kosz, "wrong machine 3");
}

static void test_wrong_type(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_ehdr(f)->e_type = ET_EXEC;
	ldrfix_expect_invalid(f, ldrfix_kosz, "not a relocatable object (e_type 2, ET_EXEC)");
}

static void test_shdr_table_oob(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_ehdr(f)->e_shoff = ldrfix_kosz - 64;
	ldrfix_expect_invalid(f, ldrfix_kosz, "section table");
	f = ldrfix_dup();
	ldrfix_ehdr(f)->e_shoff = UINT64_MAX - 8; /* offset + size wraps around */
	ldrfix_expect_invalid(f, ldrfix_kosz, "past end of file");
}

static void test_section_offset_oob(void **state)
{
	unsigned char *f = ldrfix_dup();
	char want[128];

	(void)state;
	ldrfix_shdr(f, 1)->sh_offset = ldrfix_kosz - 0x10;
	snprintf(want, sizeof(want),
		 "section 1 (.text) offset 0x%zx+0x%lx past end of file (0x%zx bytes)",
		 ldrfix_kosz - 0x10, (unsigned long)ldrfix_shdr(f, 1)->sh_size, ldrfix_kosz);
	ldrfix_expect_invalid(f, ldrfix_kosz, want);
	f = ldrfix_dup();
	ldrfix_shdr(f, 1)->sh_size = UINT64_MAX; /* size wraps */
	ldrfix_expect_invalid(f, ldrfix_kosz, "(.text) offset");
}

static void test_section_name_oob(void **state)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Shdr *str = ldrfix_shdr(f, ldrfix_ehdr(f)->e_shstrndx);

	(void)state;
	ldrfix_shdr(f, 1)->sh_name = 0x10000;
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "section 1 name offset 0x10000 outside section-name table");
	/* a name running into the end of the table without a NUL */
	f = ldrfix_dup();
	str = ldrfix_shdr(f, ldrfix_ehdr(f)->e_shstrndx);
	f[str->sh_offset + str->sh_size - 1] = 'x';
	ldrfix_shdr(f, 1)->sh_name = (uint32_t)str->sh_size - 1;
	ldrfix_expect_invalid(f, ldrfix_kosz, "not NUL-terminated");
}

static void test_symbol_name_oob(void **state)
{
	unsigned char *f = ldrfix_dup();
	unsigned i = ldrfix_find_sym(f, "printk");
	char want[64];

	(void)state;
	ldrfix_sym(f, i)->st_name = 0xffff;
	snprintf(want, sizeof(want), "symbol %u name offset 0xffff outside string table", i);
	ldrfix_expect_invalid(f, ldrfix_kosz, want);
	/* found by the fuzzer: the null symbol is named in overflow messages, check it too */
	f = ldrfix_dup();
	ldrfix_sym(f, 0)->st_name = 0x7fffffff;
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "symbol 0 name offset 0x7fffffff outside string table");
}

static void test_symbol_shndx(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_sym(f, ldrfix_find_sym(f, "hello_count"))->st_shndx = 200;
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "symbol 'hello_count' section index 200 out of range");
}

static void test_reloc_symbol_oob(void **state)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Rela *r = ldrfix_rela(f, ".rela.text", 0);

	(void)state;
	r->r_info = ELF64_R_INFO(999, ELF64_R_TYPE(r->r_info));
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "relocation 0 in .rela.text: symbol index 999 out of range");
}

static void test_reloc_offset_oob(void **state)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Rela *r = ldrfix_rela(f, ".rela.text", 1);

	(void)state;
	/* a 4-byte field with 2 bytes left */
	r->r_offset = ldrfix_shdr(f, ldrfix_find_sec(f, ".text"))->sh_size - 2;
	ldrfix_expect_invalid(f, ldrfix_kosz, "past end of .text");
	f = ldrfix_dup();
	ldrfix_rela(f, ".rela.kmod_info", 0)->r_offset = UINT64_MAX - 3; /* offset + width wraps */
	ldrfix_expect_invalid(f, ldrfix_kosz, "past end of .kmod_info");
}

static void test_reloc_unknown(void **state)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Rela *r = ldrfix_rela(f, ".rela.text", 0);

	(void)state;
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_X86_64_GOTPCREL);
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "unknown relocation type 9 (R_X86_64_GOTPCREL) in .rela.text");
	f = ldrfix_dup();
	r = ldrfix_rela(f, ".rela.kexport", 0);
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 200);
	ldrfix_expect_invalid(f, ldrfix_kosz, "unknown relocation type 200 (?) in .rela.kexport");
}

static void test_rel_section(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"))->sh_type = SHT_REL;
	ldrfix_expect_invalid(f, ldrfix_kosz, "REL section");
}

static void test_unresolved(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);

	(void)state;
	fk.no_printk = true;
	ldrfix_expect_link_fail(ldrfix_ko, ldrfix_kosz, &fk, &env, -ENOENT,
				"unresolved symbol 'printk'");
	assert_int_equal(fk.allocs, 3);
}

static void test_abi_mismatch(void **state)
{
	unsigned char *f = ldrfix_dup();
	uint32_t abi = 2;

	(void)state;
	memcpy(f + ldrfix_shdr(f, ldrfix_find_sec(f, ".kmod_info"))->sh_offset + 4, &abi, 4);
	ldrfix_expect_invalid(f, ldrfix_kosz, "ABI version 2, kernel has 1");
	f = ldrfix_dup();
	f[ldrfix_shdr(f, ldrfix_find_sec(f, ".kmod_info"))->sh_offset] ^= 1;
	ldrfix_expect_invalid(f, ldrfix_kosz, ".kmod_info magic");
}

static void test_missing_kmod_info(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	memcpy((char *)ldrfix_secname(f, ldrfix_find_sec(f, ".kmod_info")), ".kmod_junk", 10);
	ldrfix_expect_invalid(f, ldrfix_kosz, "no .kmod_info section: missing KMOD()");
	f = ldrfix_dup();
	ldrfix_shdr(f, ldrfix_find_sec(f, ".kmod_info"))->sh_size += 8;
	ldrfix_expect_invalid(f, ldrfix_kosz, ".kmod_info is 0x78 bytes, expected 112");
}

static void test_write_exec(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_shdr(f, ldrfix_find_sec(f, ".text"))->sh_flags |= SHF_WRITE;
	ldrfix_expect_invalid(f, ldrfix_kosz, "section 1 (.text) is both writable and executable");
}

static void test_common_symbol(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_sym(f, ldrfix_find_sym(f, "hello_count"))->st_shndx = SHN_COMMON;
	ldrfix_expect_invalid(f, ldrfix_kosz,
			      "common symbol 'hello_count'; build with -fno-common");
}

static void test_bad_alignment(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_shdr(f, ldrfix_find_sec(f, ".data"))->sh_addralign = 24;
	ldrfix_expect_invalid(f, ldrfix_kosz, "(.data) alignment 24");
	f = ldrfix_dup();
	ldrfix_shdr(f, ldrfix_find_sec(f, ".data"))->sh_addralign = 8192;
	ldrfix_expect_invalid(f, ldrfix_kosz, "alignment 8192");
}

/* Found by the fuzzer: an allocated SHT_NULL section with a wild offset. */
static void test_null_alloc_section(void **state)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Shdr *sh = ldrfix_shdr(f, ldrfix_find_sec(f, ".data"));

	(void)state;
	sh->sh_type = SHT_NULL;
	sh->sh_offset = 0x100000009ull;
	ldrfix_expect_invalid(f, ldrfix_kosz, "inactive (SHT_NULL) section");
}

static void test_table_links(void **state)
{
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"))->sh_link = ldrfix_find_sec(f, ".text");
	ldrfix_expect_invalid(f, ldrfix_kosz, "(.rela.text) links to section 1");
	f = ldrfix_dup();
	ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"))->sh_info = 999;
	ldrfix_expect_invalid(f, ldrfix_kosz, "target section 999 out of range");
	f = ldrfix_dup();
	ldrfix_shdr(f, ldrfix_find_type(f, SHT_SYMTAB))->sh_entsize = 16;
	ldrfix_expect_invalid(f, ldrfix_kosz, "(.symtab) entry size 16");
	f = ldrfix_dup();
	ldrfix_ehdr(f)->e_shstrndx = 1;
	ldrfix_expect_invalid(f, ldrfix_kosz, "not STRTAB");
}

static void test_overflow_32s(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_retype_printk(R_X86_64_32S, false);

	(void)state;
	fk.printk = 0x100000000ull; /* a low address that does not sign-extend from 32 bits */
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"relocation R_X86_64_32S overflow for symbol 'printk'");
	free(f);
	/* the module itself mapped outside the top 2 GiB: its own 32S references overflow */
	env = ldrfix_env(&fk);
	fk.next = 0x100000000ull;
	ldrfix_expect_link_fail(ldrfix_ko, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"R_X86_64_32S overflow for symbol '.");
}

static void test_overflow_pc32(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);

	(void)state;
	fk.printk = 0x100000000ull; /* more than 2 GiB away from the module (modulo 2^64) */
	ldrfix_expect_link_fail(ldrfix_ko, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"relocation R_X86_64_PLT32 overflow for symbol 'printk'");
	env = ldrfix_env(&fk);
	fk.printk = LDRFIX_MOD_BASE - 0x80000000ull + 0x10000; /* just within reach */
	{
		struct ldr_module m;
		struct ldr_err err;

		assert_int_equal(ldr_link(ldrfix_ko, ldrfix_kosz, &env, &m, &err), 0);
		ldr_unload(&env, &m);
	}
}

static void test_alloc_failure(void **state)
{
	(void)state;
	for (int n = 1; n <= 3; n++) {
		struct ldrfix_fake fk;
		struct ldr_env env = ldrfix_env(&fk);

		fk.fail_at = n;
		ldrfix_expect_link_fail(ldrfix_ko, ldrfix_kosz, &fk, &env, -ENOMEM,
					"cannot allocate");
		assert_int_equal(fk.allocs, n - 1);
	}
}

/* ---- metadata refusals, on a linked module patched in memory ------------- */

struct linked {
	struct ldrfix_fake fk;
	struct ldr_env env;
	struct ldr_module m;
	unsigned char *info; /* host pointer to the relocated .kmod_info */
};

static void link_patchable(struct linked *l)
{
	l->env = ldrfix_env(&l->fk);
	ldrfix_link_ok(&l->fk, &l->env, &l->m);
	l->info = ldr_host_ptr(&l->m, l->m.info_target, sizeof(struct kmod_info));
	assert_non_null(l->info);
}

static void put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static void expect_meta_fail(struct linked *l, const char *words)
{
	struct ldr_meta meta;
	struct ldr_err err;

	assert_int_equal(ldr_meta(&l->m, &meta, &err), -ENOEXEC);
	if (!strstr(err.msg, words))
		fail_msg("message '%s' lacks '%s'", err.msg, words);
	assert_null(meta.name);
	ldr_unload(&l->env, &l->m);
	assert_int_equal(l->fk.allocs, l->fk.frees);
}

#define INFO_FIELD(l, field) ((l)->info + offsetof(struct kmod_info, field))

static void test_meta_bad_name(void **state)
{
	struct linked l;
	const struct ldr_section *bss;

	(void)state;
	link_patchable(&l);
	*(char *)ldr_host_ptr(&l.m, get64(INFO_FIELD(&l, name)), 1) = 'H';
	expect_meta_fail(&l, "module name 'Hello' has invalid character 'H'");
	link_patchable(&l);
	*(char *)ldr_host_ptr(&l.m, get64(INFO_FIELD(&l, name)), 1) = '\0';
	expect_meta_fail(&l, "module name is empty");
	link_patchable(&l);
	put64(INFO_FIELD(&l, name), 0x1234);
	expect_meta_fail(&l, "module name pointer 0x1234 is outside the module");
	link_patchable(&l);
	bss = ldrfix_mod_sec(&l.m, ldrfix_find_sec(ldrfix_ko, ".bss"));
	memset(ldr_host_ptr(&l.m, bss->target, bss->size), 'a', bss->size);
	put64(INFO_FIELD(&l, version), bss->target);
	expect_meta_fail(&l, "version is not NUL-terminated within 64 bytes");
}

static void test_meta_bad_entry(void **state)
{
	struct linked l;

	(void)state;
	link_patchable(&l);
	put64(INFO_FIELD(&l, init), l.m.seg[LDR_SEG_RODATA].target);
	expect_meta_fail(&l, "init 0x");
	link_patchable(&l);
	put64(INFO_FIELD(&l, fini), l.m.seg[LDR_SEG_TEXT].target + l.m.seg[LDR_SEG_TEXT].size);
	expect_meta_fail(&l, "fini 0x");
}

static void test_meta_bad_deps(void **state)
{
	struct linked l;

	(void)state;
	link_patchable(&l);
	assert_int_equal(get64(INFO_FIELD(&l, deps)), 0); /* hello needs no role */
	put64(INFO_FIELD(&l, deps) + 8 * 3, get64(INFO_FIELD(&l, role)));
	expect_meta_fail(&l, "dependency 3 follows an empty slot");
	link_patchable(&l);
	put64(INFO_FIELD(&l, deps), get64(INFO_FIELD(&l, version))); /* "1.0.0" */
	expect_meta_fail(&l, "dependency '1.0.0' has invalid character '.'");
	link_patchable(&l);
	put64(INFO_FIELD(&l, role), get64(INFO_FIELD(&l, version))); /* "1.0.0" */
	expect_meta_fail(&l, "role '1.0.0' has invalid character '.'");
}

static void test_exports_bad_name(void **state)
{
	struct linked l;
	struct ldr_err err;
	struct ldrfix_seen s = { 0 };
	unsigned char *tab;

	(void)state;
	link_patchable(&l);
	tab = ldr_host_ptr(&l.m, l.m.export_target, l.m.export_size);
	put64(tab, l.m.seg[LDR_SEG_DATA].target + l.m.seg[LDR_SEG_DATA].size);
	assert_int_equal(ldr_exports(&l.m, ldrfix_collect, &s, &err), -ENOEXEC);
	assert_non_null(strstr(err.msg, "export name pointer"));
	assert_int_equal(s.n, 0);
	ldr_unload(&l.env, &l.m);
}

/* ---- where relocations point ---------------------------------------------- */

/* Relocation @k of section @sec; fails the test if there is none. */
static Elf64_Rela *rela_at(unsigned char *f, const char *sec, unsigned k)
{
	Elf64_Shdr *rs = ldrfix_shdr(f, ldrfix_find_sec(f, sec));

	assert_true(k < rs->sh_size / sizeof(Elf64_Rela));
	return ldrfix_rela(f, sec, k);
}

/* The first relocation of @sec against the section symbol of @target. */
static Elf64_Rela *rela_against(unsigned char *f, const char *sec, const char *target)
{
	Elf64_Shdr *rs = ldrfix_shdr(f, ldrfix_find_sec(f, sec));
	unsigned shndx = ldrfix_find_sec(f, target);

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *r = ldrfix_rela(f, sec, k);
		Elf64_Sym *sym = ldrfix_sym(f, (unsigned)ELF64_R_SYM(r->r_info));

		if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && sym->st_shndx == shndx)
			return r;
	}
	fail_msg("no relocation of %s against %s", sec, target);
	return NULL;
}

/* An ops table entry (R_X86_64_64 against .text) moved past .text: refused by name. */
static void test_reloc_outside_section(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	uint64_t text = ldrfix_shdr(ldrfix_ko, ldrfix_find_sec(ldrfix_ko, ".text"))->sh_size;
	unsigned char *f = ldrfix_dup();
	struct ldr_module m;
	struct ldr_err err;

	(void)state;
	rela_against(f, ".rela.rodata", ".text")->r_addend = (int64_t)text + 1;
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"in .rela.rodata: '.text' with addend");
	rela_against(f, ".rela.rodata", ".text")->r_addend = -1;
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC, "lands outside .text");
	/* One past the end is a valid pointer (an array's end). */
	rela_against(f, ".rela.rodata", ".text")->r_addend = (int64_t)text;
	assert_int_equal(ldr_link(f, ldrfix_kosz, &env, &m, &err), 0);
	ldr_unload(&env, &m);
	free(f);
}

/* A changed info byte: the symbol becomes the file's absolute symbol. */
static void test_reloc_absolute_symbol(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_dup();
	unsigned abs = ldrfix_find_sym(f, "hello.c");
	Elf64_Rela *r = rela_against(f, ".rela.rodata", ".text");

	(void)state;
	assert_int_equal(ldrfix_sym(f, abs)->st_shndx, SHN_ABS);
	r->r_info = ELF64_R_INFO(abs, ELF64_R_TYPE(r->r_info));
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"in .rela.rodata against absolute symbol 'hello.c'");
	free(f);
}

/* A call to printk whose addend jumps far past it. */
static void test_reloc_import_addend(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_dup();

	(void)state;
	ldrfix_rela_to(f, "printk", 0)->r_addend = 0x100000;
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"import 'printk' with addend 1048576 points away from it");
	free(f);
}

/* init one byte into its function, or fini at the last byte of .text. */
static void test_entry_not_function_start(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	uint64_t text = ldrfix_shdr(ldrfix_ko, ldrfix_find_sec(ldrfix_ko, ".text"))->sh_size;
	unsigned char *f = ldrfix_dup();
	Elf64_Rela *init = rela_at(f, ".rela.kmod_info", 3),
		   *fini = rela_at(f, ".rela.kmod_info", 4);
	struct linked l = { .env = env };
	struct ldr_err err;

	(void)state;
	assert_int_equal(init->r_offset, offsetof(struct kmod_info, init));
	assert_int_equal(fini->r_offset, offsetof(struct kmod_info, fini));
	init->r_addend += 1;
	assert_int_equal(ldr_link(f, ldrfix_kosz, &l.env, &l.m, &err), 0);
	l.info = ldr_host_ptr(&l.m, l.m.info_target, sizeof(struct kmod_info));
	expect_meta_fail(&l, "is not the start of a function of the module");
	ldr_unload(&l.env, &l.m);
	init->r_addend -= 1;
	fini->r_addend = (int64_t)text - 1;
	assert_int_equal(ldr_link(f, ldrfix_kosz, &l.env, &l.m, &err), 0);
	expect_meta_fail(&l, "fini 0x");
	ldr_unload(&l.env, &l.m);
	free(f);
}

/* An export whose address relocation names an import: it is not the module's. */
static void test_export_outside_module(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_dup();
	struct ldrfix_seen seen = { 0 };
	struct ldr_module m;
	struct ldr_err err;
	Elf64_Rela *r = rela_at(f, ".rela.kexport", 1);

	(void)state;
	assert_int_equal(r->r_offset, offsetof(struct kexport, addr));
	r->r_info = ELF64_R_INFO(ldrfix_find_sym(f, "printk"), ELF64_R_TYPE(r->r_info));
	assert_int_equal(ldr_link(f, ldrfix_kosz, &env, &m, &err), 0);
	assert_int_equal(ldr_exports(&m, ldrfix_collect, &seen, &err), -ENOEXEC);
	assert_non_null(strstr(err.msg, "export 'hello_count' address 0x"));
	assert_non_null(strstr(err.msg, "is outside the module"));
	assert_int_equal(seen.n, 0);
	ldr_unload(&env, &m);
	free(f);
}

/* ---- robustness: flip every bit of the file and section headers --------- */

static void link_whatever(unsigned char *f, size_t size, struct ldrfix_fake *fk,
			  const struct ldr_env *env)
{
	struct ldr_module m;
	struct ldr_meta meta;
	struct ldr_err err;
	struct ldrfix_seen s = { 0 };
	int rc = ldr_link(f, size, env, &m, &err);

	if (rc) {
		assert_true(rc < 0);
		assert_true(err.msg[0] != '\0');
		assert_int_equal(fk->allocs, fk->frees);
		return;
	}
	if (ldr_meta(&m, &meta, &err) != 0)
		assert_true(err.msg[0] != '\0');
	(void)ldr_exports(&m, ldrfix_collect, &s, &err);
	ldr_unload(&env[0], &m);
	assert_int_equal(fk->allocs, fk->frees);
}

static void test_bit_flips(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_dup();
	size_t shoff = ldrfix_ehdr(ldrfix_ko)->e_shoff;
	size_t shend = shoff + ldrfix_ehdr(ldrfix_ko)->e_shnum * sizeof(Elf64_Shdr);

	(void)state;
	for (size_t off = 0; off < shend; off++) {
		if (off == sizeof(Elf64_Ehdr))
			off = shoff;
		for (int bit = 0; bit < 8; bit++) {
			f[off] ^= (unsigned char)(1u << bit);
			link_whatever(f, ldrfix_kosz, &fk, &env);
			f[off] ^= (unsigned char)(1u << bit);
		}
	}
	assert_memory_equal(f, ldrfix_ko, ldrfix_kosz);
	free(f);
}

static void test_messages_printable(void **state)
{
	unsigned char *f = ldrfix_dup();
	char *name = (char *)ldrfix_secname(f, 1);

	(void)state;
	name[2] = '\n'; /* ".t\nxt": shown as ".t?xt", the message stays one line */
	ldrfix_shdr(f, 1)->sh_offset = ldrfix_kosz;
	ldrfix_expect_invalid(f, ldrfix_kosz, "section 1 (.t?xt) offset");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_not_elf),
		cmocka_unit_test(test_wrong_class),
		cmocka_unit_test(test_wrong_data),
		cmocka_unit_test(test_wrong_machine),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_shdr_table_oob),
		cmocka_unit_test(test_section_offset_oob),
		cmocka_unit_test(test_section_name_oob),
		cmocka_unit_test(test_symbol_name_oob),
		cmocka_unit_test(test_symbol_shndx),
		cmocka_unit_test(test_reloc_symbol_oob),
		cmocka_unit_test(test_reloc_offset_oob),
		cmocka_unit_test(test_reloc_unknown),
		cmocka_unit_test(test_rel_section),
		cmocka_unit_test(test_unresolved),
		cmocka_unit_test(test_abi_mismatch),
		cmocka_unit_test(test_missing_kmod_info),
		cmocka_unit_test(test_write_exec),
		cmocka_unit_test(test_common_symbol),
		cmocka_unit_test(test_bad_alignment),
		cmocka_unit_test(test_null_alloc_section),
		cmocka_unit_test(test_table_links),
		cmocka_unit_test(test_overflow_32s),
		cmocka_unit_test(test_overflow_pc32),
		cmocka_unit_test(test_alloc_failure),
		cmocka_unit_test(test_meta_bad_name),
		cmocka_unit_test(test_meta_bad_entry),
		cmocka_unit_test(test_meta_bad_deps),
		cmocka_unit_test(test_exports_bad_name),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_messages_printable),
		cmocka_unit_test(test_reloc_outside_section),
		cmocka_unit_test(test_reloc_absolute_symbol),
		cmocka_unit_test(test_reloc_import_addend),
		cmocka_unit_test(test_entry_not_function_start),
		cmocka_unit_test(test_export_outside_module),
	};
	int failed;

	if (ldrfix_load(argc, argv) != 0)
		return 1;
	failed = cmocka_run_group_tests_name("ldr_refuse", tests, NULL, NULL);
	ldrfix_release();
	return failed;
}
