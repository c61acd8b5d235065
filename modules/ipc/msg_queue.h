/*
 * The message list of a System V queue (msg_queue.c): FIFO order, and
 * msgrcv's choice of message by type. Pure list code, no locks (the queue
 * holds its own around every call), so the host tests run it as it is.
 */
#ifndef IPC_MSG_QUEUE_H_
#define IPC_MSG_QUEUE_H_

#include <stddef.h>

/** One message; its text follows the header. */
struct msg {
	struct msg *next; /**< The next one sent. */
	long type;	  /**< Its type (> 0). */
	size_t size;	  /**< Bytes of text. */
	char text[];	  /**< The text. */
};

/** Messages in the order they were sent. */
struct msg_list {
	struct msg *head;   /**< The oldest. */
	struct msg **tailp; /**< The last next pointer (&head when empty). */
};

/* An empty list. */
void msg_list_init(struct msg_list *l);

/* Add m at the end. */
void msg_list_append(struct msg_list *l, struct msg *m);

/*
 * The link (in the list) to the message msgrcv takes for want: 0 the
 * first; > 0 the first of type want (with except: the first of another
 * type); < 0 the first of the lowest type at most -want. NULL: none.
 */
struct msg **msg_list_find(struct msg_list *l, long want, int except);

/* Take the message *link out of the list and return it. */
struct msg *msg_list_unlink(struct msg_list *l, struct msg **link);

#endif /* IPC_MSG_QUEUE_H_ */
