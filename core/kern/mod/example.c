/*
 * The core side of the `example` role: registration checks and the
 * wrappers that are the only code to look inside the provider's table.
 * Optional members get core defaults here, so callers never test for NULL.
 */
#include <stddef.h>

#include <kern/example.h>
#include <kern/kmod.h>
#include <core/module.h>
#include <core/role.h>
#include <uapi/errno.h>

static unsigned example_default_count(void)
{
	return 0;
}

static struct example_ops example_table;
static int example_live;

static void example_drop(void)
{
	example_live = 0;
}

int example_register(const struct example_ops *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != EXAMPLE_OPS_VERSION || ops->greet == NULL)
		return -EINVAL;
	rc = role_claim("example", m->name, false, example_drop);
	if (rc)
		return rc;
	example_table = *ops;
	if (example_table.count == NULL)
		example_table.count = example_default_count;
	example_live = 1;
	return 0;
}
KERN_EXPORT(example_register);

int example_greet(const char *who, char *buf, size_t len)
{
	if (!example_live)
		return -ENODEV;
	return example_table.greet(who, buf, len);
}

unsigned example_count(void)
{
	return example_live ? example_table.count() : 0;
}
