/**
 * @file core/modsort.h
 * @brief Ordering boot modules by the roles they depend on.
 * @ingroup core
 *
 * A pure function over a small array, so that the registry's hardest rule
 * (dependency order, missing roles, cycles) is tested on the host.
 */
#ifndef CORE_MODSORT_H_
#define CORE_MODSORT_H_

#include <stdbool.h>

#include <kern/kmod.h>

/** Most nodes modsort() handles. */
#define MODSORT_MAX 32

/** What modsort() decided for one node. */
enum modsort_result {
	MODSORT_OK = 0,	     /**< Placed in the order. */
	MODSORT_MISSING = 1, /**< A needed role has no provider at all. */
	MODSORT_CYCLE = 2,   /**< The node is on a dependency cycle. */
	MODSORT_DEPFAIL = 3, /**< A needed role's provider was refused. */
};

/** One module as the sorter sees it. */
struct modsort_node {
	const char *name;		 /**< Module name, for messages. */
	const char *role;		 /**< Role it provides (may be NULL). */
	const char *deps[KMOD_MAX_DEPS]; /**< Roles it needs; unused slots NULL. */
	enum modsort_result result;	 /**< Out: the decision. */
	const char *why;		 /**< Out: the role behind a refusal. */
};

/**
 * @brief Order modules so that each comes after the providers of its deps.
 *
 * Among the nodes that are ready at the same time, input order is kept.
 * A dependency is met by another node's role or by @p builtin (roles the
 * core provides itself). Every node not placed gets a result and the role
 * that caused it.
 * @param nodes the modules; at most MODSORT_MAX; providers of one role must
 *        be unique (the caller resolves duplicates first).
 * @param n number of nodes.
 * @param builtin returns true for a role the core provides; may be NULL.
 * @param arg passed to @p builtin.
 * @param order out: indexes of the placed nodes, in load order (n entries).
 * @return number of nodes placed.
 */
unsigned modsort(struct modsort_node *nodes, unsigned n,
		 bool (*builtin)(const char *role, void *arg), void *arg, unsigned *order);

#endif /* CORE_MODSORT_H_ */
