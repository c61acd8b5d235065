/*
 * Host benchmark: the zone allocator (modules/mem), TLSF (modules/mem/tlsf)
 * and glibc malloc on three workloads. Prints one table; asserts nothing
 * (the machine is noisy: each cell is the best of BENCH_REPEAT runs).
 *
 * - churn: a working set of 1024 64-byte blocks; each step frees a random
 *   one and allocates its replacement (1M pairs);
 * - mixed: the same with sizes uniform in 16..4096 bytes;
 * - prod/cons: one thread allocates 64-byte blocks and passes them through
 *   a lock-free ring to another thread, which frees them (1M blocks).
 *
 * Every allocated block gets one byte written, as a caller would. Each run
 * happens in a child process of its own, so every allocator starts from a
 * fresh heap. Our two allocators get pages from a backend of aligned host
 * memory that counts bytes held (exact peak); glibc's holding is sampled
 * with mallinfo2() (arena + mmapped, so its initial 132 KiB arena counts)
 * every 64K steps. Overhead = peak bytes held / peak bytes
 * requested (1.00 would be perfect). The zone allocator runs with real
 * locks (pthread mutexes in its lock words) and a per-thread CPU index;
 * TLSF has one mutex.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mem/zone/zone.h>
#include <mem/tlsf/tlsf.h>

#ifndef BENCH_PAIRS
#define BENCH_PAIRS 1000000
#endif
#define BENCH_WS     1024
#define BENCH_RING   1024
#define BENCH_REPEAT 3

_Static_assert(sizeof(pthread_mutex_t) <= 8 * sizeof(long), "mutex fits a lock word");

/* ---- backend and locks ---- */

static atomic_size_t bench_held, bench_peak;

static void *bench_pages_alloc(unsigned order)
{
	size_t bytes = 4096UL << order;
	void *p = aligned_alloc(bytes, bytes);
	size_t held, peak;

	if (!p)
		return NULL;
	held = atomic_fetch_add(&bench_held, bytes) + bytes;
	peak = atomic_load(&bench_peak);
	while (held > peak && !atomic_compare_exchange_weak(&bench_peak, &peak, held))
		;
	return p;
}

static void bench_pages_free(void *p, unsigned order)
{
	atomic_fetch_sub(&bench_held, 4096UL << order);
	free(p);
}

static void bench_fatal(const char *what, uintptr_t caller)
{
	fprintf(stderr, "bench_mem: allocator fatal: %s (caller %#lx)\n", what,
		(unsigned long)caller);
	abort();
}

static const struct mem_backend bench_backend = {
	.pages_alloc = bench_pages_alloc,
	.pages_free = bench_pages_free,
	.fatal = bench_fatal,
};

static _Thread_local unsigned bench_cpu_id;

static void bench_lock(void *lk)
{
	pthread_mutex_lock(lk);
}

static void bench_unlock(void *lk)
{
	pthread_mutex_unlock(lk);
}

static unsigned bench_cpu(void)
{
	return bench_cpu_id;
}

static const struct zone_sync bench_zone_sync = { .lock = bench_lock,
						  .unlock = bench_unlock,
						  .cpu = bench_cpu };
static const struct tlsf_sync bench_tlsf_sync = { .lock = bench_lock, .unlock = bench_unlock };

/* ---- the three allocators behind one interface ---- */

struct bench_alloc {
	const char *name;
	void (*start)(void);
	void *(*alloc)(size_t size);
	void (*free)(void *p, uintptr_t caller);
	void (*stop)(void);
	size_t (*held)(void);
};

static void zone_start(void)
{
	zone_setup(&bench_backend, &bench_zone_sync, false);
}

static void tlsf_start(void)
{
	tlsf_setup(&bench_backend, &bench_tlsf_sync, false);
}

static size_t backend_held(void)
{
	return atomic_load(&bench_held);
}

static void glibc_start(void)
{
}

static void glibc_free(void *p, uintptr_t caller)
{
	(void)caller;
	free(p);
}

static void glibc_stop(void)
{
}

static size_t glibc_held(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.arena + mi.hblkhd;
}

/* TLSF's entry points are only reachable through its table: filled in by main(). */
static struct bench_alloc bench_allocs[] = {
	{ "zone", zone_start, zone_alloc, zone_free, zone_reap, backend_held },
	{ "tlsf", tlsf_start, NULL, NULL, tlsf_reap, backend_held },
	{ "glibc", glibc_start, malloc, glibc_free, glibc_stop, glibc_held },
};

/* ---- workloads ---- */

struct bench_result {
	double secs;	     /* wall time of the timed part */
	uint64_t ops;	     /* allocations + frees */
	size_t peak_request; /* most bytes live at once */
	size_t peak_held;    /* most bytes held above the level before */
};

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t bench_rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void bench_sample(const struct bench_alloc *a, struct bench_result *r)
{
	size_t h = a->held();

	if (h > r->peak_held)
		r->peak_held = h;
}

/* A size in [lo, hi] from 32 random bits: multiply and shift, no division. */
static size_t bench_size(uint64_t x, size_t lo, size_t hi)
{
	return lo + (size_t)(((x >> 32) * (hi - lo + 1)) >> 32);
}

/* Wait politely: the machine may have fewer free CPUs than threads. */
static void bench_pause(unsigned *spins)
{
	if (++*spins % 256 == 0)
		sched_yield();
}

static void bench_churn(const struct bench_alloc *a, size_t lo, size_t hi, struct bench_result *r)
{
	static char *slot[BENCH_WS];
	static size_t len[BENCH_WS];
	uint64_t s = 0x2545f4914f6cdd1dULL;
	size_t live = 0;
	double t0;

	for (unsigned i = 0; i < BENCH_WS; i++) {
		len[i] = bench_size(bench_rng(&s), lo, hi);
		slot[i] = a->alloc(len[i]);
		slot[i][0] = 1;
		live += len[i];
	}
	t0 = bench_now();
	for (unsigned n = 0; n < BENCH_PAIRS; n++) {
		uint64_t x = bench_rng(&s);
		unsigned i = (unsigned)x % BENCH_WS;

		a->free(slot[i], 0);
		live -= len[i];
		len[i] = bench_size(x, lo, hi);
		slot[i] = a->alloc(len[i]);
		slot[i][0] = 1;
		live += len[i];
		if (live > r->peak_request)
			r->peak_request = live;
		if (!(n & 0xffff))
			bench_sample(a, r);
	}
	r->secs = bench_now() - t0;
	r->ops = 2ULL * BENCH_PAIRS;
	bench_sample(a, r);
	for (unsigned i = 0; i < BENCH_WS; i++)
		a->free(slot[i], 0);
}

/* Single-producer single-consumer ring. */
static struct {
	char *slot[BENCH_RING];
	_Alignas(64) atomic_uint head; /* next to fill (producer) */
	_Alignas(64) atomic_uint tail; /* next to drain (consumer) */
	const struct bench_alloc *a;
} bench_ring;

static void *bench_consumer(void *arg)
{
	unsigned tail = 0, spins = 0;

	(void)arg;
	bench_cpu_id = 1;
	for (unsigned n = 0; n < BENCH_PAIRS; n++) {
		while (atomic_load_explicit(&bench_ring.head, memory_order_acquire) == tail)
			bench_pause(&spins);
		bench_ring.a->free(bench_ring.slot[tail % BENCH_RING], 0);
		atomic_store_explicit(&bench_ring.tail, ++tail, memory_order_release);
	}
	return NULL;
}

static void bench_prodcons(const struct bench_alloc *a, struct bench_result *r)
{
	pthread_t t;
	unsigned head = 0, spins = 0;
	double t0;

	bench_ring.a = a;
	atomic_store(&bench_ring.head, 0);
	atomic_store(&bench_ring.tail, 0);
	t0 = bench_now();
	pthread_create(&t, NULL, bench_consumer, NULL);
	for (unsigned n = 0; n < BENCH_PAIRS; n++) {
		char *p = a->alloc(64);

		p[0] = 1;
		while (head - atomic_load_explicit(&bench_ring.tail, memory_order_acquire) ==
		       BENCH_RING)
			bench_pause(&spins);
		bench_ring.slot[head % BENCH_RING] = p;
		atomic_store_explicit(&bench_ring.head, ++head, memory_order_release);
		if (!(n & 0xffff))
			bench_sample(a, r);
	}
	pthread_join(t, NULL);
	r->secs = bench_now() - t0;
	r->ops = 2ULL * BENCH_PAIRS;
	r->peak_request = (BENCH_RING + 2) * 64;
	bench_sample(a, r);
}

enum { BENCH_CHURN, BENCH_MIXED, BENCH_PRODCONS, BENCH_NWORK };

static const char *const bench_work_names[BENCH_NWORK] = {
	"churn 64 B (ws 1024)",
	"mixed 16..4096 B (ws 1024)",
	"prod/cons 64 B, 2 threads",
};

static void bench_run(const struct bench_alloc *a, int work, struct bench_result *r)
{
	*r = (struct bench_result){ 0 };
	a->start();
	if (work == BENCH_CHURN)
		bench_churn(a, 64, 64, r);
	else if (work == BENCH_MIXED)
		bench_churn(a, 16, 4096, r);
	else
		bench_prodcons(a, r);
	if (a->held == backend_held && atomic_load(&bench_peak) > r->peak_held)
		r->peak_held = atomic_load(&bench_peak);
	a->stop();
}

/* Run once in a child process, so that every run starts from a fresh heap. */
static void bench_run_isolated(const struct bench_alloc *a, int work, struct bench_result *r)
{
	int fd[2];
	pid_t pid;

	*r = (struct bench_result){ .secs = 1e9, .peak_request = 1 };
	if (pipe(fd))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		bench_run(a, work, r);
		_exit(write(fd[1], r, sizeof(*r)) == sizeof(*r) ? 0 : 1);
	}
	close(fd[1]);
	if (pid < 0 || read(fd[0], r, sizeof(*r)) != sizeof(*r))
		*r = (struct bench_result){ .secs = 1e9, .peak_request = 1 };
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(void)
{
	enum { NA = sizeof(bench_allocs) / sizeof(bench_allocs[0]) };

	bench_allocs[1].alloc = tlsf_mem_ops.alloc;
	bench_allocs[1].free = tlsf_mem_ops.free;
	printf("allocators: Mops/s (alloc + free, best of %d) and memory overhead "
	       "(peak held / peak requested)\n",
	       BENCH_REPEAT);
	printf("| %-28s | %8s | %8s | %8s | %8s | %8s | %8s |\n", "workload", "zone", "tlsf",
	       "glibc", "zone mem", "tlsf mem", "glibc mem");
	printf("|------------------------------|----------|----------|----------|"
	       "----------|----------|-----------|\n");
	for (int w = 0; w < BENCH_NWORK; w++) {
		double mops[NA], over[NA];

		for (int i = 0; i < NA; i++) {
			mops[i] = 0;
			for (int k = 0; k < BENCH_REPEAT; k++) {
				struct bench_result r;
				double m;

				bench_run_isolated(&bench_allocs[i], w, &r);
				m = (double)r.ops / r.secs / 1e6;
				if (m > mops[i])
					mops[i] = m;
				over[i] = (double)r.peak_held / (double)r.peak_request;
			}
		}
		printf("| %-28s | %8.1f | %8.1f | %8.1f | %8.2f | %8.2f | %9.2f |\n",
		       bench_work_names[w], mops[0], mops[1], mops[2], over[0], over[1], over[2]);
	}
	return 0;
}
