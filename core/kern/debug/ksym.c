/*
 * Kernel symbol lookup.
 *
 * A binary search over the sorted table; everything read from the table is
 * checked before it is used, because the table may be damaged when we need
 * it most (a panic after memory corruption).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <core/ksym.h>
#include <kern/string.h>

/* Index of the last symbol with addr <= @addr, or nsyms if there is none. */
static size_t ksym_find(const struct ksym_table *t, uint64_t addr)
{
	size_t lo = 0, hi = t->nsyms;

	/* Invariant: syms[i].addr <= addr for i < lo, > addr for i >= hi. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? t->nsyms : lo - 1;
}

/* The name of @sym, or NULL unless it is a terminated string inside the blob. */
static const char *ksym_name(const struct ksym_table *t, const struct ksym *sym)
{
	size_t off = sym->name_off;

	if (!t->names || off >= t->names_len)
		return NULL;
	if (strnlen(t->names + off, t->names_len - off) == t->names_len - off)
		return NULL;
	return t->names + off;
}

/* The symbol containing @addr with a valid name (stored in *name), or NULL. */
static const struct ksym *ksym_resolve(const struct ksym_table *t, uint64_t addr, const char **name)
{
	size_t i = ksym_find(t, addr);
	const struct ksym *sym;

	if (i == t->nsyms)
		return NULL;
	sym = &t->syms[i];
	/* addr - sym->addr cannot wrap; sym->addr + size could. */
	if (sym->size != 0 && addr - sym->addr >= sym->size)
		return NULL;
	*name = ksym_name(t, sym);
	return *name ? sym : NULL;
}

const char *ksym_lookup(const struct ksym_table *t, uint64_t addr, uint64_t *offset)
{
	const char *name = NULL;
	const struct ksym *sym = ksym_resolve(t, addr, &name);

	if (!sym)
		return NULL;
	if (offset)
		*offset = addr - sym->addr;
	return name;
}

int ksym_format(const struct ksym_table *t, uint64_t addr, char *buf, size_t size)
{
	const char *name = NULL;
	const struct ksym *sym = ksym_resolve(t, addr, &name);
	unsigned long long off;

	if (!sym)
		return fmt_snprintf(buf, size, "0x%llx", (unsigned long long)addr);
	off = addr - sym->addr;
	if (sym->size == 0)
		return fmt_snprintf(buf, size, "%s+0x%llx", name, off);
	return fmt_snprintf(buf, size, "%s+0x%llx/0x%x", name, off, (unsigned)sym->size);
}
