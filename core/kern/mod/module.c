/*
 * The module registry's records and lookups: the list `lsmod` reads, the
 * module whose init is running, and symbol resolution for the loader
 * (the core's explicit export table first, then what loaded modules export).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/kmod.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/printk.h>
#include <core/role.h>
#include <core/module_priv.h>
#include <kern/string.h>
#include <uapi/errno.h>

extern const struct kexport __start_kexport[], __stop_kexport[];

struct module module_table[MODULE_MAX];
unsigned module_n;
struct module *module_running;

static struct module_export {
	const char *name;
	uint64_t addr;
	const struct module *owner;
} module_exports[MODULE_EXPORTS_MAX];
static unsigned module_nexports;

unsigned module_count(void)
{
	return module_n;
}

const struct module *module_at(unsigned i)
{
	return i < module_n ? &module_table[i] : NULL;
}

const struct module *module_find(const char *name)
{
	for (unsigned i = 0; i < module_n; i++)
		if (module_table[i].state == MODULE_LIVE && strcmp(module_table[i].name, name) == 0)
			return &module_table[i];
	return NULL;
}

/* Does one of @p m's segments hold @p addr? */
static bool module_holds(const struct module *m, uint64_t addr)
{
	for (unsigned i = 0; i < LDR_NSEG; i++)
		if (m->ldr.seg[i].size && addr - m->ldr.seg[i].target < m->ldr.seg[i].size)
			return true;
	return false;
}

int module_addr_name(uint64_t addr, char *buf, size_t len)
{
	for (unsigned i = 0; i < module_n; i++) {
		const struct module *m = &module_table[i];
		const char *name;
		uint64_t off;

		if (m->state != MODULE_LIVE || !module_holds(m, addr))
			continue;
		if (ldr_sym_at(&m->ldr, addr, &name, &off) == 0)
			return fmt_snprintf(buf, len, "%s+%#lx [%s]", name, off, m->name);
		return fmt_snprintf(buf, len, "[%s+%#lx]", m->name, addr - m->base);
	}
	return 0;
}

const struct module *module_current(void)
{
	return module_running;
}

int module_resolve(const char *name, uint64_t *addr)
{
	for (const struct kexport *e = __start_kexport; e < __stop_kexport; e++) {
		if (strcmp(e->name, name) == 0) {
			*addr = (uint64_t)e->addr;
			return 0;
		}
	}
	for (unsigned i = 0; i < module_nexports; i++) {
		if (strcmp(module_exports[i].name, name) == 0) {
			*addr = module_exports[i].addr;
			return 0;
		}
	}
	return -ENOENT;
}

static int module_add_export(void *arg, const char *name, uint64_t addr)
{
	uint64_t old;

	if (module_resolve(name, &old) == 0)
		return -EEXIST;
	if (module_nexports == MODULE_EXPORTS_MAX)
		return -ENOSPC;
	module_exports[module_nexports++] =
	    (struct module_export){ .name = name, .addr = addr, .owner = arg };
	return 0;
}

int module_exports_add(struct module *m, struct ldr_err *err)
{
	return ldr_exports(&m->ldr, module_add_export, m, err);
}

void module_exports_drop(const struct module *m)
{
	unsigned j = 0;

	for (unsigned i = 0; i < module_nexports; i++)
		if (module_exports[i].owner != m)
			module_exports[j++] = module_exports[i];
	module_nexports = j;
}

void module_gdb_loaded(const struct module *m)
{
	/* A breakpoint target: keep the call and the argument visible. */
	__asm__ volatile("" : : "r"(m) : "memory");
}

static bool module_has_dependents(const struct module *m)
{
	for (unsigned i = 0; i < module_n; i++) {
		const struct module *o = &module_table[i];

		if (o->state != MODULE_LIVE || o == m || !m->role[0])
			continue;
		for (unsigned d = 0; d < KMOD_MAX_DEPS && o->deps[d][0]; d++)
			if (strcmp(o->deps[d], m->role) == 0)
				return true;
	}
	return false;
}

int module_unload(const char *name)
{
	struct module *m = (struct module *)module_find(name);

	if (m == NULL)
		return -ENOENT;
	if (m->pinned)
		return -EPERM;
	if (module_has_dependents(m))
		return -EBUSY;
	if (m->meta.fini)
		((void (*)(void))m->meta.fini)();
	role_release(m->role, m->name);
	module_exports_drop(m);
	ldr_unload(modmem_env(), &m->ldr);
	m->state = MODULE_UNLOADED;
	fmt_snprintf(m->reason, sizeof(m->reason), "unloaded");
	printk("module %s: unloaded\n", m->name);
	return 0;
}
