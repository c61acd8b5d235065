/*
 * modules/example/hello/hello.c - the smallest complete module.
 *
 * It shows the whole pattern a module follows: private state is static,
 * the metadata record comes from KMOD(), its init hands a static const
 * ops table to the role's register function (example_register()), and
 * anything offered to later modules is listed with KERN_EXPORT(). Its sections exercise the linker:
 * .text (code and a call into the kernel), .data (an initialised counter),
 * .bss (a zeroed array), .rodata (a string table, itself relocated),
 * .kmod_info and .kexport.
 */
#include <stddef.h>

#include <kern/example.h>
#include <kern/fmt.h>
#include <kern/kmod.h>
#include <kern/printk.h>

/** Return how many times the module has been initialised (exported to other modules). */
unsigned hello_count(void);

static unsigned hello_greetings;
static unsigned hello_loads = 0x2a;   /* .data: non-zero initial value */
static unsigned char hello_seen[128]; /* .bss: one flag per ASCII byte seen in args */
static const char *const hello_words[] = { "hello", "bonjour", "hallo", "ciao" }; /* .rodata */

unsigned hello_count(void)
{
	return hello_loads;
}
KERN_EXPORT(hello_count);

/* Mark each byte of @args in hello_seen and return how many distinct bytes there were. */
static unsigned hello_scan(const char *args)
{
	unsigned distinct = 0;

	for (const char *p = args; *p; p++) {
		unsigned char c = (unsigned char)*p & 0x7f;

		if (!hello_seen[c]) {
			hello_seen[c] = 1;
			distinct++;
		}
	}
	return distinct;
}

/* The role's operations: greet is mandatory, count optional. */
static int hello_greet(const char *who, char *buf, size_t len)
{
	hello_greetings++;
	return fmt_snprintf(buf, len, "%s, %s", hello_words[0], who);
}

static unsigned hello_count_greetings(void)
{
	return hello_greetings;
}

static const struct example_ops hello_example_ops = {
	.version = EXAMPLE_OPS_VERSION,
	.greet = hello_greet,
	.count = hello_count_greetings,
};

static int hello_init(const char *args)
{
	unsigned n = hello_scan(args);

	hello_loads++;
	printk("hello: loaded with args '%s'\n", args);
	printk("hello: %s (%u distinct bytes, load %u)\n",
	       hello_words[n % (sizeof(hello_words) / sizeof(hello_words[0]))], n, hello_loads);
	return example_register(&hello_example_ops);
}

static void hello_fini(void)
{
	printk("hello: unloaded after %u loads\n", hello_loads);
}

/* It needs no other role, so it may load before any provider. */
KMOD(.name = "hello", .version = "1.0.0", .role = "example", .init = hello_init,
     .fini = hello_fini);
