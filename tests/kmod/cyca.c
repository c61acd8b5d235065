/* Test fixture: half of a dependency cycle (with cycb). */
#include <kern/kmod.h>

static int cyca_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "cyca", .version = "0.1", .role = "cyca", .deps = { "cycb" }, .init = cyca_init);
