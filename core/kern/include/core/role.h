/**
 * @file core/role.h
 * @brief Roles and their providers: one descriptor per role, exactly one
 *        provider (a module, or the core's built-in fallback) per role.
 * @ingroup loader
 *
 * Each role's wrapper file (mm/page.c, mm/mem.c, mm/vm.c, time/tmr.c,
 * proc/sched.c, mod/example.c) declares its role once with ROLE_DEFINE():
 * name, ops version, the optional members, the table in force without a
 * provider, whether it is pinned or required, and its built-in fallback.
 * The records are collected by the linker into one set (section ".roles"),
 * and the module registry knows roles only through them: adding a role is
 * one wrapper file, not an edit of the registry.
 *
 * One pattern holds every provider's table. The wrapper file keeps a
 * `const` pointer to the table in force, which starts at the role's null
 * table (every member a core default: no clock, bootmem frames, the Zero
 * scheduler...). role_register() checks a provider's table once (called
 * from a module's init, right version, every mandatory member present,
 * every member inside the module's text or the kernel's), resolves it
 * into the role's storage with the core's defaults in the optional slots
 * the provider left NULL, and points the wrapper at it. No caller
 * ever tests a member for NULL, and no wrapper tests whether a provider
 * exists.
 */
#ifndef CORE_ROLE_H_
#define CORE_ROLE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Most roles with a provider at one time. */
#define ROLE_MAX 16

/** Most function members in one ops table. */
#define ROLE_OPS_MAX 64

/**
 * @brief Describe one role; made by ROLE_DEFINE() in the role's wrapper file.
 *
 * An ops table is a `uint32_t version` followed by function pointers only
 * (the "slots"): slot i sits at byte 8 + 8 i.
 */
struct role_desc {
	const char *name;     /**< Role name, as modules declare it ("page"). */
	uint32_t version;     /**< The ops version this core speaks. */
	size_t ops_size;      /**< sizeof(struct <role>_ops). */
	uint32_t min_version; /**< Oldest ops version still accepted; 0: only @c version. */
	/** Table size of each older version accepted, sizes[v - min_version] for
	 *  min_version <= v < version (NULL with min_version 0). The members an
	 *  older table lacks must be optional: they get the core's defaults. */
	const size_t *sizes;
	uint64_t optional;    /**< Bit i set: slot i may be NULL (ROLE_OPT()). */
	const void *null_ops; /**< Table in force without a provider. */
	const void *defaults; /**< Members for the optional slots a provider leaves
				   NULL; NULL means the null table's. */
	void *resolved;	      /**< Storage (ops_size bytes) of the resolved table. */
	const void **current; /**< The wrapper file's pointer to the table in force. */
	bool pinned;	      /**< Its provider never unloads. */
	bool required;	      /**< Boot panics, naming it, if it ends without a provider. */
	bool final;	      /**< Once registered, the provider cannot be dropped
				   (it took over state the null table cannot take back). */
	const char *builtin;  /**< Name of the core's built-in provider, or NULL:
				   with one the role is never without a provider. */
	/** Role-specific step between the checks and publishing (page takes
	 *  over from bootmem, sched moves the ready threads); NULL for none.
	 *  A non-zero return refuses the registration. */
	int (*attach)(const void *resolved);
	/** Undo attach when the provider is dropped (its init failed after
	 *  registering, or a leaf module unloads); NULL for none. */
	void (*detach)(void);
};

/**
 * @brief The slot bit of one optional member, for role_desc.optional.
 * @param type the ops struct type.
 * @param member an optional member's name.
 */
#define ROLE_OPT(type, member) (1ULL << ((offsetof(type, member) - 8) / sizeof(void *)))

/**
 * @brief Declare a role: a `static const struct role_desc` in the ".roles" set.
 * @param id the descriptor's C name (pass its address to role_register()).
 * @param ... designated initializers of struct role_desc.
 */
#define ROLE_DEFINE(id, ...)                                                                       \
	static const struct role_desc id                                                           \
	    __attribute__((section(".roles"), used, aligned(8))) = { __VA_ARGS__ }

/**
 * @brief Register a provider's table for a role (the body of every `<role>_register()`).
 * @param d the role's descriptor.
 * @param ops the provider's table; it must stay valid while the provider is loaded.
 * @retval 0 registered: the wrapper now calls the resolved table.
 * @retval -EPERM called outside a module's init.
 * @retval -EINVAL NULL table, wrong version, a mandatory member NULL, or a
 *         member outside the module's text and the kernel's (logged with its slot).
 * @retval -EEXIST the role already has a provider.
 * @return another negative errno from the role's attach step.
 */
int role_register(const struct role_desc *d, const void *ops);

/**
 * @brief Find a role's descriptor.
 * @param name role name.
 * @return the descriptor, or NULL for a role the core has no interface for
 *         (a leaf module's own role).
 */
const struct role_desc *role_desc_find(const char *name);

/**
 * @brief Iterate over every role descriptor.
 * @param i index from 0.
 * @return the i-th descriptor, or NULL past the last.
 */
const struct role_desc *role_desc_at(unsigned i);

/**
 * @brief Claim a role without a descriptor for a module (a leaf role).
 * @param role role name.
 * @param provider module name.
 * @retval 0 claimed.
 * @retval -EEXIST the role already has a provider.
 * @retval -ENOSPC too many roles.
 */
int role_claim(const char *role, const char *provider);

/**
 * @brief Drop a provider (its init failed, or a leaf module unloads).
 *
 * A described role goes back to its null table (after its detach step); a
 * final role panics, since nothing can take its state back.
 * @param role role name.
 * @param provider module name; nothing happens if it is not the holder.
 */
void role_release(const char *role, const char *provider);

/**
 * @brief Name the provider of a role.
 * @param role role name.
 * @return the module's name, the built-in provider's name when no module
 *         provides a role that has one, or NULL if the role has none.
 */
const char *role_provider(const char *role);

/**
 * @brief Tell whether a module provides a role (not the built-in fallback).
 * @param role role name.
 * @return the module's name, or NULL.
 */
const char *role_module(const char *role);

/**
 * @brief Print every role and its provider to the log ("roles: a=x b=y").
 */
void role_print(void);

#endif /* CORE_ROLE_H_ */
