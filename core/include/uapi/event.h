/**
 * @file uapi/event.h
 * @brief Zero events (the Zero book, section 3.3): the event-queue
 *        system calls' flags and masks and struct zevent, the record a
 *        read() of an event queue returns.
 * @ingroup uapi
 *
 * An event queue is a descriptor made by evopen(). It is told of
 * file-system actions on the paths evwatch() names, of console input
 * (EV_INPUT) and of messages other processes send it with evsend()
 * (EV_MSG). read() returns whole records, each a struct zevent followed
 * by zevent::len bytes of payload and padded to 8 bytes (EV_RECLEN()).
 * doc/events.md has the design.
 */
#ifndef UAPI_EVENT_H_
#define UAPI_EVENT_H_

#include <stdint.h>

/** @name evopen() flags
 * @{ */
#define EV_NONBLOCK 0x0800  /**< read() says EAGAIN when empty (O_NONBLOCK's value). */
#define EV_CLOEXEC  0x80000 /**< Close on exec (O_CLOEXEC's value). */
/** @} */

/** @name Event bits: zevent::type holds one; evwatch() masks combine them
 * @{ */
#define EV_CREATE      0x0001 /**< A name was made in a watched directory (file, dir, link). */
#define EV_REMOVE      0x0002 /**< A name was removed (or a watched file lost its last name). */
#define EV_WRITE       0x0004 /**< A watched file, or one in a watched directory, was written. */
#define EV_RENAME_FROM 0x0008 /**< A name left a watched directory by rename (zevent::cookie). */
#define EV_RENAME_TO   0x0010 /**< A name came into a watched directory by rename. */
#define EV_ATTRIB      0x0020 /**< Mode, owner, times or size changed (chmod, chown, truncate). */
#define EV_MSG	       0x0100 /**< A message from evsend() (path NULL in evwatch()). */
#define EV_INPUT       0x0200 /**< Console input bytes (path NULL in evwatch()). */
#define EV_OVERFLOW    0x8000 /**< The queue was full: events after this one were dropped. */
/** @} */

/** Both halves of a rename. */
#define EV_RENAME (EV_RENAME_FROM | EV_RENAME_TO)
/** Every file-system event (a mask for evwatch() with a path). */
#define EV_FS_ALL (EV_CREATE | EV_REMOVE | EV_WRITE | EV_RENAME | EV_ATTRIB)
/** The events a queue asks for itself (a mask for evwatch() with path NULL). */
#define EV_SELF_ALL (EV_MSG | EV_INPUT)

/** zevent::flags: the name is a directory. */
#define EVF_ISDIR 0x1

/** @name Limits
 * @{ */
#define EV_QUEUE_MAX   256   /**< Events a queue holds unread (the overflow record aside). */
#define EV_QUEUE_BYTES 65536 /**< Bytes of records a queue holds unread (headers included). */
#define EV_MSG_MAX     1024  /**< Longest evsend() message, in bytes. */
#define EV_WATCH_MAX   128   /**< Watches one queue may hold. */
/** @} */

/** The limits and what is in use, as sysctl(SYSCTL_EVENT, 0, &lim) reports them. */
struct ev_limits {
	uint32_t queue_max;   /**< EV_QUEUE_MAX. */
	uint32_t queue_bytes; /**< EV_QUEUE_BYTES. */
	uint32_t msg_max;     /**< EV_MSG_MAX. */
	uint32_t watch_max;   /**< EV_WATCH_MAX. */
	uint32_t queues;      /**< Queues that exist now. */
	uint32_t watches;     /**< Watches that exist now (all queues). */
	uint64_t posted;      /**< Events queued (or merged into the newest) since boot. */
	uint64_t dropped;     /**< Events lost to full queues since boot. */
};

/**
 * @brief One event as read() returns it; zevent::len payload bytes follow.
 *
 * The next record starts EV_RECLEN() bytes after this one's start; a read
 * returns only whole records and fails with EINVAL when the buffer is too
 * small for the first.
 */
struct zevent {
	uint32_t type;	   /**< One EV_* bit: what happened. */
	uint32_t flags;	   /**< EVF_ISDIR when the name is a directory. */
	int32_t wd;	   /**< The watch that matched (evwatch()'s result); 0 for EV_MSG,
				EV_INPUT, EV_OVERFLOW. */
	uint32_t cookie;   /**< EV_RENAME_FROM and EV_RENAME_TO of one rename share it (never 0);
				for EV_MSG the sender's message type; else 0. */
	int32_t pid;	   /**< The process that caused it (EV_MSG: the sender); 0 for input. */
	uint32_t uid;	   /**< EV_MSG: the sender's real user ID; else 0. */
	uint32_t len;	   /**< Payload bytes: the entry's name and its NUL (file-system
				events on a directory; 0 on a watched file itself), the
				message (EV_MSG) or the input bytes (EV_INPUT). */
	uint32_t reserved; /**< 0. */
};

/** @brief Bytes from one record's start to the next one's. @param ev a record. */
#define EV_RECLEN(ev) ((sizeof(struct zevent) + (ev)->len + 7) & ~(uint64_t)7)

#endif /* UAPI_EVENT_H_ */
