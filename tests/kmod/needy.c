/* Test fixture: depends on a role nothing provides. */
#include <kern/kmod.h>

static int needy_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "needy", .version = "0.1", .role = "needy", .deps = { "nosuchrole" },
     .init = needy_init);
