/*
 * tests/host/test_ldr.c - host tests of the module linker (loader/): linking that succeeds.
 *
 * Usage: test_ldr MODULE.ko (or LDR_TEST_KO=MODULE.ko test_ldr); the
 * module is modules/example/hello/hello.c built with the kernel's module flags.
 * The test reads the file's tables independently with the host <elf.h>
 * (ldr_fixture.c), links it against a fake environment (high fake target
 * addresses, malloc'd host buffers) and checks layout, contents, every
 * relocation against the psABI formulas, metadata and exports. Refusals
 * of malformed files are in test_ldr_refuse.c.
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

static void test_validate_ok(void **state)
{
	struct ldr_err err;

	(void)state;
	assert_int_equal(ldr_validate(ldrfix_ko, ldrfix_kosz, &err), 0);
	assert_string_equal(err.msg, "");
}

static void test_link_unload(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	unsigned nalloc = 0;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	for (unsigned i = 1; i < ldrfix_ehdr(ldrfix_ko)->e_shnum; i++)
		if (ldrfix_shdr(ldrfix_ko, i)->sh_flags & SHF_ALLOC)
			nalloc++;
	assert_int_equal(m.nsec, nalloc);
	assert_string_equal(m.sec[0].name, ".text");
	assert_int_equal(m.info_target,
			 ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".kmod_info"))->target);
	ldr_unload(&env, &m);
	ldrfix_assert_empty(&m);
	assert_int_equal(fk.frees, 3);
	ldr_unload(&env, &m); /* an empty module is accepted */
	assert_int_equal(fk.frees, 3);
}

static void check_section_placement(unsigned char *f, const struct ldr_module *m,
				    const struct ldr_section *s)
{
	Elf64_Shdr *sh = ldrfix_shdr(f, s->shndx);
	const struct ldr_segment *seg = &m->seg[s->seg];
	enum ldr_seg want = (sh->sh_flags & SHF_EXECINSTR) ? LDR_SEG_TEXT
			    : (sh->sh_flags & SHF_WRITE)   ? LDR_SEG_DATA
							   : LDR_SEG_RODATA;

	assert_int_equal(s->seg, want);
	assert_string_equal(s->name, ldrfix_secname(f, s->shndx));
	assert_int_equal(s->size, sh->sh_size);
	if (sh->sh_addralign > 1)
		assert_int_equal(s->target % sh->sh_addralign, 0);
	assert_true(s->target >= seg->target);
	assert_true(s->target + s->size <= seg->target + seg->size);
	assert_ptr_equal(ldr_host_ptr(m, s->target, s->size),
			 (unsigned char *)seg->host + (s->target - seg->target));
}

static void test_segments(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	const unsigned prots[LDR_NSEG] = {
		[LDR_SEG_TEXT] = VM_READ | VM_EXEC,
		[LDR_SEG_RODATA] = VM_READ,
		[LDR_SEG_DATA] = VM_READ | VM_WRITE,
	};

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	for (unsigned p = 0; p < 3; p++) {
		assert_int_equal(m.seg[p].prot, prots[p]);
		assert_int_equal(m.seg[p].target % 4096, 0);
		assert_int_equal(m.seg[p].size % 4096, 0);
		assert_true(m.seg[p].size > 0);
		assert_true(m.seg[p].target >= LDRFIX_MOD_BASE);
		for (unsigned q = 0; q < p; q++) /* no two segments overlap */
			assert_true(m.seg[p].target >= m.seg[q].target + m.seg[q].size ||
				    m.seg[q].target >= m.seg[p].target + m.seg[p].size);
	}
	for (unsigned i = 0; i < m.nsec; i++)
		check_section_placement(ldrfix_ko, &m, &m.sec[i]);
	assert_int_equal(ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".text"))->seg,
			 LDR_SEG_TEXT);
	assert_int_equal(ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".kmod_info"))->seg,
			 LDR_SEG_RODATA);
	assert_int_equal(ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".bss"))->seg, LDR_SEG_DATA);
	ldr_unload(&env, &m);
}

static void test_contents(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	const struct ldr_section *bss, *data;
	const unsigned char *p;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	bss = ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".bss"));
	p = ldr_host_ptr(&m, bss->target, bss->size);
	assert_non_null(p);
	for (uint64_t i = 0; i < bss->size; i++)
		assert_int_equal(p[i], 0);
	data = ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".data"));
	p = ldr_host_ptr(&m, data->target, data->size);
	assert_memory_equal(p, ldrfix_ko + ldrfix_shdr(ldrfix_ko, data->shndx)->sh_offset,
			    data->size);
	assert_int_equal(p[0], 0x2a); /* hello_loads */
	/* padding after the last section of a segment is cleared too */
	p = m.seg[LDR_SEG_DATA].host;
	assert_int_equal(p[m.seg[LDR_SEG_DATA].size - 1], 0);
	ldr_unload(&env, &m);
}

/* Check every applied relocation of rela section @ri against the psABI formulas. */
static unsigned check_rela_section(unsigned char *f, const struct ldr_module *m, unsigned ri)
{
	Elf64_Shdr *rs = ldrfix_shdr(f, ri);
	const struct ldr_section *t = ldrfix_mod_sec(m, rs->sh_info);
	unsigned n = 0;

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++, n++) {
		Elf64_Rela *r = (Elf64_Rela *)(f + rs->sh_offset) + k;
		uint64_t s = ldrfix_sym_target(f, m, ELF64_R_SYM(r->r_info));
		uint64_t p = t->target + r->r_offset, v64;
		uint32_t v32;
		unsigned char *loc = ldr_host_ptr(m, p, 4);

		assert_non_null(loc);
		switch (ELF64_R_TYPE(r->r_info)) {
		case R_X86_64_64:
			memcpy(&v64, loc, 8);
			assert_int_equal(v64, s + r->r_addend);
			break;
		case R_X86_64_PC32:
		case R_X86_64_PLT32:
			memcpy(&v32, loc, 4);
			assert_int_equal((int64_t)(int32_t)v32, (int64_t)(s + r->r_addend - p));
			break;
		case R_X86_64_32S:
			memcpy(&v32, loc, 4);
			assert_int_equal((uint64_t)(int64_t)(int32_t)v32, s + r->r_addend);
			break;
		default:
			fail_msg("module has unexpected relocation type %u",
				 (unsigned)ELF64_R_TYPE(r->r_info));
		}
	}
	return n;
}

static void test_relocations(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	unsigned n = 0;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	for (unsigned i = 1; i < ldrfix_ehdr(ldrfix_ko)->e_shnum; i++)
		if (ldrfix_shdr(ldrfix_ko, i)->sh_type == SHT_RELA &&
		    (ldrfix_shdr(ldrfix_ko, ldrfix_shdr(ldrfix_ko, i)->sh_info)->sh_flags &
		     SHF_ALLOC))
			n += check_rela_section(ldrfix_ko, &m, i);
	assert_true(n >= 10);
	ldr_unload(&env, &m);
}

/* The call to printk: rel32 = S + A - P, decoded the way the CPU does. */
static void test_call_printk(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	Elf64_Rela *r = ldrfix_rela_to(ldrfix_ko, "printk", 0);
	uint64_t p;
	const unsigned char *loc;
	int32_t disp;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	assert_int_equal(ELF64_R_TYPE(r->r_info), R_X86_64_PLT32);
	p = ldrfix_mod_sec(&m, ldrfix_find_sec(ldrfix_ko, ".text"))->target + r->r_offset;
	loc = ldr_host_ptr(&m, p, 4);
	assert_true(loc[-1] == 0xe8 || loc[-1] == 0xe9); /* call or jmp rel32 */
	memcpy(&disp, loc, 4);
	assert_int_equal(disp, (int64_t)(LDRFIX_PRINTK_ADDR + r->r_addend - p));
	assert_int_equal(p + 4 + (uint64_t)(int64_t)disp,
			 LDRFIX_PRINTK_ADDR); /* next insn + disp */
	ldr_unload(&env, &m);
}

static void test_host_ptr(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	const struct ldr_segment *ro;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	ro = &m.seg[LDR_SEG_RODATA];
	assert_ptr_equal(ldr_host_ptr(&m, ro->target, ro->size), ro->host);
	assert_ptr_equal(ldr_host_ptr(&m, ro->target + ro->size, 0),
			 (unsigned char *)ro->host + ro->size);
	assert_null(ldr_host_ptr(&m, ro->target, ro->size + 1));
	assert_null(ldr_host_ptr(&m, ro->target + ro->size - 2, 4));
	assert_null(ldr_host_ptr(&m, ro->target - 1, 1));
	assert_null(ldr_host_ptr(&m, 0x1000, 1));
	assert_null(ldr_host_ptr(&m, UINT64_MAX, 2));
	ldr_unload(&env, &m);
	assert_null(ldr_host_ptr(&m, ro->target, 1));
}

static uint64_t func_target(const struct ldr_module *m, const char *name)
{
	return ldrfix_sym_target(ldrfix_ko, m, ldrfix_find_sym(ldrfix_ko, name));
}

/* Backtraces and wait channels name module symbols: inside a function, at
 * its start, inside a variable, past all. */
static void test_sym_at(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	const char *name;
	uint64_t off, init;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	init = func_target(&m, "hello_init");
	assert_int_equal(ldr_sym_at(&m, init + 3, &name, &off), 0);
	assert_string_equal(name, "hello_init");
	assert_int_equal(off, 3);
	assert_int_equal(ldr_sym_at(&m, func_target(&m, "hello_count"), &name, &off), 0);
	assert_string_equal(name, "hello_count");
	assert_int_equal(off, 0);
	assert_int_equal(
	    ldr_sym_at(&m,
		       ldrfix_sym_target(ldrfix_ko, &m, ldrfix_find_sym(ldrfix_ko, "hello_seen")) +
			   100,
		       &name, &off),
	    0);
	assert_string_equal(name, "hello_seen");
	assert_int_equal(off, 100);
	assert_int_equal(ldr_sym_at(&m, 0x1000, &name, &off), -ENOENT);
	assert_null(name);
	assert_int_equal(
	    ldr_sym_at(&m, m.seg[LDR_SEG_TEXT].target + m.seg[LDR_SEG_TEXT].size, &name, &off),
	    -ENOENT);
	ldr_unload(&env, &m);
	assert_int_equal(ldr_sym_at(&m, init, &name, &off), -ENOENT);
}

static void test_meta(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	struct ldr_meta meta;
	struct ldr_err err;
	const struct ldr_segment *rx;

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	assert_int_equal(ldr_meta(&m, &meta, &err), 0);
	assert_string_equal(meta.name, "hello");
	assert_string_equal(meta.version, "1.0.0");
	assert_string_equal(meta.role, "example");
	assert_int_equal(meta.ndeps, 0); /* hello needs no role */
	for (unsigned i = 0; i < KMOD_MAX_DEPS; i++)
		assert_null(meta.deps[i]);
	rx = &m.seg[LDR_SEG_TEXT];
	assert_true(meta.init >= rx->target && meta.init < rx->target + rx->size);
	assert_int_equal(meta.init, func_target(&m, "hello_init"));
	assert_int_equal(meta.fini, func_target(&m, "hello_fini"));
	ldr_unload(&env, &m);
}

/* Copy the relocated pointer field @from of .kmod_info into @to (both byte offsets). */
static void copy_info_ptr(const struct ldr_module *m, size_t to, size_t from)
{
	unsigned char *info = ldr_host_ptr(m, m->info_target, sizeof(struct kmod_info));

	assert_non_null(info);
	memcpy(info + to, info + from, 8);
}

/* hello declares no dependencies: patch two into the linked record and read them back. */
static void test_meta_deps(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	struct ldr_meta meta;
	struct ldr_err err;
	size_t deps = offsetof(struct kmod_info, deps);

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	copy_info_ptr(&m, deps, offsetof(struct kmod_info, role));
	copy_info_ptr(&m, deps + 8, offsetof(struct kmod_info, name));
	assert_int_equal(ldr_meta(&m, &meta, &err), 0);
	assert_int_equal(meta.ndeps, 2);
	assert_string_equal(meta.deps[0], "example");
	assert_string_equal(meta.deps[1], "hello");
	for (unsigned i = 2; i < KMOD_MAX_DEPS; i++)
		assert_null(meta.deps[i]);
	ldr_unload(&env, &m);
}

static void test_exports(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	struct ldr_err err;
	struct ldrfix_seen s = { 0 };

	(void)state;
	ldrfix_link_ok(&fk, &env, &m);
	assert_int_equal(ldr_exports(&m, ldrfix_collect, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.name, "hello_count");
	assert_int_equal(s.addr, func_target(&m, "hello_count"));
	s = (struct ldrfix_seen){ .ret = -EEXIST };
	assert_int_equal(ldr_exports(&m, ldrfix_collect, &s, &err), -EEXIST);
	assert_non_null(strstr(err.msg, "'hello_count'"));
	m.export_size = 0; /* a module without .kexport calls nothing */
	s.n = 0;
	assert_int_equal(ldr_exports(&m, ldrfix_collect, &s, &err), 0);
	assert_int_equal(s.n, 0);
	ldr_unload(&env, &m);
}

static void test_reloc_name(void **state)
{
	(void)state;
	assert_string_equal(ldr_reloc_name(R_X86_64_GOTPCREL), "R_X86_64_GOTPCREL");
	assert_string_equal(ldr_reloc_name(R_X86_64_32S), "R_X86_64_32S");
	assert_string_equal(ldr_reloc_name(R_X86_64_PLT32), "R_X86_64_PLT32");
	assert_string_equal(ldr_reloc_name(R_X86_64_REX_GOTPCRELX), "R_X86_64_REX_GOTPCRELX");
	assert_string_equal(ldr_reloc_name(39), "?");
	assert_string_equal(ldr_reloc_name(100000), "?");
}

static void test_weak_undefined(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_dup();
	Elf64_Sym *s = ldrfix_sym(f, ldrfix_find_sym(f, "printk"));
	Elf64_Rela *r = ldrfix_rela_to(f, "printk", 0);
	struct ldr_module m;
	struct ldr_err err;
	int32_t disp;
	uint64_t p;

	(void)state;
	s->st_info = ELF64_ST_INFO(STB_WEAK, STT_NOTYPE);
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_X86_64_32S); /* 0 + A must fit */
	fk.no_printk = true;
	assert_int_equal(ldr_link(f, ldrfix_kosz, &env, &m, &err), 0);
	p = ldrfix_mod_sec(&m, ldrfix_find_sec(f, ".text"))->target + r->r_offset;
	memcpy(&disp, ldr_host_ptr(&m, p, 4), 4);
	assert_int_equal(disp, r->r_addend); /* S = 0 */
	ldr_unload(&env, &m);
	free(f);
}

/* Link @f with printk at @addr and return the 4 or 8 bytes written at the printk field. */
static uint64_t link_field(unsigned char *f, uint64_t addr, int width, uint64_t *p)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_module m;
	struct ldr_err err;
	Elf64_Rela *r = ldrfix_rela_to(f, "printk", 0);
	uint64_t v = 0;
	int rc;

	fk.printk = addr;
	rc = ldr_link(f, ldrfix_kosz, &env, &m, &err);
	if (rc)
		fail_msg("link failed: %s", err.msg);
	*p = ldrfix_mod_sec(&m, ldrfix_find_sec(f, ".text"))->target + r->r_offset;
	memcpy(&v, ldr_host_ptr(&m, *p, (size_t)width), (size_t)width);
	ldr_unload(&env, &m);
	return v;
}

/* Turn into R_X86_64_NONE every other relocation overlapping the @width bytes at @r. */
static void clear_overlaps(unsigned char *f, const Elf64_Rela *r, uint64_t width)
{
	Elf64_Shdr *rs = ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"));

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *o = ldrfix_rela(f, ".rela.text", k);

		if (o != r && o->r_offset + 4 > r->r_offset && o->r_offset < r->r_offset + width)
			o->r_info = ELF64_R_INFO(0, R_X86_64_NONE);
	}
}

static void test_reloc_32_pc64(void **state)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	unsigned char *f = ldrfix_retype_printk(R_X86_64_32, true);
	int64_t a = ldrfix_rela_to(f, "printk", 0)->r_addend;
	uint64_t p;

	(void)state;
	assert_int_equal(link_field(f, 0x80101000ull, 4, &p), 0x80101000ull + a);
	fk.printk = LDRFIX_PRINTK_ADDR; /* does not zero-extend from 32 bits */
	ldrfix_expect_link_fail(f, ldrfix_kosz, &fk, &env, -ENOEXEC,
				"R_X86_64_32 overflow for symbol 'printk'");
	free(f);
	f = ldrfix_retype_printk(R_X86_64_PC64, false);
	clear_overlaps(f, ldrfix_rela_to(f, "printk", 0), 8);
	assert_int_equal(link_field(f, LDRFIX_PRINTK_ADDR, 8, &p), LDRFIX_PRINTK_ADDR + a - p);
	free(f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_ok),   cmocka_unit_test(test_link_unload),
		cmocka_unit_test(test_segments),      cmocka_unit_test(test_contents),
		cmocka_unit_test(test_relocations),   cmocka_unit_test(test_call_printk),
		cmocka_unit_test(test_host_ptr),      cmocka_unit_test(test_meta),
		cmocka_unit_test(test_meta_deps),     cmocka_unit_test(test_exports),
		cmocka_unit_test(test_reloc_name),    cmocka_unit_test(test_weak_undefined),
		cmocka_unit_test(test_reloc_32_pc64), cmocka_unit_test(test_sym_at),
	};
	int failed;

	if (ldrfix_load(argc, argv) != 0)
		return 1;
	failed = cmocka_run_group_tests_name("ldr", tests, NULL, NULL);
	ldrfix_release();
	return failed;
}
