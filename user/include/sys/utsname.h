/* sys/utsname.h for zero's libc: struct utsname is the kernel's (uapi/utsname.h). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <uapi/utsname.h>

int uname(struct utsname *u);

#endif
