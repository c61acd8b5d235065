/**
 * @file core/ksym.h
 * @brief Address-to-symbol lookup for backtraces and oops reports.
 * @ingroup core
 *
 * The build links a table of the kernel's functions into the image, sorted
 * by address, with all names in one string blob. Lookups never trust the
 * table: a name offset outside the blob, or a name without its NUL inside the
 * blob, makes the symbol unknown instead of a wild read. The code runs from
 * panic and trap paths, so it takes no locks and allocates nothing.
 */
#ifndef CORE_KSYM_H_
#define CORE_KSYM_H_

#include <stddef.h>
#include <stdint.h>

/** One symbol of the table. */
struct ksym {
	uint64_t addr;	   /**< Start address (virtual). */
	uint32_t size;	   /**< Length in bytes; 0 if unknown (extends to the next symbol). */
	uint32_t name_off; /**< Offset of the NUL-terminated name in ksym_table::names. */
};

/** A symbol table and its string blob. */
struct ksym_table {
	const struct ksym *syms; /**< Symbols sorted by ascending @c addr; NULL if @c nsyms is 0. */
	size_t nsyms;		 /**< Number of entries in @c syms. */
	const char *names;	 /**< Name blob of @c names_len bytes. */
	size_t names_len;	 /**< Size of @c names in bytes. */
};

/**
 * @brief Find the symbol that contains an address.
 *
 * Takes the symbol with the greatest start address <= @p addr (the last one
 * in table order if several share that address). It contains @p addr unless
 * its size is non-zero and @p addr >= start + size.
 *
 * @param t table to search; must not be NULL, may be empty.
 * @param addr address to symbolise.
 * @param offset if not NULL, receives @p addr minus the symbol's start on
 *        success; untouched otherwise.
 * @return the symbol's name, pointing into @c t->names; NULL if no symbol
 *         contains @p addr or its name is not a NUL-terminated string inside
 *         the blob.
 */
const char *ksym_lookup(const struct ksym_table *t, uint64_t addr, uint64_t *offset);

/**
 * @brief Describe an address as text.
 *
 * Writes `name+0x1a/0x40` (offset and symbol size, in hex), `name+0x1a` if
 * the symbol's size is unknown, or `0xffffffff80100000` if no symbol
 * contains @p addr. Cut and NUL-terminated like fmt_snprintf().
 *
 * @param t table to search; must not be NULL, may be empty.
 * @param addr address to describe.
 * @param buf destination of at least @p size bytes; may be NULL if @p size is 0.
 * @param size capacity of @p buf in bytes, including the NUL.
 * @return length of the complete text, excluding the NUL (it was cut if
 *         this is >= @p size).
 */
int ksym_format(const struct ksym_table *t, uint64_t addr, char *buf, size_t size);

#endif /* CORE_KSYM_H_ */
