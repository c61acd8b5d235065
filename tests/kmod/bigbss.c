/* Test fixture: a valid module whose .bss (300 MiB) is more than a 256 MiB
 * machine has; listed before `page`, it is refused while the bootstrap
 * allocator still hands out frames, and must give back all it took. */
#include <kern/kmod.h>
#include <kern/printk.h>

static volatile char bigbss_bss[300u << 20] __attribute__((used));

static int bigbss_init(const char *args)
{
	(void)args;
	bigbss_bss[0] = 1;
	printk("bigbss: loaded %u bytes of .bss\n", (unsigned)sizeof(bigbss_bss));
	return 0;
}

KMOD(.name = "bigbss", .version = "0.1", .role = "bigbss", .init = bigbss_init);
