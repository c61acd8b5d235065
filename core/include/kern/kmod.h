/**
 * @file kern/kmod.h
 * @brief Module metadata record and symbol export table entries.
 * @ingroup core
 *
 * Every loadable module (an ELF64 relocatable object made by `ld -r`)
 * carries exactly one struct kmod_info in a section named ".kmod_info",
 * emitted by KMOD(). The boot-time linker reads it after relocation to
 * learn the module's name, the role it provides, the roles it needs and
 * its entry points.
 *
 * Symbols are shared only through explicit export records (struct kexport
 * in section ".kexport", emitted by KERN_EXPORT()): the core exports its
 * module API that way, and a module may export functions to the modules
 * loaded after it.
 */
#ifndef KERN_KMOD_H_
#define KERN_KMOD_H_

#include <stddef.h>
#include <stdint.h>

/** Magic number of struct kmod_info: the bytes "ZMOD" read as a little-endian word. */
#define KMOD_MAGIC 0x444f4d5aU

/** Module ABI version this kernel accepts; bump on any change to this header. */
#define KMOD_ABI_VERSION 1

/** Maximum number of roles one module may depend on. */
#define KMOD_MAX_DEPS 8

/**
 * @brief Metadata record of one module, placed in section ".kmod_info".
 *
 * Do not fill it by hand; use KMOD(), which sets @c magic and @c abi.
 */
struct kmod_info {
	uint32_t magic;			 /**< KMOD_MAGIC; checked before relocation. */
	uint32_t abi;			 /**< KMOD_ABI_VERSION the module was built for. */
	const char *name;		 /**< Module name: non-empty, [a-z0-9_-], < 64 bytes. */
	const char *version;		 /**< Free-form version string, e.g. "1.0.0". */
	const char *role;		 /**< Role provided ("page", "vm", "mem", "tmr", "sched",
					      "io", "buf", "fs", "ipc", or a leaf name). */
	const char *deps[KMOD_MAX_DEPS]; /**< Roles needed before init; unused slots NULL. */
	int (*init)(const char *args);	 /**< Entry point: receives the module2 argument
					      string (never NULL, "" when none); returns 0 or
					      a negative errno. May be NULL. */
	void (*fini)(void);		 /**< Called before unloading; may be NULL. */
};

/**
 * @brief Declare the metadata record of the current module; use once per module.
 *
 * The arguments are designated initializers of struct kmod_info, e.g.
 * `KMOD(.name = "hello", .version = "1.0.0", .role = "example",
 * .deps = { "mem" }, .init = hello_init, .fini = hello_fini);`
 * The magic number and ABI version are filled in by the macro.
 * @param ... designated initializers of struct kmod_info (name, version,
 *            role, deps, init, fini); @c magic and @c abi must not be given.
 */
#define KMOD(...)                                                                                  \
	static const struct kmod_info kmod_info_record                                             \
	    __attribute__((section(".kmod_info"), used, aligned(8))) = { .magic = KMOD_MAGIC,      \
									 .abi = KMOD_ABI_VERSION,  \
									 __VA_ARGS__ }

/**
 * @brief One exported symbol, placed in section ".kexport".
 */
struct kexport {
	const char *name; /**< Symbol name as modules reference it (NUL-terminated). */
	const void *addr; /**< Address of the function or object. */
};

/**
 * @brief Export the function or object @p sym to modules.
 *
 * Emits `const struct kexport __kexport_<sym>` into section ".kexport".
 * Use it at file scope after the definition (or a declaration) of @p sym.
 * @param sym identifier of a function or object with static storage; its
 *            name becomes the exported name.
 */
#define KERN_EXPORT(sym)                                                                           \
	extern const struct kexport __kexport_##sym;                                               \
	const struct kexport __kexport_##sym                                                       \
	    __attribute__((section(".kexport"), used, aligned(8))) = {                             \
		    .name = #sym,                                                                  \
		    .addr = (const void *)&(sym),                                                  \
	    }

/**
 * @brief Find a word in a module's argument string.
 *
 * Arguments are words separated by spaces: `key` or `key=value`. The
 * kernel hands init its arguments in one form whatever quoting the GRUB
 * line used: a value holding a blank is in double quotes
 * (greeting="big world"), with a double quote or a backslash inside escaped
 * by a backslash.
 * @param args the string init received.
 * @param key the word's key.
 * @param val if not NULL, receives the value after '=' ("" for a bare word);
 *        it points into @p args. A quoted value comes without its quotes
 *        unless it holds an escaped byte, which comes as written.
 * @param len if not NULL, receives the value's length in bytes.
 * @return 1 if the word is there, else 0.
 */
int kmod_arg(const char *args, const char *key, const char **val, size_t *len);

/**
 * @brief Read a module argument as a number within bounds.
 *
 * The value has the command line's number syntax: decimal, or `0x` and hex
 * digits, then optionally `K`, `M` or `G`. A value outside [@p min, @p max]
 * is an error rather than a wrapped or truncated number: the caller warns,
 * naming the word, and keeps its default.
 * @param args the string init received.
 * @param key the word's key.
 * @param min smallest accepted value.
 * @param max largest accepted value.
 * @param out receives the number on success; untouched on error.
 * @retval 0 success.
 * @retval -ENOENT no such word.
 * @retval -EINVAL the value is empty or not a number.
 * @retval -ERANGE the number is outside [@p min, @p max].
 */
int kmod_arg_u64(const char *args, const char *key, uint64_t min, uint64_t max, uint64_t *out);

#endif /* KERN_KMOD_H_ */
