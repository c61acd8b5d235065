/*
 * Zero event queues (doc/events.md): a queue is a descriptor whose read()
 * returns struct zevent records (uapi/event.h). Records wait in a byte
 * ring allocated with the queue, so posting never allocates and works in
 * any context (console input comes from an interrupt handler). Up to
 * EV_QUEUE_MAX records or EV_QUEUE_BYTES bytes wait unread; past that one
 * EV_OVERFLOW record goes in (the ring keeps room for it) and everything
 * else is dropped until the reader has taken the overflow record.
 *
 * A reader sleeps on the queue's channel as the terminals do (tty.h):
 * interrupts off across the check and the sleep, so no poster on this CPU
 * slips in between, and a short backstop timeout for a poster on another.
 * The lock order is in ev.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/file.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "ev.h"

/* How long a reader sleeps before it looks again (ns; see above). */
#define EV_BACKSTOP 50000000ull

unsigned ev_nqueue;
static uint64_t ev_posted, ev_dropped; /* records; events lost (SYSCTL_EVENT) */

/* SYSCTL_EVENT: the limits, what exists, what came and went. */
static void ev_stats(struct ev_limits *out)
{
	*out = (struct ev_limits){ .queue_max = EV_QUEUE_MAX,
				   .queue_bytes = EV_QUEUE_BYTES,
				   .msg_max = EV_MSG_MAX,
				   .watch_max = EV_WATCH_MAX };
	spin_lock(&ev_lock);
	out->queues = ev_nqueue;
	out->watches = ev_watch_count();
	spin_unlock(&ev_lock);
	out->posted = __atomic_load_n(&ev_posted, __ATOMIC_RELAXED);
	out->dropped = __atomic_load_n(&ev_dropped, __ATOMIC_RELAXED);
}

static size_t ev_reclen(size_t len)
{
	return (sizeof(struct zevent) + len + 7) & ~(size_t)7;
}

/* Copy n bytes into the ring at offset at (wrapping). */
static void ev_ring_put(struct ev_queue *q, size_t at, const void *src, size_t n)
{
	size_t off = at % EV_RING_BYTES, first = EV_RING_BYTES - off;

	if (n == 0)
		return;
	if (first > n)
		first = n;
	memcpy(q->buf + off, src, first);
	memcpy(q->buf, (const uint8_t *)src + first, n - first);
}

static void ev_ring_get(const struct ev_queue *q, size_t at, void *dst, size_t n)
{
	size_t off = at % EV_RING_BYTES, first = EV_RING_BYTES - off;

	if (n == 0)
		return;
	if (first > n)
		first = n;
	memcpy(dst, q->buf + off, first);
	memcpy((uint8_t *)dst + first, q->buf, n - first);
}

/* Append one record (room checked); q->lock held. */
static void ev_ring_append(struct ev_queue *q, const struct zevent *ev, const void *payload)
{
	static const uint8_t zero[8];
	size_t at = q->head + q->used, rec = ev_reclen(ev->len);

	ev_ring_put(q, at, ev, sizeof(*ev));
	ev_ring_put(q, at + sizeof(*ev), payload, ev->len);
	ev_ring_put(q, at + sizeof(*ev) + ev->len, zero, rec - sizeof(*ev) - ev->len);
	q->used += rec;
	q->last_type = ev->type;
	q->last_wd = ev->wd;
	q->last_at = at;
}

/* A write right after a write of the same watch says nothing new. */
static int ev_merges(const struct ev_queue *q, const struct zevent *ev, const void *payload)
{
	struct zevent last;
	char name[EV_NAME_MAX + 1];

	if (ev->type != EV_WRITE || q->used == 0 || q->last_type != EV_WRITE ||
	    q->last_wd != ev->wd || ev->len > sizeof(name))
		return 0;
	ev_ring_get(q, q->last_at, &last, sizeof(last));
	if (last.len != ev->len)
		return 0;
	ev_ring_get(q, q->last_at + sizeof(last), name, last.len);
	return memcmp(name, payload, last.len) == 0;
}

int ev_queue_post(struct ev_queue *q, struct zevent *ev, const void *payload, size_t len)
{
	struct zevent over = { .type = EV_OVERFLOW };
	int queued = 1;

	ev->len = (uint32_t)len;
	spin_lock(&q->lock);
	if (q->overflowed) {
		queued = 0;
	} else if (ev_merges(q, ev, payload)) {
		queued = 1;
	} else if (q->count < EV_QUEUE_MAX && q->used + ev_reclen(len) <= EV_QUEUE_BYTES) {
		ev_ring_append(q, ev, payload);
		q->count++;
	} else {
		ev_ring_append(q, &over, NULL);
		q->overflowed = 1;
		queued = 0;
	}
	spin_unlock(&q->lock);
	__atomic_add_fetch(queued ? &ev_posted : &ev_dropped, 1, __ATOMIC_RELAXED);
	thr_wakeup(&q->wait);
	return queued;
}

/* Copy whole records from the oldest into buf (room bytes), leaving
 * them queued; q->lock held. Bytes copied. */
static size_t ev_ring_peek(const struct ev_queue *q, uint8_t *buf, size_t room)
{
	size_t done = 0;
	struct zevent ev;

	while (done < q->used) {
		size_t rec;

		ev_ring_get(q, q->head + done, &ev, sizeof(ev));
		rec = ev_reclen(ev.len);
		if (done + rec > room)
			break;
		ev_ring_get(q, q->head + done, buf + done, rec);
		done += rec;
	}
	return done;
}

/* Drop the n bytes of records ev_ring_peek() copied; q->lock held. */
static void ev_ring_drop(struct ev_queue *q, size_t n)
{
	struct zevent ev;

	while (n) {
		size_t rec;

		ev_ring_get(q, q->head, &ev, sizeof(ev));
		rec = ev_reclen(ev.len);
		q->head = (q->head + rec) % EV_RING_BYTES;
		q->used -= rec;
		n -= rec;
		if (ev.type == EV_OVERFLOW)
			q->overflowed = 0;
		else
			q->count--;
	}
}

/* Wait until the queue holds something: 0, -EAGAIN or -EINTR. */
static int ev_queue_wait(struct ev_queue *q, const struct file *f)
{
	uint64_t irq = arch_irq_save();
	int rc = 0;

	spin_lock(&q->lock);
	if (q->used == 0) {
		spin_unlock(&q->lock);
		if (__atomic_load_n(&f->flags, __ATOMIC_RELAXED) & O_NONBLOCK)
			rc = -EAGAIN;
		else
			rc = thr_sleep_sig(&q->wait, NULL, EV_BACKSTOP);
	} else {
		spin_unlock(&q->lock);
	}
	arch_irq_restore(irq);
	return rc == -ETIMEDOUT ? 0 : rc;
}

/*
 * Copy records out, then drop them: a reader that faults on its buffer
 * loses nothing. Readers take q->rlock around the copy and the drop, so
 * the records one copied are still the oldest when it drops them (posters
 * only append).
 */
static long ev_queue_take(struct ev_queue *q, uint8_t *buf, size_t room, struct uio *uio)
{
	long rc = 0;
	size_t n;

	mutex_lock(&q->rlock);
	spin_lock(&q->lock);
	n = ev_ring_peek(q, buf, room);
	if (n == 0 && q->used)
		rc = -EINVAL; /* the first record does not fit */
	spin_unlock(&q->lock);
	if (n)
		rc = uio_move(buf, n, uio, 1);
	if (rc > 0) {
		spin_lock(&q->lock);
		ev_ring_drop(q, n);
		spin_unlock(&q->lock);
	}
	mutex_unlock(&q->rlock);
	return rc;
}

static long ev_queue_read(struct file *f, struct uio *uio, uint64_t off)
{
	struct ev_queue *q = f->priv;
	size_t room = uio->resid < EV_RING_BYTES ? uio->resid : EV_RING_BYTES;
	uint8_t *buf;
	long rc = 0;

	(void)off;
	if (room == 0)
		return 0;
	if (uio->user && !uaccess_ok(uio->base, room))
		return -EFAULT;
	buf = mem_alloc(room);
	if (buf == NULL)
		return -ENOMEM;
	while (rc == 0) {
		rc = ev_queue_wait(q, f);
		if (rc == 0)
			rc = ev_queue_take(q, buf, room, uio);
	}
	mem_free(buf);
	return rc;
}

static int ev_queue_stat(struct file *f, struct stat *st)
{
	struct ev_queue *q = f->priv;

	spin_lock(&q->lock);
	st->st_size = (int64_t)q->used;
	spin_unlock(&q->lock);
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = EV_QUEUE_BYTES;
	st->st_uid = q->uid;
	return 0;
}

static int ev_queue_seekable(struct file *f, uint64_t *size)
{
	(void)f;
	*size = 0;
	return -ESPIPE;
}

/* The last reference: its watches go, then the queue. */
static void ev_queue_close(struct file *f)
{
	struct ev_queue *q = f->priv;

	ev_watch_close(q);
	mem_free(q->buf);
	mem_free(q);
}

static const struct fileops ev_queue_fileops = {
	.version = FILEOPS_VERSION,
	.read = ev_queue_read,
	.stat = ev_queue_stat,
	.close = ev_queue_close,
	.seekable = ev_queue_seekable,
};

int ev_is_queue(const struct file *f)
{
	return f->ops == &ev_queue_fileops;
}

int ev_queue_open(int flags, const struct ev_who *who, struct file **out)
{
	struct spinlock l = SPINLOCK_INIT("evq");
	struct mutex m = MUTEX_INIT("evq read");
	struct ev_queue *q;

	*out = NULL;
	if (flags & ~EV_NONBLOCK)
		return -EINVAL;
	q = mem_zalloc(sizeof(*q));
	if (q)
		q->buf = mem_alloc(EV_RING_BYTES);
	if (q && q->buf)
		*out = file_alloc(&ev_queue_fileops, q, O_RDONLY | (unsigned)flags);
	if (*out == NULL) {
		if (q)
			mem_free(q->buf);
		mem_free(q);
		return -ENOMEM;
	}
	q->lock = l;
	q->rlock = m;
	q->owner = who->pid;
	q->uid = who->cred->uid;
	q->euid = who->cred->euid;
	list_init(&q->watches);
	q->next_wd = 1;
	spin_lock(&ev_lock);
	list_add_tail(&ev_queues, &q->link);
	ev_nqueue++;
	spin_unlock(&ev_lock);
	return 0;
}

/* May the sender reach queue q? Same real or effective uid, or root. */
static int ev_may_send(const struct ev_queue *q, const struct cred *c)
{
	return c->euid == 0 || c->uid == q->uid || c->euid == q->uid || c->uid == q->euid ||
	       c->euid == q->euid;
}

int ev_queue_send(long pid, uint32_t type, const void *data, size_t len, const struct ev_who *who)
{
	struct zevent ev = {
		.type = EV_MSG, .cookie = type, .pid = (int32_t)who->pid, .uid = who->cred->uid
	};
	struct list_node *n;
	int found = 0, sent = 0;

	spin_lock(&ev_lock);
	for (n = ev_queues.next; n != &ev_queues; n = n->next) {
		struct ev_queue *q = list_entry(n, struct ev_queue, link);

		if (q->owner != pid || !(q->self_mask & EV_MSG))
			continue;
		found = 1;
		if (!ev_may_send(q, who->cred))
			continue;
		ev_queue_post(q, &ev, data, len);
		sent = 1;
	}
	spin_unlock(&ev_lock);
	return sent ? 0 : found ? -EPERM : -ESRCH;
}

void ev_input(const char *s, size_t n)
{
	struct zevent ev = { .type = EV_INPUT };
	struct list_node *l;

	if (n == 0 || __atomic_load_n(&ev_queues.next, __ATOMIC_RELAXED) == &ev_queues)
		return;
	if (n > EV_MSG_MAX)
		n = EV_MSG_MAX;
	spin_lock(&ev_lock);
	for (l = ev_queues.next; l != &ev_queues; l = l->next) {
		struct ev_queue *q = list_entry(l, struct ev_queue, link);

		if (q->self_mask & EV_INPUT)
			ev_queue_post(q, &ev, s, n);
	}
	spin_unlock(&ev_lock);
}

static const struct ev_ops io_ev_ops = {
	.version = EV_OPS_VERSION,
	.open = ev_queue_open,
	.watch = ev_watch_add,
	.unwatch = ev_watch_del,
	.send = ev_queue_send,
	.limits = ev_stats,
};

int ev_init(void)
{
	return ev_register(&io_ev_ops);
}
