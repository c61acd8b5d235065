/*
 * FIFOs (named pipes): the ring of an S_IFIFO vnode of any file system,
 * shared by every opener. The io module makes the struct file (its
 * vfs_fifo.c: fstat and the vnode reference are the name space's); it
 * calls these through ipc_ops::fifo_*.
 *
 * The table: FIFOs in use, in a small hash keyed by the vnode's address.
 * An entry lives from the first open of the vnode to its last close; each
 * open file holds a reference on the vnode, so the address cannot be
 * reused while the entry is there. The data go when the last opener
 * closes (POSIX).
 *
 * Open rules (POSIX open()): O_RDONLY waits for a writer, O_WRONLY for a
 * reader; O_RDONLY|O_NONBLOCK opens at once; O_WRONLY|O_NONBLOCK without a
 * reader is ENXIO; O_RDWR never waits. A waiting opener is satisfied once
 * the other side has opened since it began to wait (a generation count),
 * even if that opener has closed again; a signal ends the wait (EINTR).
 *
 * Locking, outermost first: fifo_lock (mutex; the table and each entry's
 * @c opens), then the entry's pipe lock (its ring, readers, writers and
 * generations, with every sleep). Read and write take only the latter.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/ipc.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "fifo.h"
#include "pipe.h"
#include "pipe_ring.h"

#define FIFO_HASH 32

struct ipc_fifo {
	struct pipe pipe;      /* first: the ring, the ends, the data sleepers */
	struct ipc_fifo *next; /* in its hash chain */
	struct vnode *vp;      /* the key */
	unsigned opens;	       /* open files (fifo_lock) */
	unsigned rgen, wgen;   /* reader and writer opens ever (pipe lock) */
	unsigned owait;	       /* openers asleep: their channel */
};

static struct mutex fifo_lock = MUTEX_INIT("fifo table");
static struct ipc_fifo *fifo_hash[FIFO_HASH];
static unsigned fifo_count;

static struct ipc_fifo **fifo_chain(const struct vnode *vp)
{
	uintptr_t a = (uintptr_t)vp;

	return &fifo_hash[(a >> 4 ^ a >> 12) % FIFO_HASH];
}

/* The entry of vp with one more opener, made if there is none. */
static struct ipc_fifo *fifo_get(struct vnode *vp)
{
	struct ipc_fifo **chain = fifo_chain(vp), *ff;
	void *buf = NULL;

	mutex_lock(&fifo_lock);
	for (ff = *chain; ff && ff->vp != vp; ff = ff->next)
		;
	if (ff == NULL) {
		ff = mem_zalloc(sizeof(*ff));
		buf = ff ? mem_alloc(PIPE_SIZE) : NULL;
		if (buf == NULL) {
			mem_free(ff);
			mutex_unlock(&fifo_lock);
			return NULL;
		}
		ff->pipe.lock.name = "fifo";
		pipe_ring_init(&ff->pipe.ring, buf, PIPE_SIZE);
		ff->vp = vp;
		ff->next = *chain;
		*chain = ff;
		fifo_count++;
	}
	ff->opens++;
	mutex_unlock(&fifo_lock);
	return ff;
}

/* One opener less; the last frees the entry and its data. */
static void fifo_put(struct ipc_fifo *ff)
{
	struct ipc_fifo **link;
	int last;

	mutex_lock(&fifo_lock);
	last = --ff->opens == 0;
	if (last) {
		for (link = fifo_chain(ff->vp); *link != ff; link = &(*link)->next)
			;
		*link = ff->next;
		fifo_count--;
	}
	mutex_unlock(&fifo_lock);
	if (last) {
		mem_free(ff->pipe.ring.buf);
		mem_free(ff);
	}
}

/* Wait (pipe lock held) until the other side has opened since gen was read. */
static int fifo_wait_peer(struct ipc_fifo *ff, const unsigned *peers, const unsigned *gen)
{
	unsigned start = *gen;
	int rc = 0;

	while (rc == 0 && *peers == 0 && *gen == start)
		rc = pipe_wait(&ff->pipe, &ff->owait);
	return rc;
}

static void fifo_count_ends(struct ipc_fifo *ff, int rd, int wr, int delta)
{
	if (rd) {
		ff->pipe.readers += (unsigned)delta;
		pipe_wake(&ff->pipe.wwait);
	}
	if (wr) {
		ff->pipe.writers += (unsigned)delta;
		pipe_wake(&ff->pipe.rwait);
	}
}

int fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out)
{
	int acc = flags & O_ACCMODE, rd = acc != O_WRONLY, wr = acc != O_RDONLY, rc = 0;
	struct ipc_fifo *ff = fifo_get(vp);

	*out = NULL;
	if (ff == NULL)
		return -ENOMEM;
	mutex_lock(&ff->pipe.lock);
	if (acc == O_WRONLY && (flags & O_NONBLOCK) && ff->pipe.readers == 0) {
		mutex_unlock(&ff->pipe.lock);
		fifo_put(ff);
		return -ENXIO;
	}
	fifo_count_ends(ff, rd, wr, 1);
	ff->rgen += (unsigned)rd;
	ff->wgen += (unsigned)wr;
	pipe_wake(&ff->owait);
	if (acc == O_RDONLY && !(flags & O_NONBLOCK))
		rc = fifo_wait_peer(ff, &ff->pipe.writers, &ff->wgen);
	else if (acc == O_WRONLY)
		rc = fifo_wait_peer(ff, &ff->pipe.readers, &ff->rgen);
	if (rc)
		fifo_count_ends(ff, rd, wr, -1);
	mutex_unlock(&ff->pipe.lock);
	if (rc) {
		fifo_put(ff);
		return rc;
	}
	*out = ff;
	return 0;
}

long fifo_read(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	return pipe_move_out(&ff->pipe, uio, (unsigned)flags);
}

long fifo_write(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	return pipe_move_in(&ff->pipe, uio, (unsigned)flags);
}

void fifo_close(struct ipc_fifo *ff, int flags)
{
	int acc = flags & O_ACCMODE;

	mutex_lock(&ff->pipe.lock);
	fifo_count_ends(ff, acc != O_WRONLY, acc != O_RDONLY, -1);
	mutex_unlock(&ff->pipe.lock);
	fifo_put(ff);
}

unsigned fifo_in_use(void)
{
	unsigned n;

	mutex_lock(&fifo_lock);
	n = fifo_count;
	mutex_unlock(&fifo_lock);
	return n;
}
