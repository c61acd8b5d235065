/*
 * POSIX pipes: one ring (pipe_ring.c) shared by a read end and a write end,
 * each a struct file whose priv is the pipe; the end is the file's access
 * mode. Readers and writers wait on two channels of the pipe.
 *
 * FIFOs (fifo.c) use the same struct pipe and its pipe_move_in/out().
 *
 * Locking: p->lock, a mutex, guards the ring, the end counts and the
 * sleeper counts; it is held while bytes move (a user page may fault in,
 * which sleeps). A waiter counts itself and sleeps with
 * thr_sleep_sig(), which queues it before releasing the mutex; whoever
 * changes what it waits for does so under the mutex and then wakes its
 * channel, so no wakeup is lost on one CPU or several. Nothing else is
 * taken under p->lock but the sleep queues' spinlock inside thr_wakeup().
 *
 * Atomicity: a write of at most PIPE_BUF bytes waits until it fits whole
 * and goes in under one hold of the mutex, so no other writer's bytes
 * come between its own. A longer write moves what fits and waits for the
 * rest, so other writers may interleave with it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/ipc.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/thr.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "pipe.h"
#include "pipe_ring.h"

_Static_assert((PIPE_SIZE & (PIPE_SIZE - 1)) == 0 && PIPE_SIZE >= PIPE_BUF,
	       "PIPE_SIZE must be a power of two of at least PIPE_BUF");

/*
 * Wait on a channel (&p->rwait or &p->wwait, which counts the sleepers),
 * with the mutex held. 0 when woken; -EINTR when a signal interrupted the
 * sleep or was pending as it began (thr_sleep_sig()): the read or write
 * ends with it, or with the bytes it moved so far.
 */
int pipe_wait(struct pipe *p, unsigned *chan)
{
	int rc;

	(*chan)++;
	rc = thr_sleep_sig(chan, &p->lock, 0);
	(*chan)--;
	return rc;
}

void pipe_wake(unsigned *chan)
{
	if (*chan)
		thr_wakeup(chan);
}

long pipe_move_out(struct pipe *p, struct uio *uio, unsigned flags)
{
	long rc = 0;

	if (uio->resid == 0)
		return 0;
	mutex_lock(&p->lock);
	while (pipe_ring_used(&p->ring) == 0) {
		if (p->writers == 0)
			goto out; /* end of file */
		if (flags & O_NONBLOCK) {
			rc = -EAGAIN;
			goto out;
		}
		rc = pipe_wait(p, &p->rwait);
		if (rc)
			goto out;
	}
	rc = pipe_ring_get(&p->ring, uio);
	if (rc > 0)
		pipe_wake(&p->wwait);
out:
	mutex_unlock(&p->lock);
	return rc;
}

long pipe_move_in(struct pipe *p, struct uio *uio, unsigned flags)
{
	size_t need = uio->resid <= PIPE_BUF ? uio->resid : 1;
	long done = 0, rc = 0;

	mutex_lock(&p->lock);
	while (uio->resid) {
		if (p->readers == 0) {
			rc = -EPIPE; /* the core sends SIGPIPE (sys_write) */
			break;
		}
		if (pipe_ring_space(&p->ring) < need) {
			if (flags & O_NONBLOCK) {
				rc = -EAGAIN;
				break;
			}
			rc = pipe_wait(p, &p->wwait);
			if (rc)
				break;
			continue;
		}
		rc = pipe_ring_put(&p->ring, uio, uio->resid);
		if (rc < 0)
			break;
		done += rc;
		pipe_wake(&p->rwait);
	}
	mutex_unlock(&p->lock);
	return done ? done : rc;
}

static long pipe_read(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	return pipe_move_out(f->priv, uio, __atomic_load_n(&f->flags, __ATOMIC_RELAXED));
}

static long pipe_write(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	return pipe_move_in(f->priv, uio, __atomic_load_n(&f->flags, __ATOMIC_RELAXED));
}

static int pipe_stat(struct file *f, struct stat *st)
{
	struct pipe *p = f->priv;

	mutex_lock(&p->lock);
	st->st_size = (int64_t)pipe_ring_used(&p->ring);
	mutex_unlock(&p->lock);
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PIPE_BUF;
	return 0;
}

static void pipe_free(struct pipe *p)
{
	mem_free(p->ring.buf);
	mem_free(p);
}

/* The last reference to one end: the other side learns it (EOF or EPIPE). */
static void pipe_close(struct file *f)
{
	struct pipe *p = f->priv;
	int last;

	mutex_lock(&p->lock);
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		p->readers--;
		pipe_wake(&p->wwait);
	} else {
		p->writers--;
		pipe_wake(&p->rwait);
	}
	last = p->readers == 0 && p->writers == 0;
	mutex_unlock(&p->lock);
	if (last)
		pipe_free(p);
}

static const struct fileops pipe_fileops = {
	.version = FILEOPS_VERSION,
	.read = pipe_read,
	.write = pipe_write,
	.stat = pipe_stat,
	.close = pipe_close,
};

int pipe_create(struct file **rd, struct file **wr, int flags)
{
	struct pipe *p;
	void *buf;

	*rd = *wr = NULL;
	if (flags & ~O_NONBLOCK)
		return -EINVAL;
	p = mem_zalloc(sizeof(*p));
	buf = mem_alloc(PIPE_SIZE);
	if (p == NULL || buf == NULL)
		goto nomem;
	p->lock.name = "pipe";
	pipe_ring_init(&p->ring, buf, PIPE_SIZE);
	*rd = file_alloc(&pipe_fileops, p, O_RDONLY | (unsigned)flags);
	*wr = file_alloc(&pipe_fileops, p, O_WRONLY | (unsigned)flags);
	if (*rd == NULL || *wr == NULL)
		goto nomem;
	p->readers = 1;
	p->writers = 1;
	return 0;
nomem:
	/* Files made so far are freed by hand: their close would count ends. */
	mem_free(*rd);
	mem_free(*wr);
	*rd = *wr = NULL;
	mem_free(buf);
	mem_free(p);
	return -ENOMEM;
}
