/*
 * The role table: which module provides which role, and the one
 * registration routine every `<role>_register()` goes through. Roles are
 * known only by their descriptors (ROLE_DEFINE in each wrapper file,
 * collected in the ".roles" set); roles without one are leaf roles that a
 * module claims by name when its init succeeds.
 *
 * Locking: registration happens in module init, on the boot thread, before
 * any other CPU or user thread exists; role_lock guards the slot table so
 * that a later loader (or lsmod) on another CPU sees it whole.
 */
#include <stdbool.h>
#include <stddef.h>

#include <core/module.h>
#include <core/role.h>
#include <kern/fmt.h>
#include <kern/lock.h>
#include <kern/panic.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>

extern const struct role_desc __start_roles[], __stop_roles[];
extern char _text_start[], _text_end[];

struct role_slot {
	const char *role;
	const char *provider;
	const struct role_desc *desc;
};

static struct role_slot role_slots[ROLE_MAX];
static struct spinlock role_lock = SPINLOCK_INIT("role");

const struct role_desc *role_desc_at(unsigned i)
{
	return i < (unsigned)(__stop_roles - __start_roles) ? &__start_roles[i] : NULL;
}

const struct role_desc *role_desc_find(const char *name)
{
	for (const struct role_desc *d = __start_roles; d < __stop_roles; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

static struct role_slot *role_find(const char *role)
{
	for (unsigned i = 0; i < ROLE_MAX; i++)
		if (role_slots[i].role && strcmp(role_slots[i].role, role) == 0)
			return &role_slots[i];
	return NULL;
}

static int role_take(const char *role, const char *provider, const struct role_desc *d)
{
	int rc = -ENOSPC;

	spin_lock(&role_lock);
	if (role_find(role)) {
		rc = -EEXIST;
	} else {
		for (unsigned i = 0; i < ROLE_MAX; i++) {
			if (role_slots[i].role == NULL) {
				role_slots[i] = (struct role_slot){ .role = role,
								    .provider = provider,
								    .desc = d };
				rc = 0;
				break;
			}
		}
	}
	spin_unlock(&role_lock);
	return rc;
}

int role_claim(const char *role, const char *provider)
{
	return role_take(role, provider, NULL);
}

/* A member must be code of the registering module or exported kernel text. */
static bool role_fn_ok(const struct module *m, uint64_t fn)
{
	const struct ldr_segment *text = &m->ldr.seg[LDR_SEG_TEXT];

	if (fn >= text->target && fn - text->target < text->size)
		return true;
	return fn >= (uint64_t)_text_start && fn < (uint64_t)_text_end;
}

/*
 * ...and a member in the module's text must be where one of its functions
 * starts: the members inside its text are looked up together, in one pass
 * over the module's symbols. Returns the index of the first that is not a
 * function's start, or -1.
 */
static int role_fn_starts(const struct module *m, const uint64_t *slot, unsigned n)
{
	const struct ldr_segment *text = &m->ldr.seg[LDR_SEG_TEXT];
	uint64_t addrs[64], found = 0;
	unsigned idx[64], k = 0;

	for (unsigned i = 0; i < n && k < 64; i++)
		if (slot[i] >= text->target && slot[i] - text->target < text->size) {
			idx[k] = i;
			addrs[k++] = slot[i];
		}
	if (k == 0 || ldr_func_starts(&m->ldr, addrs, k, &found) == k)
		return -1;
	for (unsigned j = 0; j < k; j++)
		if (!(found & (1ULL << j)))
			return (int)idx[j];
	return -1;
}

/* The size of a table of ops version @p v, or 0 if that version is refused. */
static size_t role_ops_size(const struct role_desc *d, uint32_t v)
{
	if (v == d->version)
		return d->ops_size;
	if (d->min_version && d->sizes && v >= d->min_version && v < d->version)
		return d->sizes[v - d->min_version];
	return 0;
}

/* The members of the current version that a table of @p size lacks must be optional. */
static int role_check_missing(const struct role_desc *d, const struct module *m, uint32_t v,
			      size_t size)
{
	for (unsigned i = (size - 8) / 8; i < (d->ops_size - 8) / 8; i++) {
		if (!(d->optional & (1ULL << i))) {
			pr_err("module %s: %s ops version %u lacks mandatory member %u\n", m->name,
			       d->name, v, i);
			return -EINVAL;
		}
	}
	return 0;
}

static int role_check_slots(const struct role_desc *d, const struct module *m, const void *ops,
			    unsigned n)
{
	const uint64_t *slot = (const uint64_t *)((const char *)ops + 8);
	int bad;

	for (unsigned i = 0; i < n; i++) {
		if (slot[i] == 0 && !(d->optional & (1ULL << i))) {
			pr_err("module %s: %s ops member %u is mandatory but NULL\n", m->name,
			       d->name, i);
			return -EINVAL;
		}
		if (slot[i] != 0 && !role_fn_ok(m, slot[i])) {
			pr_err("module %s: %s ops member %u points outside its text (%#lx)\n",
			       m->name, d->name, i, slot[i]);
			return -EINVAL;
		}
	}
	bad = role_fn_starts(m, slot, n);
	if (bad >= 0) {
		pr_err("module %s: %s ops member %d (%#lx) is not the start of a function\n",
		       m->name, d->name, bad, slot[bad]);
		return -EINVAL;
	}
	return 0;
}

static int role_check(const struct role_desc *d, const struct module *m, const void *ops)
{
	size_t size = ops ? role_ops_size(d, *(const uint32_t *)ops) : 0;
	unsigned n = (size - 8) / 8;

	if (size == 0) {
		pr_err("module %s: %s ops table %s (this core speaks version %u)\n", m->name,
		       d->name, ops ? "has the wrong version" : "is NULL", d->version);
		return -EINVAL;
	}
	if (n > 64) {
		pr_err("module %s: %s ops table has %u members (at most 64)\n", m->name, d->name,
		       n);
		return -EINVAL;
	}
	if (role_check_missing(d, m, *(const uint32_t *)ops, size))
		return -EINVAL;
	return role_check_slots(d, m, ops, n);
}

/* The provider's members, with the core's defaults in the slots it left NULL
 * (and in those an older version of the table does not have). */
static void role_resolve(const struct role_desc *d, const void *ops)
{
	const void *defaults = d->defaults ? d->defaults : d->null_ops;
	const uint64_t *def = (const uint64_t *)((const char *)defaults + 8);
	uint64_t *out = (uint64_t *)((char *)d->resolved + 8);
	size_t size = role_ops_size(d, *(const uint32_t *)ops);

	memset(d->resolved, 0, d->ops_size);
	memcpy(d->resolved, ops, size);
	for (unsigned i = 0; i < (d->ops_size - 8) / 8; i++)
		if (out[i] == 0)
			out[i] = def[i];
}

int role_register(const struct role_desc *d, const void *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	rc = role_check(d, m, ops);
	if (rc)
		return rc;
	rc = role_take(d->name, m->name, d);
	if (rc)
		return rc;
	role_resolve(d, ops);
	rc = d->attach ? d->attach(d->resolved) : 0;
	if (rc) {
		spin_lock(&role_lock);
		*role_find(d->name) = (struct role_slot){ 0 };
		spin_unlock(&role_lock);
		return rc;
	}
	__atomic_store_n(d->current, d->resolved, __ATOMIC_RELEASE);
	return 0;
}

void role_release(const char *role, const char *provider)
{
	struct role_slot *s = role_find(role);
	const struct role_desc *d;

	if (s == NULL || strcmp(s->provider, provider) != 0)
		return;
	d = s->desc;
	if (d && d->final)
		panic("role %s: provider %s failed after taking over; nothing can take its place",
		      role, provider);
	if (d && d->detach)
		d->detach();
	if (d)
		__atomic_store_n(d->current, d->null_ops, __ATOMIC_RELEASE);
	spin_lock(&role_lock);
	*s = (struct role_slot){ 0 };
	spin_unlock(&role_lock);
}

const char *role_module(const char *role)
{
	struct role_slot *s = role_find(role);

	return s ? s->provider : NULL;
}

const char *role_provider(const char *role)
{
	const struct role_desc *d = role_desc_find(role);
	const char *p = role_module(role);

	return p ? p : d ? d->builtin : NULL;
}

void role_print(void)
{
	char line[256];
	size_t len = 0;

	line[0] = '\0';
	for (unsigned i = 0; i < ROLE_MAX; i++) {
		const struct role_slot *s = &role_slots[i];
		int n;

		if (!s->role)
			continue;
		n = fmt_snprintf(line + len, sizeof(line) - len, " %s=%s", s->role, s->provider);
		if (n < 0 || (size_t)n >= sizeof(line) - len) {
			line[len] = '\0';
			break;
		}
		len += n;
	}
	printk("roles:%s\n", len ? line : " none");
}
