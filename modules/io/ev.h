/**
 * @file ev.h
 * @brief Zero event queues inside io (doc/events.md): the queue
 *        (ev_queue.c: its record ring, read, close, messages, input) and
 *        the watches (ev_watch.c: evwatch, evunwatch and the hooks the VFS
 *        calls when a change succeeds).
 * @ingroup io
 *
 * Locking, outermost first (after the VFS's own locks, which a hook may
 * hold when it is called):
 *   0. ev_queue::rlock (mutex): a reader's copy-out; nothing else is taken
 *      under it but ev_queue::lock.
 *   1. ev_lock (spinlock, ev_watch.c): the list of queues, every watch
 *      and each queue's watch list, owner and self mask.
 *   2. ev_queue::lock (spinlock): one queue's ring and counts.
 * The last two are spinlocks because console input is posted from its
 * interrupt handler; nothing under them sleeps, allocates or touches user
 * memory.
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
struct nameidata;

/** One event queue: the priv of its struct file. */
struct ev_queue {
	struct mutex rlock;	  /**< Readers, one at a time (copy out, then drop). */
	struct spinlock lock;	  /**< Guards the ring and the counts below, to @c wait. */
	uint8_t *buf;		  /**< EV_RING_BYTES of records. */
	size_t head;		  /**< Offset of the oldest record. */
	size_t used;		  /**< Bytes of records held. */
	unsigned count;		  /**< Records held, the overflow record aside. */
	int overflowed;		  /**< The overflow record is queued: drop the rest. */
	uint32_t last_type;	  /**< Type of the newest record (merging repeated writes). */
	int32_t last_wd;	  /**< Its watch. */
	size_t last_at;		  /**< Where it starts in the ring (it may have been read). */
	unsigned wait;		  /**< Wait channel of readers. */
	struct list_node link;	  /**< In ev_queues (ev_lock, as the rest). */
	struct list_node watches; /**< Its watches (struct ev_watch, ev_watch.c). */
	unsigned nwatch;	  /**< How many (at most EV_WATCH_MAX). */
	int next_wd;		  /**< The next watch number. */
	unsigned self_mask;	  /**< EV_MSG, EV_INPUT: what it asked for itself. */
	long owner;		  /**< The pid evsend() reaches it by. */
	uint32_t uid;		  /**< The owner's real user ID. */
	uint32_t euid;		  /**< The owner's effective user ID. */
};

/** Longest entry name a record carries (a file system's limit). */
#define EV_NAME_MAX 255

/** Bytes of a queue's ring: the limit and room for the overflow record. */
#define EV_RING_BYTES (EV_QUEUE_BYTES + sizeof(struct zevent))

/** @brief Tell whether a file is an event queue. @param f the file. @return 1 or 0. */
int ev_is_queue(const struct file *f);

/** @brief See ev_ops::open (evopen). @param flags 0 or EV_NONBLOCK. @param who the owner.
 *  @param out the queue. @return 0, -EINVAL or -ENOMEM. */
int ev_queue_open(int flags, const struct ev_who *who, struct file **out);

/**
 * @brief Queue one record; over the limits the overflow record goes in
 *        instead, once. Any context; takes ev_queue::lock.
 * @param q the queue.
 * @param ev the header (ev->len is set here).
 * @param payload @p len bytes after it.
 * @param len payload bytes.
 * @return 1 when queued (or merged into the newest record), 0 if dropped.
 */
int ev_queue_post(struct ev_queue *q, struct zevent *ev, const void *payload, size_t len);

/** @brief See ev_ops::send (evsend). @param pid receiver. @param type message type.
 *  @param data bytes. @param len their count. @param who sender. @return 0, -ESRCH, -EPERM. */
int ev_queue_send(long pid, uint32_t type, const void *data, size_t len, const struct ev_who *who);

/** @brief Post console input to every queue that asked for EV_INPUT; any context.
 *  @param s the bytes. @param n how many (at most EV_MSG_MAX are kept). */
void ev_input(const char *s, size_t n);

/** @brief See ev_ops::watch (evwatch). @param q queue. @param cwd start. @param path or NULL.
 *  @param mask events. @param who caller. @return the watch number or a negative errno. */
int ev_watch_add(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
		 const struct ev_who *who);
/** @brief See ev_ops::unwatch (evunwatch). @param q queue. @param wd watch.
 *  @return 0 or -EINVAL. */
int ev_watch_del(struct file *q, int wd);

/** @brief The queue's file is closing: unlink it and drop its watches. @param q the queue. */
void ev_watch_close(struct ev_queue *q);

/** Guards the queue list, the watches and each queue's owner (ev_watch.c). */
extern struct spinlock ev_lock;
/** Every queue (struct ev_queue::link), under ev_lock. */
extern struct list_node ev_queues;
/** How many queues there are (under ev_lock; ev_queue.c). */
extern unsigned ev_nqueue;
/** @brief Count the watches of every queue. @return how many exist. */
unsigned ev_watch_count(void);

/** @brief Register the event-queue table (from io_init, after io_register). @return 0 or a negative
 * errno. */
int ev_init(void);

/** @name Hooks
 * Each is one line of the VFS after a change, given the change's result
 * @p rc (nothing happens unless it is 0), called with the VFS's locks as
 * they are there; they only queue records.
 * @{ */
/** @brief A name made (EV_CREATE) or removed (EV_REMOVE).
 *  @param rc the change's result. @param nd its parent and last component.
 *  @param type EV_CREATE or EV_REMOVE. @param vp the file (or NULL). */
void ev_vfs_entry(int rc, const struct nameidata *nd, unsigned type, struct vnode *vp);
/** @brief A rename: the pair, with one cookie (nothing if both names are one file).
 *  @param rc the change's result. @param f the old name. @param t the new one. */
void ev_vfs_rename(int rc, const struct nameidata *f, const struct nameidata *t);
/** @brief A write through an open file. @param f the file. @param n bytes written
 *  (nothing happens when n <= 0). */
void ev_vfs_write(struct file *f, long n);
/** @brief An attribute change (chmod, chown, utimens, truncate). @param rc the change's
 *  result. @param vp the file. */
void ev_vfs_attrib(int rc, struct vnode *vp);
/** @} */

#endif /* IO_EV_H_ */
