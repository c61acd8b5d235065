/* Test fixture: a valid module with a 150 MiB .bss, listed before `page` on a
 * 256 MiB machine: its probe link takes the frames from the bootstrap
 * allocator and gives them back to the module area, and its real link must
 * be able to use them again (the room left in bootmem alone is too small). */
#include <kern/kmod.h>
#include <kern/printk.h>

static volatile char bssfit_bss[150u << 20] __attribute__((used));

static int bssfit_init(const char *args)
{
	(void)args;
	bssfit_bss[sizeof(bssfit_bss) - 1] = 1;
	printk("bssfit: loaded %u bytes of .bss\n", (unsigned)sizeof(bssfit_bss));
	return 0;
}

KMOD(.name = "bssfit", .version = "0.1", .role = "bssfit", .init = bssfit_init);
