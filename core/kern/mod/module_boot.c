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
#include <stdbool.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <core/boot.h>
#include <core/kmod_args.h>
#include <kern/fmt.h>
#include <core/modmem.h>
#include <core/modsort.h>
#include <core/module.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <kern/tmr.h>
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
	/* Once the metadata named it, the GRUB line's name still says which file. */
	if (m->line_name[0] && strcmp(m->line_name, m->name) != 0)
		pr_err("module %s (%s): refused: %s\n", m->name, m->line_name, m->reason);
	else
		pr_err("module %s: refused: %s\n", m->name, m->reason);
}

static void module_copy(char *dst, const char *src)
{
	size_t n = strnlen(src, MODULE_NAME_MAX - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Append word @w as @key to the module's arguments; a key kmod_arg() could
 * not match is dropped with a warning, and so is what does not fit. */
static int module_add_arg(struct module *m, size_t *len, const char *key,
			  const struct cmdline_word *w)
{
	int rc = kmod_args_append(m->argbuf, sizeof(m->argbuf), len, key, w->val,
				  w->val == w->key + strlen(w->key));

	if (rc == -EINVAL)
		pr_warn("module %s: argument '%s' dropped: no blanks or quotes in a key\n", m->name,
			key);
	else if (rc)
		pr_warn("module %s: arguments too long; '%s' dropped\n", m->name, key);
	return rc == -EINVAL ? 0 : rc;
}

/* The module2 string is "<name> <args...>" with GRUB's quoting; the name is
 * only a fallback for messages until the metadata is read. The arguments
 * are kept in the form kmod_arg() reads (core/kmod_args.h). */
static void module_take_line(struct module *m, const char *line, unsigned index)
{
	static struct cmdline words; /* boot runs on one CPU, one module at a time */
	size_t len = 0;

	if (cmdline_parse(&words, line) != 0)
		pr_warn("module%u: module2 line too long or malformed; using what fits\n", index);
	if (words.nwords == 0 || !words.words[0].key[0])
		fmt_snprintf(m->name, sizeof(m->name), "module%u", index);
	else
		module_copy(m->name, words.words[0].key);
	module_copy(m->line_name, m->name);
	m->argbuf[0] = '\0';
	for (unsigned i = 1; i < words.nwords; i++) {
		const struct cmdline_word *w = &words.words[i];

		if (module_add_arg(m, &len, w->key, w) != 0)
			break;
	}
	m->args = m->argbuf;
}

/*
 * Words `<name>.<word>` on the kernel command line are appended to the
 * module's arguments as `<word>` (the Linux convention), so a module can
 * be tuned from the GRUB prompt without editing its module2 line:
 * `tmr.hz=1000`.
 */
static void module_add_cmdline_args(struct module *m, const struct cmdline *cl)
{
	size_t len = strlen(m->argbuf), nlen = strlen(m->name);

	for (unsigned i = 0; i < cl->nwords; i++) {
		const struct cmdline_word *w = &cl->words[i];

		if (strncmp(w->key, m->name, nlen) != 0 || w->key[nlen] != '.' || !w->key[nlen + 1])
			continue;
		if (module_add_arg(m, &len, w->key + nlen + 1, w) != 0)
			break;
	}
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

/* At probe time only the core's exports are known: a name it exports is
 * refused as step 4 would refuse it (the names of other modules wait). */
static int module_probe_export(void *arg, const char *name, uint64_t addr)
{
	uint64_t old;

	(void)arg;
	(void)addr;
	return module_resolve(name, &old) == 0 ? -EEXIST : 0;
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
	if (ldr_meta(&m->ldr, &m->meta, &err) != 0 ||
	    ldr_exports(&m->ldr, module_probe_export, NULL, &err) != 0) {
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

/* Whether @p m is the first module of its role still in the running. */
static bool module_first_of_role(const struct module *m)
{
	for (const struct module *o = module_table; o < m; o++)
		if (o->state != MODULE_REFUSED && strcmp(o->role, m->role) == 0)
			return false;
	return true;
}

/*
 * The provider `<role>=<name>` picks, or NULL without the word. A name that
 * is neither a module of the role nor its built-in provider is one warning
 * (from the role's first module, so once) and the default applies: the
 * built-in provider, else the first module GRUB loaded.
 */
static const char *module_pick(const struct cmdline *cl, const struct module *m)
{
	const char *pick = cmdline_get(cl, m->role), *builtin = module_builtin_name(m->role);
	const struct module *first = NULL;

	if (!pick || (builtin && strcmp(pick, builtin) == 0))
		return pick;
	for (const struct module *o = module_table; o < module_table + module_n; o++) {
		if (o->state == MODULE_REFUSED || strcmp(o->role, m->role) != 0)
			continue;
		if (strcmp(o->name, pick) == 0)
			return pick;
		first = first ? first : o;
	}
	if (module_first_of_role(m))
		pr_warn("%s=%s: no such provider; using %s (%s)\n", m->role, pick,
			builtin ? builtin : first->name,
			builtin ? "built in" : "the first GRUB loaded");
	return builtin ? builtin : first->name;
}

/* An unknown `<role>=` name for a role no module offers: the built-in one runs. */
static void module_pick_check_builtin(const struct cmdline *cl)
{
	const struct role_desc *d;

	for (unsigned i = 0; (d = role_desc_at(i)) != NULL; i++) {
		const char *pick = cmdline_get(cl, d->name);
		bool offered = false;

		for (unsigned k = 0; k < module_n; k++)
			offered |= module_table[k].state != MODULE_REFUSED &&
				   strcmp(module_table[k].role, d->name) == 0;
		if (pick && !offered && d->builtin && strcmp(pick, d->builtin) != 0)
			pr_warn("%s=%s: no such provider; using %s (built in)\n", d->name, pick,
				d->builtin);
	}
}

/* Step 2: one provider per role. */
static void module_choose(const struct cmdline *cl)
{
	module_pick_check_builtin(cl);
	for (unsigned i = 0; i < module_n; i++) {
		struct module *m = &module_table[i];
		const char *pick = m->role[0] && !module_out(m) ? module_pick(cl, m) : NULL;
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
	boot_phase_mark(m->name); /* from the last mark: its link and its init */
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

/*
 * The boot thread runs with interrupts off until the tick exists (a tmr
 * provider is live), then with them on like any thread: later modules'
 * inits, the self-tests and the rest of boot take interrupts and may be
 * preempted.
 */
static void module_irqs_on(void)
{
	static bool on;

	if (on || tmr_hz() == 0)
		return;
	on = true;
	pr_debug("boot: interrupts on (the tick runs at %u Hz)\n", tmr_hz());
	arch_irq_enable();
}

/* A name too long to be a role's is no role: it has no provider either. */
static void module_require_list(const char *req)
{
	char role[MODULE_NAME_MAX];

	for (const char *p = req; p && *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (n > 0) {
			size_t c = n < sizeof(role) ? n : sizeof(role) - 1;

			memcpy(role, p, c);
			role[c] = '\0';
			if (n >= sizeof(role) || !module_has_provider(role))
				panic(
				    "required role '%.*s' has no working provider and no built-in "
				    "fallback",
				    (int)n, p);
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

/*
 * A module2 line whose first word is `initrd` is the initial root file
 * system (a cpio archive), not a module: it is kept for io's mount_root.
 */
static struct {
	const void *image;
	size_t len;
	int found;
} module_initrd;

int module_initrd_image(const void **image, size_t *len)
{
	*image = module_initrd.image;
	*len = module_initrd.len;
	return module_initrd.found ? 0 : -ENOENT;
}

static int module_is_initrd(const struct mb2_module *mb)
{
	const char *c = mb->cmdline;

	if (strncmp(c, "initrd", 6) != 0 || (c[6] && c[6] != ' ' && c[6] != '\t'))
		return 0;
	if (module_initrd.found)
		pr_warn("modules: a second initrd is ignored\n");
	else if (mb->end < mb->start || mb->end > boot_direct_limit())
		pr_err("modules: initrd at [%#lx-%#lx) is outside memory; ignored\n", mb->start,
		       mb->end);
	else {
		module_initrd.image = (const void *)(KERN_DIRECT_BASE + mb->start);
		module_initrd.len = mb->end - mb->start;
		module_initrd.found = 1;
	}
	return 1;
}

void module_boot(const struct mb2_info *info, const struct cmdline *cl)
{
	unsigned order[MODULE_MAX], placed, live = 0, unchosen = 0;

	module_n = 0;
	for (unsigned i = 0; i < info->nmods; i++) {
		if (module_is_initrd(&info->mods[i]))
			continue;
		if (module_n == MODULE_MAX) {
			pr_err("modules: more than %u given, only the first %u are loaded\n",
			       MODULE_MAX, MODULE_MAX);
			break;
		}
		module_take_line(&module_table[module_n], info->mods[i].cmdline, module_n);
		module_probe(&module_table[module_n], &info->mods[i]);
		module_add_cmdline_args(&module_table[module_n], cl);
		module_n++;
	}
	boot_phase_mark("module probe");
	module_choose(cl);
	placed = module_order(order);
	for (unsigned k = 0; k < placed; k++) {
		module_start(&module_table[order[k]]);
		module_irqs_on();
	}
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
