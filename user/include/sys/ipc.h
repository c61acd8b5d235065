/* sys/ipc.h for zero's libc: System V IPC keys and struct ipc_perm (uapi/ipc.h). */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>
#include <uapi/ipc.h>

#ifndef _KEY_T_DEFINED
#define _KEY_T_DEFINED
typedef int key_t;
#endif

/* A key from a file's inode and device and a project byte (POSIX ftok()). */
key_t ftok(const char *path, int id);

#endif
