/* setuid and setgid. */
#include <unistd.h>

#include "libc.h"

long __sys_setuid(long uid);
long __sys_setgid(long gid);

int setuid(uid_t uid)
{
	return (int)__ret(__sys_setuid((long)uid));
}

int setgid(gid_t gid)
{
	return (int)__ret(__sys_setgid((long)gid));
}
