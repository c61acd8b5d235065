/*
 * System V message queues of the ipc module (msg.c): the ipc_ops members
 * msgget, msgsnd, msgrcv, msgctl, and the limits.
 */
#ifndef IPC_MSG_H_
#define IPC_MSG_H_

#include <stdint.h>

#include <kern/file.h>
#include <kern/ipc.h>

#define MSG_MAX 8192  /* msgmax: largest message, bytes */
#define MSG_MNB 16384 /* msgmnb: default msg_qbytes (more needs root) */
#define MSG_MNI 128   /* msgmni: most queues */

/* The most negative msgrcv type taken as it is (-LONG_MAX). */
#define LONG_MAX_IPC 0x7fffffffffffffffL

int msg_get(int32_t key, int flags, const struct ipc_who *who);
long msg_send(int id, long type, struct uio *text, int flags, const struct ipc_who *who);
long msg_recv(int id, long *type, struct uio *text, long want, int flags,
	      const struct ipc_who *who);
int msg_ctl(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who);

/* Queues and messages in use, into lim. */
void msg_usage(struct ipc_limits *lim);

#endif /* IPC_MSG_H_ */
