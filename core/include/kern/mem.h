/**
 * @file kern/mem.h
 * @brief The `mem` role: the kernel memory allocator and object caches.
 * @ingroup mem
 *
 * The default provider (modules/mem) is the Zero book's zone allocator: a
 * Bonwick-style magazine layer (per-CPU magazines with a depot) over slab
 * caches of power-of-two sizes, with large requests going to `page`. The
 * alternate (modules/mem/tlsf) is a two-level segregated-fit allocator. The
 * word `mem=<name>` picks one when GRUB loads both.
 *
 * Allocators get their memory from a struct mem_backend, so the same source
 * runs in the kernel (backend: page_alloc() and the direct map) and in host
 * tests (backend: aligned host memory).
 */
#ifndef KERN_MEM_H_
#define KERN_MEM_H_

#include <stddef.h>
#include <stdint.h>

/** The version of struct mem_ops this core speaks. */
#define MEM_OPS_VERSION 1
/** Longest allocator or cache name kept, with the NUL. */
#define MEM_NAME_MAX 24

struct mem_cache;

/** Where an allocator gets whole pages from. */
struct mem_backend {
	/**
	 * @brief Get 2^order contiguous pages, aligned to their size.
	 * @param order 0 to 10.
	 * @return their address, or NULL when memory is exhausted.
	 */
	void *(*pages_alloc)(unsigned order);
	/**
	 * @brief Give back pages from pages_alloc.
	 * @param p their address.
	 * @param order the order they were allocated with.
	 */
	void (*pages_free)(void *p, unsigned order);
	/**
	 * @brief Report a fatal misuse (double free, invalid free, overrun) and stop.
	 * @param what one line describing it.
	 * @param caller the return address of the caller of mem_free() or mem_cache_free().
	 */
	void (*fatal)(const char *what, uintptr_t caller);
};

/** One object cache as mem_info() reports it. */
struct mem_cache_info {
	char name[MEM_NAME_MAX]; /**< Cache name. */
	size_t objsize;		 /**< Object size in bytes (after alignment). */
	uint64_t in_use;	 /**< Objects allocated now. */
	uint64_t capacity;	 /**< Objects its slabs (or blocks) can hold. */
};

/** Totals of an allocator. */
struct mem_info {
	char allocator[MEM_NAME_MAX]; /**< Provider name ("zone", "tlsf"). */
	uint64_t bytes_in_use;	      /**< Bytes handed out to callers. */
	uint64_t bytes_held;	      /**< Bytes taken from the backend. */
	uint64_t allocs;	      /**< Allocations so far. */
	uint64_t frees;		      /**< Frees so far. */
	uint64_t mag_hits;	      /**< Allocations and frees served by a magazine. */
	uint64_t mag_misses;	      /**< Those that went to the depot or slabs. */
	unsigned ncaches;	      /**< Object caches (all, not only those reported). */
};

/**
 * @brief Operations of a `mem` provider.
 *
 * Calling context of every member: a thread that may sleep (an allocation
 * may reclaim memory first), never an interrupt handler and never with a
 * spinlock held; the core's wrapper holds the mem role's mutex, so members
 * never run concurrently with each other. Members may call the page
 * wrappers (through their struct mem_backend), never a mem wrapper. Members
 * marked optional may be NULL: the core then supplies its default.
 */
struct mem_ops {
	uint32_t version; /**< Must be MEM_OPS_VERSION. */
	/**
	 * @brief Create an object cache.
	 * @param name for statistics (copied, truncated to MEM_NAME_MAX - 1).
	 * @param size object size in bytes, at least 1.
	 * @param align alignment, a power of two (0: natural for the size, up to 16).
	 * @param ctor called on each object when its slab is created; may be NULL.
	 * @return the cache, or NULL.
	 */
	struct mem_cache *(*cache_create)(const char *name, size_t size, size_t align,
					  void (*ctor)(void *obj));
	/**
	 * @brief Destroy an empty cache.
	 * @param c the cache.
	 * @return 0, or -EBUSY if objects are still allocated.
	 */
	int (*cache_destroy)(struct mem_cache *c);
	/**
	 * @brief Allocate an object.
	 * @param c the cache.
	 * @return the object, or NULL.
	 */
	void *(*cache_alloc)(struct mem_cache *c);
	/**
	 * @brief Free an object.
	 * @param c the cache it came from.
	 * @param obj the object (NULL is ignored).
	 * @param caller return address of the caller, for debug reports.
	 */
	void (*cache_free)(struct mem_cache *c, void *obj, uintptr_t caller);
	/**
	 * @brief Allocate bytes.
	 * @param size bytes (0 gives a unique minimal block).
	 * @return memory aligned to 16 bytes (to the page for page-size or larger), or NULL.
	 */
	void *(*alloc)(size_t size);
	/**
	 * @brief Free memory from alloc.
	 * @param p the memory (NULL is ignored).
	 * @param caller return address of the caller, for debug reports.
	 */
	void (*free)(void *p, uintptr_t caller);
	/**
	 * @brief Report totals and per-cache counts (optional).
	 * @param info out: totals.
	 * @param caches out: up to @p max caches; may be NULL.
	 * @param max size of @p caches.
	 * @return number of caches written.
	 */
	unsigned (*info)(struct mem_info *info, struct mem_cache_info *caches, unsigned max);
};

/**
 * @brief Make the running module's table the `mem` provider.
 * @param ops the provider's table; must stay valid (providers are pinned).
 * @retval 0 registered.
 * @retval -EINVAL wrong version or a mandatory member is NULL.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int mem_register(const struct mem_ops *ops);

/**
 * @brief Return the backend the kernel gives allocators (page_alloc() + direct map).
 * @return a static backend.
 */
const struct mem_backend *mem_kernel_backend(void);

/**
 * @brief Create an object cache.
 * @param name for statistics.
 * @param size object size in bytes.
 * @param align alignment (power of two, or 0).
 * @param ctor constructor, or NULL.
 * @return the cache, or NULL (also before `mem` registers).
 */
struct mem_cache *mem_cache_create(const char *name, size_t size, size_t align,
				   void (*ctor)(void *obj));

/**
 * @brief Destroy an empty object cache.
 * @param c the cache.
 * @retval 0 destroyed.
 * @retval -EBUSY objects are still allocated.
 */
int mem_cache_destroy(struct mem_cache *c);

/**
 * @brief Allocate an object from a cache.
 * @param c the cache.
 * @return the object, or NULL.
 */
void *mem_cache_alloc(struct mem_cache *c);

/**
 * @brief Free an object to its cache.
 * @param c the cache.
 * @param obj the object, or NULL.
 */
void mem_cache_free(struct mem_cache *c, void *obj);

/**
 * @brief Allocate kernel memory.
 * @param size bytes.
 * @return the memory, or NULL (also before `mem` registers).
 */
void *mem_alloc(size_t size);

/**
 * @brief Allocate zeroed kernel memory.
 * @param size bytes.
 * @return the memory, or NULL.
 */
void *mem_zalloc(size_t size);

/**
 * @brief Free kernel memory.
 * @param p memory from mem_alloc(), or NULL.
 */
void mem_free(void *p);

/**
 * @brief Report the allocator's totals and caches.
 * @param info out: totals.
 * @param caches out: up to @p max caches, or NULL.
 * @param max size of @p caches.
 * @return number of caches written.
 */
unsigned mem_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max);

#endif /* KERN_MEM_H_ */
