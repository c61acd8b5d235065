/*
 * Host benchmark: the zone allocator (modules/mem/zone), TLSF
 * (modules/mem/tlsf), glibc malloc and the other C allocators Debian
 * packages (jemalloc, tcmalloc, mimalloc) on the same workloads. Prints
 * tables; asserts nothing (the machine is noisy: each cell is the best of
 * BENCH_REPEAT runs).
 *
 * - churn: a working set of 1024 64-byte blocks; each step frees a random
 *   one and allocates its replacement (1M pairs);
 * - mixed: the same with sizes uniform in 16..4096 bytes, with 1K, 16K
 *   and 256K live blocks (the growth of the cost with the live set);
 * - realloc: the mixed working set, each step resizing a random block
 *   (zone and TLSF have no realloc: allocate, copy, free, as a caller would);
 * - prod/cons: one thread allocates 64-byte blocks and passes them through
 *   a lock-free ring to another thread, which frees them (1M blocks);
 * - 4 threads: four churn loops at once, each on its own CPU index.
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
 *
 * The other columns run in child processes of their own: the C library's
 * malloc of this same program under LD_PRELOAD of jemalloc, tcmalloc or
 * mimalloc (checked with dladdr(), so a missing library is a "-", never
 * glibc under another name), and `zone (before)`, the program built
 * against the zone allocator of an older commit (argument --before PATH).
 * A child started with `--only NAME` prints "row <workload> <Mops/s>"
 * lines for one allocator.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mem/zone/zone.h>
#include <mem/tlsf/tlsf.h>

#ifndef BENCH_PAIRS
#define BENCH_PAIRS 1000000
#endif
#define BENCH_WS      1024
#define BENCH_WS_MAX  (256 * 1024)
#define BENCH_RING    1024
#define BENCH_THREADS 4
#define BENCH_REPEAT  3

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
	void *(*realloc)(void *p, size_t old, size_t size); /* NULL: alloc, copy, free */
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

static void *glibc_realloc(void *p, size_t old, size_t size)
{
	(void)old;
	return realloc(p, size);
}

/* TLSF's entry points are only reachable through its table: filled in by main(). */
static struct bench_alloc bench_allocs[] = {
	{ "zone", zone_start, zone_alloc, zone_free, zone_reap, backend_held, NULL },
	{ "tlsf", tlsf_start, NULL, NULL, tlsf_reap, backend_held, NULL },
	{ "glibc", glibc_start, malloc, glibc_free, glibc_stop, glibc_held, glibc_realloc },
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

static char *bench_slot[BENCH_WS_MAX];
static size_t bench_len[BENCH_WS_MAX];

static void *bench_resize(const struct bench_alloc *a, void *p, size_t old, size_t size)
{
	void *q;

	if (a->realloc)
		return a->realloc(p, old, size);
	q = a->alloc(size);
	memcpy(q, p, old < size ? old : size);
	a->free(p, 0);
	return q;
}

static void bench_churn(const struct bench_alloc *a, size_t lo, size_t hi, unsigned ws,
			struct bench_result *r)
{
	char **slot = bench_slot;
	size_t *len = bench_len;
	uint64_t s = 0x2545f4914f6cdd1dULL;
	size_t live = 0;
	double t0;

	for (unsigned i = 0; i < ws; i++) {
		len[i] = bench_size(bench_rng(&s), lo, hi);
		slot[i] = a->alloc(len[i]);
		slot[i][0] = 1;
		live += len[i];
	}
	t0 = bench_now();
	for (unsigned n = 0; n < BENCH_PAIRS; n++) {
		uint64_t x = bench_rng(&s);
		unsigned i = (unsigned)x % ws;

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
	for (unsigned i = 0; i < ws; i++)
		a->free(slot[i], 0);
}

/* Resize a random block of the mixed working set each step (one op each). */
static void bench_realloc(const struct bench_alloc *a, struct bench_result *r)
{
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	size_t live = 0;
	double t0;

	for (unsigned i = 0; i < BENCH_WS; i++) {
		bench_len[i] = bench_size(bench_rng(&s), 16, 4096);
		bench_slot[i] = a->alloc(bench_len[i]);
		bench_slot[i][0] = 1;
		live += bench_len[i];
	}
	t0 = bench_now();
	for (unsigned n = 0; n < BENCH_PAIRS; n++) {
		uint64_t x = bench_rng(&s);
		unsigned i = (unsigned)x % BENCH_WS;
		size_t len = bench_size(x, 16, 4096);

		bench_slot[i] = bench_resize(a, bench_slot[i], bench_len[i], len);
		bench_slot[i][len - 1] = 1;
		live += len - bench_len[i];
		bench_len[i] = len;
		if (live > r->peak_request)
			r->peak_request = live;
		if (!(n & 0xffff))
			bench_sample(a, r);
	}
	r->secs = bench_now() - t0;
	r->ops = BENCH_PAIRS;
	bench_sample(a, r);
	for (unsigned i = 0; i < BENCH_WS; i++)
		a->free(bench_slot[i], 0);
}

/* Four churn loops at once, each thread on its own CPU index. */
struct bench_thread {
	const struct bench_alloc *a;
	unsigned cpu;
};

static void *bench_churner(void *arg)
{
	const struct bench_thread *t = arg;
	char *slot[BENCH_WS];
	uint64_t s = 0x2545f4914f6cdd1dULL + t->cpu;

	bench_cpu_id = t->cpu;
	for (unsigned i = 0; i < BENCH_WS; i++) {
		slot[i] = t->a->alloc(64);
		slot[i][0] = 1;
	}
	for (unsigned n = 0; n < BENCH_PAIRS / BENCH_THREADS; n++) {
		unsigned i = (unsigned)bench_rng(&s) % BENCH_WS;

		t->a->free(slot[i], 0);
		slot[i] = t->a->alloc(64);
		slot[i][0] = 1;
	}
	for (unsigned i = 0; i < BENCH_WS; i++)
		t->a->free(slot[i], 0);
	return NULL;
}

static void bench_threads(const struct bench_alloc *a, struct bench_result *r)
{
	pthread_t tid[BENCH_THREADS];
	struct bench_thread t[BENCH_THREADS];
	double t0 = bench_now();

	for (unsigned i = 0; i < BENCH_THREADS; i++) {
		t[i] = (struct bench_thread){ .a = a, .cpu = i };
		pthread_create(&tid[i], NULL, bench_churner, &t[i]);
	}
	for (unsigned i = 0; i < BENCH_THREADS; i++)
		pthread_join(tid[i], NULL);
	r->secs = bench_now() - t0;
	r->ops = 2ULL * (BENCH_PAIRS / BENCH_THREADS) * BENCH_THREADS;
	r->peak_request = BENCH_THREADS * BENCH_WS * 64;
	bench_sample(a, r);
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

enum {
	BENCH_CHURN,
	BENCH_MIXED,
	BENCH_MIXED_16K,
	BENCH_MIXED_256K,
	BENCH_REALLOC,
	BENCH_PRODCONS,
	BENCH_THREADS4,
	BENCH_NWORK
};

static const char *const bench_work_names[BENCH_NWORK] = {
	"churn 64 B (ws 1K)",	      "mixed 16..4096 B (ws 1K)",   "mixed 16..4096 B (ws 16K)",
	"mixed 16..4096 B (ws 256K)", "realloc 16..4096 B (ws 1K)", "prod/cons 64 B, 2 threads",
	"churn 64 B, 4 threads",
};

/* What serves each workload in zone: its slabs, or the page backend. */
static const char *const bench_work_backend[BENCH_NWORK] = {
	"slabs (magazines)",	  "half slabs, half pages", "half slabs, half pages",
	"half slabs, half pages", "half slabs, half pages", "slabs, 2 CPUs",
	"slabs, 4 CPUs",
};

static void bench_run(const struct bench_alloc *a, int work, struct bench_result *r)
{
	*r = (struct bench_result){ 0 };
	a->start();
	switch (work) {
	case BENCH_CHURN:
		bench_churn(a, 64, 64, BENCH_WS, r);
		break;
	case BENCH_MIXED:
		bench_churn(a, 16, 4096, BENCH_WS, r);
		break;
	case BENCH_MIXED_16K:
		bench_churn(a, 16, 4096, 16 * 1024, r);
		break;
	case BENCH_MIXED_256K:
		bench_churn(a, 16, 4096, BENCH_WS_MAX, r);
		break;
	case BENCH_REALLOC:
		bench_realloc(a, r);
		break;
	case BENCH_PRODCONS:
		bench_prodcons(a, r);
		break;
	default:
		bench_threads(a, r);
		break;
	}
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

/* Best Mops/s of BENCH_REPEAT isolated runs; the overhead of the last. */
static double bench_cell(const struct bench_alloc *a, int work, double *over)
{
	double best = 0;

	for (int k = 0; k < BENCH_REPEAT; k++) {
		struct bench_result r;
		double m;

		bench_run_isolated(a, work, &r);
		m = (double)r.ops / r.secs / 1e6;
		if (m > best)
			best = m;
		*over = (double)r.peak_held / (double)r.peak_request;
	}
	return best;
}

/* The child of a column run elsewhere: one allocator, rows on stdout. */
static int bench_only(const char *name, const char *lib)
{
	Dl_info info;

	if (lib &&
	    (!dladdr((void *)malloc, &info) || !info.dli_fname || !strstr(info.dli_fname, lib)))
		return 2; /* the preload did not take: not that allocator */
	for (unsigned i = 0; i < sizeof(bench_allocs) / sizeof(bench_allocs[0]); i++) {
		double over;

		if (strcmp(bench_allocs[i].name, name) != 0)
			continue;
		for (int w = 0; w < BENCH_NWORK; w++)
			printf("row %d %.3f\n", w, bench_cell(&bench_allocs[i], w, &over));
		return 0;
	}
	return 1;
}

enum { BENCH_NLOCAL = 3, BENCH_NCOL = 7 };

/* Columns beyond this program's own: another binary, or a preloaded malloc. */
static const struct {
	const char *title, *only, *preload;
} bench_ext[BENCH_NCOL - BENCH_NLOCAL] = {
	{ "zone (before)", "zone", NULL },
	{ "jemalloc", "glibc", "libjemalloc.so.2" },
	{ "tcmalloc", "glibc", "libtcmalloc_minimal.so.4" },
	{ "mimalloc", "glibc", "libmimalloc.so.2" },
};

/* Run one external column; its cells stay 0 (printed "-") if it cannot run. */
static void bench_external(const char *self, const char *before, unsigned e, double *mops)
{
	const char *prog = bench_ext[e].preload ? self : before;
	char cmd[1024];
	FILE *f;
	int w;
	double m;

	if (prog == NULL)
		return;
	snprintf(cmd, sizeof(cmd), "%s%s %s --only %s 2>/dev/null",
		 bench_ext[e].preload ? "LD_PRELOAD=" : "",
		 bench_ext[e].preload ? bench_ext[e].preload : "", prog, bench_ext[e].only);
	fflush(stdout);
	f = popen(cmd, "r");
	if (f == NULL)
		return;
	while (fscanf(f, "row %d %lf\n", &w, &m) == 2)
		if (w >= 0 && w < BENCH_NWORK)
			mops[w] = m;
	pclose(f);
}

static void bench_cellstr(char *buf, size_t n, double v, const char *fmt)
{
	if (v > 0)
		snprintf(buf, n, fmt, v);
	else
		snprintf(buf, n, "-");
}

static void bench_tables(double mops[BENCH_NCOL][BENCH_NWORK], double over[][BENCH_NWORK])
{
	static const char *const col[BENCH_NCOL] = { "zone",	      "tlsf",	  "glibc",
						     "zone (before)", "jemalloc", "tcmalloc",
						     "mimalloc" };
	char c[16];

	printf("allocators: Mops/s (alloc + free, best of %d; realloc: resizes)\n", BENCH_REPEAT);
	printf("| %-28s | %-22s |", "workload", "zone's backend");
	for (int i = 0; i < BENCH_NCOL; i++)
		printf(" %13s |", col[i]);
	printf("\n|------------------------------|------------------------|");
	for (int i = 0; i < BENCH_NCOL; i++)
		printf("---------------|");
	printf("\n");
	for (int w = 0; w < BENCH_NWORK; w++) {
		printf("| %-28s | %-22s |", bench_work_names[w], bench_work_backend[w]);
		for (int i = 0; i < BENCH_NCOL; i++) {
			bench_cellstr(c, sizeof(c), mops[i][w], "%.1f");
			printf(" %13s |", c);
		}
		printf("\n");
	}
	printf("\nzone ÷ each (speed ratio, same run; above 1: zone is faster) and memory overhead "
	       "(peak held / peak requested)\n");
	printf("| %-28s |", "workload");
	for (int i = 1; i < BENCH_NCOL; i++)
		printf(" %13s |", col[i]);
	printf(" %8s | %8s | %9s |\n|------------------------------|", "zone mem", "tlsf mem",
	       "glibc mem");
	for (int i = 1; i < BENCH_NCOL; i++)
		printf("---------------|");
	printf("----------|----------|-----------|\n");
	for (int w = 0; w < BENCH_NWORK; w++) {
		printf("| %-28s |", bench_work_names[w]);
		for (int i = 1; i < BENCH_NCOL; i++) {
			bench_cellstr(c, sizeof(c), mops[i][w] > 0 ? mops[0][w] / mops[i][w] : 0,
				      "%.2f");
			printf(" %13s |", c);
		}
		printf(" %8.2f | %8.2f | %9.2f |\n", over[0][w], over[1][w], over[2][w]);
	}
}

int main(int argc, char **argv)
{
	static double mops[BENCH_NCOL][BENCH_NWORK], over[BENCH_NLOCAL][BENCH_NWORK];
	const char *before = NULL;

	bench_allocs[1].alloc = tlsf_mem_ops.alloc;
	bench_allocs[1].free = tlsf_mem_ops.free;
	if (argc == 3 && strcmp(argv[1], "--only") == 0)
		return bench_only(argv[2], getenv("LD_PRELOAD"));
	if (argc == 3 && strcmp(argv[1], "--before") == 0)
		before = argv[2];
	for (int i = 0; i < BENCH_NLOCAL; i++)
		for (int w = 0; w < BENCH_NWORK; w++)
			mops[i][w] = bench_cell(&bench_allocs[i], w, &over[i][w]);
	for (unsigned e = 0; e < BENCH_NCOL - BENCH_NLOCAL; e++)
		bench_external(argv[0], before, e, mops[BENCH_NLOCAL + e]);
	bench_tables(mops, over);
	return 0;
}
