/**
 * @file core/role.h
 * @brief Roles and their providers: exactly one module (or the core) per role.
 * @ingroup loader
 *
 * Each role's `<role>_register()` calls role_claim() with the module whose
 * init is running; a second claim is refused with the holder's name.
 */
#ifndef CORE_ROLE_H_
#define CORE_ROLE_H_

#include <stdbool.h>

/** Most roles with a provider at one time. */
#define ROLE_MAX 16

/**
 * @brief Make a module the provider of a role.
 * @param role role name.
 * @param provider module name (or "core" for a built-in provider).
 * @param pinned the provider may never unload (page, vm, mem, tmr, sched).
 * @param drop called by role_release() to forget the provider's table; may be NULL.
 * @retval 0 claimed.
 * @retval -EEXIST the role already has a provider.
 * @retval -ENOSPC too many roles.
 */
int role_claim(const char *role, const char *provider, bool pinned, void (*drop)(void));

/**
 * @brief Drop a provider (its init failed, or a leaf module unloads).
 * @param role role name.
 * @param provider module name; nothing happens if it is not the holder.
 */
void role_release(const char *role, const char *provider);

/**
 * @brief Name the provider of a role.
 * @param role role name.
 * @return the provider's name, or NULL if the role has none.
 */
const char *role_provider(const char *role);

/**
 * @brief Tell whether the core has an interface (an ops table) for a role.
 *
 * A module providing such a role must register its table in its init;
 * roles the core does not know (a leaf module's own name) need not.
 * @param role role name.
 * @return true for a role with a `<role>_register()`.
 */
bool role_known(const char *role);

/**
 * @brief Print every role and its provider to the log ("roles: a=x b=y").
 */
void role_print(void);

#endif /* CORE_ROLE_H_ */
