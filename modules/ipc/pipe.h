/*
 * POSIX pipes of the ipc module: the object behind both ends' struct file.
 */
#ifndef IPC_PIPE_H_
#define IPC_PIPE_H_

#include <kern/file.h>

/* Bytes a pipe buffers (a power of two, at least PIPE_BUF). */
#define PIPE_SIZE (64 * 1024)

/* ipc_ops::pipe: make a pipe, its read end in *rd and its write end in *wr. */
int pipe_create(struct file **rd, struct file **wr, int flags);

#endif /* IPC_PIPE_H_ */
