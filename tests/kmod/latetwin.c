/* Test fixture: a second provider of the fixture role `late`, under another
 * name; with no `late=` word it must be refused as a second provider. */
#include <kern/kmod.h>

static int latetwin_init(const char *args)
{
	(void)args;
	return 0;
}

KMOD(.name = "latetwin", .version = "0.1", .role = "late", .init = latetwin_init);
