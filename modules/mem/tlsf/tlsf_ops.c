/*
 * modules/mem/tlsf/tlsf_ops.c - the TLSF allocator's struct mem_ops:
 * locking, object caches, counters and debug mode over the heap core.
 *
 * One lock covers everything (TLSF has no per-CPU layer). Object caches are
 * a name, a size, an alignment, a constructor and counters; their objects
 * are ordinary TLSF blocks. There are no slabs to keep objects constructed
 * in, so the constructor runs on every allocation (a caller may still rely
 * on getting a constructed object, which is what matters).
 *
 * Debug mode, as far as the design allows:
 * - each block is [ owner | size | (tag) | guard 8 ][ object ][ red zone >= 16 ],
 *   the owner being the cache (NULL for mem_alloc()), so freeing to the
 *   wrong cache is caught;
 * - free looks the address up in the heap (one area walked): outside any
 *   block or not a block start is an invalid free, inside a free block a
 *   double free; then guard (underrun) and red zone (overrun) are checked;
 * - freed payloads are poisoned (the heap keeps merged blocks poisoned) and
 *   each allocation checks the bytes it hands out: a write after free is
 *   reported, naming the caller of the free that last produced that block
 *   (after merges that may be a neighbour's free).
 * Without debug, a free of a block already marked free is still reported.
 * Every report reaches the backend's fatal hook with no lock held.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/list.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "tlsf.h"

#define TLSF_DBG_FRONT 32
#define TLSF_RZ	       16
#define TLSF_RZ_BYTE   0xbb

/* The TLSF_DBG_FRONT bytes before an object in debug mode. */
struct tlsf_dbg_hdr {
	const struct tlsf_cache *owner; /* cache, or NULL for mem_alloc() */
	uint64_t size;			/* bytes asked for */
	uintptr_t tag;			/* the heap's tag slot (used when free) */
	uint8_t guard[8];		/* TLSF_RZ_BYTE */
};

_Static_assert(sizeof(struct tlsf_dbg_hdr) == TLSF_DBG_FRONT, "debug header size");

struct tlsf_cache {
	struct list_node link; /* on tlsf_st.caches */
	size_t size;
	size_t align;
	void (*ctor)(void *obj);
	uint64_t allocs;
	uint64_t frees;
	char name[MEM_NAME_MAX];
};

static struct {
	const struct mem_backend *be;
	const struct tlsf_sync *sync;
	bool debug;
	long lk[8];
	struct list_node caches; /* newest first */
	unsigned ncaches;
	uint64_t allocs;
	uint64_t frees;
	uint64_t bytes_in_use;
} tlsf_st;

static void tlsf_lock(void)
{
	tlsf_st.sync->lock(tlsf_st.lk);
}

static void tlsf_unlock(void)
{
	tlsf_st.sync->unlock(tlsf_st.lk);
}

static void tlsf_fatal(uintptr_t caller, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void tlsf_fatal(uintptr_t caller, const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tlsf_st.be->fatal(msg, caller);
}

static const char *tlsf_name(const struct tlsf_cache *c)
{
	return c ? c->name : "mem_alloc";
}

/* Offset of the first byte in [p, p + len) that is not @byte, or len. */
static size_t tlsf_scan(const void *p, size_t len, uint8_t byte)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		if (b[i] != byte)
			return i;
	}
	return len;
}

int tlsf_setup(const struct mem_backend *be, const struct tlsf_sync *sync, bool debug)
{
	if (!be || !be->pages_alloc || !be->pages_free || !be->fatal || !sync || !sync->lock ||
	    !sync->unlock)
		return -EINVAL;
	memset(&tlsf_st, 0, sizeof(tlsf_st));
	list_init(&tlsf_st.caches);
	tlsf_st.be = be;
	tlsf_st.sync = sync;
	tlsf_st.debug = debug;
	tlsf_heap_init(be, debug);
	return 0;
}

void tlsf_reap(void)
{
	tlsf_lock();
	tlsf_heap_trim();
	tlsf_unlock();
}

/* Debug: check the poison of a new block and set up its header and red zone. */
static bool tlsf_dbg_alloc(void *pl, size_t size, const struct tlsf_cache *owner)
{
	struct tlsf_dbg_hdr *h = pl;
	size_t usable = tlsf_heap_usable(pl);
	size_t len = usable - TLSF_POISON_SKIP;
	size_t bad = tlsf_scan((char *)pl + TLSF_POISON_SKIP, len, TLSF_POISON);

	if (bad < len) {
		tlsf_fatal(h->tag,
			   "write after free to %p (byte %zu of the block) in %s, "
			   "freed by %p",
			   (char *)pl + TLSF_DBG_FRONT, bad + TLSF_POISON_SKIP, tlsf_name(owner),
			   (void *)h->tag);
		return false;
	}
	h->owner = owner;
	h->size = size;
	h->tag = 0;
	memset(h->guard, TLSF_RZ_BYTE, sizeof(h->guard));
	memset((char *)pl + TLSF_DBG_FRONT + size, TLSF_RZ_BYTE, usable - TLSF_DBG_FRONT - size);
	return true;
}

/* Debug: the payload of a block being freed, or NULL after reporting. */
static void *tlsf_dbg_free(void *obj, const struct tlsf_cache *owner, uintptr_t caller)
{
	void *pl = NULL;
	enum tlsf_where w;
	struct tlsf_dbg_hdr *h;
	size_t tail, bad;

	tlsf_lock();
	w = tlsf_heap_locate(obj, &pl);
	tlsf_unlock();
	if (w == TLSF_IN_FREE) {
		tlsf_fatal(caller, "double free of %p in %s", obj, tlsf_name(owner));
		return NULL;
	}
	h = pl;
	if (w == TLSF_OUTSIDE || (char *)obj != (char *)pl + TLSF_DBG_FRONT || h->owner != owner) {
		tlsf_fatal(caller, "invalid free of %p: not a block of %s", obj, tlsf_name(owner));
		return NULL;
	}
	tail = tlsf_heap_usable(pl) - TLSF_DBG_FRONT - h->size;
	if (tlsf_scan(h->guard, sizeof(h->guard), TLSF_RZ_BYTE) < sizeof(h->guard)) {
		tlsf_fatal(caller, "red zone underrun before %p in %s", obj, tlsf_name(owner));
		return NULL;
	}
	bad = tlsf_scan((char *)obj + h->size, tail, TLSF_RZ_BYTE);
	if (bad < tail) {
		tlsf_fatal(caller, "red zone overrun after %p (%lu bytes) at byte %lu in %s", obj,
			   (unsigned long)h->size, (unsigned long)(h->size + bad),
			   tlsf_name(owner));
		return NULL;
	}
	return pl;
}

static void *tlsf_user_alloc(size_t size, size_t align, struct tlsf_cache *owner)
{
	size_t off = tlsf_st.debug ? TLSF_DBG_FRONT : 0;
	size_t need = tlsf_st.debug ? TLSF_DBG_FRONT + size + TLSF_RZ : size;
	void *pl;

	if (size > TLSF_MAX_SIZE)
		return NULL;
	tlsf_lock();
	pl = tlsf_heap_alloc(need, align, off);
	if (pl) {
		tlsf_st.allocs++;
		tlsf_st.bytes_in_use += tlsf_st.debug ? size : tlsf_heap_usable(pl);
		if (owner)
			owner->allocs++;
	}
	tlsf_unlock();
	if (!pl || (tlsf_st.debug && !tlsf_dbg_alloc(pl, size, owner)))
		return NULL;
	return (char *)pl + off;
}

static void tlsf_user_free(void *obj, struct tlsf_cache *owner, uintptr_t caller)
{
	void *pl = obj;

	if (tlsf_st.debug) {
		pl = tlsf_dbg_free(obj, owner, caller);
		if (!pl)
			return;
	}
	tlsf_lock();
	if (tlsf_heap_is_free(pl)) {
		tlsf_unlock();
		tlsf_fatal(caller, "double free of %p in %s", obj, tlsf_name(owner));
		return;
	}
	tlsf_st.frees++;
	tlsf_st.bytes_in_use -=
	    tlsf_st.debug ? ((struct tlsf_dbg_hdr *)pl)->size : tlsf_heap_usable(pl);
	if (owner)
		owner->frees++;
	tlsf_heap_free(pl, caller);
	tlsf_unlock();
}

static void *tlsf_ops_alloc(size_t size)
{
	return tlsf_user_alloc(size, size >= PAGE_SIZE ? PAGE_SIZE : TLSF_ALIGN, NULL);
}

static void tlsf_ops_free(void *p, uintptr_t caller)
{
	if (p)
		tlsf_user_free(p, NULL, caller);
}

static struct tlsf_cache *tlsf_of(struct mem_cache *c)
{
	return (struct tlsf_cache *)(void *)c;
}

static struct mem_cache *tlsf_ops_cache_create(const char *name, size_t size, size_t align,
					       void (*ctor)(void *obj))
{
	struct tlsf_cache *c;

	if (!name || !size || size > TLSF_MAX_SIZE || (align & (align - 1)) || align > PAGE_SIZE)
		return NULL;
	tlsf_lock();
	c = tlsf_heap_alloc(sizeof(*c), TLSF_ALIGN, 0);
	if (c) {
		*c = (struct tlsf_cache){ .size = size, .ctor = ctor };
		c->align = align > TLSF_ALIGN ? align : TLSF_ALIGN;
		for (size_t i = 0; i < MEM_NAME_MAX - 1 && name[i]; i++)
			c->name[i] = name[i];
		list_add_head(&tlsf_st.caches, &c->link);
		tlsf_st.ncaches++;
	}
	tlsf_unlock();
	return (struct mem_cache *)(void *)c;
}

static int tlsf_ops_cache_destroy(struct mem_cache *mc)
{
	struct tlsf_cache *c = tlsf_of(mc);
	int rc = -EBUSY;

	tlsf_lock();
	if (c->allocs == c->frees) {
		list_del(&c->link);
		tlsf_st.ncaches--;
		tlsf_heap_free(c, 0);
		rc = 0;
	}
	tlsf_unlock();
	return rc;
}

static void *tlsf_ops_cache_alloc(struct mem_cache *mc)
{
	struct tlsf_cache *c = tlsf_of(mc);
	void *obj = tlsf_user_alloc(c->size, c->align, c);

	if (obj && c->ctor)
		c->ctor(obj);
	return obj;
}

static void tlsf_ops_cache_free(struct mem_cache *mc, void *obj, uintptr_t caller)
{
	if (obj)
		tlsf_user_free(obj, tlsf_of(mc), caller);
}

static unsigned tlsf_ops_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	struct list_node *pos, *tmp;
	unsigned n = 0;

	memset(info, 0, sizeof(*info));
	memcpy(info->allocator, "tlsf", 5);
	tlsf_lock();
	info->bytes_in_use = tlsf_st.bytes_in_use;
	info->bytes_held = tlsf_heap_held();
	info->allocs = tlsf_st.allocs;
	info->frees = tlsf_st.frees;
	info->ncaches = tlsf_st.ncaches;
	list_for_each_safe(pos, tmp, &tlsf_st.caches)
	{
		const struct tlsf_cache *c = list_entry(pos, struct tlsf_cache, link);
		struct mem_cache_info *out;

		if (!caches || n >= max)
			break;
		out = &caches[n++];
		memcpy(out->name, c->name, sizeof(out->name));
		out->objsize = (c->size + c->align - 1) & ~(c->align - 1);
		out->in_use = c->allocs - c->frees;
		out->capacity = out->in_use;
	}
	tlsf_unlock();
	return n;
}

const struct mem_ops tlsf_mem_ops = {
	.version = MEM_OPS_VERSION,
	.cache_create = tlsf_ops_cache_create,
	.cache_destroy = tlsf_ops_cache_destroy,
	.cache_alloc = tlsf_ops_cache_alloc,
	.cache_free = tlsf_ops_cache_free,
	.alloc = tlsf_ops_alloc,
	.free = tlsf_ops_free,
	.info = tlsf_ops_info,
};
