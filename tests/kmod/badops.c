/* Test fixture: hands the example role's register function bad tables and
 * prints what it said; the checks must refuse each one. */
#include <stddef.h>
#include <stdint.h>

#include <kern/example.h>
#include <kern/kmod.h>
#include <kern/printk.h>
#include <uapi/errno.h>

static int badops_greet(const char *who, char *buf, size_t len)
{
	(void)who;
	(void)len;
	buf[0] = '\0';
	return 0;
}

static const struct example_ops badops_old = { .version = 99, .greet = badops_greet };
static const struct example_ops badops_hole = { .version = EXAMPLE_OPS_VERSION };
/* A member that is not code of this module: the address of its data. */
static const char badops_data[16];
static const struct example_ops badops_stray = {
	.version = EXAMPLE_OPS_VERSION,
	.greet = (int (*)(const char *, char *, size_t))(uintptr_t)badops_data,
};
/* A member one byte into a function of this module (inside its text). */
static const struct example_ops badops_mid = {
	.version = EXAMPLE_OPS_VERSION,
	.greet = (int (*)(const char *, char *, size_t))((uintptr_t)badops_greet + 1),
};
static const struct example_ops badops_good = { .version = EXAMPLE_OPS_VERSION,
						.greet = badops_greet };

static int badops_init(const char *args)
{
	int old = example_register(&badops_old);
	int hole = example_register(&badops_hole);
	int stray = example_register(&badops_stray);
	int second = example_register(&badops_good);

	(void)args;
	printk("badops: version 99 -> %d, NULL greet -> %d, greet into data -> %d, while hello "
	       "provides it -> %d\n",
	       old, hole, stray, second);
	printk("badops: greet one byte into a function -> %d\n", example_register(&badops_mid));
	return -EINVAL;
}

KMOD(.name = "badops", .version = "0.1", .role = "badops", .deps = { "example" },
     .init = badops_init);
