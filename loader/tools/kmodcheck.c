/*
 * loader/tools/kmodcheck.c - build-time checker for kernel modules.
 *
 *   kmodcheck [--kernel KERNEL.elf] [--quiet] MODULE.ko...
 *
 * Runs the kernel's own linker (loader/ldr_*.c) on each module as a dry
 * run, so a module the kernel would refuse at boot fails the build with
 * the same reason. With --kernel, every undefined symbol of a module must
 * be exported by the kernel (a symbol __kexport_<name> in its .symtab) or
 * by a module given earlier on the command line (its relocated .kexport
 * records, read with ldr_exports() exactly as the kernel does), and the
 * dry run resolves kernel symbols to their real addresses, so PC32 and 32S
 * range problems show here rather than at boot. The symbol tables are read
 * with libelf, independently of the loader's own ELF parsing.
 *
 * The dry run applies the kernel's rules exactly, not a likeness of them:
 * segments are placed by the kernel's own module-area arena (core/kern/mm/
 * kva.c over KERN_MODULE_BASE..KERN_MODULE_END, a guard page after each
 * segment), so a pointer past a segment or a section too big for the area
 * fails here as at boot; and an export whose name the kernel or an earlier
 * module already exports is refused with the kernel's error (-EEXIST).
 * tests/tools/kmodagree.sh runs every class of broken module through both
 * and checks they agree.
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -Icore/include -Iloader/include
 *        loader/ldr_*.c loader/tools/kmodcheck.c -lelf -o kmodcheck
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arch/mmu.h>
#include <core/kva.h>
#include <loader/ldr.h>

#define KC_KERN_BASE	 0xffffffff80000000ull /* base for a relocatable fake kernel */
#define KC_KERN_FAKE	 0xffffffff80100000ull /* any import, when no kernel is given */
#define KC_EXPORT_PREFIX "__kexport_"

struct kc_sym {
	char *name;
	uint64_t addr;
};

struct kc_table {
	struct kc_sym *v;
	size_t n, cap;
};

struct kc_state {
	struct kc_table exports; /* kernel and earlier modules */
	bool have_kernel;
	bool quiet;
	struct kva_arena *area; /* the module area, as the kernel allocates it */
	char **names;		/* names of modules checked so far */
	size_t nnames;
};

static void *kc_xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "kmodcheck: out of memory\n");
		exit(2);
	}
	return p;
}

static const struct kc_sym *kc_find(const struct kc_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

static void kc_add(struct kc_table *t, const char *name, uint64_t addr)
{
	if (kc_find(t, name))
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->v = kc_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].name = strdup(name);
	if (!t->v[t->n].name)
		kc_xrealloc(NULL, SIZE_MAX); /* reports and exits */
	t->v[t->n++].addr = addr;
}

static void kc_table_free(struct kc_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static const char *kc_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ---- symbol tables with libelf ------------------------------------------- */

/* Call @fn for each entry of the .symtab of @e; returns -1 if there is none. */
static int kc_each_sym(Elf *e, void (*fn)(void *arg, const char *name, const GElf_Sym *sym),
		       void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e, scn)) != NULL) {
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 1; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, (int)i, &sym))
				continue;
			name = elf_strptr(e, sh.sh_link, sym.st_name);
			if (name)
				fn(arg, name, &sym);
		}
		return 0;
	}
	return -1;
}

struct kc_kernel {
	Elf *e;
	struct kc_table *out;
	struct kc_table all; /* every defined symbol of the kernel */
	uint64_t base;
};

static void kc_kernel_defined(void *arg, const char *name, const GElf_Sym *sym)
{
	struct kc_kernel *k = arg;

	if (sym->st_shndx != SHN_UNDEF && GELF_ST_BIND(sym->st_info) != STB_LOCAL)
		kc_add(&k->all, name, k->base + sym->st_value);
}

static void kc_kernel_export(void *arg, const char *name, const GElf_Sym *sym)
{
	struct kc_kernel *k = arg;
	const char *exp = name + strlen(KC_EXPORT_PREFIX);
	const struct kc_sym *def;

	(void)sym;
	if (strncmp(name, KC_EXPORT_PREFIX, strlen(KC_EXPORT_PREFIX)) != 0 || !*exp)
		return;
	def = kc_find(&k->all, exp);
	kc_add(k->out, exp, def ? def->addr : KC_KERN_FAKE);
}

/* Read the kernel's export list: names of __kexport_<name>, values of <name>. */
static int kc_load_kernel(const char *path, struct kc_table *out)
{
	struct kc_kernel k = { .out = out };
	GElf_Ehdr eh;
	int fd = open(path, O_RDONLY), rc = -1;

	if (fd < 0) {
		fprintf(stderr, "kmodcheck: %s: %s\n", path, strerror(errno));
		return -1;
	}
	k.e = elf_begin(fd, ELF_C_READ, NULL);
	if (k.e && elf_kind(k.e) == ELF_K_ELF && gelf_getehdr(k.e, &eh)) {
		k.base = eh.e_type == ET_REL ? KC_KERN_BASE : 0;
		rc = kc_each_sym(k.e, kc_kernel_defined, &k);
		if (rc == 0)
			rc = kc_each_sym(k.e, kc_kernel_export, &k);
	}
	if (rc)
		fprintf(stderr, "kmodcheck: %s: not an ELF file with a symbol table\n", path);
	kc_table_free(&k.all);
	if (k.e)
		elf_end(k.e);
	close(fd);
	return rc;
}

/* ---- one module ---------------------------------------------------------- */

struct kc_module {
	const char *path;
	struct kc_state *st;
	struct kc_table undef; /* undefined symbols; addr 1 when weak */
	int errors;
};

static void kc_fail(struct kc_module *m, const char *reason)
{
	fprintf(stderr, "kmodcheck: %s: %s\n", kc_base(m->path), reason);
	m->errors++;
}

static void kc_note_undef(void *arg, const char *name, const GElf_Sym *sym)
{
	struct kc_module *m = arg;

	if (sym->st_shndx == SHN_UNDEF && *name)
		kc_add(&m->undef, name, GELF_ST_BIND(sym->st_info) == STB_WEAK);
}

/* List the module's undefined symbols and check each is exported. */
static void kc_check_imports(struct kc_module *m, unsigned char *buf, size_t size)
{
	Elf *e = elf_memory((char *)buf, size);
	char why[256];

	if (!e || kc_each_sym(e, kc_note_undef, m) != 0) {
		kc_fail(m, "libelf cannot read the symbol table");
	} else if (m->st->have_kernel) {
		for (size_t i = 0; i < m->undef.n; i++) {
			if (m->undef.v[i].addr || kc_find(&m->st->exports, m->undef.v[i].name))
				continue;
			snprintf(
			    why, sizeof(why),
			    "undefined symbol '%s' is exported neither by the kernel nor by an "
			    "earlier module",
			    m->undef.v[i].name);
			kc_fail(m, why);
		}
	}
	if (e)
		elf_end(e);
}

/* ---- dry-run link -------------------------------------------------------- */

/* The arena's lock: kmodcheck runs on one thread. */
void spin_lock(struct spinlock *l)
{
	(void)l;
}

void spin_unlock(struct spinlock *l)
{
	(void)l;
}

static struct kva_arena kc_module_area =
    KVA_ARENA_INIT("kmodcheck", KERN_MODULE_BASE, KERN_MODULE_END - KERN_MODULE_BASE, PAGE_SIZE);

static int kc_alloc(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host)
{
	struct kc_state *st = ctx;

	(void)prot;
	if (kva_alloc(st->area, size, target) != 0)
		return -ENOMEM;
	*host = calloc(1, size);
	if (!*host) {
		kva_free(st->area, *target, size);
		return -ENOMEM;
	}
	return 0;
}

static void kc_free(void *ctx, uint64_t target, void *host, size_t size)
{
	struct kc_state *st = ctx;

	kva_free(st->area, target, size);
	free(host);
}

static int kc_resolve(void *ctx, const char *name, uint64_t *addr)
{
	struct kc_state *st = ctx;
	const struct kc_sym *s = kc_find(&st->exports, name);

	if (s) {
		*addr = s->addr;
		return 0;
	}
	if (st->have_kernel)
		return -ENOENT;
	*addr = KC_KERN_FAKE; /* no kernel given: pretend it exports everything */
	return 0;
}

/* The kernel's rule (module_add_export()): a name already exported is refused. */
static int kc_take_export(void *arg, const char *name, uint64_t addr)
{
	if (kc_find(arg, name))
		return -EEXIST;
	kc_add(arg, name, addr);
	return 0;
}

static void kc_join(char *out, size_t cap, const char *const *v, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? "," : "", v[i]);
	if (n == 0)
		snprintf(out, cap, "-");
}

static void kc_print(const struct kc_module *m, const struct ldr_module *mod,
		     const struct ldr_meta *meta)
{
	const char *undef[256];
	char deps[512], und[1024];
	size_t n = 0;

	for (size_t i = 0; i < m->undef.n && n < 256; i++)
		undef[n++] = m->undef.v[i].name;
	kc_join(deps, sizeof(deps), meta->deps, meta->ndeps);
	kc_join(und, sizeof(und), undef, n);
	printf("%s: name=%s version=%s abi=%d role=%s deps=%s\n", kc_base(m->path), meta->name,
	       meta->version, KMOD_ABI_VERSION, meta->role, deps);
	printf("%*s  text=0x%zx rodata=0x%zx data=0x%zx (bss incl.) undefined=%s\n",
	       (int)strlen(kc_base(m->path)), "", mod->seg[LDR_SEG_TEXT].size,
	       mod->seg[LDR_SEG_RODATA].size, mod->seg[LDR_SEG_DATA].size, und);
}

/* Refuse a module name already used by an earlier module, then remember it. */
static void kc_check_name(struct kc_module *m, const char *name)
{
	struct kc_state *st = m->st;
	char why[160];

	for (size_t i = 0; i < st->nnames; i++) {
		if (strcmp(st->names[i], name) == 0) {
			snprintf(why, sizeof(why), "module name '%s' is used by an earlier module",
				 name);
			kc_fail(m, why);
			return;
		}
	}
	st->names = kc_xrealloc(st->names, (st->nnames + 1) * sizeof(*st->names));
	st->names[st->nnames] = strdup(name);
	if (st->names[st->nnames])
		st->nnames++;
}

static void kc_dry_run(struct kc_module *m, unsigned char *buf, size_t size)
{
	struct ldr_env env = {
		.alloc = kc_alloc, .free = kc_free, .resolve = kc_resolve, .ctx = m->st
	};
	struct ldr_module mod;
	struct ldr_meta meta;
	struct ldr_err err;

	if (ldr_link(buf, size, &env, &mod, &err) != 0) {
		kc_fail(m, err.msg);
		return;
	}
	if (ldr_meta(&mod, &meta, &err) != 0) {
		kc_fail(m, err.msg);
	} else {
		kc_check_name(m, meta.name);
		if (ldr_exports(&mod, kc_take_export, &m->st->exports, &err) != 0)
			kc_fail(m, err.msg);
		else if (!m->errors && !m->st->quiet)
			kc_print(m, &mod, &meta);
	}
	ldr_unload(&env, &mod);
}

static unsigned char *kc_read(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n = -1;

	if (fp && fseek(fp, 0, SEEK_END) == 0)
		n = ftell(fp);
	if (n >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
		buf = kc_xrealloc(NULL, (size_t)n + 1);
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	if (!buf)
		fprintf(stderr, "kmodcheck: %s: cannot read: %s\n", kc_base(path), strerror(errno));
	if (fp)
		fclose(fp);
	*size = n > 0 ? (size_t)n : 0;
	return buf;
}

/* Check one module; returns the number of problems found. */
static int kc_check_module(struct kc_state *st, const char *path)
{
	struct kc_module m = { .path = path, .st = st };
	struct ldr_err err;
	size_t size;
	unsigned char *buf = kc_read(path, &size);

	if (!buf)
		return 1;
	if (ldr_validate(buf, size, &err) != 0)
		kc_fail(&m, err.msg);
	else
		kc_check_imports(&m, buf, size);
	if (!m.errors)
		kc_dry_run(&m, buf, size);
	kc_table_free(&m.undef);
	free(buf);
	return m.errors;
}

static int kc_usage(void)
{
	fprintf(stderr, "usage: kmodcheck [--kernel KERNEL.elf] [--quiet] MODULE.ko...\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct kc_state st = { .area = &kc_module_area };
	const char *kernel = NULL;
	int i, failed = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--quiet") == 0)
			st.quiet = true;
		else if (strcmp(argv[i], "--kernel") == 0 && i + 1 < argc)
			kernel = argv[++i];
		else
			return kc_usage();
	}
	if (i == argc)
		return kc_usage();
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "kmodcheck: libelf: %s\n", elf_errmsg(-1));
		return 2;
	}
	if (kernel) {
		st.have_kernel = true;
		if (kc_load_kernel(kernel, &st.exports) != 0)
			return 1;
	}
	for (; i < argc; i++)
		failed |= kc_check_module(&st, argv[i]) != 0;
	kc_table_free(&st.exports);
	for (size_t k = 0; k < st.nnames; k++)
		free(st.names[k]);
	free(st.names);
	return failed ? 1 : 0;
}
