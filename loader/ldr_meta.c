/*
 * loader/ldr_meta.c - reading the relocated .kmod_info and .kexport records.
 *
 * After relocation these records hold target addresses. Nothing in them
 * is trusted: every string pointer must land inside one of the module's
 * own segments and end within LDR_STR_MAX bytes there, and entry points
 * must lie in the executable segment, so the kernel never follows a
 * pointer a broken module file chose. An entry point must moreover be where
 * a function symbol of the module's text starts (the symbol table of the
 * file it was linked from says so), not one byte into an instruction or
 * the end of .text. Fields are read byte-wise at their
 * offsetof() positions, so the record's alignment does not matter.
 */
#include <stddef.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "ldr_priv.h"

/* Host pointer to target @addr and the bytes left in its segment; NULL if outside. */
static const char *ldr_seg_tail(const struct ldr_module *mod, uint64_t addr, size_t *avail)
{
	for (unsigned p = 0; p < LDR_NSEG; p++) {
		const struct ldr_segment *seg = &mod->seg[p];

		if (seg->host && addr >= seg->target && addr - seg->target < seg->size) {
			*avail = seg->size - (size_t)(addr - seg->target);
			return (const char *)seg->host + (addr - seg->target);
		}
	}
	return NULL;
}

static int ldr_string(const struct ldr_module *mod, uint64_t addr, const char *what,
		      const char **out, struct ldr_err *err)
{
	size_t avail = 0;
	const char *s = ldr_seg_tail(mod, addr, &avail);

	if (!s) {
		ldr_errf(err, "%s pointer 0x%lx is outside the module", what, (unsigned long)addr);
		return -ENOEXEC;
	}
	if (avail > LDR_STR_MAX)
		avail = LDR_STR_MAX;
	if (strnlen(s, avail) == avail) {
		ldr_errf(err, "%s is not NUL-terminated within %u bytes", what, LDR_STR_MAX);
		return -ENOEXEC;
	}
	for (const char *c = s; *c; c++) {
		if (*c < 0x20 || *c > 0x7e) {
			ldr_errf(err, "%s has a non-printable byte 0x%x", what, (unsigned char)*c);
			return -ENOEXEC;
		}
	}
	*out = s;
	return 0;
}

/* Names matched by the registry (module name, roles): non-empty, [a-z0-9_-] only. */
static int ldr_ident(const struct ldr_module *mod, uint64_t addr, const char *what,
		     const char **out, struct ldr_err *err)
{
	int rc = ldr_string(mod, addr, what, out, err);

	if (rc)
		return rc;
	if (!**out) {
		ldr_errf(err, "%s is empty", what);
		return -ENOEXEC;
	}
	for (const char *c = *out; *c; c++) {
		if ((*c < 'a' || *c > 'z') && (*c < '0' || *c > '9') && *c != '_' && *c != '-') {
			ldr_errf(err, "%s '%s' has invalid character '%c' (allowed: a-z 0-9 _ -)",
				 what, *out, *c);
			return -ENOEXEC;
		}
	}
	return 0;
}

/* The target address of function symbol @p sym in the module's text, or 0. */
static uint64_t ldr_func_addr(const struct ldr_module *mod, const struct elf64_sym *sym)
{
	if (ELF_ST_TYPE(sym->st_info) != ELF_STT_FUNC || sym->st_shndx == ELF_SHN_UNDEF)
		return 0;
	for (unsigned s = 0; s < mod->nsec; s++) {
		const struct ldr_section *sec = &mod->sec[s];

		if (sec->shndx == sym->st_shndx && sec->seg == LDR_SEG_TEXT &&
		    sym->st_value < sec->size)
			return sec->target + sym->st_value;
	}
	return 0;
}

unsigned ldr_func_starts(const struct ldr_module *mod, const uint64_t *addrs, unsigned n,
			 uint64_t *found)
{
	struct ldr_file f;
	struct ldr_err err;
	unsigned hits = 0;

	*found = 0;
	if (n > 64 || !mod->file || ldr_check(&f, mod->file, mod->file_size, &err) != 0)
		return 0;
	for (uint64_t i = 1; i < f.nsyms && hits < n; i++) {
		struct elf64_sym sym;
		uint64_t a;

		ldr_sym(&f, i, &sym);
		a = ldr_func_addr(mod, &sym);
		for (unsigned k = 0; a && k < n; k++)
			if (addrs[k] == a && !(*found & (1ULL << k))) {
				*found |= 1ULL << k;
				hits++;
			}
	}
	return hits;
}

bool ldr_func_start(const struct ldr_module *mod, uint64_t addr)
{
	uint64_t found;

	return ldr_func_starts(mod, &addr, 1, &found) == 1;
}

/* The target address of a function or data symbol of an allocated section, or 0. */
static uint64_t ldr_named_addr(const struct ldr_module *mod, const struct elf64_sym *sym)
{
	unsigned type = ELF_ST_TYPE(sym->st_info);

	if ((type != ELF_STT_FUNC && type != ELF_STT_OBJECT) || sym->st_shndx == ELF_SHN_UNDEF)
		return 0;
	for (unsigned s = 0; s < mod->nsec; s++) {
		const struct ldr_section *sec = &mod->sec[s];

		if (sec->shndx == sym->st_shndx && sym->st_value < sec->size &&
		    (type == ELF_STT_OBJECT || sec->seg == LDR_SEG_TEXT))
			return sec->target + sym->st_value;
	}
	return 0;
}

int ldr_sym_at(const struct ldr_module *mod, uint64_t addr, const char **name, uint64_t *off)
{
	struct ldr_file f;
	struct ldr_err err;
	uint64_t best = 0;

	*name = NULL;
	*off = 0;
	if (!mod->file || ldr_check(&f, mod->file, mod->file_size, &err) != 0)
		return -ENOENT;
	for (uint64_t i = 1; i < f.nsyms; i++) {
		struct elf64_sym sym;
		uint64_t a;

		ldr_sym(&f, i, &sym);
		a = ldr_named_addr(mod, &sym);
		if (a == 0 || a > addr || a < best || (sym.st_size && addr - a >= sym.st_size))
			continue;
		best = a;
		*name = ldr_symname(&f, &sym);
	}
	*off = addr - best;
	return *name ? 0 : -ENOENT;
}

/* An entry point is 0 (none) or the first byte of a function of the module. */
static int ldr_entry(const struct ldr_module *mod, uint64_t addr, const char *what,
		     struct ldr_err *err)
{
	const struct ldr_segment *rx = &mod->seg[LDR_SEG_TEXT];

	if (addr == 0)
		return 0;
	if (!rx->host || addr < rx->target || addr - rx->target >= rx->size) {
		ldr_errf(err, "%s 0x%lx is not in the module's text", what, (unsigned long)addr);
		return -ENOEXEC;
	}
	if (!ldr_func_start(mod, addr)) {
		ldr_errf(err, "%s 0x%lx is not the start of a function of the module", what,
			 (unsigned long)addr);
		return -ENOEXEC;
	}
	return 0;
}

static int ldr_deps(const struct ldr_module *mod, const unsigned char *info, struct ldr_meta *meta,
		    struct ldr_err *err)
{
	for (unsigned i = 0; i < KMOD_MAX_DEPS; i++) {
		uint64_t addr = ldr_get64(info + offsetof(struct kmod_info, deps) + 8 * i);
		int rc;

		if (!addr)
			continue;
		if (meta->ndeps != i) {
			ldr_errf(err, "dependency %u follows an empty slot", i);
			return -ENOEXEC;
		}
		rc = ldr_ident(mod, addr, "dependency", &meta->deps[i], err);
		if (rc)
			return rc;
		meta->ndeps++;
	}
	return 0;
}

int ldr_meta(const struct ldr_module *mod, struct ldr_meta *meta, struct ldr_err *err)
{
	const unsigned char *info = ldr_host_ptr(mod, mod->info_target, sizeof(struct kmod_info));
	int rc;

	memset(meta, 0, sizeof(*meta));
	err->msg[0] = '\0';
	if (!info || !mod->info_target) {
		ldr_errf(err, "no linked .kmod_info record");
		return -ENOEXEC;
	}
	if (ldr_get32(info) != KMOD_MAGIC || ldr_get32(info + 4) != KMOD_ABI_VERSION) {
		ldr_errf(err, ".kmod_info magic or ABI version changed by relocation");
		return -ENOEXEC;
	}
	rc = ldr_ident(mod, ldr_get64(info + offsetof(struct kmod_info, name)), "module name",
		       &meta->name, err);
	if (!rc)
		rc = ldr_string(mod, ldr_get64(info + offsetof(struct kmod_info, version)),
				"version", &meta->version, err);
	if (!rc)
		rc = ldr_ident(mod, ldr_get64(info + offsetof(struct kmod_info, role)), "role",
			       &meta->role, err);
	if (!rc)
		rc = ldr_deps(mod, info, meta, err);
	meta->init = ldr_get64(info + offsetof(struct kmod_info, init));
	meta->fini = ldr_get64(info + offsetof(struct kmod_info, fini));
	if (!rc)
		rc = ldr_entry(mod, meta->init, "init", err);
	if (!rc)
		rc = ldr_entry(mod, meta->fini, "fini", err);
	if (rc)
		memset(meta, 0, sizeof(*meta));
	return rc;
}

int ldr_exports(const struct ldr_module *mod, int (*fn)(void *arg, const char *name, uint64_t addr),
		void *arg, struct ldr_err *err)
{
	const unsigned char *tab = ldr_host_ptr(mod, mod->export_target, mod->export_size);
	uint64_t n = mod->export_size / sizeof(struct kexport);

	err->msg[0] = '\0';
	if (n == 0)
		return 0;
	if (!tab) {
		ldr_errf(err, ".kexport is not inside the module");
		return -ENOEXEC;
	}
	for (uint64_t i = 0; i < n; i++) {
		const unsigned char *rec = tab + i * sizeof(struct kexport);
		const char *name;
		uint64_t addr;
		size_t avail;
		int rc = ldr_string(mod, ldr_get64(rec + offsetof(struct kexport, name)),
				    "export name", &name, err);

		if (!rc && !*name) {
			ldr_errf(err, "export %lu has an empty name", (unsigned long)i);
			rc = -ENOEXEC;
		}
		if (rc)
			return rc;
		addr = ldr_get64(rec + offsetof(struct kexport, addr));
		if (!ldr_seg_tail(mod, addr, &avail)) {
			ldr_errf(err, "export '%s' address 0x%lx is outside the module", name,
				 (unsigned long)addr);
			return -ENOEXEC;
		}
		rc = fn(arg, name, addr);
		if (rc) {
			ldr_errf(err, "export '%s' refused (error %d)", name, rc);
			return rc;
		}
	}
	return 0;
}
