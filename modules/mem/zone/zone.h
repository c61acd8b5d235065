/**
 * @file mem/zone/zone.h
 * @brief Private interface of the zone allocator, the default `mem` provider:
 *        slabs, per-CPU magazines with a depot, object caches, general
 *        allocation and the debug checks.
 * @ingroup mem
 *
 * Layers, from the caller down (Bonwick & Adams 2001):
 * - the **magazine layer**: each CPU has a loaded and a previous magazine
 *   (arrays of free objects) per cache; allocation pops, free pushes, with no
 *   lock, no division and no search;
 * - the **depot**: per cache, lists of full and empty magazines, exchanged
 *   with the CPUs under the cache lock;
 * - the **slab layer**: page-aligned blocks of 2^order pages carved into
 *   objects, with the slab header at the start of the block, so an object's
 *   slab is its address rounded down to the slab size.
 *
 * General allocation (zone_alloc()) uses eight caches "size-16" ... "size-2048"
 * whose slabs all have ZONE_GEN_ORDER; larger requests take pages from the
 * backend and are recorded in a hash table. General objects are never
 * page-aligned (such slots are left out when a slab is carved) and large
 * blocks always are, which is how zone_free() tells them apart.
 *
 * Locks: a per-CPU layer needs none (it is only touched by its CPU); each
 * cache has a lock for its depot and slabs; zone_st.list_lk protects the
 * cache list and zone_st.lk the slab hash, the large table and the page
 * count. Order: list_lk, then a cache lock, then lk. An all-zero lock object
 * must be a valid unlocked lock. Debug reports (backend fatal()) are made
 * with no lock held.
 */
#ifndef MEM_ZONE_H_
#define MEM_ZONE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/list.h>

#include <kern/mem.h>

/** Number of per-CPU magazine slots; zone_sync.cpu() must return less. */
#define ZONE_NCPU 8
/** Objects one magazine holds (the magazine is then 256 bytes). */
#define ZONE_MAG_ROUNDS 31
/** Mask of the offset inside a page. */
#define ZONE_PAGE_MASK (PAGE_SIZE - 1)
/** Largest order the backend gives (2^10 pages, 4 MiB). */
#define ZONE_MAX_ORDER 10
/** Number of general caches: size-16 to size-2048. */
#define ZONE_NGEN 8
/** Largest size served by a general cache, in bytes. */
#define ZONE_GEN_MAX 2048
/** Slab order of every general cache (16 KiB slabs). */
#define ZONE_GEN_ORDER 2
/** Slab size of the general caches, in bytes. */
#define ZONE_GEN_SLAB_SIZE (PAGE_SIZE << ZONE_GEN_ORDER)
/** Empty slabs a cache keeps before giving pages back. */
#define ZONE_KEEP_EMPTY 1
/** Buckets of the slab hash (debug lookups), a power of two. */
#define ZONE_SLAB_HASH_BITS 10
/** Page-number bits the large-block map covers (addresses' bits 12..47). */
#define ZONE_LMAP_BITS 36
/** Page-number bits of one leaf of the map: a page of one byte per page. */
#define ZONE_LMAP_LEAF_BITS 12
/** Bits of each of the two inner levels: a page of 512 pointers. */
#define ZONE_LMAP_MID_BITS 9
/** Orders of large blocks a CPU keeps freed ones of (0 to this minus 1). */
#define ZONE_LCACHE_ORDERS 3
/** Freed large blocks a CPU keeps per order. */
#define ZONE_LCACHE_DEPTH 16
/** Map byte of a block cached on a CPU's stack: free, not given back. */
#define ZONE_LMAP_CACHED 0x80
/** Bits of the root, an array in the allocator's state. */
#define ZONE_LMAP_ROOT_BITS (ZONE_LMAP_BITS - ZONE_LMAP_LEAF_BITS - 2 * ZONE_LMAP_MID_BITS)
/** Magic number in every slab header. */
#define ZONE_SLAB_MAGIC 0x5a534c4142ULL

#define ZONE_F_GENERAL	0x1 /**< Cache flag: a size-N cache of zone_alloc(). */
#define ZONE_F_INTERNAL 0x2 /**< Cache flag: allocator metadata: no magazines, no debug. */
#define ZONE_F_DEBUG	0x4 /**< Cache flag: red zones, poisoning, free checks. */

/** Debug: bytes of the header (state, size, caller, guard) before each object. */
#define ZONE_DBG_FRONT 32
/** Debug: bytes of red zone after each object. */
#define ZONE_RZ 16
/** Debug: value of red-zone bytes. */
#define ZONE_RZ_BYTE 0xbb
/** Debug: value of the bytes of a free object. */
#define ZONE_POISON 0x6b

/** How the allocator locks and which CPU runs; the kernel's or a test's. */
struct zone_sync {
	/**
	 * @brief Take a lock.
	 * @param lk the lock object (64 bytes, all zero when first used).
	 */
	void (*lock)(void *lk);
	/**
	 * @brief Release a lock taken by lock().
	 * @param lk the lock object.
	 */
	void (*unlock)(void *lk);
	/**
	 * @brief Return the index of the running CPU.
	 * @return 0 to ZONE_NCPU - 1; stable while the caller is in the allocator.
	 */
	unsigned (*cpu)(void);
};

/**
 * @brief A magazine: a stack of free objects of one cache.
 *
 * Its fill count lives with its holder: in the CPU's zone_pcpu while it is
 * loaded or previous; in the depot it is full or empty by the list it is on.
 */
struct zone_mag {
	struct zone_mag *next;	      /**< Next magazine in a depot list. */
	void *round[ZONE_MAG_ROUNDS]; /**< The objects; round[rounds - 1] is the top. */
};

/**
 * @brief One CPU's state in a cache; a cache line of its own.
 *
 * A count of -1 means "no magazine", so both fast-path tests fail on it
 * without a NULL check (Bonwick's trick).
 */
struct zone_pcpu {
	struct zone_mag *loaded; /**< Magazine served first, or NULL. */
	struct zone_mag *prev;	 /**< Previous magazine: always full or empty, or NULL. */
	int rounds;		 /**< Objects in loaded, or -1 if none. */
	int prounds;		 /**< Objects in prev (0 or ZONE_MAG_ROUNDS), or -1. */
	uint64_t allocs;	 /**< Objects this CPU allocated from the cache. */
	uint64_t frees;		 /**< Objects this CPU freed to the cache. */
	uint64_t misses;	 /**< Allocations and frees that went to the depot or
				      the slabs (the others hit the magazines). */
} __attribute__((aligned(64)));

/** Header of a slab, at the start of its page-aligned block. */
struct zone_slab {
	uint64_t magic;		  /**< ZONE_SLAB_MAGIC. */
	struct zone_cache *cache; /**< Cache the slab belongs to. */
	struct list_node link;	  /**< On the cache's partial, full or empty list. */
	struct zone_slab *hnext;  /**< Next slab in the same hash bucket. */
	void *free;		  /**< First free object, or NULL. */
	unsigned inuse;		  /**< Objects out of this slab (also those in magazines). */
	unsigned total;		  /**< Objects carved from this slab. */
};

/** An object cache. */
struct zone_cache {
	struct zone_pcpu cpu[ZONE_NCPU]; /**< Per-CPU magazines and counters. */
	long lk[8];			 /**< Lock of the depot and the slabs. */
	unsigned flags;			 /**< ZONE_F_... */
	unsigned slab_order;		 /**< Slabs are 2^slab_order pages. */
	size_t size;			 /**< Object size asked for, in bytes. */
	size_t objsize;			 /**< Object size rounded to the alignment. */
	size_t align;			 /**< Object alignment, a power of two >= 8. */
	size_t front;			 /**< Bytes before each object (debug header). */
	size_t stride;			 /**< Distance between objects in a slab. */
	size_t link_off;		 /**< Offset of the free-list link from the object. */
	size_t first;			 /**< Offset of the first slot in a slab. */
	void (*ctor)(void *obj);	 /**< Constructor run at slab creation, or NULL. */
	struct list_node partial;	 /**< Slabs with free and used objects. */
	struct list_node full;		 /**< Slabs with no free object. */
	struct list_node empty;		 /**< Slabs with no used object. */
	unsigned nempty;		 /**< Slabs on the empty list. */
	struct zone_mag *depot_full;	 /**< Depot: full magazines. */
	struct zone_mag *depot_empty;	 /**< Depot: empty magazines. */
	uint64_t nslabs;		 /**< Slabs the cache has. */
	uint64_t capacity;		 /**< Objects its slabs hold. */
	struct list_node link;		 /**< On zone_st.caches. */
	char name[MEM_NAME_MAX];	 /**< Name, NUL-terminated. */
};

/** A CPU's share of the large blocks: stacks of freed ones, counters. */
struct zone_lcpu {
	void *blk[ZONE_LCACHE_ORDERS][ZONE_LCACHE_DEPTH]; /**< Freed blocks per order. */
	unsigned n[ZONE_LCACHE_ORDERS];			  /**< Blocks on each stack. */
	int64_t bytes;					  /**< Bytes handed out less freed. */
	uint64_t allocs;				  /**< Large blocks allocated. */
	uint64_t frees;					  /**< Large blocks freed. */
} __attribute__((aligned(64)));

/** The allocator's global state. */
struct zone_state {
	const struct mem_backend *be;	  /**< Where pages come from. */
	const struct zone_sync *sync;	  /**< Locks and CPU index. */
	bool debug;			  /**< Debug checks on new caches. */
	long lk[8];			  /**< Lock of the hashes and counters below. */
	long list_lk[8];		  /**< Lock of the cache list. */
	struct list_node caches;	  /**< Every cache, newest first. */
	unsigned ncaches;		  /**< Length of that list. */
	uint64_t held_pages;		  /**< Pages taken from the backend now. */
	struct zone_lcpu lcpu[ZONE_NCPU]; /**< Large blocks, per CPU. */
	struct zone_slab *slab_hash[1U << ZONE_SLAB_HASH_BITS]; /**< Every slab, by address. */
	/** Large blocks by page number: a radix tree whose leaves hold, per page,
	 *  0 or the order + 1 of the block that starts there (zone_alloc.c). */
	void *large_map[1U << ZONE_LMAP_ROOT_BITS];
	uint64_t map_pages; /**< Pages the map's nodes take (in held_pages too). */
};

/** The allocator's state (zone_ops.c). */
extern struct zone_state zone_st;
/** The cache of magazines (zone_magazine.c). */
extern struct zone_cache zone_mag_cache;
/** The table of the zone allocator. */
extern const struct mem_ops zone_mem_ops;

/**
 * @brief Initialise the allocator; forgets any previous state.
 * @param be page source and fatal hook; must stay valid.
 * @param sync locks and CPU index; must stay valid.
 * @param debug turn on red zones, poisoning and free checks.
 * @retval 0 ready; zone_mem_ops may be used.
 * @retval -EINVAL a pointer or a member is NULL.
 */
int zone_setup(const struct mem_backend *be, const struct zone_sync *sync, bool debug);

/**
 * @brief Give back to the backend every page no live object needs.
 *
 * Flushes the calling CPU's magazines of every cache (other CPUs keep
 * theirs: emptying them needs a cross-CPU call, which comes with SMP),
 * then every depot, then every empty slab.
 */
void zone_reap(void);

/* zone_slab.c */

/**
 * @brief Compute a cache's slab geometry from its size, align, ctor, flags.
 * @param c the cache.
 * @retval 0 done.
 * @retval -EINVAL the object does not fit the largest slab.
 */
int zone_slab_layout(struct zone_cache *c);

/**
 * @brief Take an object from the slab layer, making a slab if needed.
 * @param c the cache (its lock not held).
 * @return the object, or NULL when the backend is out of pages.
 */
void *zone_slab_alloc(struct zone_cache *c);

/**
 * @brief Return an object to its slab; may give an empty slab back.
 * @param c the cache (its lock not held).
 * @param obj an object of @p c.
 */
void zone_slab_free(struct zone_cache *c, void *obj);

/**
 * @brief Give every empty slab of a cache back to the backend.
 * @param c the cache (its lock not held).
 */
void zone_slab_reap(struct zone_cache *c);

/**
 * @brief Find the slab that starts at an address.
 * @param addr candidate slab address.
 * @return the slab, or NULL if no slab starts there.
 */
struct zone_slab *zone_slab_find(uintptr_t addr);

/**
 * @brief Get pages from the backend, reaping the depots once if it has none.
 * @param order 0 to ZONE_MAX_ORDER.
 * @return the pages, or NULL.
 */
void *zone_pages_get(unsigned order);

/**
 * @brief Give pages back to the backend.
 * @param p pages from zone_pages_get().
 * @param order their order.
 */
void zone_pages_put(void *p, unsigned order);

/* zone_magazine.c */

/** @brief Set up the cache of magazines. */
void zone_mag_boot(void);

/**
 * @brief Allocate when the loaded magazine is empty: rotate or use the depot.
 * @param c the cache.
 * @param pc the running CPU's state in @p c.
 * @return an object, or NULL (then the slab layer must serve).
 */
void *zone_mag_alloc_slow(struct zone_cache *c, struct zone_pcpu *pc);

/**
 * @brief Free when the loaded magazine is full: rotate or use the depot.
 * @param c the cache.
 * @param pc the running CPU's state in @p c.
 * @param obj the object.
 * @return true if a magazine took it, false if the slab layer must.
 */
bool zone_mag_free_slow(struct zone_cache *c, struct zone_pcpu *pc, void *obj);

/**
 * @brief Empty one CPU's magazines of a cache into the slab layer.
 * @param c the cache.
 * @param pc that CPU's state; the CPU must not be using the cache.
 */
void zone_mag_flush(struct zone_cache *c, struct zone_pcpu *pc);

/**
 * @brief Empty a cache's depot into the slab layer and free its magazines.
 * @param c the cache (its lock not held).
 */
void zone_depot_reap(struct zone_cache *c);

/* zone_cache.c */

/** @brief Set up the cache of caches. */
void zone_cache_boot(void);

/**
 * @brief Initialise a cache structure (zeroes it first).
 * @param c the cache.
 * @param name its name (copied, truncated).
 * @param size object size in bytes, at least 1.
 * @param align alignment, a power of two from 8 to PAGE_SIZE.
 * @param ctor constructor or NULL.
 * @param flags ZONE_F_...
 * @retval 0 done.
 * @retval -EINVAL the object is too large.
 */
int zone_cache_init(struct zone_cache *c, const char *name, size_t size, size_t align,
		    void (*ctor)(void *obj), unsigned flags);

/**
 * @brief Add a cache to the list of caches.
 * @param c an initialised cache.
 */
void zone_cache_link(struct zone_cache *c);

/**
 * @brief Create a cache for callers (mem_ops.cache_create semantics).
 * @param name its name.
 * @param size object size, at least 1.
 * @param align a power of two up to PAGE_SIZE, or 0 for natural alignment.
 * @param ctor constructor or NULL.
 * @return the cache, or NULL.
 */
struct zone_cache *zone_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *obj));

/**
 * @brief Destroy a cache that has no object allocated.
 * @param c the cache.
 * @retval 0 destroyed.
 * @retval -EBUSY objects are still allocated.
 */
int zone_cache_destroy(struct zone_cache *c);

/**
 * @brief Return the objects of a cache allocated now.
 * @param c the cache.
 * @return allocations minus frees.
 */
uint64_t zone_cache_in_use(const struct zone_cache *c);

/**
 * @brief Allocate an object: magazine, depot, then slab (out of line).
 * @param c the cache.
 * @param size bytes the caller asked for (debug: the red zone starts there).
 * @return the object, or NULL.
 */
void *zone_obj_alloc(struct zone_cache *c, size_t size);

/**
 * @brief Free an object: magazine, depot, then slab (out of line).
 * @param c the cache it belongs to (the caller checked it in debug mode).
 * @param obj the object.
 * @param caller return address of the freeing caller, for debug reports.
 */
void zone_obj_free(struct zone_cache *c, void *obj, uintptr_t caller);

/** @brief Empty every depot and give back every empty slab (no per-CPU state). */
void zone_reap_depots(void);

/* zone_alloc.c */

/** @brief Set up the general caches and the large-block map. */
void zone_alloc_boot(void);

/** @brief Give back the nodes of the large-block map that map no block. */
void zone_large_reap(void);

/**
 * @brief Allocate bytes (mem_ops.alloc semantics).
 * @param size bytes.
 * @return 16-byte aligned memory (page-aligned from PAGE_SIZE), or NULL.
 */
void *zone_alloc(size_t size);

/**
 * @brief Free memory from zone_alloc().
 * @param p the memory, or NULL.
 * @param caller return address of the caller, for reports.
 */
void zone_free(void *p, uintptr_t caller);

/* zone_debug.c */

/**
 * @brief Report a misuse to the backend's fatal hook.
 * @param caller the address reported as the caller.
 * @param fmt message format (kern/fmt.h), naming cache, address and fault.
 * @param ... its arguments.
 */
void zone_dbg_fatal(uintptr_t caller, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * @brief Prepare a newly carved object: free state, poison, red zones.
 * @param c its cache (debug).
 * @param obj the object.
 */
void zone_dbg_init_obj(const struct zone_cache *c, void *obj);

/**
 * @brief Check a free object being handed out and mark it live.
 * @param c its cache (debug).
 * @param obj the object.
 * @param size bytes the caller asked for; red zone from there.
 * @return true if it is sound; false after reporting a write after free.
 */
bool zone_dbg_alloc(const struct zone_cache *c, void *obj, size_t size);

/**
 * @brief Check an object being freed (owner, state, red zones); mark it free.
 * @param c the cache it is freed to (debug).
 * @param obj the object.
 * @param caller return address of the freeing caller.
 * @return true if the free may proceed; false after reporting a fault.
 */
bool zone_dbg_free(const struct zone_cache *c, void *obj, uintptr_t caller);

/**
 * @brief Return the slab size of a cache in bytes.
 * @param c the cache.
 * @return bytes.
 */
static inline size_t zone_slab_bytes(const struct zone_cache *c)
{
	return PAGE_SIZE << c->slab_order;
}

/**
 * @brief Take a lock through the sync hooks.
 * @param lk the lock object.
 */
static inline void zone_lock(long *lk)
{
	zone_st.sync->lock(lk);
}

/**
 * @brief Release a lock through the sync hooks.
 * @param lk the lock object.
 */
static inline void zone_unlock(long *lk)
{
	zone_st.sync->unlock(lk);
}

/**
 * @brief Return the running CPU's state in a cache.
 * @param c the cache.
 * @return its per-CPU slot.
 */
static inline struct zone_pcpu *zone_pcpu_of(struct zone_cache *c)
{
	return &c->cpu[zone_st.sync->cpu() & (ZONE_NCPU - 1)];
}

/**
 * @brief Pop an object from the loaded magazine (the fast path).
 * @param pc the running CPU's state.
 * @return the object, or NULL if the loaded magazine is empty or absent.
 */
static inline void *zone_mag_pop(struct zone_pcpu *pc)
{
	if (pc->rounds > 0)
		return pc->loaded->round[--pc->rounds];
	return NULL;
}

/**
 * @brief Push an object on the loaded magazine (the fast path).
 * @param pc the running CPU's state.
 * @param obj the object.
 * @return true if it fitted (false if the magazine is full or absent).
 */
static inline bool zone_mag_push(struct zone_pcpu *pc, void *obj)
{
	if ((unsigned)pc->rounds < ZONE_MAG_ROUNDS) {
		pc->loaded->round[pc->rounds++] = obj;
		return true;
	}
	return false;
}

/**
 * @brief Allocate an object; the loaded magazine's fast path is inline.
 * @param c the cache.
 * @param size bytes the caller asked for.
 * @return the object, or NULL.
 */
static inline void *zone_obj_get(struct zone_cache *c, size_t size)
{
	if (!(c->flags & ZONE_F_DEBUG)) {
		struct zone_pcpu *pc = zone_pcpu_of(c);
		void *obj = zone_mag_pop(pc);

		if (obj) {
			pc->allocs++;
			return obj;
		}
	}
	return zone_obj_alloc(c, size);
}

/**
 * @brief Free an object; the loaded magazine's fast path is inline.
 * @param c the cache it belongs to.
 * @param obj the object.
 * @param caller return address of the freeing caller.
 */
static inline void zone_obj_put(struct zone_cache *c, void *obj, uintptr_t caller)
{
	if (!(c->flags & ZONE_F_DEBUG)) {
		struct zone_pcpu *pc = zone_pcpu_of(c);

		if (zone_mag_push(pc, obj)) {
			pc->frees++;
			return;
		}
	}
	zone_obj_free(c, obj, caller);
}

#endif /* MEM_ZONE_H_ */
