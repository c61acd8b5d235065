/**
 * @file kern/event.h
 * @brief Zero event queues (uapi/event.h) for the system calls evopen,
 *        evwatch, evunwatch and evsend: the table their provider registers.
 * @ingroup kern
 *
 * The io module provides it (modules/io/ev_*.c), beside the VFS whose
 * actions it reports and the console whose input it passes on. It is not
 * a role of its own but io's second table: registered once from io's
 * init, after io_register(), and never dropped (io is pinned). The core's
 * verify halves (core/kern/syscall/sys_event.c) copy the user arguments
 * in and call these wrappers; without a provider every call says -ENOSYS.
 * Every operation may sleep (it allocates and looks paths up) and is
 * called from a thread with no lock held; the provider locks its queues.
 */
#ifndef KERN_EVENT_H_
#define KERN_EVENT_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>
#include <kern/file.h>
#include <uapi/event.h>

/** The version of struct ev_ops this core speaks. */
#define EV_OPS_VERSION 1

struct vnode;

/** Who asks: credentials and process ID of the calling process. */
struct ev_who {
	const struct cred *cred; /**< Its credentials (not NULL). */
	long pid;		 /**< Its process ID. */
};

/** Operations of the event-queue provider. */
struct ev_ops {
	uint32_t version; /**< Must be EV_OPS_VERSION. */
	/**
	 * @brief Make an event queue.
	 * @param flags 0 or EV_NONBLOCK (EV_CLOEXEC is the core's, on the descriptor).
	 * @param who the opener: it owns the queue (see ev_ops::watch for messages).
	 * @param out the queue, a file with one reference.
	 * @retval 0 made.
	 * @retval -EINVAL unknown flags.
	 * @retval -ENOMEM out of memory.
	 */
	int (*open)(int flags, const struct ev_who *who, struct file **out);
	/**
	 * @brief Watch a path, or ask for the queue's own events.
	 * @param q a file; it must be an event queue.
	 * @param cwd start of a relative path.
	 * @param path a file or directory (its entries are watched too), or NULL
	 *        for the queue's own events (EV_MSG, EV_INPUT).
	 * @param mask EV_FS_ALL bits with a path, EV_SELF_ALL bits without; a
	 *        path watched twice by one queue gets the new mask and keeps its
	 *        number. With path NULL the caller also becomes the queue's owner:
	 *        evsend() to its pid reaches the queue.
	 * @param who the caller (search permission for the lookup, read
	 *        permission on what it names).
	 * @return the watch number (> 0; 0 for path NULL), or
	 * @retval -EINVAL @p q is no event queue, or a bad mask.
	 * @retval -ENOSPC the queue has EV_WATCH_MAX watches.
	 * @retval -ENOMEM out of memory.
	 * @retval -EACCES no read permission on it.
	 * @return a lookup error (-ENOENT, -ENOTDIR, -EACCES, -ELOOP, -ENAMETOOLONG).
	 */
	int (*watch)(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
		     const struct ev_who *who);
	/**
	 * @brief Drop one watch of a queue.
	 * @param q a file; it must be an event queue.
	 * @param wd a number ev_ops::watch returned.
	 * @retval 0 dropped.
	 * @retval -EINVAL @p q is no event queue, or no such watch.
	 */
	int (*unwatch)(struct file *q, int wd);
	/**
	 * @brief Send a message to the queues a process owns that asked for EV_MSG.
	 * @param pid the receiving process.
	 * @param type the sender's message type (zevent::cookie of the record).
	 * @param data the message, kernel memory, @p len bytes.
	 * @param len at most EV_MSG_MAX.
	 * @param who the sender: same real or effective uid as the queue's owner, or root.
	 * @retval 0 queued on at least one queue (a full queue records EV_OVERFLOW instead).
	 * @retval -ESRCH no queue of @p pid takes messages.
	 * @retval -EPERM there are such queues, but none the sender may reach.
	 */
	int (*send)(long pid, uint32_t type, const void *data, size_t len,
		    const struct ev_who *who);
	/**
	 * @brief Report the limits and what is in use (SYSCTL_EVENT).
	 * @param out filled whole.
	 */
	void (*limits)(struct ev_limits *out);
};

/**
 * @brief Make the running module's table the event-queue provider.
 * @param ops the table; it must stay valid for good (a pinned module's).
 * @retval 0 registered.
 * @retval -EEXIST there is a provider already.
 * @retval -EINVAL NULL, a wrong version or a NULL member (logged).
 * @retval -EPERM called outside a module's init.
 */
int ev_register(const struct ev_ops *ops);

/** @brief See ev_ops::open. @param flags flags. @param who opener. @param out the queue.
 *  @return 0 or a negative errno (-ENOSYS without a provider). */
int ev_open(int flags, const struct ev_who *who, struct file **out);
/** @brief See ev_ops::watch. @param q queue. @param cwd start. @param path path or NULL.
 *  @param mask events. @param who caller. @return the watch number or a negative errno. */
int ev_watch(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
	     const struct ev_who *who);
/** @brief See ev_ops::unwatch. @param q queue. @param wd watch. @return 0 or a negative errno. */
int ev_unwatch(struct file *q, int wd);
/** @brief See ev_ops::send. @param pid receiver. @param type message type. @param data bytes.
 *  @param len their count. @param who sender. @return 0 or a negative errno. */
int ev_send(long pid, uint32_t type, const void *data, size_t len, const struct ev_who *who);
/** @brief See ev_ops::limits (without a provider: the limits, nothing in use).
 *  @param out filled whole. */
void ev_limits(struct ev_limits *out);

#endif /* KERN_EVENT_H_ */
