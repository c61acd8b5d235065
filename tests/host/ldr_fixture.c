/*
 * tests/host/ldr_fixture.c - shared fixture of the module linker's host tests.
 *
 * See ldr_fixture.h. The fake environment's alloc fills every buffer with
 * 0xa5, so a linker that forgot to clear padding or .bss is caught, and
 * counts allocations and frees, so every refusal can check nothing leaked.
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

#include "ldr_fixture.h"

unsigned char *ldrfix_ko;
size_t ldrfix_kosz;

/* ---- module file ------------------------------------------------------------ */

static int ldrfix_read(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (!fp)
		return -1;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) <= 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return -1;
	}
	ldrfix_kosz = (size_t)n;
	ldrfix_ko = malloc(ldrfix_kosz);
	if (!ldrfix_ko || fread(ldrfix_ko, 1, ldrfix_kosz, fp) != ldrfix_kosz) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

int ldrfix_load(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : getenv("LDR_TEST_KO");

	if (!path || ldrfix_read(path) != 0) {
		fprintf(stderr, "usage: %s MODULE.ko (or set LDR_TEST_KO); cannot read '%s'\n",
			argv[0], path ? path : "");
		ldrfix_release();
		return -1;
	}
	return 0;
}

void ldrfix_release(void)
{
	free(ldrfix_ko);
	ldrfix_ko = NULL;
	ldrfix_kosz = 0;
}

/* ---- fake environment ------------------------------------------------------- */

static int ldrfix_alloc(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host)
{
	struct ldrfix_fake *fk = ctx;

	(void)prot;
	assert_int_equal(size % PAGE_SIZE, 0);
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

static void ldrfix_free(void *ctx, uint64_t target, void *host, size_t size)
{
	struct ldrfix_fake *fk = ctx;

	(void)target;
	(void)size;
	free(host);
	fk->frees++;
}

/* Core functions other than printk that the example module calls. */
static uint64_t ldrfix_other_addr(const char *name)
{
	if (strcmp(name, "example_register") == 0 || strcmp(name, "fmt_snprintf") == 0)
		return LDRFIX_PRINTK_ADDR + 0x100 + (unsigned char)name[0];
	return 0;
}

static int ldrfix_resolve(void *ctx, const char *name, uint64_t *addr)
{
	struct ldrfix_fake *fk = ctx;

	if (strcmp(name, "printk") == 0 && !fk->no_printk) {
		*addr = fk->printk;
		return 0;
	}
	if (ldrfix_other_addr(name)) {
		*addr = ldrfix_other_addr(name);
		return 0;
	}
	return -ENOENT;
}

struct ldr_env ldrfix_env(struct ldrfix_fake *fk)
{
	memset(fk, 0, sizeof(*fk));
	fk->next = LDRFIX_MOD_BASE;
	fk->printk = LDRFIX_PRINTK_ADDR;
	return (struct ldr_env){
		.alloc = ldrfix_alloc, .free = ldrfix_free, .resolve = ldrfix_resolve, .ctx = fk
	};
}

/* ---- independent ELF access with <elf.h> ------------------------------------ */

unsigned char *ldrfix_dup(void)
{
	unsigned char *p = malloc(ldrfix_kosz);

	assert_non_null(p);
	memcpy(p, ldrfix_ko, ldrfix_kosz);
	return p;
}

Elf64_Ehdr *ldrfix_ehdr(unsigned char *f)
{
	return (Elf64_Ehdr *)f;
}

Elf64_Shdr *ldrfix_shdr(unsigned char *f, unsigned i)
{
	return (Elf64_Shdr *)(f + ldrfix_ehdr(f)->e_shoff) + i;
}

const char *ldrfix_secname(unsigned char *f, unsigned i)
{
	return (const char *)f + ldrfix_shdr(f, ldrfix_ehdr(f)->e_shstrndx)->sh_offset +
	       ldrfix_shdr(f, i)->sh_name;
}

unsigned ldrfix_find_sec(unsigned char *f, const char *name)
{
	for (unsigned i = 1; i < ldrfix_ehdr(f)->e_shnum; i++)
		if (strcmp(ldrfix_secname(f, i), name) == 0)
			return i;
	fail_msg("no section %s", name);
	return 0;
}

unsigned ldrfix_find_type(unsigned char *f, uint32_t type)
{
	for (unsigned i = 1; i < ldrfix_ehdr(f)->e_shnum; i++)
		if (ldrfix_shdr(f, i)->sh_type == type)
			return i;
	fail_msg("no section of type %u", type);
	return 0;
}

Elf64_Sym *ldrfix_sym(unsigned char *f, unsigned idx)
{
	return (Elf64_Sym *)(f + ldrfix_shdr(f, ldrfix_find_type(f, SHT_SYMTAB))->sh_offset) + idx;
}

const char *ldrfix_symname(unsigned char *f, const Elf64_Sym *s)
{
	unsigned symtab = ldrfix_find_type(f, SHT_SYMTAB);

	return (const char *)f + ldrfix_shdr(f, ldrfix_shdr(f, symtab)->sh_link)->sh_offset +
	       s->st_name;
}

unsigned ldrfix_find_sym(unsigned char *f, const char *name)
{
	Elf64_Shdr *st = ldrfix_shdr(f, ldrfix_find_type(f, SHT_SYMTAB));

	for (unsigned i = 1; i < st->sh_size / sizeof(Elf64_Sym); i++)
		if (strcmp(ldrfix_symname(f, ldrfix_sym(f, i)), name) == 0)
			return i;
	fail_msg("no symbol %s", name);
	return 0;
}

Elf64_Rela *ldrfix_rela(unsigned char *f, const char *sec, unsigned k)
{
	return (Elf64_Rela *)(f + ldrfix_shdr(f, ldrfix_find_sec(f, sec))->sh_offset) + k;
}

Elf64_Rela *ldrfix_rela_to(unsigned char *f, const char *name, unsigned n)
{
	Elf64_Shdr *rs = ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"));
	unsigned want = ldrfix_find_sym(f, name);

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *r = ldrfix_rela(f, ".rela.text", k);

		if (ELF64_R_SYM(r->r_info) == want && n-- == 0)
			return r;
	}
	fail_msg("no relocation to %s", name);
	return NULL;
}

unsigned char *ldrfix_retype_printk(uint32_t type, bool all)
{
	unsigned char *f = ldrfix_dup();
	Elf64_Shdr *rs = ldrfix_shdr(f, ldrfix_find_sec(f, ".rela.text"));
	unsigned want = ldrfix_find_sym(f, "printk");

	for (unsigned k = 0; k < rs->sh_size / sizeof(Elf64_Rela); k++) {
		Elf64_Rela *r = ldrfix_rela(f, ".rela.text", k);

		if (ELF64_R_SYM(r->r_info) != want)
			continue;
		r->r_info = ELF64_R_INFO(want, type);
		if (!all)
			break;
	}
	return f;
}

const struct ldr_section *ldrfix_mod_sec(const struct ldr_module *m, unsigned shndx)
{
	for (unsigned i = 0; i < m->nsec; i++)
		if (m->sec[i].shndx == shndx)
			return &m->sec[i];
	fail_msg("section %u not loaded", shndx);
	return NULL;
}

uint64_t ldrfix_sym_target(unsigned char *f, const struct ldr_module *m, unsigned idx)
{
	Elf64_Sym *s = ldrfix_sym(f, idx);

	if (s->st_shndx == SHN_UNDEF)
		return strcmp(ldrfix_symname(f, s), "printk") == 0
			   ? LDRFIX_PRINTK_ADDR
			   : ldrfix_other_addr(ldrfix_symname(f, s));
	if (s->st_shndx == SHN_ABS)
		return s->st_value;
	return ldrfix_mod_sec(m, s->st_shndx)->target + s->st_value;
}

/* ---- linking ---------------------------------------------------------------- */

void ldrfix_link_ok(struct ldrfix_fake *fk, const struct ldr_env *env, struct ldr_module *m)
{
	struct ldr_err err;
	int rc = ldr_link(ldrfix_ko, ldrfix_kosz, env, m, &err);

	if (rc)
		fail_msg("link failed (%d): %s", rc, err.msg);
	assert_string_equal(err.msg, "");
	assert_int_equal(fk->allocs, 3);
}

int ldrfix_collect(void *arg, const char *name, uint64_t addr)
{
	struct ldrfix_seen *s = arg;

	s->n++;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->addr = addr;
	return s->ret;
}

/* ---- refusals --------------------------------------------------------------- */

void ldrfix_assert_empty(const struct ldr_module *m)
{
	static const struct ldr_module zero;

	assert_memory_equal(m, &zero, sizeof(zero));
}

void ldrfix_expect_link_fail(unsigned char *f, size_t size, struct ldrfix_fake *fk,
			     const struct ldr_env *env, int rc, const char *words)
{
	struct ldr_module m;
	struct ldr_err err;

	memset(&m, 0x5a, sizeof(m));
	assert_int_equal(ldr_link(f, size, env, &m, &err), rc);
	if (!strstr(err.msg, words))
		fail_msg("message '%s' lacks '%s'", err.msg, words);
	assert_null(strchr(err.msg, '\n'));
	ldrfix_assert_empty(&m);
	assert_int_equal(fk->allocs, fk->frees);
}

void ldrfix_expect_invalid(unsigned char *f, size_t size, const char *words)
{
	struct ldrfix_fake fk;
	struct ldr_env env = ldrfix_env(&fk);
	struct ldr_err err;

	assert_int_equal(ldr_validate(f, size, &err), -ENOEXEC);
	if (!strstr(err.msg, words))
		fail_msg("validate message '%s' lacks '%s'", err.msg, words);
	ldrfix_expect_link_fail(f, size, &fk, &env, -ENOEXEC, words);
	assert_int_equal(fk.allocs, 0);
	free(f);
}
