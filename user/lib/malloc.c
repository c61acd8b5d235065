/*
 * malloc: size classes over the heap, large blocks over map().
 *
 * Every chunk starts with a 16-byte header (so user pointers stay 16-byte
 * aligned): a magic word saying whether it is in use, free, large or an
 * aligned stand-in, its class and its size. Small chunks (up to 128 KiB
 * with the header) come from one of 36 classes spaced about 25% apart;
 * freed ones go on their class's list and are reused first, never given
 * back. A new chunk is cut from the heap's current run, which grows by at
 * least 64 KiB at a time (__mem_grow(), the break). Larger requests get
 * their own map()ed pages and go back with umap() when freed. free() of a
 * pointer that is not a live chunk (never allocated, freed twice) aborts.
 * One lock covers the lists and the run.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libc.h"

#define HDR	    16
#define MAGIC_USED  0x5a5ec0deu
#define MAGIC_FREE  0xf7eef7eeu
#define MAGIC_LARGE 0x1a76eb10u
#define MAGIC_ALIGN 0xa119bedu
#define RUN_MIN	    (64 * 1024)
#define PAGE	    4096

struct hdr {
	uint32_t magic;
	uint32_t cls;  /* class index (small), or 0 */
	uint64_t size; /* bytes of the chunk with the header; for ALIGN the offset back */
};

static const uint32_t class_size[] = {
	32,    48,    64,    80,    96,	   128,	  160,	 192,	256,   320,   384,   512,
	640,   768,   1024,  1280,  1536,  2048,  2560,	 3072,	4096,  5120,  6144,  8192,
	10240, 12288, 16384, 20480, 24576, 32768, 40960, 49152, 65536, 81920, 98304, 131072,
};
#define NCLASS (sizeof(class_size) / sizeof(class_size[0]))

static void *free_list[NCLASS];
static char *run, *run_end;
static volatile int heap_lock;

static int class_of(size_t total)
{
	unsigned lo = 0, hi = NCLASS;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (class_size[mid] < total)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NCLASS ? (int)lo : -1;
}

/* Cut n bytes from the run, growing it (or starting a new one) as needed. */
static void *cut(size_t n)
{
	char *p;

	if ((size_t)(run_end - run) < n) {
		size_t grow = n > RUN_MIN ? (n + PAGE - 1) & ~(size_t)(PAGE - 1) : RUN_MIN;
		char *more = __mem_grow(grow);
		if (!more)
			return NULL;
		if (more != run_end)
			run = more; /* not contiguous: the old run's tail is left unused */
		run_end = more + grow;
	}
	p = run;
	run += n;
	return p;
}

static void *small_alloc(int c)
{
	struct hdr *h;

	__lock(&heap_lock);
	h = free_list[c];
	if (h)
		free_list[c] = *(void **)(h + 1);
	else
		h = cut(class_size[c]);
	__unlock(&heap_lock);
	if (!h)
		return NULL;
	h->magic = MAGIC_USED;
	h->cls = (uint32_t)c;
	h->size = class_size[c];
	return h + 1;
}

static void *large_alloc(size_t n)
{
	size_t len = (n + HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct hdr *h;

	if (len < n)
		return NULL;
	h = __mem_map(len);
	if (!h)
		return NULL;
	h->magic = MAGIC_LARGE;
	h->cls = 0;
	h->size = len;
	return h + 1;
}

void *malloc(size_t n)
{
	int c = n <= class_size[NCLASS - 1] - HDR ? class_of(n + HDR) : -1;
	void *p = c >= 0 ? small_alloc(c) : n < (size_t)-1 / 2 ? large_alloc(n) : NULL;

	if (!p)
		errno = ENOMEM;
	return p;
}

/* The header of a live chunk, through an aligned stand-in if there is one. */
static struct hdr *chunk(void *p, const char *what)
{
	struct hdr *h = (struct hdr *)p - 1;

	if (((uintptr_t)p & 15) != 0)
		__mem_fail(what);
	if (h->magic == MAGIC_ALIGN)
		h = (struct hdr *)((char *)h - h->size);
	if (h->magic != MAGIC_USED && h->magic != MAGIC_LARGE)
		__mem_fail(what);
	return h;
}

void free(void *p)
{
	struct hdr *h;

	if (!p)
		return;
	h = chunk(p, "free()");
	if (h->magic == MAGIC_LARGE) {
		h->magic = 0;
		__mem_unmap(h, h->size);
		return;
	}
	h->magic = MAGIC_FREE;
	__lock(&heap_lock);
	*(void **)(h + 1) = free_list[h->cls];
	free_list[h->cls] = h;
	__unlock(&heap_lock);
}

size_t malloc_usable_size(void *p)
{
	struct hdr *h;

	if (!p)
		return 0;
	h = chunk(p, "malloc_usable_size()");
	return h->size - HDR - (size_t)((char *)p - (char *)(h + 1));
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	size_t have;
	void *q;

	if (!p)
		return malloc(n);
	have = malloc_usable_size(p);
	if (n <= have && (n >= have / 2 || have <= 64))
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, n < have ? n : have);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, nmemb * size);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	char *p, *a;
	struct hdr *h;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (align <= HDR) {
		*out = malloc(n);
		return *out ? 0 : ENOMEM;
	}
	if (n > (size_t)-1 / 2 || !(p = malloc(n + align + HDR)))
		return ENOMEM;
	a = (char *)(((uintptr_t)p + HDR + align - 1) & ~(uintptr_t)(align - 1));
	h = (struct hdr *)a - 1;
	h->magic = MAGIC_ALIGN;
	h->cls = 0;
	h->size = (uint64_t)((char *)h - ((char *)p - HDR));
	*out = a;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p;
	int e = posix_memalign(&p, align, n);

	if (e) {
		errno = e;
		return NULL;
	}
	return p;
}
