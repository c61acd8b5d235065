/* Test fixture: a module whose init fails; the registry must unload it,
 * say why, and refuse the modules that depend on its role. */
#include <kern/kmod.h>
#include <kern/printk.h>
#include <uapi/errno.h>

static int failinit_init(const char *args)
{
	printk("failinit: init runs and fails on purpose (args '%s')\n", args);
	return -EIO;
}

KMOD(.name = "failinit", .version = "0.1", .role = "flaky", .init = failinit_init);
