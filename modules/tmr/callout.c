/*
 * Callouts on a hashed timing wheel; callout.h has the contract.
 *
 * Invariants between calls: every callout on slot[i] has a deadline after
 * w->now and congruent to i modulo CALLOUT_SLOTS; every callout on w->due
 * has a deadline at or before w->now; every list is sorted by deadline, ties
 * in arming order (an insert goes after every equal deadline). Because all
 * deadlines on a slot are congruent, a slot's head is either exactly "its"
 * tick of the coming turn or at least one full turn away. That is what lets
 * callout_first() find the next deadline by looking at heads only.
 *
 * callout_advance() fires the overdue list first (all of it is earlier than
 * anything on the slots), then repeatedly asks callout_first() for the next
 * deadline up to the target, sets w->now to it and pops that tick's slot
 * while the head is due. Setting w->now before the callbacks run is what
 * sends anything they arm for "now or earlier" to the overdue list, where it
 * waits for the next advance instead of making this one loop forever. The
 * overdue list is detached into a local batch before it is fired for the
 * same reason.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "callout.h"

#define CALLOUT_MASK ((uint64_t)CALLOUT_SLOTS - 1)

static struct callout *callout_of(struct list_node *l)
{
	return list_entry(l, struct callout, link);
}

static uint64_t callout_link_when(const struct list_node *l)
{
	return list_entry(l, const struct callout, link)->when;
}

/* Take c off whatever list it is on (a slot, the overdue list or a batch). */
static void callout_unlink(struct callout_wheel *w, struct callout *c)
{
	list_del(&c->link);
	c->armed = 0;
	w->count--;
}

/* Hang c, whose deadline is set, on its list after every earlier or equal deadline. */
static void callout_insert(struct callout_wheel *w, struct callout *c)
{
	struct list_node *h, *pos;

	h = c->when > w->now ? &w->slot[c->when & CALLOUT_MASK] : &w->due;
	pos = h->next;
	while (pos != h && callout_link_when(pos) <= c->when)
		pos = pos->next;
	list_add_tail(pos, &c->link); /* before pos */
	c->armed = 1;
	w->count++;
}

void callout_wheel_init(struct callout_wheel *w, uint64_t now)
{
	for (unsigned i = 0; i < CALLOUT_SLOTS; i++)
		list_init(&w->slot[i]);
	list_init(&w->due);
	w->now = now;
	w->count = 0;
	w->advancing = 0;
}

int callout_arm(struct callout_wheel *w, struct callout *c, uint64_t when, uint64_t period,
		void (*fn)(struct callout *c, void *arg), void *arg)
{
	if (fn == NULL)
		return -EINVAL;
	if (c->armed)
		callout_unlink(w, c);
	c->when = when;
	c->period = period;
	c->overrun = 0;
	c->fn = fn;
	c->arg = arg;
	callout_insert(w, c);
	return 0;
}

int callout_cancel(struct callout_wheel *w, struct callout *c)
{
	if (!c->armed)
		return 0;
	callout_unlink(w, c);
	return 1;
}

/*
 * Find the earliest deadline on the slots if it is at or before limit
 * (limit >= w->now). Walk the ticks after now: the first slot whose head is
 * that very tick holds the minimum, since every head seen before it is at
 * least a turn away. Past one turn without a hit, every slot has been seen
 * and the minimum is the smallest head. So: O(min(limit - now, slots)).
 */
static bool callout_first(const struct callout_wheel *w, uint64_t limit, uint64_t *when)
{
	uint64_t span = limit - w->now;
	uint64_t best = UINT64_MAX;
	bool seen = false;

	for (uint64_t d = 1; d <= CALLOUT_SLOTS && d <= span; d++) {
		uint64_t t = w->now + d;
		const struct list_node *h = &w->slot[t & CALLOUT_MASK];

		if (list_empty(h))
			continue;
		if (callout_link_when(h->next) == t) {
			*when = t;
			return true;
		}
		if (callout_link_when(h->next) <= best) {
			best = callout_link_when(h->next);
			seen = true;
		}
	}
	if (span <= CALLOUT_SLOTS || !seen || best > limit)
		return false;
	*when = best;
	return true;
}

/*
 * Re-arm periodic c, which fell due during an advance to target, at its
 * first deadline after target in phase with the old ones:
 * target + period - (target - when) % period, which is when + period when
 * no deadline was missed. If that passes UINT64_MAX, c stays unarmed.
 */
static void callout_rearm(struct callout_wheel *w, struct callout *c, uint64_t target)
{
	uint64_t behind = target - c->when;
	uint64_t step = c->period - behind % c->period;

	c->overrun = behind / c->period;
	if (step > UINT64_MAX - target)
		return;
	c->when = target + step;
	callout_insert(w, c);
}

static void callout_fire(struct callout_wheel *w, struct callout *c, uint64_t target)
{
	void (*fn)(struct callout *, void *) = c->fn;
	void *arg = c->arg;

	callout_unlink(w, c);
	if (c->period != 0)
		callout_rearm(w, c, target);
	fn(c, arg);
}

/* Fire the callouts that were overdue when the advance began. */
static unsigned callout_fire_due(struct callout_wheel *w, uint64_t target)
{
	struct list_node batch;
	unsigned n = 0;

	list_init(&batch);
	list_splice_tail(&batch, &w->due);
	while (!list_empty(&batch)) {
		callout_fire(w, callout_of(batch.next), target);
		n++;
	}
	return n;
}

/* Fire the callouts of tick t == w->now; new ones for t go to the overdue list. */
static unsigned callout_fire_tick(struct callout_wheel *w, uint64_t t, uint64_t target)
{
	struct list_node *h = &w->slot[t & CALLOUT_MASK];
	unsigned n = 0;

	while (!list_empty(h) && callout_link_when(h->next) == t) {
		callout_fire(w, callout_of(h->next), target);
		n++;
	}
	return n;
}

unsigned callout_advance(struct callout_wheel *w, uint64_t now)
{
	uint64_t t;
	unsigned n;

	if (w->advancing)
		return 0;
	w->advancing = 1;
	if (now < w->now)
		now = w->now;
	n = callout_fire_due(w, now);
	while (callout_first(w, now, &t)) {
		w->now = t;
		n += callout_fire_tick(w, t, now);
	}
	w->now = now;
	w->advancing = 0;
	return n;
}

uint64_t callout_next(const struct callout_wheel *w)
{
	uint64_t t;

	if (!list_empty(&w->due))
		return callout_link_when(w->due.next);
	if (callout_first(w, UINT64_MAX, &t))
		return t;
	return UINT64_MAX;
}

unsigned callout_count(const struct callout_wheel *w)
{
	return w->count;
}
