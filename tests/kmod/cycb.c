/* Test fixture: half of a dependency cycle (with cyca). */
#include <kern/kmod.h>

static int cycb_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "cycb", .version = "0.1", .role = "cycb", .deps = { "cyca" }, .init = cycb_init);
