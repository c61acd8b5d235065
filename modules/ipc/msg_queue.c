/*
 * The message list of a System V queue (msg_queue.h). msgrcv's type rule
 * (POSIX msgrcv()): 0 takes the oldest message; a positive type the oldest
 * of that type; a negative one the oldest of the lowest type not above
 * its absolute value — so negative types serve as priorities.
 */
#include <stddef.h>

#include "msg_queue.h"

void msg_list_init(struct msg_list *l)
{
	l->head = NULL;
	l->tailp = &l->head;
}

void msg_list_append(struct msg_list *l, struct msg *m)
{
	m->next = NULL;
	*l->tailp = m;
	l->tailp = &m->next;
}

static int msg_match(const struct msg *m, long want, int except)
{
	if (want == 0)
		return 1;
	return except ? m->type != want : m->type == want;
}

struct msg **msg_list_find(struct msg_list *l, long want, int except)
{
	struct msg **link, **best = NULL;

	if (want >= 0) {
		for (link = &l->head; *link; link = &(*link)->next)
			if (msg_match(*link, want, except))
				return link;
		return NULL;
	}
	for (link = &l->head; *link; link = &(*link)->next) {
		long t = (*link)->type;

		/* -want cannot overflow: a long below LONG_MIN is not passed. */
		if (t <= -want && (best == NULL || t < (*best)->type))
			best = link;
	}
	return best;
}

struct msg *msg_list_unlink(struct msg_list *l, struct msg **link)
{
	struct msg *m = *link;

	*link = m->next;
	if (l->tailp == &m->next)
		l->tailp = link;
	m->next = NULL;
	return m;
}
