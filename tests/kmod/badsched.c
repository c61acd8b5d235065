/* Test fixture: a scheduler module whose init fails; the built-in Zero
 * scheduler must keep running and the boot log must say so. */
#include <kern/kmod.h>
#include <uapi/errno.h>

static int badsched_init(const char *args)
{
	(void)args;
	return -EIO;
}

KMOD(.name = "badsched", .version = "0.1", .role = "sched", .init = badsched_init);
