/*
 * The byte ring of a pipe (pipe_ring.h). A transfer is at most two pieces:
 * from the index to the end of the buffer, then from its start. Counters
 * advance only by what uio_move() really moved, so a fault in the user's
 * buffer never leaves bytes half-counted.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>

#include "pipe_ring.h"

void pipe_ring_init(struct pipe_ring *r, void *buf, uint32_t size)
{
	r->buf = buf;
	r->size = size;
	r->head = 0;
	r->tail = 0;
}

/* Move n bytes at counter pos: to the uio (a read) or from it. */
static long pipe_ring_move(struct pipe_ring *r, uint64_t pos, size_t n, struct uio *uio, int to_uio)
{
	size_t done = 0;

	while (done < n) {
		size_t idx = (size_t)((pos + done) & (r->size - 1));
		size_t piece = r->size - idx;
		long rc;

		if (piece > n - done)
			piece = n - done;
		rc = uio_move(r->buf + idx, piece, uio, to_uio);
		if (rc < 0)
			return done ? (long)done : rc;
		done += (size_t)rc;
		if ((size_t)rc < piece)
			break;
	}
	return (long)done;
}

long pipe_ring_put(struct pipe_ring *r, struct uio *uio, size_t max)
{
	size_t n = pipe_ring_space(r);
	long rc;

	if (n > max)
		n = max;
	if (n > uio->resid)
		n = uio->resid;
	rc = pipe_ring_move(r, r->head, n, uio, 0);
	if (rc > 0)
		r->head += (uint64_t)rc;
	return rc;
}

long pipe_ring_get(struct pipe_ring *r, struct uio *uio)
{
	size_t n = pipe_ring_used(r);
	long rc;

	if (n > uio->resid)
		n = uio->resid;
	rc = pipe_ring_move(r, r->tail, n, uio, 1);
	if (rc > 0)
		r->tail += (uint64_t)rc;
	return rc;
}
