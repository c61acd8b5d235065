/*
 * modules/mem/zone/zone_debug.c - debug mode of the zone allocator.
 *
 * With debug on, every object of a general or caller cache is laid out as
 *
 *     [ header: state, size, free caller, guard ][ object ][ red zone ]
 *       ZONE_DBG_FRONT bytes (more if aligned)     objsize    ZONE_RZ
 *
 * and the bytes between the size the caller asked for and the end of the
 * red zone are ZONE_RZ_BYTE. Free checks, in this order: the address is an
 * object of that cache (the slab is looked up in the slab hash, never read
 * blindly), it is live (a free one is a double free), the guard before it
 * (underrun) and the red zone after it (overrun). Then the object is
 * filled with ZONE_POISON and the caller is recorded; allocation checks the
 * poison (a write after free names the caller of the free that preceded it).
 * Caches with a constructor are not poisoned: their free objects keep their
 * constructed state by design. Internal caches have no checks.
 *
 * Every fault goes to the backend's fatal hook with a message naming the
 * fault, the address and the cache; the hook is called with no lock held.
 * If the hook returns, the operation is dropped (the object is leaked).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/string.h>

#include "zone.h"

#define ZONE_LIVE 0x4c495645U /* "LIVE" */
#define ZONE_FREE 0x46524545U /* "FREE" */

/* What the ZONE_DBG_FRONT bytes before an object hold. */
struct zone_dbg_hdr {
	uint32_t state;	   /* ZONE_LIVE or ZONE_FREE */
	uint32_t size;	   /* bytes the caller asked for */
	uintptr_t caller;  /* who freed it last */
	uint8_t guard[16]; /* ZONE_RZ_BYTE */
};

_Static_assert(sizeof(struct zone_dbg_hdr) == ZONE_DBG_FRONT, "debug header size");

static struct zone_dbg_hdr *zone_dbg_hdr(void *obj)
{
	return (struct zone_dbg_hdr *)((char *)obj - ZONE_DBG_FRONT);
}

/* Offset of the first byte in [p, p + len) that is not @byte, or len. */
static size_t zone_dbg_scan(const void *p, size_t len, uint8_t byte)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		if (b[i] != byte)
			return i;
	}
	return len;
}

void zone_dbg_fatal(uintptr_t caller, const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zone_st.be->fatal(msg, caller);
}

void zone_dbg_init_obj(const struct zone_cache *c, void *obj)
{
	struct zone_dbg_hdr *h = zone_dbg_hdr(obj);

	h->state = ZONE_FREE;
	h->size = 0;
	h->caller = 0;
	memset(h->guard, ZONE_RZ_BYTE, sizeof(h->guard));
	if (!c->ctor)
		memset(obj, ZONE_POISON, c->objsize);
	memset((char *)obj + c->objsize, ZONE_RZ_BYTE, ZONE_RZ);
}

bool zone_dbg_alloc(const struct zone_cache *c, void *obj, size_t size)
{
	struct zone_dbg_hdr *h = zone_dbg_hdr(obj);
	size_t bad = c->ctor ? c->objsize : zone_dbg_scan(obj, c->objsize, ZONE_POISON);

	if (h->state != ZONE_FREE || bad < c->objsize) {
		zone_dbg_fatal(h->caller,
			       "write after free to %p (byte %zu) in cache %s, "
			       "freed by %p",
			       obj, bad < c->objsize ? bad : 0, c->name, (void *)h->caller);
		return false;
	}
	h->state = ZONE_LIVE;
	h->size = (uint32_t)size;
	memset((char *)obj + size, ZONE_RZ_BYTE, c->objsize + ZONE_RZ - size);
	return true;
}

/* Is @obj the start of an object of @c? */
static bool zone_dbg_owned(const struct zone_cache *c, void *obj)
{
	uintptr_t a = (uintptr_t)obj;
	struct zone_slab *s = zone_slab_find(a & ~(zone_slab_bytes(c) - 1));
	size_t off;

	if (!s || s->cache != c || a < (uintptr_t)s + c->first + c->front)
		return false;
	off = a - (uintptr_t)s - c->first - c->front;
	return off % c->stride == 0 && off + c->stride <= zone_slab_bytes(c) - c->first;
}

/* Check the state and red zones of a live object; report and fail if not sound. */
static bool zone_dbg_check_live(const struct zone_cache *c, void *obj, uintptr_t caller)
{
	struct zone_dbg_hdr *h = zone_dbg_hdr(obj);
	size_t tail, bad;

	if (h->state == ZONE_FREE) {
		zone_dbg_fatal(caller, "double free of %p in cache %s (first freed by %p)", obj,
			       c->name, (void *)h->caller);
		return false;
	}
	if (h->state != ZONE_LIVE || h->size > c->objsize ||
	    zone_dbg_scan(h->guard, sizeof(h->guard), ZONE_RZ_BYTE) < sizeof(h->guard)) {
		zone_dbg_fatal(caller, "red zone underrun before %p in cache %s", obj, c->name);
		return false;
	}
	tail = c->objsize + ZONE_RZ - h->size;
	bad = zone_dbg_scan((char *)obj + h->size, tail, ZONE_RZ_BYTE);
	if (bad < tail) {
		zone_dbg_fatal(caller,
			       "red zone overrun after %p (%u bytes) at byte %zu in cache %s", obj,
			       h->size, h->size + bad, c->name);
		return false;
	}
	return true;
}

bool zone_dbg_free(const struct zone_cache *c, void *obj, uintptr_t caller)
{
	struct zone_dbg_hdr *h;

	if (!zone_dbg_owned(c, obj)) {
		zone_dbg_fatal(caller, "invalid free of %p: not an object of cache %s", obj,
			       c->name);
		return false;
	}
	if (!zone_dbg_check_live(c, obj, caller))
		return false;
	h = zone_dbg_hdr(obj);
	h->state = ZONE_FREE;
	h->caller = caller;
	if (!c->ctor)
		memset(obj, ZONE_POISON, c->objsize);
	memset((char *)obj + c->objsize, ZONE_RZ_BYTE, ZONE_RZ);
	return true;
}
