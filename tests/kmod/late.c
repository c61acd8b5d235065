/* Test fixture: a healthy leaf module listed last in GRUB order; it must
 * still load after all the refusals before it. */
#include <kern/kmod.h>
#include <kern/printk.h>

static int late_init(const char *args)
{
	printk("late: loaded after the bad modules, args '%s'\n", args);
	return 0;
}

KMOD(.name = "late", .version = "0.1", .role = "late", .init = late_init);
