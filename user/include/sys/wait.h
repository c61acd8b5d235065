/* sys/wait.h for zero's libc: the status macros are the kernel's (uapi/wait.h). */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <uapi/wait.h>

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
