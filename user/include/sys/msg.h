/* sys/msg.h for zero's libc: System V message queues (uapi/msg.h). */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <uapi/msg.h>

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

int msgget(key_t key, int flags);
int msgsnd(int id, const void *msgp, size_t size, int flags);
ssize_t msgrcv(int id, void *msgp, size_t size, long type, int flags);
int msgctl(int id, int cmd, struct msqid_ds *buf);

#endif
