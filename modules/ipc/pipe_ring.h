/*
 * The byte ring of a pipe: a power-of-two buffer with free-running head
 * and tail counters (head - tail bytes are in it), moved to and from a
 * struct uio. It knows nothing of readers, writers or locks: the pipe
 * holds its mutex around every call.
 */
#ifndef IPC_PIPE_RING_H_
#define IPC_PIPE_RING_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>

/** A pipe's buffer. */
struct pipe_ring {
	uint8_t *buf;  /**< @c size bytes. */
	uint32_t size; /**< A power of two. */
	uint64_t head; /**< Bytes ever written. */
	uint64_t tail; /**< Bytes ever read. */
};

/* Set up an empty ring over buf (size a power of two). */
void pipe_ring_init(struct pipe_ring *r, void *buf, uint32_t size);

/* Bytes in the ring. */
static inline size_t pipe_ring_used(const struct pipe_ring *r)
{
	return (size_t)(r->head - r->tail);
}

/* Bytes that fit. */
static inline size_t pipe_ring_space(const struct pipe_ring *r)
{
	return r->size - pipe_ring_used(r);
}

/*
 * Move up to max bytes (at most the space) from uio into the ring. Returns
 * the bytes moved, or -EFAULT if the uio faulted before any moved.
 */
long pipe_ring_put(struct pipe_ring *r, struct uio *uio, size_t max);

/*
 * Move as much as is in the ring and fits into uio. Returns the bytes
 * moved, or -EFAULT if the uio faulted before any moved.
 */
long pipe_ring_get(struct pipe_ring *r, struct uio *uio);

#endif /* IPC_PIPE_RING_H_ */
