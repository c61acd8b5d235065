/* Test fixture: calls a function the core does not export. */
#include <kern/kmod.h>

int no_such_kernel_function(int x);

static int unresolved_init(const char *args)
{
	(void)args;
	return no_such_kernel_function(1);
}

KMOD(.name = "unresolved", .version = "0.1", .role = "unresolved", .init = unresolved_init);
