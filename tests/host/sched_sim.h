/*
 * tests/host/sched_sim.h - a tick-driven model of the core's scheduling
 * loop, shared by test_sched_zero.c and test_sched_stride.c.
 *
 * It drives a struct sched_ops the way the core's mechanism does: pick a
 * thread, give it timer ticks until tick() asks for preemption (then
 * stopped() and enqueue() it again), let threads block after a burst of
 * ticks (stopped(), then enqueue() when their sleep ends) and preempt the
 * running thread when preempts() says a woken one should run. Thread
 * state (THR_READY, THR_RUNNING, THR_SLEEPING) is kept as the core would.
 * It also offers a small deterministic random generator for model tests.
 */
#ifndef TESTS_HOST_SCHED_SIM_H_
#define TESTS_HOST_SCHED_SIM_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/sched.h>
#include <kern/thr.h>

/* One simulated thread; t must stay the first member. */
struct sim_thr {
	struct thr t;
	long burst;   /* ticks it runs before blocking; 0 = CPU-bound */
	long sleep;   /* ticks it sleeps after each burst */
	long ran;     /* ticks run in the current burst */
	long wake_at; /* tick its sleep ends (while THR_SLEEPING) */
	long got;     /* ticks received in total */
};

/* The machine: the policy, its threads and the running one. */
struct sim {
	const struct sched_ops *ops;
	struct sim_thr *thr; /* array of n threads (owned by the caller) */
	size_t n;
	struct thr *cur;  /* running thread, NULL when none */
	long now;	  /* ticks elapsed */
	long idle;	  /* ticks with nothing to run */
	long switches;	  /* times a different thread was picked */
	struct thr *last; /* the thread picked last */
};

/* Fill t: class, nice, name "t<i>", then call ops->setup(). burst/sleep 0 (CPU-bound). */
void sim_thr_init(const struct sched_ops *ops, struct sim_thr *t, long id, long cls, long nice);

/* Start a run over n initialised threads: each becomes ready (enqueue), in array order. */
void sim_start(struct sim *s, const struct sched_ops *ops, struct sim_thr *thr, size_t n);

/* Run one tick; return the thread that ran it (NULL for an idle tick). */
struct sim_thr *sim_step(struct sim *s);

/* Run @ticks ticks. */
void sim_run(struct sim *s, long ticks);

/* Stop the run: every ready thread is dequeued, the running one stopped (left asleep). */
void sim_stop(struct sim *s);

/* Fixed-seed xorshift64 generator: the same sequence on every host. */
uint64_t sim_rand(uint64_t *state);

#endif /* TESTS_HOST_SCHED_SIM_H_ */
