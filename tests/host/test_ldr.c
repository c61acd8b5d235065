/*
 * tests/host/test_ldr.c - host tests of the module linker (loader/).
 *
 * Usage: test_ldr MODULE.ko (or LDR_TEST_KO=MODULE.ko test_ldr); the
 * module is modules/example/hello.c built with the kernel's module flags.
 * The test reads the file's tables independently with the host <elf.h>,
 * links it against a fake environment (high fake target addresses,
 * malloc'd host buffers) and checks the result, then corrupts in-memory
 * copies to check one refusal per class of malformed file.
 */
#include <elf.h>
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

#define MOD_BASE 0xffffffffc0000000ull
#define PRINTK_ADDR 0xffffffff80101000ull

static unsigned char *g_ko; /* the pristine module file */
static size_t g_kosz;

/* ---- fake environment ---------------------------------------------------- */

struct fake {
	int allocs, frees;
	int fail_at;        /* fail the n-th alloc (1-based); 0 never */
	uint64_t next;      /* next target address */
	bool no_printk;     /* resolve does not know printk */
	uint64_t printk;    /* address resolve returns for printk */
};

static int fake_alloc(void *ctx, size_t size, enum ldr_prot prot, uint64_t *target, void **host)
{
	struct fake *fk = ctx;

	(void)prot;
	assert_int_equal(size % LDR_PAGE_SIZE, 0);
	assert_true(size > 0);
	if (fk->fail_at && fk->allocs + 1 == fk->fail_at)
		return -ENOMEM;
	*host = malloc(size);
	assert_non_null(*host);
	memset(*host, 0xa5, size); /* the linker must clear padding and .bss itself */
	*target = fk->next;
	fk->next += size + 0x10000;
	fk->allocs++;
	return 0;
}

static void fake_free(void *ctx, uint64_t target, void *host, size_t size)
{
	struct fake *fk = ctx;

	(void)target;
	(void)size;
	free(host);
	fk->frees++;
}

static int fake_resolve(void *ctx, const char *name, uint64_t *addr)
{
	struct fake *fk = ctx;

	if (strcmp(name, "printk") == 0 && !fk->no_printk) {
		*addr = fk->printk;
		return 0;
	}
	return -ENOENT;
}

static struct ldr_env fake_env(struct fake *fk)
{
	memset(fk, 0, sizeof(*fk));
	fk->next = MOD_BASE;
	fk->printk = PRINTK_ADDR;
	return (struct ldr_env){ .alloc = fake_alloc, .free = fake_free,
		                 .resolve = fake_resolve, .ctx = fk };
}

/* ---- independent ELF access with <elf.h> -------------------------------- */

static unsigned char *dup_ko(void)
{
	unsigned char *p = malloc(g_kosz);

	assert_non_null(p);
	memcpy(p, g_ko, g_kosz);
	return p;
}

static Elf64_Ehdr *ehdr(unsigned char *f)
{
	return (Elf64_Ehdr *)f;
}

static Elf64_Shdr *shdr(unsigned char *f, unsigned i)
{
	return (Elf64_Shdr *)(f + ehdr(f)->e_shoff) + i;
}

static const char *secname(unsigned char *f, unsigned i)
{
	return (const char *)f + shdr(f, ehdr(f)->e_shstrndx)->sh_offset + shdr(f, i)->sh_name;
}

static unsigned find_sec(unsigned char *f, const char *name)
{
	for (unsigned i = 1; i < ehdr(f)->e_shnum; i++)
		if (strcmp(secname(f, i), name) == 0)
			return i;
	fail_msg("no section %s", name);
	return 0;
}

static unsigned find_type(unsigned char *f, uint32_t type)
{
	for (unsigned i = 1; i < ehdr(f)->e_shnum; i++)
		if (shdr(f, i)->sh_type == type)
			return i;
	fail_msg("no section of type %u", type);
	return 0;
}

static Elf64_Sym *sym(unsigned char *f, unsigned idx)
{
	return (Elf64_Sym *)(f + shdr(f, find_type(f, SHT_SYMTAB))->sh_offset) + idx;
}

static const char *symname(unsigned char *f, const Elf64_Sym *s)
{
	unsigned symtab = find_type(f, SHT_SYMTAB);

	return (const char *)f + shdr(f, shdr(f, symtab)->sh_link)->sh_offset + s->st_name;
}

static unsigned find_sym(unsigned char *f, const char *name)
{
	Elf64_Shdr *st = shdr(f, find_type(f, SHT_SYMTAB));

	for (unsigned i = 1; i < st->sh_size / sizeof(Elf64_Sym); i++)
		if (strcmp(symname(f, sym(f, i)), name) == 0)
			return i;
	fail_msg("no symbol %s", name);
	return 0;
}

static Elf64_Rela *rela(unsigned char *f, const char *sec, unsigned k)
{
	return (Elf64_Rela *)(f + shdr(f, find_sec(f, sec))->sh_offset) + k;
}

/* The n-th relocation of .rela.text that targets symbol @name. */
static Elf64_Rela *rela_to(unsigned char *f, const char *name, unsigned n)
{
	Elf64_Shdr *rs = shdr(f, find_sec(f, ".rela.text"));
	unsigned want = find_sym(f, name);

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *r = rela(f, ".rela.text", k);

		if (ELF64_R_SYM(r->r_info) == want && n-- == 0)
			return r;
	}
	fail_msg("no relocation to %s", name);
	return NULL;
}

static const struct ldr_section *mod_sec(const struct ldr_module *m, unsigned shndx)
{
	for (unsigned i = 0; i < m->nsec; i++)
		if (m->sec[i].shndx == shndx)
			return &m->sec[i];
	fail_msg("section %u not loaded", shndx);
	return NULL;
}

/* Target address of symbol @idx as the test computes it. */
static uint64_t sym_target(unsigned char *f, const struct ldr_module *m, unsigned idx)
{
	Elf64_Sym *s = sym(f, idx);

	if (s->st_shndx == SHN_UNDEF)
		return strcmp(symname(f, s), "printk") == 0 ? PRINTK_ADDR : 0;
	if (s->st_shndx == SHN_ABS)
		return s->st_value;
	return mod_sec(m, s->st_shndx)->target + s->st_value;
}

/* ---- helpers for refusals ------------------------------------------------ */

static void assert_empty(const struct ldr_module *m)
{
	static const struct ldr_module zero;

	assert_memory_equal(m, &zero, sizeof(zero));
}

/* Link @f and expect @rc with @words in the message; check nothing leaked. */
static void expect_link_fail(unsigned char *f, size_t size, struct fake *fk,
                             const struct ldr_env *env, int rc, const char *words)
{
	struct ldr_module m;
	struct ldr_err err;

	memset(&m, 0x5a, sizeof(m));
	assert_int_equal(ldr_link(f, size, env, &m, &err), rc);
	if (!strstr(err.msg, words))
		fail_msg("message '%s' lacks '%s'", err.msg, words);
	assert_null(strchr(err.msg, '\n'));
	assert_empty(&m);
	assert_int_equal(fk->allocs, fk->frees);
}

/* Validation and linking must both refuse @f with -ENOEXEC and @words; frees @f. */
static void expect_invalid(unsigned char *f, size_t size, const char *words)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_err err;

	assert_int_equal(ldr_validate(f, size, &err), -ENOEXEC);
	if (!strstr(err.msg, words))
		fail_msg("validate message '%s' lacks '%s'", err.msg, words);
	expect_link_fail(f, size, &fk, &env, -ENOEXEC, words);
	assert_int_equal(fk.allocs, 0);
	free(f);
}


/* ---- the real module links correctly ----------------------------------- */

static void link_ok(struct fake *fk, const struct ldr_env *env, struct ldr_module *m)
{
	struct ldr_err err;
	int rc = ldr_link(g_ko, g_kosz, env, m, &err);

	if (rc)
		fail_msg("link failed (%d): %s", rc, err.msg);
	assert_string_equal(err.msg, "");
	assert_int_equal(fk->allocs, 3);
}

static void test_validate_ok(void **state)
{
	struct ldr_err err;

	(void)state;
	assert_int_equal(ldr_validate(g_ko, g_kosz, &err), 0);
	assert_string_equal(err.msg, "");
}

static void test_link_unload(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	unsigned nalloc = 0;

	(void)state;
	link_ok(&fk, &env, &m);
	for (unsigned i = 1; i < ehdr(g_ko)->e_shnum; i++)
		if (shdr(g_ko, i)->sh_flags & SHF_ALLOC)
			nalloc++;
	assert_int_equal(m.nsec, nalloc);
	assert_string_equal(m.sec[0].name, ".text");
	assert_int_equal(m.info_target, mod_sec(&m, find_sec(g_ko, ".kmod_info"))->target);
	ldr_unload(&env, &m);
	assert_empty(&m);
	assert_int_equal(fk.frees, 3);
	ldr_unload(&env, &m); /* an empty module is accepted */
	assert_int_equal(fk.frees, 3);
}

static void check_section_placement(unsigned char *f, const struct ldr_module *m,
                                    const struct ldr_section *s)
{
	Elf64_Shdr *sh = shdr(f, s->shndx);
	const struct ldr_segment *seg = &m->seg[s->prot];
	enum ldr_prot want = (sh->sh_flags & SHF_EXECINSTR) ? LDR_PROT_RX
	                     : (sh->sh_flags & SHF_WRITE)   ? LDR_PROT_RW
	                                                    : LDR_PROT_RO;

	assert_int_equal(s->prot, want);
	assert_string_equal(s->name, secname(f, s->shndx));
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
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;

	(void)state;
	link_ok(&fk, &env, &m);
	for (unsigned p = 0; p < 3; p++) {
		assert_int_equal(m.seg[p].prot, p);
		assert_int_equal(m.seg[p].target % 4096, 0);
		assert_int_equal(m.seg[p].size % 4096, 0);
		assert_true(m.seg[p].size > 0);
		assert_true(m.seg[p].target >= MOD_BASE);
		for (unsigned q = 0; q < p; q++) /* no two segments overlap */
			assert_true(m.seg[p].target >= m.seg[q].target + m.seg[q].size ||
			            m.seg[q].target >= m.seg[p].target + m.seg[p].size);
	}
	for (unsigned i = 0; i < m.nsec; i++)
		check_section_placement(g_ko, &m, &m.sec[i]);
	assert_int_equal(mod_sec(&m, find_sec(g_ko, ".text"))->prot, LDR_PROT_RX);
	assert_int_equal(mod_sec(&m, find_sec(g_ko, ".kmod_info"))->prot, LDR_PROT_RO);
	assert_int_equal(mod_sec(&m, find_sec(g_ko, ".bss"))->prot, LDR_PROT_RW);
	ldr_unload(&env, &m);
}

static void test_contents(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	const struct ldr_section *bss, *data;
	const unsigned char *p;

	(void)state;
	link_ok(&fk, &env, &m);
	bss = mod_sec(&m, find_sec(g_ko, ".bss"));
	p = ldr_host_ptr(&m, bss->target, bss->size);
	assert_non_null(p);
	for (uint64_t i = 0; i < bss->size; i++)
		assert_int_equal(p[i], 0);
	data = mod_sec(&m, find_sec(g_ko, ".data"));
	p = ldr_host_ptr(&m, data->target, data->size);
	assert_memory_equal(p, g_ko + shdr(g_ko, data->shndx)->sh_offset, data->size);
	assert_int_equal(p[0], 0x2a); /* hello_loads */
	/* padding after the last section of a segment is cleared too */
	p = m.seg[LDR_PROT_RW].host;
	assert_int_equal(p[m.seg[LDR_PROT_RW].size - 1], 0);
	ldr_unload(&env, &m);
}

/* Check every applied relocation of rela section @ri against the psABI formulas. */
static unsigned check_rela_section(unsigned char *f, const struct ldr_module *m, unsigned ri)
{
	Elf64_Shdr *rs = shdr(f, ri);
	const struct ldr_section *t = mod_sec(m, rs->sh_info);
	unsigned n = 0;

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++, n++) {
		Elf64_Rela *r = (Elf64_Rela *)(f + rs->sh_offset) + k;
		uint64_t s = sym_target(f, m, ELF64_R_SYM(r->r_info));
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
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	unsigned n = 0;

	(void)state;
	link_ok(&fk, &env, &m);
	for (unsigned i = 1; i < ehdr(g_ko)->e_shnum; i++)
		if (shdr(g_ko, i)->sh_type == SHT_RELA &&
		    (shdr(g_ko, shdr(g_ko, i)->sh_info)->sh_flags & SHF_ALLOC))
			n += check_rela_section(g_ko, &m, i);
	assert_true(n >= 10);
	ldr_unload(&env, &m);
}

/* The call to printk: rel32 = S + A - P, decoded the way the CPU does. */
static void test_call_printk(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	Elf64_Rela *r = rela_to(g_ko, "printk", 0);
	uint64_t p;
	const unsigned char *loc;
	int32_t disp;

	(void)state;
	link_ok(&fk, &env, &m);
	assert_int_equal(ELF64_R_TYPE(r->r_info), R_X86_64_PLT32);
	p = mod_sec(&m, find_sec(g_ko, ".text"))->target + r->r_offset;
	loc = ldr_host_ptr(&m, p, 4);
	assert_true(loc[-1] == 0xe8 || loc[-1] == 0xe9); /* call or jmp rel32 */
	memcpy(&disp, loc, 4);
	assert_int_equal(disp, (int64_t)(PRINTK_ADDR + r->r_addend - p));
	assert_int_equal(p + 4 + (uint64_t)(int64_t)disp, PRINTK_ADDR); /* next insn + disp */
	ldr_unload(&env, &m);
}

static void test_host_ptr(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	const struct ldr_segment *ro;

	(void)state;
	link_ok(&fk, &env, &m);
	ro = &m.seg[LDR_PROT_RO];
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
	return sym_target(g_ko, m, find_sym(g_ko, name));
}

static void test_meta(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	struct ldr_meta meta;
	struct ldr_err err;
	const struct ldr_segment *rx;

	(void)state;
	link_ok(&fk, &env, &m);
	assert_int_equal(ldr_meta(&m, &meta, &err), 0);
	assert_string_equal(meta.name, "hello");
	assert_string_equal(meta.version, "1.0.0");
	assert_string_equal(meta.role, "example");
	assert_int_equal(meta.ndeps, 1);
	assert_string_equal(meta.deps[0], "mem");
	assert_null(meta.deps[1]);
	rx = &m.seg[LDR_PROT_RX];
	assert_true(meta.init >= rx->target && meta.init < rx->target + rx->size);
	assert_int_equal(meta.init, func_target(&m, "hello_init"));
	assert_int_equal(meta.fini, func_target(&m, "hello_fini"));
	ldr_unload(&env, &m);
}

struct seen {
	int n;
	char name[64];
	uint64_t addr;
	int ret;
};

static int collect(void *arg, const char *name, uint64_t addr)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->addr = addr;
	return s->ret;
}

static void test_exports(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	struct ldr_err err;
	struct seen s = { 0 };

	(void)state;
	link_ok(&fk, &env, &m);
	assert_int_equal(ldr_exports(&m, collect, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.name, "hello_count");
	assert_int_equal(s.addr, func_target(&m, "hello_count"));
	s = (struct seen){ .ret = -EEXIST };
	assert_int_equal(ldr_exports(&m, collect, &s, &err), -EEXIST);
	assert_non_null(strstr(err.msg, "'hello_count'"));
	m.export_size = 0; /* a module without .kexport calls nothing */
	s.n = 0;
	assert_int_equal(ldr_exports(&m, collect, &s, &err), 0);
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

/* ---- one refusal per class ----------------------------------------------- */

static void test_truncated(void **state)
{
	const size_t small[] = { 0, 1, 4, 63 };
	const size_t cut[] = { 64, 0x100, 0x400, g_kosz / 2, g_kosz - 64, g_kosz - 1 };

	(void)state;
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		expect_invalid(dup_ko(), small[i], "too small for an ELF header");
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++)
		expect_invalid(dup_ko(), cut[i], "past end of file");
}

static void test_not_elf(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	f[1] = 'X';
	expect_invalid(f, g_kosz, "not an ELF file");
}

static void test_wrong_class(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	f[EI_CLASS] = ELFCLASS32;
	expect_invalid(f, g_kosz, "not a 64-bit ELF file (class 1)");
}

static void test_wrong_data(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	f[EI_DATA] = ELFDATA2MSB;
	expect_invalid(f, g_kosz, "not little-endian");
}

static void test_wrong_machine(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	ehdr(f)->e_machine = EM_386;
	expect_invalid(f, g_kosz, "wrong machine 3");
}

static void test_wrong_type(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	ehdr(f)->e_type = ET_EXEC;
	expect_invalid(f, g_kosz, "not a relocatable object (e_type 2, ET_EXEC)");
}

static void test_shdr_table_oob(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	ehdr(f)->e_shoff = g_kosz - 64;
	expect_invalid(f, g_kosz, "section table");
	f = dup_ko();
	ehdr(f)->e_shoff = UINT64_MAX - 8; /* offset + size wraps around */
	expect_invalid(f, g_kosz, "past end of file");
}

static void test_section_offset_oob(void **state)
{
	unsigned char *f = dup_ko();
	char want[128];

	(void)state;
	shdr(f, 1)->sh_offset = g_kosz - 0x10;
	snprintf(want, sizeof(want), "section 1 (.text) offset 0x%zx+0x%lx past end of file (0x%zx bytes)",
	         g_kosz - 0x10, (unsigned long)shdr(f, 1)->sh_size, g_kosz);
	expect_invalid(f, g_kosz, want);
	f = dup_ko();
	shdr(f, 1)->sh_size = UINT64_MAX; /* size wraps */
	expect_invalid(f, g_kosz, "(.text) offset");
}

static void test_section_name_oob(void **state)
{
	unsigned char *f = dup_ko();
	Elf64_Shdr *str = shdr(f, ehdr(f)->e_shstrndx);

	(void)state;
	shdr(f, 1)->sh_name = 0x10000;
	expect_invalid(f, g_kosz, "section 1 name offset 0x10000 outside section-name table");
	/* a name running into the end of the table without a NUL */
	f = dup_ko();
	str = shdr(f, ehdr(f)->e_shstrndx);
	f[str->sh_offset + str->sh_size - 1] = 'x';
	shdr(f, 1)->sh_name = (uint32_t)str->sh_size - 1;
	expect_invalid(f, g_kosz, "not NUL-terminated");
}

static void test_symbol_name_oob(void **state)
{
	unsigned char *f = dup_ko();
	unsigned i = find_sym(f, "printk");
	char want[64];

	(void)state;
	sym(f, i)->st_name = 0xffff;
	snprintf(want, sizeof(want), "symbol %u name offset 0xffff outside string table", i);
	expect_invalid(f, g_kosz, want);
	/* found by the fuzzer: the null symbol is named in overflow messages, check it too */
	f = dup_ko();
	sym(f, 0)->st_name = 0x7fffffff;
	expect_invalid(f, g_kosz, "symbol 0 name offset 0x7fffffff outside string table");
}

static void test_symbol_shndx(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	sym(f, find_sym(f, "hello_count"))->st_shndx = 200;
	expect_invalid(f, g_kosz, "symbol 'hello_count' section index 200 out of range");
}

static void test_reloc_symbol_oob(void **state)
{
	unsigned char *f = dup_ko();
	Elf64_Rela *r = rela(f, ".rela.text", 0);

	(void)state;
	r->r_info = ELF64_R_INFO(999, ELF64_R_TYPE(r->r_info));
	expect_invalid(f, g_kosz, "relocation 0 in .rela.text: symbol index 999 out of range");
}

static void test_reloc_offset_oob(void **state)
{
	unsigned char *f = dup_ko();
	Elf64_Rela *r = rela(f, ".rela.text", 1);

	(void)state;
	r->r_offset = shdr(f, find_sec(f, ".text"))->sh_size - 2; /* 4-byte field, 2 left */
	expect_invalid(f, g_kosz, "past end of .text");
	f = dup_ko();
	rela(f, ".rela.kmod_info", 0)->r_offset = UINT64_MAX - 3; /* offset + width wraps */
	expect_invalid(f, g_kosz, "past end of .kmod_info");
}

static void test_reloc_unknown(void **state)
{
	unsigned char *f = dup_ko();
	Elf64_Rela *r = rela(f, ".rela.text", 0);

	(void)state;
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_X86_64_GOTPCREL);
	expect_invalid(f, g_kosz, "unknown relocation type 9 (R_X86_64_GOTPCREL) in .rela.text");
	f = dup_ko();
	r = rela(f, ".rela.kexport", 0);
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 200);
	expect_invalid(f, g_kosz, "unknown relocation type 200 (?) in .rela.kexport");
}

static void test_rel_section(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	shdr(f, find_sec(f, ".rela.text"))->sh_type = SHT_REL;
	expect_invalid(f, g_kosz, "REL section");
}

static void test_unresolved(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);

	(void)state;
	fk.no_printk = true;
	expect_link_fail(g_ko, g_kosz, &fk, &env, -ENOENT, "unresolved symbol 'printk'");
	assert_int_equal(fk.allocs, 3);
}

static void test_weak_undefined(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	unsigned char *f = dup_ko();
	Elf64_Sym *s = sym(f, find_sym(f, "printk"));
	Elf64_Rela *r = rela_to(f, "printk", 0);
	struct ldr_module m;
	struct ldr_err err;
	int32_t disp;
	uint64_t p;

	(void)state;
	s->st_info = ELF64_ST_INFO(STB_WEAK, STT_NOTYPE);
	r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_X86_64_32S); /* 0 + A must fit */
	fk.no_printk = true;
	assert_int_equal(ldr_link(f, g_kosz, &env, &m, &err), 0);
	p = mod_sec(&m, find_sec(f, ".text"))->target + r->r_offset;
	memcpy(&disp, ldr_host_ptr(&m, p, 4), 4);
	assert_int_equal(disp, r->r_addend); /* S = 0 */
	ldr_unload(&env, &m);
	free(f);
}

static void test_abi_mismatch(void **state)
{
	unsigned char *f = dup_ko();
	uint32_t abi = 2;

	(void)state;
	memcpy(f + shdr(f, find_sec(f, ".kmod_info"))->sh_offset + 4, &abi, 4);
	expect_invalid(f, g_kosz, "ABI version 2, kernel has 1");
	f = dup_ko();
	f[shdr(f, find_sec(f, ".kmod_info"))->sh_offset] ^= 1;
	expect_invalid(f, g_kosz, ".kmod_info magic");
}

static void test_missing_kmod_info(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	memcpy((char *)secname(f, find_sec(f, ".kmod_info")), ".kmod_junk", 10);
	expect_invalid(f, g_kosz, "no .kmod_info section: missing KMOD()");
	f = dup_ko();
	shdr(f, find_sec(f, ".kmod_info"))->sh_size += 8;
	expect_invalid(f, g_kosz, ".kmod_info is 0x78 bytes, expected 112");
}

static void test_write_exec(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	shdr(f, find_sec(f, ".text"))->sh_flags |= SHF_WRITE;
	expect_invalid(f, g_kosz, "section 1 (.text) is both writable and executable");
}

static void test_common_symbol(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	sym(f, find_sym(f, "hello_count"))->st_shndx = SHN_COMMON;
	expect_invalid(f, g_kosz, "common symbol 'hello_count'; build with -fno-common");
}

static void test_bad_alignment(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	shdr(f, find_sec(f, ".data"))->sh_addralign = 24;
	expect_invalid(f, g_kosz, "(.data) alignment 24");
	f = dup_ko();
	shdr(f, find_sec(f, ".data"))->sh_addralign = 8192;
	expect_invalid(f, g_kosz, "alignment 8192");
}

/* Found by the fuzzer: an allocated SHT_NULL section with a wild offset. */
static void test_null_alloc_section(void **state)
{
	unsigned char *f = dup_ko();
	Elf64_Shdr *sh = shdr(f, find_sec(f, ".data"));

	(void)state;
	sh->sh_type = SHT_NULL;
	sh->sh_offset = 0x100000009ull;
	expect_invalid(f, g_kosz, "inactive (SHT_NULL) section");
}

static void test_table_links(void **state)
{
	unsigned char *f = dup_ko();

	(void)state;
	shdr(f, find_sec(f, ".rela.text"))->sh_link = find_sec(f, ".text");
	expect_invalid(f, g_kosz, "(.rela.text) links to section 1");
	f = dup_ko();
	shdr(f, find_sec(f, ".rela.text"))->sh_info = 999;
	expect_invalid(f, g_kosz, "target section 999 out of range");
	f = dup_ko();
	shdr(f, find_type(f, SHT_SYMTAB))->sh_entsize = 16;
	expect_invalid(f, g_kosz, "(.symtab) entry size 16");
	f = dup_ko();
	ehdr(f)->e_shstrndx = 1;
	expect_invalid(f, g_kosz, "not STRTAB");
}

/* Retype the first (or every) relocation against printk to @type; returns the copy. */
static unsigned char *retype_printk(uint32_t type, bool all)
{
	unsigned char *f = dup_ko();
	Elf64_Shdr *rs = shdr(f, find_sec(f, ".rela.text"));
	unsigned want = find_sym(f, "printk");

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *r = rela(f, ".rela.text", k);

		if (ELF64_R_SYM(r->r_info) != want)
			continue;
		r->r_info = ELF64_R_INFO(want, type);
		if (!all)
			break;
	}
	return f;
}

static void test_overflow_32s(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	unsigned char *f = retype_printk(R_X86_64_32S, false);

	(void)state;
	fk.printk = 0x100000000ull; /* a low address that does not sign-extend from 32 bits */
	expect_link_fail(f, g_kosz, &fk, &env, -ENOEXEC,
	                 "relocation R_X86_64_32S overflow for symbol 'printk'");
	free(f);
	/* the module itself mapped outside the top 2 GiB: its own 32S references overflow */
	env = fake_env(&fk);
	fk.next = 0x100000000ull;
	expect_link_fail(g_ko, g_kosz, &fk, &env, -ENOEXEC, "R_X86_64_32S overflow for symbol '.");
}

static void test_overflow_pc32(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);

	(void)state;
	fk.printk = 0x100000000ull; /* more than 2 GiB away from the module (modulo 2^64) */
	expect_link_fail(g_ko, g_kosz, &fk, &env, -ENOEXEC,
	                 "relocation R_X86_64_PLT32 overflow for symbol 'printk'");
	env = fake_env(&fk);
	fk.printk = MOD_BASE - 0x80000000ull + 0x10000; /* just within reach */
	{
		struct ldr_module m;
		struct ldr_err err;

		assert_int_equal(ldr_link(g_ko, g_kosz, &env, &m, &err), 0);
		ldr_unload(&env, &m);
	}
}

/* Link @f with printk at @addr and return the 4 or 8 bytes written at the printk field. */
static uint64_t link_field(unsigned char *f, uint64_t addr, int width, uint64_t *p)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	struct ldr_module m;
	struct ldr_err err;
	Elf64_Rela *r = rela_to(f, "printk", 0);
	uint64_t v = 0;
	int rc;

	fk.printk = addr;
	rc = ldr_link(f, g_kosz, &env, &m, &err);
	if (rc)
		fail_msg("link failed: %s", err.msg);
	*p = mod_sec(&m, find_sec(f, ".text"))->target + r->r_offset;
	memcpy(&v, ldr_host_ptr(&m, *p, (size_t)width), (size_t)width);
	ldr_unload(&env, &m);
	return v;
}

/* Turn into R_X86_64_NONE every other relocation overlapping the @width bytes at @r. */
static void clear_overlaps(unsigned char *f, const Elf64_Rela *r, uint64_t width)
{
	Elf64_Shdr *rs = shdr(f, find_sec(f, ".rela.text"));

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *o = rela(f, ".rela.text", k);

		if (o != r && o->r_offset + 4 > r->r_offset && o->r_offset < r->r_offset + width)
			o->r_info = ELF64_R_INFO(0, R_X86_64_NONE);
	}
}

static void test_reloc_32_pc64(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	unsigned char *f = retype_printk(R_X86_64_32, true);
	int64_t a = rela_to(f, "printk", 0)->r_addend;
	uint64_t p;

	(void)state;
	assert_int_equal(link_field(f, 0x80101000ull, 4, &p), 0x80101000ull + a);
	fk.printk = PRINTK_ADDR; /* does not zero-extend from 32 bits */
	expect_link_fail(f, g_kosz, &fk, &env, -ENOEXEC, "R_X86_64_32 overflow for symbol 'printk'");
	free(f);
	f = retype_printk(R_X86_64_PC64, false);
	clear_overlaps(f, rela_to(f, "printk", 0), 8);
	assert_int_equal(link_field(f, PRINTK_ADDR, 8, &p), PRINTK_ADDR + a - p);
	free(f);
}

static void test_alloc_failure(void **state)
{
	(void)state;
	for (int n = 1; n <= 3; n++) {
		struct fake fk;
		struct ldr_env env = fake_env(&fk);

		fk.fail_at = n;
		expect_link_fail(g_ko, g_kosz, &fk, &env, -ENOMEM, "cannot allocate");
		assert_int_equal(fk.allocs, n - 1);
	}
}

/* ---- metadata refusals, on a linked module patched in memory ------------- */

struct linked {
	struct fake fk;
	struct ldr_env env;
	struct ldr_module m;
	unsigned char *info; /* host pointer to the relocated .kmod_info */
};

static void link_patchable(struct linked *l)
{
	l->env = fake_env(&l->fk);
	link_ok(&l->fk, &l->env, &l->m);
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
	bss = mod_sec(&l.m, find_sec(g_ko, ".bss"));
	memset(ldr_host_ptr(&l.m, bss->target, bss->size), 'a', bss->size);
	put64(INFO_FIELD(&l, version), bss->target);
	expect_meta_fail(&l, "version is not NUL-terminated within 64 bytes");
}

static void test_meta_bad_entry(void **state)
{
	struct linked l;

	(void)state;
	link_patchable(&l);
	put64(INFO_FIELD(&l, init), l.m.seg[LDR_PROT_RO].target);
	expect_meta_fail(&l, "init 0x");
	link_patchable(&l);
	put64(INFO_FIELD(&l, fini), l.m.seg[LDR_PROT_RX].target + l.m.seg[LDR_PROT_RX].size);
	expect_meta_fail(&l, "fini 0x");
}

static void test_meta_bad_deps(void **state)
{
	struct linked l;
	uint64_t mem;

	(void)state;
	link_patchable(&l);
	mem = get64(INFO_FIELD(&l, deps));
	put64(INFO_FIELD(&l, deps), 0);
	put64(INFO_FIELD(&l, deps) + 8 * 3, mem);
	expect_meta_fail(&l, "dependency 3 follows an empty slot");
	link_patchable(&l);
	put64(INFO_FIELD(&l, role), get64(INFO_FIELD(&l, version))); /* "1.0.0" */
	expect_meta_fail(&l, "role '1.0.0' has invalid character '.'");
}

static void test_exports_bad_name(void **state)
{
	struct linked l;
	struct ldr_err err;
	struct seen s = { 0 };
	unsigned char *tab;

	(void)state;
	link_patchable(&l);
	tab = ldr_host_ptr(&l.m, l.m.export_target, l.m.export_size);
	put64(tab, l.m.seg[LDR_PROT_RW].target + l.m.seg[LDR_PROT_RW].size);
	assert_int_equal(ldr_exports(&l.m, collect, &s, &err), -ENOEXEC);
	assert_non_null(strstr(err.msg, "export name pointer"));
	assert_int_equal(s.n, 0);
	ldr_unload(&l.env, &l.m);
}

/* ---- robustness: flip every bit of the file and section headers --------- */

static void link_whatever(unsigned char *f, size_t size, struct fake *fk,
                          const struct ldr_env *env)
{
	struct ldr_module m;
	struct ldr_meta meta;
	struct ldr_err err;
	struct seen s = { 0 };
	int rc = ldr_link(f, size, env, &m, &err);

	if (rc) {
		assert_true(rc < 0);
		assert_true(err.msg[0] != '\0');
		assert_int_equal(fk->allocs, fk->frees);
		return;
	}
	if (ldr_meta(&m, &meta, &err) != 0)
		assert_true(err.msg[0] != '\0');
	(void)ldr_exports(&m, collect, &s, &err);
	ldr_unload(&env[0], &m);
	assert_int_equal(fk->allocs, fk->frees);
}

static void test_bit_flips(void **state)
{
	struct fake fk;
	struct ldr_env env = fake_env(&fk);
	unsigned char *f = dup_ko();
	size_t shoff = ehdr(g_ko)->e_shoff, shend = shoff + ehdr(g_ko)->e_shnum * sizeof(Elf64_Shdr);

	(void)state;
	for (size_t off = 0; off < shend; off++) {
		if (off == sizeof(Elf64_Ehdr))
			off = shoff;
		for (int bit = 0; bit < 8; bit++) {
			f[off] ^= (unsigned char)(1u << bit);
			link_whatever(f, g_kosz, &fk, &env);
			f[off] ^= (unsigned char)(1u << bit);
		}
	}
	assert_memory_equal(f, g_ko, g_kosz);
	free(f);
}

static void test_messages_printable(void **state)
{
	unsigned char *f = dup_ko();
	char *name = (char *)secname(f, 1);

	(void)state;
	name[2] = '\n'; /* ".t\nxt": shown as ".t?xt", the message stays one line */
	shdr(f, 1)->sh_offset = g_kosz;
	expect_invalid(f, g_kosz, "section 1 (.t?xt) offset");
}

/* ---- main ---------------------------------------------------------------- */

static int load_ko(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (!fp)
		return -1;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) <= 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return -1;
	}
	g_kosz = (size_t)n;
	g_ko = malloc(g_kosz);
	if (!g_ko || fread(g_ko, 1, g_kosz, fp) != g_kosz) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : getenv("LDR_TEST_KO");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_ok),
		cmocka_unit_test(test_link_unload),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_contents),
		cmocka_unit_test(test_relocations),
		cmocka_unit_test(test_call_printk),
		cmocka_unit_test(test_host_ptr),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_exports),
		cmocka_unit_test(test_reloc_name),
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
		cmocka_unit_test(test_weak_undefined),
		cmocka_unit_test(test_abi_mismatch),
		cmocka_unit_test(test_missing_kmod_info),
		cmocka_unit_test(test_write_exec),
		cmocka_unit_test(test_common_symbol),
		cmocka_unit_test(test_bad_alignment),
		cmocka_unit_test(test_null_alloc_section),
		cmocka_unit_test(test_table_links),
		cmocka_unit_test(test_overflow_32s),
		cmocka_unit_test(test_overflow_pc32),
		cmocka_unit_test(test_reloc_32_pc64),
		cmocka_unit_test(test_alloc_failure),
		cmocka_unit_test(test_meta_bad_name),
		cmocka_unit_test(test_meta_bad_entry),
		cmocka_unit_test(test_meta_bad_deps),
		cmocka_unit_test(test_exports_bad_name),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_messages_printable),
	};
	int failed;

	if (!path || load_ko(path) != 0) {
		fprintf(stderr, "usage: %s MODULE.ko (or set LDR_TEST_KO); cannot read '%s'\n",
		        argv[0], path ? path : "");
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(g_ko);
	return failed;
}
