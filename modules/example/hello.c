/*
 * modules/example/hello.c - the smallest complete module.
 *
 * It shows the whole pattern a module follows: private state is static,
 * the metadata record comes from KMOD(), and anything offered to later
 * modules is listed with KERN_EXPORT(). Its sections exercise the linker:
 * .text (code and a call into the kernel), .data (an initialised counter),
 * .bss (a zeroed array), .rodata (a string table, itself relocated),
 * .kmod_info and .kexport.
 */
#include <stddef.h>

#include <kern/kmod.h>

/* Declared here until <kern/printk.h> exists; that header will replace it. */
int printk(const char *fmt, ...);

/** Return how many times the module has been initialised (exported to other modules). */
unsigned hello_count(void);

static unsigned hello_loads = 0x2a;     /* .data: non-zero initial value */
static unsigned char hello_seen[128];   /* .bss: one flag per ASCII byte seen in args */
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

static int hello_init(const char *args)
{
	unsigned n = hello_scan(args);

	hello_loads++;
	printk("hello: loaded with args '%s'\n", args);
	printk("hello: %s (%u distinct bytes, load %u)\n",
	       hello_words[n % (sizeof(hello_words) / sizeof(hello_words[0]))], n, hello_loads);
	return 0;
}

static void hello_fini(void)
{
	printk("hello: unloaded after %u loads\n", hello_loads);
}

KMOD(.name = "hello", .version = "1.0.0", .role = "example", .deps = { "mem" },
     .init = hello_init, .fini = hello_fini);
