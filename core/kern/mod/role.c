/*
 * The role table: which module provides which role. Exactly one provider
 * per role; the registry and each <role>_register() go through here.
 */
#include <stdbool.h>
#include <stddef.h>

#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>
#include <uapi/errno.h>

struct role_slot {
	const char *role;
	const char *provider;
	bool pinned;
	void (*drop)(void);
};

static struct role_slot role_slots[ROLE_MAX];

/* Roles with an interface in core/include/kern/<role>.h. */
static const char *const role_known_names[] = { "example", "page", "vm", "mem", "tmr", "sched" };

static struct role_slot *role_find(const char *role)
{
	for (unsigned i = 0; i < ROLE_MAX; i++)
		if (role_slots[i].role && strcmp(role_slots[i].role, role) == 0)
			return &role_slots[i];
	return NULL;
}

int role_claim(const char *role, const char *provider, bool pinned, void (*drop)(void))
{
	if (role_find(role))
		return -EEXIST;
	for (unsigned i = 0; i < ROLE_MAX; i++) {
		if (role_slots[i].role == NULL) {
			role_slots[i] = (struct role_slot){
				.role = role, .provider = provider, .pinned = pinned, .drop = drop
			};
			return 0;
		}
	}
	return -ENOSPC;
}

void role_release(const char *role, const char *provider)
{
	struct role_slot *s = role_find(role);

	if (s && strcmp(s->provider, provider) == 0) {
		if (s->drop)
			s->drop();
		*s = (struct role_slot){ 0 };
	}
}

const char *role_provider(const char *role)
{
	struct role_slot *s = role_find(role);

	return s ? s->provider : NULL;
}

bool role_known(const char *role)
{
	for (unsigned i = 0; i < sizeof(role_known_names) / sizeof(role_known_names[0]); i++)
		if (strcmp(role_known_names[i], role) == 0)
			return true;
	return false;
}

void role_print(void)
{
	char line[256];
	size_t len = 0;

	line[0] = '\0';
	for (unsigned i = 0; i < ROLE_MAX; i++) {
		const struct role_slot *s = &role_slots[i];
		size_t need;

		if (!s->role)
			continue;
		need = strlen(s->role) + strlen(s->provider) + 2;
		if (len + need >= sizeof(line))
			break;
		line[len++] = ' ';
		memcpy(line + len, s->role, strlen(s->role));
		len += strlen(s->role);
		line[len++] = '=';
		memcpy(line + len, s->provider, strlen(s->provider) + 1);
		len += strlen(s->provider);
	}
	printk("roles:%s\n", len ? line : " none");
}
