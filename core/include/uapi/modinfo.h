/**
 * @file uapi/modinfo.h
 * @brief What sysctl(SYSCTL_MODULES) reports about kernel modules and the
 *        providers of each role (read by `lsmod`).
 * @ingroup uapi
 *
 * The call fills an array of struct modinfo: first every module GRUB
 * handed over, in GRUB order (loaded, refused and unchosen ones alike),
 * then one record per role that no module provides: the core's built-in
 * provider of that role (the Zero scheduler "zero" for `sched`), or, for a
 * role with no built-in one, a record named "" saying the role runs on the
 * core's null table. So the records with MODINFO_CHOSEN name, for each
 * role, what runs.
 *
 * @code
 * struct modinfo mi[64];
 * long n = sysctl(SYSCTL_MODULES, 64, mi);
 * for (long i = 0; i < n && i < 64; i++)
 *         if (mi[i].flags & MODINFO_CHOSEN)
 *                 printf("%s: %s\n", mi[i].role, mi[i].name);
 * @endcode
 *
 * Returns the number of records (writing at most `room`); `room` 0 only
 * counts.
 */
#ifndef UAPI_MODINFO_H_
#define UAPI_MODINFO_H_

#include <stdint.h>

/** Size of the name, role and version fields, with the NUL. */
#define MODINFO_NAME 32
/** Size of the argument and reason fields, with the NUL (longer ones are cut). */
#define MODINFO_TEXT 128

/** Where a module is in its life (@c state). */
enum modinfo_state {
	MODINFO_REFUSED = 0,  /**< Not loaded: @c reason says why. */
	MODINFO_LINKED = 1,   /**< Linked, its init not run (yet). */
	MODINFO_LIVE = 2,     /**< Loaded and running (its init succeeded). */
	MODINFO_UNLOADED = 3, /**< Was live, then unloaded. */
	MODINFO_UNCHOSEN = 4, /**< A valid alternate that a `<role>=<name>` choice left out. */
	MODINFO_BUILTIN = 5,  /**< Part of the kernel image, not a module. */
};

/** @name Flags (@c flags)
 * @{ */
#define MODINFO_CHOSEN 0x1 /**< It is the provider of its role now. */
#define MODINFO_CORE   0x2 /**< The core's own provider (no module provides the role). */
#define MODINFO_PINNED 0x4 /**< Its role never unloads (page, vm, mem, tmr, sched). */
#define MODINFO_NONE   0x8 /**< The role has no provider: the core's null table answers. */
/** @} */

/** One module, or one role's built-in provider. */
struct modinfo {
	char name[MODINFO_NAME];    /**< Module name ("" for a role without provider). */
	char role[MODINFO_NAME];    /**< Role it provides ("" if unknown). */
	char version[MODINFO_NAME]; /**< Its version string ("" if unknown; the kernel's for
				       built-ins). */
	uint32_t
	    ops_version;   /**< Version of the role's ops table the core speaks (0: a leaf role). */
	uint32_t state;	   /**< An enum modinfo_state value. */
	uint32_t flags;	   /**< MODINFO_* bits. */
	uint32_t reserved; /**< 0. */
	uint64_t base;	   /**< Address of its text (0 when not loaded). */
	uint64_t size;	   /**< Bytes of its segments (page-rounded; 0 when not loaded). */
	uint64_t text;	   /**< Bytes of its code sections. */
	uint64_t rodata;   /**< Bytes of its read-only data sections. */
	uint64_t data;	   /**< Bytes of its writable data sections, .bss excluded. */
	uint64_t bss;	   /**< Bytes of its .bss sections. */
	char args[MODINFO_TEXT];   /**< Arguments its init got. */
	char reason[MODINFO_TEXT]; /**< Why it was refused or left out ("" otherwise). */
};

#endif /* UAPI_MODINFO_H_ */
