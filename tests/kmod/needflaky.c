/* Test fixture: depends on the role of a module whose init fails. */
#include <kern/kmod.h>

static int needflaky_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "needflaky", .version = "0.1", .role = "needflaky", .deps = { "flaky" },
     .init = needflaky_init);
