/**
 * @file uapi/meminfo.h
 * @brief What the kernel reports about memory (read by the `meminfo` tool).
 * @ingroup uapi
 */
#ifndef UAPI_MEMINFO_H_
#define UAPI_MEMINFO_H_

#include <stdint.h>

/** Most allocator caches reported. */
#define MEMINFO_MAX_CACHES 32
/** Size of the name fields, with the NUL. */
#define MEMINFO_NAME 24

/** One physical memory zone. */
struct meminfo_zone {
	char name[8];	    /**< "DMA" or "Normal". */
	uint64_t total_kib; /**< Memory the zone manages. */
	uint64_t free_kib;  /**< Memory free now. */
};

/** One allocator object cache. */
struct meminfo_cache {
	char name[MEMINFO_NAME]; /**< Cache name. */
	uint64_t objsize;	 /**< Object size in bytes. */
	uint64_t in_use;	 /**< Objects allocated. */
	uint64_t capacity;	 /**< Objects the cache can hold without growing. */
};

/** The whole report. */
struct meminfo {
	char page_provider[MEMINFO_NAME]; /**< Module providing `page` ("bootmem" before it). */
	char mem_provider[MEMINFO_NAME];  /**< Module providing `mem`, "" if none. */
	char allocator[MEMINFO_NAME];	  /**< The allocator's own name ("zone", "tlsf"). */
	struct meminfo_zone zones[2];	  /**< DMA and Normal. */
	uint64_t boot_reserved_kib;  /**< Kernel, boot data, early page tables at the takeover. */
	uint64_t modules_kib;	     /**< Module segments. */
	uint64_t reclaimable_kib;    /**< Pages a holder marked reclaimable. */
	uint64_t reclaimed_pages;    /**< Pages the page daemon reclaimed so far. */
	uint64_t written_back_pages; /**< Dirty file pages the page daemon wrote back so far. */
	uint64_t heap_in_use;	     /**< Bytes the allocator handed out. */
	uint64_t heap_held;	     /**< Bytes the allocator took from `page`. */
	uint64_t allocs;	     /**< Allocations so far. */
	uint64_t frees;		     /**< Frees so far. */
	uint64_t mag_hits;	     /**< Magazine hits (zone allocator). */
	uint64_t mag_misses;	     /**< Magazine misses. */
	uint32_t hit_permille;	     /**< Magazine hit rate in 1/1000. */
	uint32_t ncaches;	     /**< Entries used in @c caches. */
	struct meminfo_cache caches[MEMINFO_MAX_CACHES]; /**< Allocator caches. */
};

#endif /* UAPI_MEMINFO_H_ */
