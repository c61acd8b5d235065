/**
 * @file loader/ldr.h
 * @brief Boot-time linker for kernel modules (ELF64 relocatable objects).
 * @ingroup loader
 *
 * A module file is the output of `ld -r`: an x86-64 ET_REL object with one
 * ".kmod_info" section (see kern/kmod.h). The linker validates the file,
 * lays its SHF_ALLOC sections out in three page-aligned segments (RX, RO,
 * RW), copies them, resolves undefined symbols through a caller-supplied
 * function and applies RELA relocations. Every malformed file is refused
 * with one line of text in struct ldr_err; the linker never reads outside
 * the file image and never writes outside a segment.
 *
 * Memory comes from struct ldr_env, so the same code runs in the kernel
 * (target address == host address) and in host tests and tools (fake high
 * target addresses, malloc'd host buffers).
 */
#ifndef LOADER_LDR_H_
#define LOADER_LDR_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>

#include <kern/kmod.h>
#include <kern/prot.h>

/** Maximum number of SHF_ALLOC sections in one module. */
#define LDR_MAX_SECTIONS 48

/** Longest string (including its NUL) accepted in .kmod_info and .kexport, in bytes. */
#define LDR_STR_MAX 64

/** @brief Reason for a refusal: one line, no trailing newline, no module name. */
struct ldr_err {
	char msg[160]; /**< NUL-terminated message; "" when no error was reported. */
};

/** @brief Which segment of a module; the index into ldr_module::seg. */
enum ldr_seg {
	LDR_SEG_TEXT,	/**< Read + execute: SHF_EXECINSTR sections. */
	LDR_SEG_RODATA, /**< Read-only: SHF_ALLOC sections neither writable nor executable. */
	LDR_SEG_DATA,	/**< Read + write: SHF_WRITE sections, including .bss. */
};

/** Number of segments of a module (one per enum ldr_seg value). */
#define LDR_NSEG 3

/** @brief Services the linker needs from its caller. */
struct ldr_env {
	/**
	 * @brief Reserve memory for one segment.
	 * @param ctx ldr_env::ctx.
	 * @param size bytes, a non-zero multiple of PAGE_SIZE.
	 * @param prot protection the segment will get once linked (VM_* of <kern/prot.h>).
	 * @param target out: page-aligned address the code will run at.
	 * @param host out: where the linker writes the segment now (may equal
	 *        @p target); at least @p size bytes, owned by the caller.
	 * @retval 0 success.
	 * @retval -ENOMEM no memory.
	 */
	int (*alloc)(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host);
	/**
	 * @brief Release a segment obtained from ldr_env::alloc.
	 * @param ctx ldr_env::ctx.
	 * @param target target address returned by alloc.
	 * @param host host address returned by alloc.
	 * @param size size passed to alloc, in bytes.
	 */
	void (*free)(void *ctx, uint64_t target, void *host, size_t size);
	/**
	 * @brief Look up an exported symbol.
	 * @param ctx ldr_env::ctx.
	 * @param name NUL-terminated symbol name (borrowed from the file image).
	 * @param addr out: target address of the symbol.
	 * @retval 0 found.
	 * @retval -ENOENT not exported.
	 */
	int (*resolve)(void *ctx, const char *name, uint64_t *addr);
	void *ctx; /**< Opaque argument passed to every callback. */
};

/** @brief One segment of a linked module. */
struct ldr_segment {
	uint64_t target; /**< Run-time address (page-aligned); 0 when unused. */
	void *host;	 /**< Where the linker wrote the bytes; NULL when unused. */
	size_t size;	 /**< Bytes, a multiple of PAGE_SIZE; 0 when unused. */
	unsigned prot;	 /**< Protection to apply (VM_* bits of <kern/prot.h>). */
};

/** @brief One allocated section of a linked module (for gdb and the boot log). */
struct ldr_section {
	char name[32];	  /**< Section name, truncated to 31 bytes. */
	uint64_t target;  /**< Run-time address of the section. */
	uint64_t size;	  /**< Size in bytes. */
	unsigned shndx;	  /**< Index of the section in the ELF file. */
	enum ldr_seg seg; /**< Segment holding the section. */
};

/** @brief A linked module; all zero when empty. */
struct ldr_module {
	struct ldr_segment seg[LDR_NSEG];	  /**< Segments indexed by enum ldr_seg. */
	struct ldr_section sec[LDR_MAX_SECTIONS]; /**< Allocated sections in file order. */
	unsigned nsec;				  /**< Number of valid entries in @c sec. */
	uint64_t info_target;			  /**< Target address of .kmod_info. */
	uint64_t export_target;			  /**< Target address of .kexport; 0 if none. */
	uint64_t export_size;			  /**< Size of .kexport in bytes; 0 if none. */
	const void *file; /**< The file image it was linked from (borrowed; ldr_meta() reads
			       its symbols), NULL when empty. */
	size_t file_size; /**< Bytes of @c file. */
};

/** @brief Metadata of a linked module, read from its relocated .kmod_info. */
struct ldr_meta {
	const char *name;		 /**< Module name (host pointer into a segment). */
	const char *version;		 /**< Version string (host pointer). */
	const char *role;		 /**< Role provided (host pointer). */
	const char *deps[KMOD_MAX_DEPS]; /**< Roles needed (host pointers); unused NULL. */
	unsigned ndeps;			 /**< Number of leading non-NULL @c deps. */
	uint64_t init;			 /**< Target address of init, or 0. */
	uint64_t fini;			 /**< Target address of fini, or 0. */
};

/**
 * @brief Check that @p file is a well-formed module without allocating anything.
 * @param file file image, @p size readable bytes, any alignment; borrowed.
 * @param size length of the image in bytes.
 * @param err out: reason on failure.
 * @retval 0 the file can be linked (symbols are not resolved here).
 * @retval -ENOEXEC malformed or unsupported file; @p err says why.
 */
int ldr_validate(const void *file, size_t size, struct ldr_err *err);

/**
 * @brief Validate, lay out, copy and relocate a module.
 *
 * On failure everything allocated is freed and @p mod is left empty.
 * @param file file image, @p size readable bytes; borrowed, not modified.
 * @param size length of the image in bytes.
 * @param env memory and symbol services; borrowed.
 * @param mod out: the linked module; release with ldr_unload().
 * @param err out: reason on failure.
 * @retval 0 linked.
 * @retval -ENOEXEC malformed file, unknown relocation, relocation overflow,
 *         or too many allocated sections.
 * @retval -ENOENT an undefined symbol is not exported.
 * @retval -ENOMEM ldr_env::alloc failed.
 */
int ldr_link(const void *file, size_t size, const struct ldr_env *env, struct ldr_module *mod,
	     struct ldr_err *err);

/**
 * @brief Free the segments of a module and leave it empty.
 * @param env the environment the module was linked with.
 * @param mod module from ldr_link(); an empty module is accepted.
 */
void ldr_unload(const struct ldr_env *env, struct ldr_module *mod);

/**
 * @brief Translate a target address range to a host pointer.
 * @param mod linked module.
 * @param target first target address of the range.
 * @param len length of the range in bytes (0 is allowed).
 * @return host pointer to @p target, or NULL unless the whole range lies in one segment.
 */
void *ldr_host_ptr(const struct ldr_module *mod, uint64_t target, size_t len);

/**
 * @brief Read and check the relocated metadata record of a module.
 * @param mod linked module.
 * @param meta out: metadata; strings point into the module's segments.
 * @param err out: reason on failure.
 *
 * The file image @p mod was linked from must still be readable: an entry
 * point (init, fini) must be the start of a function symbol (STT_FUNC) of
 * the module's text, not merely an address in it.
 * @retval 0 success.
 * @retval -ENOEXEC a pointer leaves the module, a string is too long or not
 *         terminated, the name has characters outside [a-z0-9_-], or an entry
 *         point is not the start of a function of the module's text.
 */
int ldr_meta(const struct ldr_module *mod, struct ldr_meta *meta, struct ldr_err *err);

/**
 * @brief Tell whether an address is the start of a function of a module.
 * @param mod linked module; the file image it was linked from must still be
 *        readable (its symbol table is searched).
 * @param addr target address.
 * @return true if a function symbol (STT_FUNC) of one of the module's
 *         executable sections starts exactly at @p addr.
 */
bool ldr_func_start(const struct ldr_module *mod, uint64_t addr);

/**
 * @brief ldr_func_start() for many addresses in one pass over the symbols.
 *
 * The module file is checked once and its symbol table read once, however
 * many addresses are asked (a role's ops table has dozens of members).
 * @param mod linked module (its file image still readable).
 * @param addrs target addresses.
 * @param n how many (at most 64).
 * @param found out: bit k set when @p addrs[k] starts a function of the
 *        module's executable sections.
 * @return the number of addresses found (0 when @p n is over 64 or the
 *         file no longer checks).
 */
unsigned ldr_func_starts(const struct ldr_module *mod, const uint64_t *addrs, unsigned n,
			 uint64_t *found);

/**
 * @brief Name the function or variable of a module an address lies in
 *        (backtraces, wait channels).
 * @param mod linked module (its file image still readable).
 * @param addr target address.
 * @param name out: the symbol's name (a pointer into the file image), or
 *        NULL.
 * @param off out: @p addr minus the symbol's start.
 * @retval 0 found: the function (STT_FUNC, in an executable section) or
 *         data object (STT_OBJECT) that starts closest below @p addr and,
 *         if it has a size, holds it.
 * @retval -ENOENT no symbol holds it (or the file no longer checks).
 */
int ldr_sym_at(const struct ldr_module *mod, uint64_t addr, const char **name, uint64_t *off);

/**
 * @brief Call @p fn for each record of the module's relocated .kexport section.
 * @param mod linked module.
 * @param fn callback: @p name is a host pointer into the module, @p addr a
 *        target address; returns 0 to go on or a negative errno to stop.
 * @param arg passed to @p fn unchanged.
 * @param err out: reason on failure.
 * @retval 0 every export was passed to @p fn (or the module has none).
 * @retval -ENOEXEC a name pointer is invalid, or an export's address lies
 *         outside the module's segments.
 * @return any negative value returned by @p fn, with @p err naming the export.
 */
int ldr_exports(const struct ldr_module *mod, int (*fn)(void *arg, const char *name, uint64_t addr),
		void *arg, struct ldr_err *err);

/**
 * @brief Name an x86-64 relocation type.
 * @param type relocation type from r_info.
 * @return a static string such as "R_X86_64_GOTPCREL", or "?" for types not known here.
 */
const char *ldr_reloc_name(uint32_t type);

#endif /* LOADER_LDR_H_ */
