/**
 * @file bcache.h
 * @brief The buffer cache's records and its internal interface (modules/buf).
 * @ingroup buf
 *
 * One record per buffer, each with one page of data. The cache's spinlock
 * guards the hashes, the lists, every record's reference count, flags and
 * identity, and the counters; it is never held across I/O, a sleep, or a
 * call into page or mem. A buffer's mutex (its sleep lock) guards its data
 * and is held by whoever holds the buffer; a locked buffer is always
 * referenced, so a buffer with no reference is unlocked and may be reused.
 *
 * Lock order: the page role's lock (held when the page daemon calls the
 * reclaimer), then the cache's spinlock; so the cache calls no page
 * wrapper with its spinlock held.
 */
#ifndef MODULES_BUF_BCACHE_H_
#define MODULES_BUF_BCACHE_H_

#include <stdbool.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/list.h>
#include <kern/lock.h>

#define BCACHE_VALID  0x1 /**< The data is the block's (read, or written by its holder). */
#define BCACHE_DIRTY  0x2 /**< The data is newer than the device's copy. */
#define BCACHE_HASHED 0x4 /**< On the (device, block) hash. */
/** Found in the cache since the page daemon last asked for its page: the
 *  daemon's clock passes over it once (a second chance), as page_touch()
 *  would have it, without a call into the page provider per hit. */
#define BCACHE_USED 0x8

/** Buckets of each hash: a quarter of 512 MiB in 4 KiB buffers is 32 K, four a bucket. */
#define BCACHE_NHASH 8192

/** Sequential streams remembered for read-ahead. */
#define BCACHE_NSTREAM 8

/** One buffer. */
struct bcache_buf {
	struct buf pub;		  /**< What the holder sees. */
	struct mutex lock;	  /**< The sleep lock; held by the holder. */
	struct list_node lru;	  /**< On the LRU list while unreferenced (or the spare list). */
	struct list_node dirty;	  /**< On the dirty list while BCACHE_DIRTY. */
	struct list_node all;	  /**< On the list of every buffer with a page. */
	struct bcache_buf *hnext; /**< Next on its (device, block) hash chain. */
	struct bcache_buf *pnext; /**< Next on its page hash chain. */
	uint64_t pa;		  /**< Physical address of the data's page. */
	uint64_t sync_gen;	  /**< Last sync pass that visited it. */
	unsigned ref;		  /**< Holders, waiters and pins. */
	unsigned pins;		  /**< buf_pin()s: not written back nor evicted while non-zero. */
	unsigned flags;		  /**< BCACHE_VALID, BCACHE_DIRTY, BCACHE_HASHED. */
};

/** A sequential reader: the block it should read next. */
struct bcache_stream {
	struct buf_dev *dev; /**< Device, NULL for a free slot. */
	uint64_t next;	     /**< Block after its last read. */
};

/** The cache. */
struct bcache {
	struct spinlock lock;			     /**< Guards all below (see file comment). */
	struct bcache_buf *hash[BCACHE_NHASH];	     /**< By (device, block). */
	struct bcache_buf *pahash[BCACHE_NHASH];     /**< By page, for the page daemon. */
	struct list_node lru;			     /**< Unreferenced: oldest first. */
	struct list_node dirty;			     /**< Dirty, oldest first. */
	struct list_node all;			     /**< Every buffer with a page. */
	struct list_node spare;			     /**< Records whose page was reclaimed. */
	struct bcache_stream stream[BCACHE_NSTREAM]; /**< Sequential readers. */
	unsigned stream_hand;			     /**< Next stream slot to reuse. */
	unsigned ra;				     /**< Blocks to read ahead. */
	int reclaim_id;				     /**< Page reclaimer id, or -1. */
	uint64_t sync_gen;			     /**< Sync passes so far. */
	struct buf_stats st;			     /**< Counters; st.nbuf, st.max too. */
};

/** The one cache. */
extern struct bcache bcache;

/**
 * @brief Set the cache up (empty) and register its page reclaimer.
 * @param max buffers before a miss evicts (at least 1).
 * @param ra blocks read ahead of a sequential reader (0: none).
 * @return 0.
 */
int bcache_init(uint64_t max, unsigned ra);

/**
 * @brief Free every buffer (tests; nothing may be held). Dirty data is lost.
 */
void bcache_fini(void);

/**
 * @brief Find or make the buffer of a block, referenced and locked.
 * @param d device.
 * @param blkno block.
 * @param ra 1 for read-ahead: fail with -EEXIST if the block is cached,
 *        -EBUSY rather than write back a victim; no hit or miss counted.
 * @param out receives the buffer.
 * @param seq NULL, or (a read) set to whether the read goes on a
 *        sequential reader's stream (noted under the same lock).
 * @return 0, -ENOMEM, or (read-ahead) -EEXIST, -EBUSY.
 */
int bcache_acquire(struct buf_dev *d, uint64_t blkno, int ra, struct bcache_buf **out, int *seq);

/**
 * @brief Drop a reference (spinlock held); at zero the buffer goes on the LRU list.
 * @param b the buffer, unlocked by its holder already.
 * @param cold 1: at the cold end (reused first), as an invalid buffer always is.
 */
void bcache_unref(struct bcache_buf *b, int cold);

/**
 * @brief Find the cached buffer of a block (spinlock held).
 * @param d device.
 * @param blkno block.
 * @return the buffer, or NULL.
 */
struct bcache_buf *bcache_find(const struct buf_dev *d, uint64_t blkno);

/**
 * @brief Take a buffer off the (device, block) hash (spinlock held); it becomes blank.
 * @param b the buffer.
 */
void bcache_unhash(struct bcache_buf *b);

/**
 * @brief Find the buffer of a page (spinlock held).
 * @param pa the page.
 * @return the buffer, or NULL.
 */
struct bcache_buf *bcache_pa_find(uint64_t pa);

/**
 * @brief Take an unreferenced clean buffer out of the cache (spinlock held).
 * @param b the buffer; its page and record are then the caller's.
 */
void bcache_forget(struct bcache_buf *b);

/**
 * @brief Free a forgotten buffer's page and record (spinlock not held).
 * @param b the buffer.
 */
void bcache_free(struct bcache_buf *b);

/**
 * @brief Write a held buffer to its device and account for it.
 * @param b buffer the caller holds.
 * @return 0 or -EIO (the buffer is then dirty).
 */
int bcache_writeback(struct bcache_buf *b);

/**
 * @brief Read the blocks after a sequential reader's block, if not cached.
 * @param d device.
 * @param blkno the block just read.
 */
void bcache_readahead(struct buf_dev *d, uint64_t blkno);

/** @brief See buf_read(). @param d device @param blkno block @param bp out @return errno */
int bcache_read(struct buf_dev *d, uint64_t blkno, struct buf **bp);
/** @brief See buf_get(). @param d device @param blkno block @param bp out @return errno */
int bcache_get(struct buf_dev *d, uint64_t blkno, struct buf **bp);
/** @brief See buf_write(). @param b held buffer @return 0 or -EIO */
int bcache_write(struct buf *b);
/** @brief See buf_dirty(). @param b held buffer */
void bcache_dirty(struct buf *b);
/** @brief See buf_release(). @param b held buffer */
void bcache_release(struct buf *b);
/** @brief See buf_sync(). @param d device or NULL @return 0 or -EIO */
int bcache_sync(struct buf_dev *d);
/** @brief See buf_invalidate(). @param d device @return buffers kept */
unsigned bcache_invalidate(struct buf_dev *d);
/** @brief See buf_shrink(). @param n most to free @return freed */
uint64_t bcache_shrink(uint64_t n);
/** @brief See buf_stats(). @param st out */
void bcache_stats(struct buf_stats *st);
/** @brief See buf_pin(). @param b held buffer */
void bcache_pin(struct buf *b);
/** @brief See buf_unpin(). @param b pinned buffer */
void bcache_unpin(struct buf *b);
/** @brief See buf_flush_block(). @param d device @param blkno block @return 0 or -EIO */
int bcache_flush_block(struct buf_dev *d, uint64_t blkno);
/** @brief See buf_flush_blocks(). @param d device @param blknos blocks (sorted in place)
 * @param n how many @return 0, -EIO or -ENOMEM */
int bcache_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n);
/** @brief Write the cached dirty ones of @p blknos in runs (bcache_run.c).
 * @param d device @param blknos blocks (sorted in place) @param n how many
 * @param pinned_too 1: pinned buffers too (buf_flush_blocks()); 0: not (a sync)
 * @return 0 or -EIO */
int bcache_write_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n, int pinned_too);
/** @brief Set and clear flags of a held buffer (the dirty list follows).
 * @param b the buffer. @param set flags to set. @param clear flags to clear. */
void bcache_set_flags(struct bcache_buf *b, unsigned set, unsigned clear);
/** @brief Add to a counter of bcache.st under the lock. @param counter it. @param n how much. */
void bcache_count(uint64_t *counter, uint64_t n);

/**
 * @brief The page daemon's callback: give up the buffer of a page if it is idle and clean.
 *
 * Context: under the page role's lock; never sleeps, calls no mem or page wrapper.
 * @param pa the page.
 * @return true if the page is the daemon's to free.
 */
bool bcache_evict_page(uint64_t pa);

/**
 * @brief Free the records the page daemon left without a page.
 */
void bcache_trim_spares(void);

#endif /* MODULES_BUF_BCACHE_H_ */
