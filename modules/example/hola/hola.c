/*
 * modules/example/hola/hola.c - an alternate provider of the `example` role.
 *
 * GRUB may load both hello and hola; the command-line word `example=hola`
 * (or the menu entry that carries it) chooses this one, exactly as
 * `sched=` and `mem=` choose among alternate schedulers and allocators.
 */
#include <stddef.h>

#include <kern/example.h>
#include <kern/fmt.h>
#include <kern/kmod.h>
#include <kern/printk.h>

static unsigned hola_greetings;

static int hola_greet(const char *who, char *buf, size_t len)
{
	hola_greetings++;
	return fmt_snprintf(buf, len, "hola, %s", who);
}

static unsigned hola_count(void)
{
	return hola_greetings;
}

static const struct example_ops hola_example_ops = {
	.version = EXAMPLE_OPS_VERSION,
	.greet = hola_greet,
	.count = hola_count,
};

static int hola_init(const char *args)
{
	printk("hola: alternate example provider, args '%s'\n", args);
	return example_register(&hola_example_ops);
}

KMOD(.name = "hola", .version = "1.0.0", .role = "example", .init = hola_init);
