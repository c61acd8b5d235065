/*
 * POSIX pipes of the ipc module: the object behind both ends' struct file.
 */
#ifndef IPC_PIPE_H_
#define IPC_PIPE_H_

#include <kern/file.h>
#include <kern/lock.h>

#include "pipe_ring.h"

/* Bytes a pipe buffers (a power of two, at least PIPE_BUF). */
#define PIPE_SIZE (64 * 1024)

/** The object behind a pipe's two ends, and behind a FIFO (fifo.c). */
struct pipe {
	struct mutex lock;     /**< Guards all below; held while bytes move. */
	struct pipe_ring ring; /**< The bytes. */
	unsigned readers;      /**< Open read ends. */
	unsigned writers;      /**< Open write ends. */
	unsigned rwait;	       /**< Readers asleep; its address is their channel. */
	unsigned wwait;	       /**< Writers asleep; likewise. */
};

/* Read into uio as a read end does (flags: O_NONBLOCK); takes p->lock. */
long pipe_move_out(struct pipe *p, struct uio *uio, unsigned flags);

/* Write from uio as a write end does (EPIPE without readers); takes p->lock. */
long pipe_move_in(struct pipe *p, struct uio *uio, unsigned flags);

/* Sleep on chan (a counter of sleepers) with p->lock held; 0 or -EINTR. */
int pipe_wait(struct pipe *p, unsigned *chan);

/* Wake chan's sleepers, if any (p->lock held). */
void pipe_wake(unsigned *chan);

/* ipc_ops::pipe: make a pipe, its read end in *rd and its write end in *wr. */
int pipe_create(struct file **rd, struct file **wr, int flags);

#endif /* IPC_PIPE_H_ */
