/*
 * Dependency order for boot modules: refuse what has a missing role,
 * propagate refusals to dependents, then place nodes in rounds (Kahn's
 * algorithm, keeping input order among equals). What is left over is on a
 * cycle or depends on one; a depth-first search tells the two apart.
 */
#include <stdbool.h>
#include <stddef.h>

#include <core/modsort.h>
#include <kern/string.h>

#define MODSORT_NONE (-1)

/* Index of the node providing `role`, or MODSORT_NONE. */
static int modsort_provider(const struct modsort_node *nodes, unsigned n, const char *role)
{
	for (unsigned i = 0; i < n; i++)
		if (nodes[i].role && strcmp(nodes[i].role, role) == 0)
			return (int)i;
	return MODSORT_NONE;
}

static void modsort_mark_missing(struct modsort_node *nodes, unsigned n,
				 bool (*builtin)(const char *, void *), void *arg)
{
	for (unsigned i = 0; i < n; i++) {
		for (unsigned d = 0; d < KMOD_MAX_DEPS && nodes[i].deps[d]; d++) {
			const char *dep = nodes[i].deps[d];

			if (modsort_provider(nodes, n, dep) == MODSORT_NONE &&
			    !(builtin && builtin(dep, arg))) {
				nodes[i].result = MODSORT_MISSING;
				nodes[i].why = dep;
				break;
			}
		}
	}
}

/* A node whose provider was refused is refused too, transitively. */
static void modsort_propagate(struct modsort_node *nodes, unsigned n)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (unsigned i = 0; i < n; i++) {
			if (nodes[i].result != MODSORT_OK)
				continue;
			for (unsigned d = 0; d < KMOD_MAX_DEPS && nodes[i].deps[d]; d++) {
				int p = modsort_provider(nodes, n, nodes[i].deps[d]);

				if (p != MODSORT_NONE && nodes[p].result != MODSORT_OK) {
					nodes[i].result = MODSORT_DEPFAIL;
					nodes[i].why = nodes[i].deps[d];
					changed = true;
					break;
				}
			}
		}
	}
}

static bool modsort_ready(const struct modsort_node *nodes, unsigned n, unsigned i,
			  const bool *placed)
{
	for (unsigned d = 0; d < KMOD_MAX_DEPS && nodes[i].deps[d]; d++) {
		int p = modsort_provider(nodes, n, nodes[i].deps[d]);

		if (p != MODSORT_NONE && !placed[p])
			return false;
	}
	return true;
}

/* Can `from` reach `target` through dependencies? Depth-bounded by n. */
static bool modsort_reaches(const struct modsort_node *nodes, unsigned n, unsigned from,
			    unsigned target, unsigned depth)
{
	if (depth > n)
		return false;
	for (unsigned d = 0; d < KMOD_MAX_DEPS && nodes[from].deps[d]; d++) {
		int p = modsort_provider(nodes, n, nodes[from].deps[d]);

		if (p == MODSORT_NONE)
			continue;
		if ((unsigned)p == target || modsort_reaches(nodes, n, p, target, depth + 1))
			return true;
	}
	return false;
}

static void modsort_leftovers(struct modsort_node *nodes, unsigned n, const bool *placed)
{
	for (unsigned i = 0; i < n; i++)
		if (nodes[i].result == MODSORT_OK && !placed[i] &&
		    modsort_reaches(nodes, n, i, i, 0)) {
			nodes[i].result = MODSORT_CYCLE;
			nodes[i].why = nodes[i].role;
		}
	modsort_propagate(nodes, n);
}

unsigned modsort(struct modsort_node *nodes, unsigned n,
		 bool (*builtin)(const char *role, void *arg), void *arg, unsigned *order)
{
	bool placed[MODSORT_MAX] = { false };
	unsigned count = 0;
	bool progress = true;

	if (n > MODSORT_MAX)
		n = MODSORT_MAX;
	for (unsigned i = 0; i < n; i++) {
		nodes[i].result = MODSORT_OK;
		nodes[i].why = NULL;
	}
	modsort_mark_missing(nodes, n, builtin, arg);
	modsort_propagate(nodes, n);
	while (progress) {
		progress = false;
		for (unsigned i = 0; i < n; i++) {
			if (placed[i] || nodes[i].result != MODSORT_OK ||
			    !modsort_ready(nodes, n, i, placed))
				continue;
			placed[i] = true;
			order[count++] = i;
			progress = true;
			break; /* restart: keeps input order among ready nodes */
		}
	}
	modsort_leftovers(nodes, n, placed);
	return count;
}
