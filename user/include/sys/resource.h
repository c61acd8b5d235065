/* sys/resource.h for zero's libc: scheduling priorities (nice values -20..19). */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/types.h>

#define PRIO_PROCESS 0 /* who: a process (0: the caller) */
#define PRIO_PGRP    1 /* who: a process group (0: the caller's) */
#define PRIO_USER    2 /* who: a user's processes (0: the caller's uid) */

int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);

#endif
