/*
 * SYSCTL_MODULES: one struct modinfo per module GRUB handed over, then one
 * per role that no module provides (uapi/modinfo.h), for lsmod.
 *
 * The registry is read through its read-only accessors (module_at(),
 * role_desc_at(), role_module()); records only change at boot and when a
 * leaf module unloads, so the report is built in a kernel buffer without
 * a lock and copied out after.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/module.h>
#include <core/role.h>
#include <core/sysctl.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/modinfo.h>

/* Modules plus one record per role descriptor: never more. */
#define MODS_MAX (MODULE_MAX + ROLE_MAX)

_Static_assert((int)MODULE_REFUSED == (int)MODINFO_REFUSED &&
		   (int)MODULE_LINKED == (int)MODINFO_LINKED &&
		   (int)MODULE_LIVE == (int)MODINFO_LIVE &&
		   (int)MODULE_UNLOADED == (int)MODINFO_UNLOADED &&
		   (int)MODULE_UNCHOSEN == (int)MODINFO_UNCHOSEN,
	       "uapi/modinfo.h's states are the registry's");

static void mods_copy(char *dst, const char *src, size_t room)
{
	size_t n = src ? strnlen(src, room - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* Section sizes by kind, from the linked image (zero when not loaded). */
static void mods_sections(const struct module *m, struct modinfo *r)
{
	for (unsigned i = 0; i < m->ldr.nsec; i++) {
		const struct ldr_section *s = &m->ldr.sec[i];

		if (s->seg == LDR_SEG_TEXT)
			r->text += s->size;
		else if (s->seg == LDR_SEG_RODATA)
			r->rodata += s->size;
		else if (strncmp(s->name, ".bss", 4) == 0)
			r->bss += s->size;
		else
			r->data += s->size;
	}
}

static void mods_module(const struct module *m, struct modinfo *r)
{
	const struct role_desc *d = m->role[0] ? role_desc_find(m->role) : NULL;
	const char *holder = m->role[0] ? role_module(m->role) : NULL;

	mods_copy(r->name, m->name, sizeof(r->name));
	mods_copy(r->role, m->role, sizeof(r->role));
	mods_copy(r->version, m->version, sizeof(r->version));
	mods_copy(r->args, m->args, sizeof(r->args));
	if (m->state == MODULE_REFUSED || m->state == MODULE_UNCHOSEN)
		mods_copy(r->reason, m->reason, sizeof(r->reason));
	r->ops_version = d ? d->version : 0;
	r->state = (uint32_t)m->state;
	if (m->state == MODULE_LIVE && holder && strcmp(holder, m->name) == 0)
		r->flags |= MODINFO_CHOSEN;
	if (m->pinned || (d && d->pinned))
		r->flags |= MODINFO_PINNED;
	if (m->state == MODULE_LIVE || m->state == MODULE_LINKED) {
		r->base = m->base;
		r->size = m->size;
		mods_sections(m, r);
	}
}

/* A role no module provides: its built-in provider, or none (the null table). */
static void mods_role(const struct role_desc *d, struct modinfo *r)
{
	mods_copy(r->role, d->name, sizeof(r->role));
	r->ops_version = d->version;
	r->state = MODINFO_BUILTIN;
	r->flags = MODINFO_CORE | (d->pinned ? MODINFO_PINNED : 0);
	if (d->builtin) {
		mods_copy(r->name, d->builtin, sizeof(r->name));
		mods_copy(r->version, ZERO_VERSION, sizeof(r->version));
		r->flags |= MODINFO_CHOSEN;
	} else {
		r->flags |= MODINFO_NONE;
	}
}

static long mods_collect(struct modinfo *out)
{
	long n = 0;

	for (unsigned i = 0; i < module_count() && n < MODS_MAX; i++)
		mods_module(module_at(i), &out[n++]);
	for (unsigned i = 0; role_desc_at(i) && n < MODS_MAX; i++) {
		const struct role_desc *d = role_desc_at(i);

		if (role_module(d->name) == NULL)
			mods_role(d, &out[n++]);
	}
	return n;
}

long sysctl_modules(long room, uint64_t uarr)
{
	struct modinfo *buf;
	long n, rc;

	if (room < 0)
		return -EINVAL;
	buf = mem_zalloc(MODS_MAX * sizeof(*buf));
	if (buf == NULL)
		return -ENOMEM;
	n = mods_collect(buf);
	rc = n;
	if (room > 0 && copyout(uarr, buf, (size_t)(room < n ? room : n) * sizeof(*buf)))
		rc = -EFAULT;
	mem_free(buf);
	return rc;
}

long proc_modules(struct modinfo *buf, long room)
{
	struct modinfo *all = mem_zalloc(MODS_MAX * sizeof(*all));
	long n;

	if (all == NULL)
		return -ENOMEM;
	n = mods_collect(all);
	if (room > 0)
		memcpy(buf, all, (size_t)(room < n ? room : n) * sizeof(*buf));
	mem_free(all);
	return n;
}
KERN_EXPORT(proc_modules);
