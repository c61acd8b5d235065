/* Test fixture: depends on the leaf role `late`, so `late` cannot unload
 * while this one is live. */
#include <kern/kmod.h>
#include <kern/printk.h>

static void needlate_fini(void)
{
	printk("needlate: fini runs before unloading\n");
}

static int needlate_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "needlate", .version = "0.1", .role = "needlate", .deps = { "late" },
     .init = needlate_init, .fini = needlate_fini);
