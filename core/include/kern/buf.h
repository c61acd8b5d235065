/**
 * @file kern/buf.h
 * @brief The `buf` role: the buffer cache of fixed-size blocks of block devices.
 * @ingroup buf
 *
 * A file system reads and writes its disk through buffers: one buffer
 * holds one block of one device, found by (device, block number) in a
 * hash. A buffer a caller holds is referenced and locked (a sleep lock:
 * a thread that wants a buffer another thread holds sleeps until it is
 * released); the cache never reuses a referenced buffer. Released buffers
 * sit on an LRU list; a miss in a full cache takes the least recently used
 * one, writing it back first if it is dirty. Delayed writes (buf_dirty())
 * reach the disk when the provider's flush thread runs (every 5 s unless
 * `buf.flush=N` says otherwise), at buf_sync(), or at eviction; buf_write()
 * writes through at once. Under memory pressure the page daemon asks the
 * cache for its unreferenced clean buffers back.
 *
 * The block device is handed to the cache as a struct buf_dev: a name, a
 * block size, a size in blocks and one read/write function (of runs of
 * consecutive blocks, each block in memory of its own). A device's
 * record must stay valid (at the same address, which is its identity in
 * the cache) while the cache holds buffers of it: sync and invalidate it
 * before it goes away.
 *
 * A journal holds back the buffers of its running and committing
 * transactions with buf_pin(): a pinned buffer is neither written back
 * (flush thread, buf_sync(), eviction) nor evicted nor reclaimed until
 * buf_unpin(); only its holder's explicit buf_write() writes it.
 *
 * Error convention: the calls that hand out a buffer return 0 and store
 * it in `*bp`, or return a negative errno and store NULL. Without a
 * provider (the `buf` module not loaded) they return -ENODEV: "no buffer
 * cache"; buf_sync() and buf_invalidate() then have nothing to do.
 *
 * Context of every call: a thread that may sleep, holding no spinlock
 * (the device's rw function may sleep, and so may waiting for a buffer).
 * A thread may hold several buffers at once; to avoid deadlock between
 * threads, take the buffers of one device in increasing block order when
 * you hold more than one.
 */
#ifndef KERN_BUF_H_
#define KERN_BUF_H_

#include <stdint.h>

/** The version of struct buf_ops this core speaks. */
#define BUF_OPS_VERSION 4

/** Smallest block size the cache accepts, in bytes. */
#define BUF_BLOCK_MIN 512
/** Largest block size the cache accepts (one page per buffer), in bytes. */
#define BUF_BLOCK_MAX 4096

/**
 * @brief A block device as the cache sees it.
 *
 * Filled in by the block-device layer (or a test); the cache only reads it.
 */
struct buf_dev {
	const char *name;    /**< For messages ("vda1"). */
	uint32_t block_size; /**< Bytes per block: a power of two, BUF_BLOCK_MIN..BUF_BLOCK_MAX. */
	uint64_t nblocks;    /**< Size of the device in blocks. */
	/**
	 * @brief Move whole blocks between the device and memory.
	 *
	 * Context: a thread; may sleep. Called by the cache with the
	 * buffers concerned locked and no cache-wide lock held; calls for
	 * different blocks may run at once on several CPUs.
	 * @param d this device.
	 * @param blknos the blocks, in increasing order (runs of consecutive
	 *        ones, maybe several runs: they are moved together, one wait
	 *        for all).
	 * @param data the memory of each block: data[i] is block_size bytes for
	 *        block blknos[i], to fill (read) or to write (the cache's
	 *        buffers, a page each: no copy on the way).
	 * @param nblocks number of blocks, at least 1.
	 * @param write 0: read into the blocks' memory; 1: write from it.
	 * @retval 0 done.
	 * @retval -EIO the device failed; for a read, the memory is undefined;
	 *         for a write, which blocks reached the device is not known.
	 */
	int (*rw)(struct buf_dev *d, const uint64_t *blknos, void *const *data, unsigned nblocks,
		  int write);
	/**
	 * @brief Make the writes rw() completed durable (flush the disk's write
	 *        cache); optional: NULL when the device has none.
	 *
	 * Context: a thread; may sleep; no buffer of the cache held.
	 * @param d this device.
	 * @return 0, or -EIO.
	 */
	int (*flush)(struct buf_dev *d);
	void *priv; /**< The device layer's own data. */
};

/**
 * @brief Flush a device's write cache (buf_dev::flush), if it has one.
 *
 * What a journal calls between its log blocks and its commit block, and
 * after the commit block, so that each is durable before the next.
 * @param d the device.
 * @return 0 (flushed, or no cache), or -EIO.
 */
static inline int buf_dev_flush(struct buf_dev *d)
{
	return d->flush ? d->flush(d) : 0;
}

/**
 * @brief A buffer: what a caller sees of one cached block.
 *
 * Valid from the call that handed it out until buf_release(); the caller
 * holds its lock all that time and may read and change @ref data. The
 * provider embeds it in its own record.
 */
struct buf {
	struct buf_dev *dev; /**< Device of the block. */
	uint64_t blkno;	     /**< Block number on @ref dev. */
	void *data;	     /**< The block's bytes, dev->block_size of them. */
};

/** What buf_stats() reports: counters since the cache started, and gauges. */
struct buf_stats {
	uint64_t hits;	       /**< buf_read()/buf_get() calls that found the block cached. */
	uint64_t misses;       /**< ...and that did not. */
	uint64_t reads;	       /**< Blocks read from devices (read-ahead included). */
	uint64_t writes;       /**< Blocks written to devices. */
	uint64_t readahead;    /**< Blocks read ahead of a sequential reader. */
	uint64_t evictions;    /**< Buffers reused for another block. */
	uint64_t reclaimed;    /**< Buffers given back to memory (page daemon, buf_shrink()). */
	uint64_t read_errors;  /**< Device reads that failed. */
	uint64_t write_errors; /**< Device writes that failed (the buffer stayed dirty). */
	uint64_t dirty;	       /**< Dirty buffers now. */
	uint64_t pinned;       /**< Pinned buffers now (buf_pin()). */
	uint64_t nbuf;	       /**< Buffers the cache holds now (each has its page). */
	uint64_t max;	       /**< Buffers the cache may hold before it evicts. */
};

/**
 * @brief Operations of a `buf` provider.
 *
 * Every member runs in the context given in the file comment (a thread
 * that may sleep) unless said otherwise, on several CPUs at once; the
 * provider locks its hash and lists itself (a spinlock, never held
 * across I/O or sleeps) and each buffer with its own sleep lock.
 * Members marked optional may be NULL: the core then supplies its default.
 */
struct buf_ops {
	uint32_t version; /**< Must be BUF_OPS_VERSION. */
	/** @brief See buf_read(). */
	int (*read)(struct buf_dev *d, uint64_t blkno, struct buf **bp);
	/** @brief See buf_get(). */
	int (*get)(struct buf_dev *d, uint64_t blkno, struct buf **bp);
	/** @brief See buf_write(). */
	int (*write)(struct buf *b);
	/** @brief See buf_dirty(). */
	void (*dirty)(struct buf *b);
	/** @brief See buf_release(). */
	void (*release)(struct buf *b);
	/** @brief See buf_sync(). */
	int (*sync)(struct buf_dev *d);
	/** @brief See buf_invalidate(). */
	unsigned (*invalidate)(struct buf_dev *d);
	/** @brief See buf_shrink() (optional: the default frees nothing). */
	uint64_t (*shrink)(uint64_t n);
	/** @brief See buf_stats(). */
	void (*stats)(struct buf_stats *st);
	/** @brief See buf_pin(). */
	void (*pin)(struct buf *b);
	/** @brief See buf_unpin(). */
	void (*unpin)(struct buf *b);
	/** @brief See buf_flush_block(). */
	int (*flush_block)(struct buf_dev *d, uint64_t blkno);
	/** @brief See buf_flush_blocks(). */
	int (*flush_blocks)(struct buf_dev *d, uint64_t *blknos, unsigned n);
};

/**
 * @brief Register the `buf` provider (from its module's init).
 * @param ops the provider's table.
 * @return 0, or a negative errno (see role_register()).
 */
int buf_register(const struct buf_ops *ops);

/**
 * @brief Get a block with its data: referenced, locked, valid.
 *
 * A cached block is a hit; otherwise the cache reads it (and, when the
 * caller reads the device sequentially, the next blocks with it). A
 * failed read leaves no valid buffer of the block in the cache.
 * @param d the device.
 * @param blkno block number, below d->nblocks.
 * @param bp receives the buffer, or NULL on error.
 * @retval 0 done: release it with buf_release().
 * @retval -EIO the device failed.
 * @retval -EINVAL @p blkno past the end, or a block size the cache does not take.
 * @retval -ENOMEM no memory for a buffer, and every buffer is in use.
 * @retval -ENODEV no `buf` provider.
 */
int buf_read(struct buf_dev *d, uint64_t blkno, struct buf **bp);

/**
 * @brief Get a block without reading it, for a caller about to overwrite it whole.
 *
 * The data is the cached block's if it is cached, else zeros; the caller
 * fills it and calls buf_dirty() or buf_write(). A buffer released without
 * either, when it was not cached before, is dropped (the cache does not
 * believe zeros it never read).
 * @param d the device.
 * @param blkno block number.
 * @param bp receives the buffer, or NULL on error.
 * @return 0, or -EINVAL, -ENOMEM, -ENODEV as buf_read().
 */
int buf_get(struct buf_dev *d, uint64_t blkno, struct buf **bp);

/**
 * @brief Write a held buffer to its device now (metadata, fsync).
 *
 * The buffer stays held. On failure it stays dirty (a later sync or the
 * flush thread tries again) and the error is counted.
 * @param b a buffer the caller holds.
 * @retval 0 the block is on the device.
 * @retval -EIO the device failed.
 */
int buf_write(struct buf *b);

/**
 * @brief Mark a held buffer dirty: a delayed write.
 *
 * It is written at the flush thread's next pass, at buf_sync(), or before
 * the buffer is reused, whichever comes first.
 * @param b a buffer the caller holds.
 */
void buf_dirty(struct buf *b);

/**
 * @brief Unlock and unreference a buffer; the caller must not touch it after.
 *
 * Called by the thread that got the buffer (its sleep lock has an owner).
 * @param b a buffer the caller holds.
 */
void buf_release(struct buf *b);

/**
 * @brief Write back every dirty buffer of a device and wait for the writes.
 *
 * The caller must hold no buffer of @p d (it would wait for itself).
 * @param d the device, or NULL for every device.
 * @retval 0 every dirty buffer reached its device.
 * @retval -EIO at least one write failed; those buffers stay dirty.
 */
int buf_sync(struct buf_dev *d);

/**
 * @brief Drop a device's clean, unreferenced buffers (at umount, after buf_sync()).
 * @param d the device.
 * @return buffers of @p d still cached: held by someone, or dirty.
 */
unsigned buf_invalidate(struct buf_dev *d);

/**
 * @brief Give memory back: free up to @p n unreferenced clean buffers, LRU first.
 *
 * The page daemon reclaims buffers one page at a time through the
 * provider's page reclaimer; this is the same done on request (and what
 * the host tests drive). Dirty and held buffers are never freed.
 * @param n most buffers to free.
 * @return buffers freed.
 */
uint64_t buf_shrink(uint64_t n);

/**
 * @brief Fill in the cache's statistics (zeros without a provider).
 * @param st out.
 */
void buf_stats(struct buf_stats *st);

/**
 * @brief Hold a buffer back from write-back and eviction (a journal's pin).
 *
 * Pins nest; each takes a reference of its own, so the buffer stays
 * cached and its address valid after buf_release() until the matching
 * buf_unpin(). While pinned, the flush thread, buf_sync() and eviction
 * leave it alone even if it is dirty, and the page daemon cannot reclaim
 * it; buf_write() by its holder and buf_flush_block() still write it.
 * Context: never sleeps; may be called holding a mutex.
 * @param b a buffer the caller holds.
 */
void buf_pin(struct buf *b);

/**
 * @brief Drop one pin (and its reference); a dirty buffer is then written back as usual.
 *
 * The caller need not hold the buffer. Context: never sleeps.
 * @param b a buffer pinned by buf_pin().
 */
void buf_unpin(struct buf *b);

/**
 * @brief Write one block back now if it is cached and dirty (ordered data before a commit).
 *
 * Takes the buffer's lock for the write, so the caller must not hold it.
 * A block that is not cached or clean is already on the device.
 * @param d the device.
 * @param blkno the block.
 * @retval 0 the block's newest data is on the device.
 * @retval -EIO the write failed (the buffer stays dirty).
 * @retval -ENODEV no `buf` provider.
 */
int buf_flush_block(struct buf_dev *d, uint64_t blkno);

/** Most blocks buf_flush_blocks() (and a sync) hand to one rw() call of the device. */
#define BUF_FLUSH_RUN 128

/**
 * @brief buf_flush_block() for many blocks, written together.
 *
 * Sorts @p blknos (in place) and writes the cached dirty ones in batches
 * of up to BUF_FLUSH_RUN, each in one rw() call of the device whose runs
 * of consecutive blocks go to the disk at once (their buffers locked in
 * increasing block order, written straight from their pages), so a
 * journal's ordered data and log cost one wait rather than one per block. Duplicates are allowed.
 * The caller holds no buffer of @p d. Context: a thread that may sleep.
 * @param d the device.
 * @param blknos the blocks (sorted in place).
 * @param n how many.
 * @retval 0 the newest data of every block is on the device.
 * @retval -EIO a write failed (those buffers stay dirty).
 * @retval -ENODEV no `buf` provider.
 */
int buf_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n);

#endif /* KERN_BUF_H_ */
