/*
 * Loading GRUB's modules at boot, in four steps:
 *  1. probe: link each file once (symbols outside the core resolve to a
 *     placeholder) just to read and check its metadata, then unload it;
 *  2. choose: one provider per role, `<role>=<name>` picks among alternates;
 *  3. order: sort by declared dependencies (modsort), refusing missing
 *     roles and cycles;
 *  4. start: link for good (now every symbol must resolve), seal W^X,
 *     publish exports, call init; a failing init unloads the module.
 * Every refusal is one line naming the module and the reason; boot goes on.
 */
#include <stdarg.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/boot.h>
#include <kern/fmt.h>
#include <core/modmem.h>
#include <core/modsort.h>
#include <core/module.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include <core/module_priv.h>

static __attribute__((format(printf, 2, 3))) void module_refuse(struct module *m, const char *fmt,
								...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(m->reason, sizeof(m->reason), fmt, ap);
	va_end(ap);
	m->state = MODULE_REFUSED;
	pr_err("module %s: refused: %s\n", m->name, m->reason);
}

static void module_copy(char *dst, const char *src)
{
	size_t n = strnlen(src, MODULE_NAME_MAX - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The module2 string is "<name> <args...>"; the name is only a fallback
 * for messages until the metadata is read. */
static void module_take_line(struct module *m, const char *line, unsigned index)
{
	size_t n = 0;

	while (line[n] && line[n] != ' ' && line[n] != '\t' && n < MODULE_NAME_MAX - 1)
		n++;
	if (n == 0)
		fmt_snprintf(m->name, sizeof(m->name), "module%u", index);
	else
		memcpy(m->name, line, n);
	while (line[n] && line[n] != ' ' && line[n] != '\t')
		n++;
	while (line[n] == ' ' || line[n] == '\t')
		n++;
	m->args = line + n;
}

/*
 * Words `<name>.<word>` on the kernel command line are appended to the
 * module's arguments as `<word>` (the Linux convention), so a module can
 * be tuned from the GRUB prompt without editing its module2 line:
 * `tmr.hz=1000`.
 */
static void module_add_cmdline_args(struct module *m, const struct cmdline *cl)
{
	size_t len = strnlen(m->args, sizeof(m->argbuf) - 1), nlen = strlen(m->name);

	memcpy(m->argbuf, m->args, len);
	for (unsigned i = 0; i < cl->nwords; i++) {
		const struct cmdline_word *w = &cl->words[i];
		int n;

		if (strncmp(w->key, m->name, nlen) != 0 || w->key[nlen] != '.' || !w->key[nlen + 1])
			continue;
		n = fmt_snprintf(m->argbuf + len, sizeof(m->argbuf) - len, "%s%s%s%s",
				 len ? " " : "", w->key + nlen + 1, w->val[0] ? "=" : "", w->val);
		if (n < 0 || (size_t)n >= sizeof(m->argbuf) - len) {
			pr_warn("module %s: arguments too long; '%s' dropped\n", m->name, w->key);
			break;
		}
		len += n;
	}
	m->argbuf[len] = '\0';
	m->args = m->argbuf;
}

static int module_probe_resolve(void *ctx, const char *name, uint64_t *addr)
{
	(void)ctx;
	if (module_resolve(name, addr) != 0)
		*addr = (uint64_t)&module_gdb_loaded; /* placeholder: checked in step 4 */
	return 0;
}

/* Refused and unchosen modules take no further part in boot. */
static bool module_out(const struct module *m)
{
	return m->state == MODULE_REFUSED || m->state == MODULE_UNCHOSEN;
}

static bool module_name_taken(const struct module *m)
{
	for (struct module *o = module_table; o < m; o++)
		if (!module_out(o) && strcmp(o->name, m->name) == 0)
			return true;
	return false;
}

static void module_read_meta(struct module *m)
{
	module_copy(m->name, m->meta.name);
	module_copy(m->version, m->meta.version ? m->meta.version : "");
	module_copy(m->role, m->meta.role ? m->meta.role : "");
	for (unsigned d = 0; d < KMOD_MAX_DEPS; d++)
		module_copy(m->deps[d], d < m->meta.ndeps ? m->meta.deps[d] : "");
}

static void module_probe(struct module *m, const struct mb2_module *mb)
{
	struct ldr_env env = *modmem_env();
	struct ldr_err err;

	env.resolve = module_probe_resolve;
	if (mb->end <= mb->start || mb->end > boot_direct_limit()) {
		module_refuse(m, "file at [%#lx-%#lx) is empty or outside memory", mb->start,
			      mb->end);
		return;
	}
	m->file = (const void *)(KERN_DIRECT_BASE + mb->start);
	m->file_size = mb->end - mb->start;
	if (ldr_link(m->file, m->file_size, &env, &m->ldr, &err) != 0) {
		module_refuse(m, "%s", err.msg);
		return;
	}
	if (ldr_meta(&m->ldr, &m->meta, &err) != 0) {
		ldr_unload(&env, &m->ldr);
		module_refuse(m, "%s", err.msg);
		return;
	}
	module_read_meta(m);
	ldr_unload(&env, &m->ldr);
	m->state = MODULE_LINKED;
	if (module_name_taken(m))
		module_refuse(m, "a module named '%s' is already loaded", m->name);
}

/* The name of the core's own provider of a role, if it has one. */
static const char *module_builtin_name(const char *role)
{
	const struct role_desc *d = role_desc_find(role);

	return d ? d->builtin : NULL;
}

static void module_unchosen(struct module *m, const char *pick)
{
	fmt_snprintf(m->reason, sizeof(m->reason), "not chosen: %s=%s", m->role, pick);
	m->state = MODULE_UNCHOSEN;
}

/* Step 2: one provider per role. */
static void module_choose(const struct cmdline *cl)
{
	for (unsigned i = 0; i < module_n; i++) {
		struct module *m = &module_table[i];
		const char *pick = m->role[0] ? cmdline_get(cl, m->role) : NULL;
		const char *builtin = m->role[0] ? module_builtin_name(m->role) : NULL;
		struct module *winner = NULL;

		if (module_out(m) || !m->role[0])
			continue;
		if (pick && builtin && strcmp(pick, builtin) == 0) {
			module_unchosen(m, pick);
			printk("module %s: not loaded: %s=%s picks the built-in %s provider\n",
			       m->name, m->role, pick, m->role);
			continue;
		}
		for (unsigned j = 0; j < module_n; j++) {
			struct module *o = &module_table[j];

			if (module_out(o) || strcmp(o->role, m->role) != 0)
				continue;
			if (winner == NULL ||
			    (pick && strcmp(o->name, pick) == 0 && strcmp(winner->name, pick) != 0))
				winner = o;
		}
		if (winner == m)
			continue;
		if (pick && strcmp(winner->name, pick) == 0) {
			/* Not an error: the user chose another alternate. */
			module_unchosen(m, pick);
			printk("module %s: not loaded: %s=%s picks '%s' for role '%s'\n", m->name,
			       m->role, pick, pick, m->role);
		} else
			module_refuse(m, "second provider for role '%s' (already provided by '%s')",
				      m->role, winner->name);
	}
}

/* A role is met by a module, or by the core's built-in fallback (the Zero
 * scheduler provides `sched` whenever no module does). */
static bool module_has_provider(const char *role)
{
	return role_provider(role) != NULL;
}

static bool module_builtin_role(const char *role, void *arg)
{
	(void)arg;
	return module_has_provider(role);
}

/* Step 3: dependency order; refusals for missing roles and cycles. */
static unsigned module_order(unsigned *order)
{
	struct modsort_node nodes[MODULE_MAX];
	unsigned map[MODULE_MAX], n = 0, placed;

	for (unsigned i = 0; i < module_n; i++) {
		struct module *m = &module_table[i];

		if (module_out(m))
			continue;
		nodes[n] =
		    (struct modsort_node){ .name = m->name, .role = m->role[0] ? m->role : NULL };
		for (unsigned d = 0; d < KMOD_MAX_DEPS && m->deps[d][0]; d++)
			nodes[n].deps[d] = m->deps[d];
		map[n++] = i;
	}
	placed = modsort(nodes, n, module_builtin_role, NULL, order);
	for (unsigned k = 0; k < n; k++) {
		struct module *m = &module_table[map[k]];

		if (nodes[k].result == MODSORT_MISSING)
			module_refuse(m, "missing dependency: no module provides role '%s'",
				      nodes[k].why);
		else if (nodes[k].result == MODSORT_CYCLE)
			module_refuse(m, "dependency cycle through role '%s'", nodes[k].why);
		else if (nodes[k].result == MODSORT_DEPFAIL)
			module_refuse(m, "dependency on role '%s', whose provider was refused",
				      nodes[k].why);
	}
	for (unsigned k = 0; k < placed; k++)
		order[k] = map[order[k]];
	return placed;
}

static void module_print_gdb(const struct module *m)
{
	char line[512];
	size_t len = 0;

	for (unsigned s = 0; s < m->ldr.nsec && len < sizeof(line) - 64; s++) {
		const struct ldr_section *sec = &m->ldr.sec[s];

		if (strcmp(sec->name, ".text") == 0)
			len += fmt_snprintf(line + len, sizeof(line) - len, " %#lx", sec->target);
	}
	for (unsigned s = 0; s < m->ldr.nsec && len < sizeof(line) - 64; s++) {
		const struct ldr_section *sec = &m->ldr.sec[s];

		if (strcmp(sec->name, ".text") != 0 && sec->size)
			len += fmt_snprintf(line + len, sizeof(line) - len, " -s %s %#lx",
					    sec->name, sec->target);
	}
	pr_debug("module %s: gdb: add-symbol-file %s.ko%s\n", m->name, m->name, line);
	module_gdb_loaded(m);
}

static bool module_deps_live(struct module *m)
{
	for (unsigned d = 0; d < KMOD_MAX_DEPS && m->deps[d][0]; d++) {
		if (!module_has_provider(m->deps[d])) {
			module_refuse(m, "dependency on role '%s', whose provider failed",
				      m->deps[d]);
			return false;
		}
	}
	return true;
}

static bool module_link(struct module *m)
{
	struct ldr_err err;

	if (ldr_link(m->file, m->file_size, modmem_env(), &m->ldr, &err) == 0) {
		if (ldr_meta(&m->ldr, &m->meta, &err) == 0 && module_exports_add(m, &err) == 0) {
			if (modmem_seal(&m->ldr) == 0)
				return true;
			fmt_snprintf(err.msg, sizeof(err.msg), "cannot seal its pages W^X");
		}
		module_exports_drop(m);
		ldr_unload(modmem_env(), &m->ldr);
	}
	module_refuse(m, "%s", err.msg);
	return false;
}

static void module_unload_refused(struct module *m, int call_fini, const char *why, int rc)
{
	if (call_fini && m->meta.fini)
		((void (*)(void))m->meta.fini)();
	role_release(m->role, m->name);
	module_exports_drop(m);
	ldr_unload(modmem_env(), &m->ldr);
	module_refuse(m, why, rc, m->role);
}

static bool module_pinned_role(const char *role)
{
	const struct role_desc *d = role_desc_find(role);

	return d && d->pinned;
}

/* Step 4 for one module. */
static void module_start(struct module *m)
{
	int rc = 0;

	if (!module_deps_live(m) || !module_link(m))
		return;
	m->base = m->ldr.seg[LDR_SEG_TEXT].target;
	m->size = m->ldr.seg[0].size + m->ldr.seg[1].size + m->ldr.seg[2].size;
	m->pinned = module_pinned_role(m->role);
	printk("module %s %s: role %s, base %#lx, %lu bytes%s\n", m->name, m->version,
	       m->role[0] ? m->role : "-", m->base, m->size, m->pinned ? ", pinned" : "");
	module_print_gdb(m);
	module_running = m;
	if (m->meta.init)
		rc = ((int (*)(const char *))m->meta.init)(m->args);
	module_running = NULL;
	if (rc != 0) {
		module_unload_refused(m, 0, "init failed with error %d", rc);
	} else if (role_desc_find(m->role) && role_module(m->role) != m->name) {
		module_unload_refused(m, 1, "init returned %d but did not register role '%s'", rc);
	} else if (m->role[0] && !role_desc_find(m->role) && role_claim(m->role, m->name) != 0) {
		module_unload_refused(m, 1, "init returned %d but role '%s' is taken", rc);
	} else {
		m->state = MODULE_LIVE;
	}
}

static void module_require_list(const char *req)
{
	char role[MODULE_NAME_MAX];

	for (const char *p = req; p && *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (n > 0 && n < sizeof(role)) {
			memcpy(role, p, n);
			role[n] = '\0';
			if (!module_has_provider(role))
				panic("required role '%s' has no working provider and no built-in "
				      "fallback",
				      role);
		}
		p += n + (p[n] == ',');
	}
}

/* Roles the kernel cannot run without (their descriptors say so), then
 * those `require=` adds. */
static void module_require(const struct cmdline *cl)
{
	const struct role_desc *d;

	for (unsigned i = 0; (d = role_desc_at(i)) != NULL; i++)
		if (d->required)
			module_require_list(d->name);
	module_require_list(cmdline_get(cl, "require"));
}

void module_boot(const struct mb2_info *info, const struct cmdline *cl)
{
	unsigned order[MODULE_MAX], placed, live = 0, unchosen = 0;

	module_n = info->nmods < MODULE_MAX ? info->nmods : MODULE_MAX;
	if (info->nmods > MODULE_MAX)
		pr_err("modules: %u given, only the first %u are loaded\n", info->nmods,
		       MODULE_MAX);
	for (unsigned i = 0; i < module_n; i++) {
		module_take_line(&module_table[i], info->mods[i].cmdline, i);
		module_probe(&module_table[i], &info->mods[i]);
		module_add_cmdline_args(&module_table[i], cl);
	}
	module_choose(cl);
	placed = module_order(order);
	for (unsigned k = 0; k < placed; k++)
		module_start(&module_table[order[k]]);
	for (unsigned i = 0; i < module_n; i++) {
		live += module_table[i].state == MODULE_LIVE;
		unchosen += module_table[i].state == MODULE_UNCHOSEN;
	}
	printk("modules: %u live, %u alternates not chosen, %u refused, %lu KiB in the module "
	       "area\n",
	       live, unchosen, module_n - live - unchosen, modmem_used() >> 10);
	role_print();
	module_require(cl);
}
