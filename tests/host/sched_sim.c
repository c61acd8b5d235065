/*
 * tests/host/sched_sim.c - the core's scheduling loop, one tick at a time
 * (see sched_sim.h). Only the policy under test is real.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched_sim.h"

void sim_thr_init(const struct sched_ops *ops, struct sim_thr *t, long id, long cls, long nice)
{
	memset(t, 0, sizeof(*t));
	t->t.id = id;
	t->t.class = cls;
	t->t.nice = nice;
	t->t.state = THR_READY;
	snprintf(t->t.name, sizeof(t->t.name), "t%ld", id);
	ops->setup(&t->t);
}

void sim_start(struct sim *s, const struct sched_ops *ops, struct sim_thr *thr, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->ops = ops;
	s->thr = thr;
	s->n = n;
	for (size_t i = 0; i < n; i++) {
		thr[i].t.state = THR_READY;
		ops->enqueue(&thr[i].t);
	}
}

/* The running thread goes back to the run queue (preempted by the tick or a wakeup). */
static void sim_requeue(struct sim *s)
{
	s->ops->stopped(s->cur);
	s->cur->state = THR_READY;
	s->ops->enqueue(s->cur);
	s->cur = NULL;
}

static void sim_wake(struct sim *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct sim_thr *w = &s->thr[i];

		if (w->t.state != THR_SLEEPING || w->wake_at > s->now)
			continue;
		w->t.state = THR_READY;
		s->ops->enqueue(&w->t);
		if (s->cur && s->ops->preempts && s->ops->preempts(&w->t, s->cur))
			sim_requeue(s);
	}
}

static int sim_dispatch(struct sim *s)
{
	if (s->cur)
		return 1;
	s->cur = s->ops->pick();
	if (!s->cur)
		return 0;
	if (s->cur->state != THR_READY) {
		fprintf(stderr, "sim: picked %s in state %d\n", s->cur->name, (int)s->cur->state);
		abort();
	}
	s->cur->state = THR_RUNNING;
	if (s->cur != s->last)
		s->switches++;
	s->last = s->cur;
	return 1;
}

struct sim_thr *sim_step(struct sim *s)
{
	struct sim_thr *st;
	int preempt;

	sim_wake(s);
	if (!sim_dispatch(s)) {
		s->idle++;
		s->now++;
		return NULL;
	}
	st = (struct sim_thr *)s->cur;
	st->got++;
	st->ran++;
	s->cur->runtime++;
	preempt = s->ops->tick(s->cur);
	if (st->burst && st->ran >= st->burst) {
		st->ran = 0;
		s->ops->stopped(s->cur);
		s->cur->state = THR_SLEEPING;
		st->wake_at = s->now + 1 + st->sleep;
		s->cur = NULL;
	} else if (preempt) {
		sim_requeue(s);
	}
	s->now++;
	return st;
}

void sim_run(struct sim *s, long ticks)
{
	for (long i = 0; i < ticks; i++)
		sim_step(s);
}

void sim_stop(struct sim *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->thr[i].t.state == THR_READY)
			s->ops->dequeue(&s->thr[i].t);
	}
	if (s->cur) {
		s->ops->stopped(s->cur);
		s->cur->state = THR_SLEEPING;
		s->cur = NULL;
	}
}

uint64_t sim_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}
