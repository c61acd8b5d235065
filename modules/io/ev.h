/*
 * Zero event queues inside io (doc/events.md): the queue (ev_queue.c:
 * its record ring, read, close, messages, input) and the watches
 * (ev_watch.c: evwatch, evunwatch and the hooks the VFS calls when a
 * change succeeds).
 *
 * Locking, outermost first (after the VFS's own locks, which a hook may
 * hold when it is called):
 *   0. ev_queue::rlock (mutex): a reader's copy-out; nothing else under it
 *      but ev_queue::lock.
 *   1. ev_lock (spinlock, ev_watch.c): the list of queues, every watch
 *      and each queue's watch list, owner and self mask.
 *   2. ev_queue::lock (spinlock): one queue's ring and counts.
 * Both are spinlocks because console input is posted from its interrupt
 * handler; nothing under them sleeps, allocates or touches user memory.
 */
#ifndef IO_EV_H_
#define IO_EV_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/event.h>
#include <kern/file.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <uapi/event.h>

struct vnode;

/* One queue: the priv of its struct file. */
struct ev_queue {
	struct mutex rlock;   /* readers, one at a time (ev_queue.c) */
	struct spinlock lock; /* the ring below */
	uint8_t *buf;	      /* EV_RING_BYTES of records */
	size_t head;	      /* offset of the oldest record */
	size_t used;	      /* bytes of records held */
	unsigned count;	      /* records held, the overflow record aside */
	int overflowed;	      /* the overflow record is queued: drop the rest */
	uint32_t last_type;   /* the newest record, for merging repeated writes */
	int32_t last_wd;
	unsigned wait; /* wait channel of readers */
	/* Under ev_lock: */
	struct list_node link;	  /* in the list of every queue */
	struct list_node watches; /* its struct ev_watch */
	unsigned nwatch;
	int next_wd;
	unsigned self_mask; /* EV_MSG, EV_INPUT */
	long owner;	    /* the pid evsend() reaches it by */
	uint32_t uid, euid; /* the owner's */
};

/* Bytes of the ring: the limit and room for the overflow record. */
#define EV_RING_BYTES (EV_QUEUE_BYTES + sizeof(struct zevent))

/* Is this file an event queue? */
int ev_is_queue(const struct file *f);

/* evopen: a queue owned by who (flags 0 or EV_NONBLOCK). */
int ev_queue_open(int flags, const struct ev_who *who, struct file **out);

/*
 * Queue one record (header ev, then len bytes of payload); ev->len is set
 * here. Over the limits the overflow record goes in instead, once. Any
 * context; takes q->lock. Returns 1 when queued (or merged), 0 if dropped.
 */
int ev_queue_post(struct ev_queue *q, struct zevent *ev, const void *payload, size_t len);

/* evsend (ev_queue.c). */
int ev_queue_send(long pid, uint32_t type, const void *data, size_t len, const struct ev_who *who);

/* Console input bytes to every queue that asked for EV_INPUT; any context. */
void ev_input(const char *s, size_t n);

/* evwatch and evunwatch (ev_watch.c). */
int ev_watch_add(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
		 const struct ev_who *who);
int ev_watch_del(struct file *q, int wd);

/* The queue's file is closing: unlink it and drop its watches (ev_watch.c). */
void ev_watch_close(struct ev_queue *q);

/* ev_lock, for ev_queue.c's walks of the queue list. */
extern struct spinlock ev_lock;
/* The list of every queue (under ev_lock). */
extern struct list_node ev_queues;

/* Register the event role (io_init). */
int ev_init(void);

/*
 * The hooks: each is one line of the VFS after a change, given the
 * change's result rc (nothing happens unless it is 0), with the VFS's
 * locks as they are there; they only queue records.
 */
struct nameidata;
/* A name made (EV_CREATE) or removed (EV_REMOVE) at nd (parent and last
 * component); vp is its file. */
void ev_vfs_entry(int rc, const struct nameidata *nd, unsigned type, struct vnode *vp);
/* A rename from f to t (the pair, with one cookie; nothing if f and t are
 * one file). */
void ev_vfs_rename(int rc, const struct nameidata *f, const struct nameidata *t);
/* A write of n bytes (nothing when n <= 0) through open file f. */
void ev_vfs_write(struct file *f, long n);
/* An attribute change of vp (chmod, chown, utimens, truncate). */
void ev_vfs_attrib(int rc, struct vnode *vp);

#endif /* IO_EV_H_ */
