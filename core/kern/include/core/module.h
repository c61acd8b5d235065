/**
 * @file core/module.h
 * @brief The module registry: loading GRUB's modules at boot, the list
 *        `lsmod` reads, and symbol resolution for the loader.
 * @ingroup loader
 *
 * At boot every multiboot2 module is linked once to read its metadata,
 * alternates are chosen (`<role>=<name>` on the command line, else the
 * first in GRUB order), the rest is sorted by declared dependencies, then
 * each is linked for good and its `init` called in that order. Every
 * refusal is one log line `module <name>: refused: <reason>` and boot goes
 * on.
 */
#ifndef CORE_MODULE_H_
#define CORE_MODULE_H_

#include <stdbool.h>
#include <stdint.h>

#include <core/cmdline.h>
#include <kern/kmod.h>
#include <core/mb2.h>
#include <loader/ldr.h>

/** Most modules the registry keeps (loaded and refused). */
#define MODULE_MAX 32
/** Size of the name, version and role fields, with the NUL. */
#define MODULE_NAME_MAX 32
/** Size of a module's argument string, with the NUL. */
#define MODULE_ARGS_MAX 192
/** Size of a refusal reason, with the NUL. */
#define MODULE_REASON_MAX 192

/** Where a module is in its life. */
enum module_state {
	MODULE_REFUSED = 0,  /**< Not loaded; `reason` says why. */
	MODULE_LINKED = 1,   /**< Linked, its init not run yet. */
	MODULE_LIVE = 2,     /**< Its init succeeded. */
	MODULE_UNLOADED = 3, /**< Was live, then unloaded by module_unload(). */
	MODULE_UNCHOSEN = 4, /**< A valid alternate another `<role>=<name>` choice
				  (or the built-in provider) left out; `reason` names it. */
};

/** One module GRUB handed over. */
struct module {
	char name[MODULE_NAME_MAX];	 /**< From its metadata, else the module2 line. */
	char line_name[MODULE_NAME_MAX]; /**< The name on its module2 line ("module<i>" if none). */
	char version[MODULE_NAME_MAX];	 /**< From its metadata ("" if unknown). */
	char role[MODULE_NAME_MAX];	 /**< Role it provides ("" if unknown). */
	char deps[KMOD_MAX_DEPS][MODULE_NAME_MAX]; /**< Roles it needs ("" when unused). */
	const char *args;		/**< Arguments init gets: the module2 line's, then the
					     command line's `<name>.<word>` words; never NULL. */
	char argbuf[MODULE_ARGS_MAX];	/**< Storage of @c args. */
	enum module_state state;	/**< Current state. */
	char reason[MODULE_REASON_MAX]; /**< Why it was refused. */
	bool pinned;			/**< Provides a role that can never unload. */
	uint64_t base;			/**< Address of its text (first segment). */
	uint64_t size;			/**< Bytes of all its segments. */
	const void *file;		/**< The ELF file as GRUB loaded it. */
	uint64_t file_size;		/**< Its size in bytes. */
	struct ldr_module ldr;		/**< Segments and sections, while linked. */
	struct ldr_meta meta;		/**< Metadata, while linked. */
};

/**
 * @brief Load, check, order and start every module GRUB loaded.
 * @param info decoded boot information (its module list).
 * @param cl the command line (`<role>=<name>` choices, `require=`).
 */
void module_boot(const struct mb2_info *info, const struct cmdline *cl);

/**
 * @brief Give the initial root image GRUB loaded (a `module2 ... initrd` line).
 * @param image out: its bytes in kernel memory.
 * @param len out: its size.
 * @retval 0 there is one.
 * @retval -ENOENT no initrd line.
 */
int module_initrd_image(const void **image, size_t *len);

/**
 * @brief Count the modules in the registry, refused ones included.
 * @return number of records, at most MODULE_MAX.
 */
unsigned module_count(void);

/**
 * @brief Return one record, in GRUB order.
 * @param i index, 0 to module_count() - 1.
 * @return the record, or NULL if @p i is out of range.
 */
const struct module *module_at(unsigned i);

/**
 * @brief Find a live module by name.
 * @param name module name.
 * @return the record, or NULL if no live module has that name.
 */
const struct module *module_find(const char *name);

/**
 * @brief Name an address in a live module (backtraces, wait channels).
 *
 * From the module file's own symbol table, which stays in memory:
 * "function+0x1f [io]" or "variable+0x20 [io]", else "[io+0x2f31]".
 * Takes no lock: the registry's records change only at boot and unload.
 * @param addr any address.
 * @param buf where to write the name.
 * @param len its size.
 * @return the length written, or 0 when no live module holds @p addr.
 */
int module_addr_name(uint64_t addr, char *buf, size_t len);

/**
 * @brief Return the module whose init is running (for the `<role>_register()` functions).
 * @return the record, or NULL outside module init.
 */
const struct module *module_current(void);

/**
 * @brief Unload a live leaf module: call its fini, drop its role and
 *        exports, free its memory.
 *
 * A module that exports symbols to others must be depended on (by role) by
 * its users; the registry only knows dependencies by role.
 * @param name module name.
 * @retval 0 unloaded; its record stays, in state MODULE_UNLOADED.
 * @retval -ENOENT no live module has that name.
 * @retval -EPERM the module is pinned (page, vm, mem, tmr, sched providers).
 * @retval -EBUSY a live module depends on its role.
 */
int module_unload(const char *name);

/**
 * @brief Resolve a symbol for the loader: core exports, then module exports.
 * @param name symbol name.
 * @param addr out: its address.
 * @retval 0 found.
 * @retval -ENOENT neither the core nor a loaded module exports it.
 */
int module_resolve(const char *name, uint64_t *addr);

/**
 * @brief Hook called after each module is linked; gdb scripts break here.
 *
 * `make debug` sets a breakpoint on it that loads the module's symbols
 * (tools/gdb/zero.py). It does nothing else.
 * @param m the module just linked.
 */
void module_gdb_loaded(const struct module *m);

#endif /* CORE_MODULE_H_ */
