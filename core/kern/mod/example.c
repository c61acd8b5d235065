/*
 * The core side of the `example` role: its descriptor, registration and
 * the wrappers that are the only code to look inside the provider's table.
 * Without a provider the null table answers (-ENODEV, 0 greetings); the
 * optional count() gets the null table's member when a provider omits it.
 */
#include <stddef.h>

#include <core/role.h>
#include <core/role_lock.h>
#include <kern/example.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

static int example_null_greet(const char *who, char *buf, size_t len)
{
	(void)who;
	(void)buf;
	(void)len;
	return -ENODEV;
}

static unsigned example_null_count(void)
{
	return 0;
}

static const struct example_ops example_null_ops = {
	.version = EXAMPLE_OPS_VERSION,
	.greet = example_null_greet,
	.count = example_null_count,
};

static const struct example_ops *example_ops = &example_null_ops;
static struct example_ops example_resolved;
static struct rmutex example_lock = RMUTEX_INIT("example");

ROLE_DEFINE(example_role, .name = "example", .version = EXAMPLE_OPS_VERSION,
	    .ops_size = sizeof(struct example_ops), .optional = ROLE_OPT(struct example_ops, count),
	    .null_ops = &example_null_ops, .resolved = &example_resolved,
	    .current = (const void **)&example_ops);

int example_register(const struct example_ops *ops)
{
	return role_register(&example_role, ops);
}
KERN_EXPORT(example_register);

int example_greet(const char *who, char *buf, size_t len)
{
	return ROLE_CALL_SLEEP(&example_lock, example_ops->greet(who, buf, len));
}
KERN_EXPORT(example_greet);

unsigned example_count(void)
{
	return ROLE_CALL_SLEEP(&example_lock, example_ops->count());
}
KERN_EXPORT(example_count);
