/*
 * loader/ldr_priv.h - internals shared by the loader's source files.
 *
 * Not a public header: only the loader sources include it. The file image may sit
 * at any alignment and its tables at any offset, so every header, symbol
 * and relocation is copied out with memcpy() into a local struct instead
 * of being dereferenced in place.
 */
#ifndef LOADER_LDR_PRIV_H_
#define LOADER_LDR_PRIV_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <loader/elf64.h>
#include <loader/ldr.h>

/* Largest SHF_ALLOC section accepted; keeps layout arithmetic far from overflow. */
#define LDR_MAX_SECTION_SIZE (1ull << 30)

/* A view of a file image whose header and section table have been checked. */
struct ldr_file {
	const unsigned char *base; /* first byte of the image */
	size_t size;		   /* bytes in the image */
	uint64_t shoff;		   /* file offset of the section header table */
	unsigned shnum;		   /* number of section headers */
	unsigned shstrndx;	   /* section-name string table */
	unsigned symtab;	   /* symbol table section, 0 if none (set by validation) */
	uint64_t nsyms;		   /* entries in the symbol table */
};

/* True when [off, off + len) lies inside [0, size), without overflow. */
static inline bool ldr_in_range(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* Read a little-endian 32-bit value from any address. */
static inline uint32_t ldr_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Read a little-endian 64-bit value from any address. */
static inline uint64_t ldr_get64(const unsigned char *p)
{
	return (uint64_t)ldr_get32(p) | (uint64_t)ldr_get32(p + 4) << 32;
}

/* ldr_err.c */
void ldr_errf(struct ldr_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ldr_elf.c */
int ldr_open(struct ldr_file *f, const void *file, size_t size, struct ldr_err *err);
void ldr_shdr(const struct ldr_file *f, unsigned idx, struct elf64_shdr *sh);
const char *ldr_secname(const struct ldr_file *f, unsigned idx);
void ldr_sym(const struct ldr_file *f, uint64_t idx, struct elf64_sym *sym);
const char *ldr_symname(const struct ldr_file *f, const struct elf64_sym *sym);
const char *ldr_symlabel(const struct ldr_file *f, const struct elf64_sym *sym);
void ldr_rela(const struct ldr_file *f, const struct elf64_shdr *rsh, uint64_t idx,
	      struct elf64_rela *r);
enum ldr_seg ldr_seg_of(uint64_t sh_flags);
/* True for sections whose contents are in the file (neither NOBITS nor NULL). */
bool ldr_has_bytes(const struct elf64_shdr *sh);

/* ldr_validate.c */
int ldr_check(struct ldr_file *f, const void *file, size_t size, struct ldr_err *err);

/* ldr_reloc.c */
int ldr_reloc_width(uint32_t type);
int ldr_relocate(const struct ldr_file *f, const struct ldr_env *env, const struct ldr_module *mod,
		 struct ldr_err *err);

#endif /* LOADER_LDR_PRIV_H_ */
