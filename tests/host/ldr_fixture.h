/*
 * tests/host/ldr_fixture.h - shared fixture of the module linker's host tests.
 *
 * test_ldr.c (linking that succeeds) and test_ldr_refuse.c (refusals) both
 * work on one real module file, given as argv[1] or LDR_TEST_KO, and link
 * it against a fake environment: targets in a fake high module area,
 * malloc'd host buffers, allocations and frees counted so leaks show. The
 * tests read the file's own tables independently with the host <elf.h>;
 * the helpers below do that, and fail the running cmocka test when the
 * module lacks what they look for.
 */
#ifndef TESTS_HOST_LDR_FIXTURE_H_
#define TESTS_HOST_LDR_FIXTURE_H_

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <loader/ldr.h>

/** First target address the fake environment hands out (the module area). */
#define LDRFIX_MOD_BASE 0xffffffffc0000000ull
/** Address the fake environment resolves "printk" to by default. */
#define LDRFIX_PRINTK_ADDR 0xffffffff80101000ull

/** The pristine module file (read-only for tests; copy it with ldrfix_dup()). */
extern unsigned char *ldrfix_ko;
/** Size of ldrfix_ko in bytes. */
extern size_t ldrfix_kosz;

/** State of the fake environment. */
struct ldrfix_fake {
	int allocs, frees; /**< Successful allocations and frees so far. */
	int fail_at;	   /**< Fail the n-th alloc (1-based) with -ENOMEM; 0 never. */
	uint64_t next;	   /**< Next target address handed out. */
	bool no_printk;	   /**< When true, resolve does not know printk. */
	uint64_t printk;   /**< Address resolve returns for printk. */
};

/** What ldrfix_collect() saw of a module's exports. */
struct ldrfix_seen {
	int n;	       /**< Number of calls. */
	char name[64]; /**< Last name seen. */
	uint64_t addr; /**< Last address seen. */
	int ret;       /**< Value every call returns. */
};

/* Module file: read ARGV[1] or $LDR_TEST_KO into ldrfix_ko; 0, or -1 after a usage line. */
int ldrfix_load(int argc, char **argv);
/* Free ldrfix_ko. */
void ldrfix_release(void);

/* Reset @fk (printk at LDRFIX_PRINTK_ADDR, targets from LDRFIX_MOD_BASE); return its env. */
struct ldr_env ldrfix_env(struct ldrfix_fake *fk);

/* ELF access with <elf.h>; f is a module image, a copy from ldrfix_dup() or ldrfix_ko. */
unsigned char *ldrfix_dup(void);
Elf64_Ehdr *ldrfix_ehdr(unsigned char *f);
Elf64_Shdr *ldrfix_shdr(unsigned char *f, unsigned i);
const char *ldrfix_secname(unsigned char *f, unsigned i);
unsigned ldrfix_find_sec(unsigned char *f, const char *name);
unsigned ldrfix_find_type(unsigned char *f, uint32_t type);
Elf64_Sym *ldrfix_sym(unsigned char *f, unsigned idx);
const char *ldrfix_symname(unsigned char *f, const Elf64_Sym *s);
unsigned ldrfix_find_sym(unsigned char *f, const char *name);
Elf64_Rela *ldrfix_rela(unsigned char *f, const char *sec, unsigned k);
/* The n-th relocation of .rela.text that targets symbol @name. */
Elf64_Rela *ldrfix_rela_to(unsigned char *f, const char *name, unsigned n);
/* Retype the first (or, if @all, every) relocation against printk to @type; returns a copy. */
unsigned char *ldrfix_retype_printk(uint32_t type, bool all);

/* The loaded section with file index @shndx. */
const struct ldr_section *ldrfix_mod_sec(const struct ldr_module *m, unsigned shndx);
/* Target address of symbol @idx as the test computes it. */
uint64_t ldrfix_sym_target(unsigned char *f, const struct ldr_module *m, unsigned idx);

/* Link ldrfix_ko; fail the test unless it links with 3 allocations and no message. */
void ldrfix_link_ok(struct ldrfix_fake *fk, const struct ldr_env *env, struct ldr_module *m);
/* Export callback: count, record, return s->ret. */
int ldrfix_collect(void *arg, const char *name, uint64_t addr);

/* Refusal checks. */
void ldrfix_assert_empty(const struct ldr_module *m);
/* Link @f and expect @rc with @words in the message; check nothing leaked. */
void ldrfix_expect_link_fail(unsigned char *f, size_t size, struct ldrfix_fake *fk,
			     const struct ldr_env *env, int rc, const char *words);
/* Validation and linking must both refuse @f with -ENOEXEC and @words; frees @f. */
void ldrfix_expect_invalid(unsigned char *f, size_t size, const char *words);

#endif /* TESTS_HOST_LDR_FIXTURE_H_ */
