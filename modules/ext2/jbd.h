/**
 * @file jbd.h
 * @brief The ext2 module's journal: a JBD2-format (ext3-compatible) log in ordered mode.
 * @ingroup ext2
 *
 * A library inside the ext2 module (private to it). The journal lives in
 * a file of the file system (inode 8); the library reaches its blocks
 * through the caller's block map (journal block -> device block) and the
 * buffer cache. The on-disk format is the subset of JBD2 that
 * `mke2fs -t ext3` makes and e2fsck replays: superblock v2 (or v1),
 * descriptor blocks with 8-byte tags (12 with the 64BIT feature), commit
 * blocks, revoke blocks (INCOMPAT_REVOKE, set on the first write), and
 * CSUM_V3 (crc32c sums in the superblock, every tag, descriptor, revoke
 * and commit block: what Linux sets on a metadata_csum file system). A
 * journal with another incompatible (CSUM_V2, ASYNC_COMMIT, FAST_COMMIT),
 * read-only compatible or compatible (the old CHECKSUM) feature is
 * refused by name (jbd_format.h).
 *
 * **Use by the file system.** At mount: jbd_load(), then, if its superblock
 * says needs_recovery, jbd_recover(). Every change of metadata is made in
 * a handle:
 * @code
 * struct jbd_handle h;
 * rc = jbd_start(j, credits, &h);   // before taking any buffer to change
 * buf_read(dev, blk, &b);
 * rc = jbd_get_write(&h, b);        // before changing b->data
 * ... change b->data ...
 * jbd_dirty_meta(&h, b);            // instead of buf_dirty()
 * buf_release(b);
 * jbd_revoke(&h, freed_metadata_blk);
 * jbd_dirty_data(&h, data_buf);     // file data the new metadata points to
 * jbd_stop(&h);
 * @endcode
 * `credits` is the number of distinct metadata blocks the operation may
 * change plus the metadata blocks it may free (each jbd_revoke() of a new
 * block takes one); unused credits go back at jbd_stop(). Handles do not
 * nest. fsync() calls jbd_commit(j, 1); umount calls jbd_close(); the
 * commit thread commits every `commit_secs` seconds (ext2 parses
 * `ext2.commit=N`, default 5, and passes it in struct jbd_params).
 *
 * **Ordered mode.** A transaction's data blocks (jbd_dirty_data()) are
 * written home before its log blocks and commit block; its metadata
 * blocks go to the log, then the commit block, and only then home
 * (checkpoint); the superblock's tail (s_start, s_sequence) moves only
 * after the checkpointed blocks are home. Metadata buffers of running and
 * committing transactions are pinned in the buffer cache (buf_pin()): the
 * flush thread and eviction never write them early.
 *
 * **Frozen copies.** The commit copies each metadata block's data while
 * new handles are held back (jbd_start() waits for the copies, which
 * take no I/O), then lets the next transaction run and writes the log
 * from the copies. A block changed again by the next transaction is thus
 * logged with the content of the transaction it belongs to.
 *
 * **needs_recovery** (EXT3_FEATURE_INCOMPAT_RECOVER in the file system's
 * superblock) is ext2's: it sets it (written through, outside the journal)
 * after jbd_load()/jbd_recover() and before the first handle of a
 * read-write mount, and clears it after jbd_close() returns 0. The journal
 * never writes the file system's superblock itself.
 *
 * **Locking** (several CPUs). Each journal has two mutexes: `commit_lock`
 * serialises commits, checkpoints and journal-superblock writes; `lock`
 * guards the transactions, the buffer records and the counters and is
 * never held across I/O. Lock order: commit_lock, then buffer locks (a
 * buffer's sleep lock), then lock, then the buffer cache's spinlock
 * (buf_pin() under lock). So jbd_get_write() and the other handle calls
 * are made holding the buffer; jbd_start(), jbd_commit(), jbd_checkpoint()
 * and jbd_close() are called holding no buffer and no handle (they may
 * wait for a commit, and a commit waits for every handle of its
 * transaction to stop).
 *
 * Errors: a failed log or home write aborts the journal: every later
 * call returns -EIO and the log on disk stays as it was (recovery at the
 * next mount replays what committed).
 */
#ifndef MODULES_EXT2_JBD_H_
#define MODULES_EXT2_JBD_H_

#include <stdint.h>

#include <kern/buf.h>

struct jbd;
struct jbd_trans;

/**
 * @brief Map a block of the journal file to its device block.
 * @param arg the caller's cookie (jbd_params.bmap_arg).
 * @param jblk block of the journal file, below jbd_params.nblocks.
 * @param devblk receives the device block.
 * @return 0, or a negative errno (a hole is -EUCLEAN).
 */
typedef int (*jbd_bmap_fn)(void *arg, uint32_t jblk, uint64_t *devblk);

/** What jbd_load() needs to know about the journal file. */
struct jbd_params {
	const char *name;     /**< For messages: the device ("vda1"). */
	struct buf_dev *dev;  /**< The file system's device (the journal's blocks are on it). */
	uint32_t nblocks;     /**< Blocks of the journal file (its size / block size). */
	jbd_bmap_fn bmap;     /**< Journal block -> device block. */
	void *bmap_arg;	      /**< Passed to @ref bmap. */
	unsigned commit_secs; /**< Seconds between commits by the commit thread; 0: no thread. */
};

/**
 * @brief A handle: one atomic metadata update within the running transaction.
 *
 * The caller's storage (on its stack), filled by jbd_start().
 */
struct jbd_handle {
	struct jbd *j;	     /**< The journal. */
	struct jbd_trans *t; /**< The transaction it joined. */
	unsigned credits;    /**< Credits left. */
};

/** What jbd_stats() reports. */
struct jbd_stats {
	uint32_t next_seq;    /**< Sequence the next transaction commits with. */
	uint32_t log_blocks;  /**< Blocks of the log (maxlen - first). */
	uint32_t log_used;    /**< Log blocks between the on-disk tail and the head. */
	uint32_t head;	      /**< Next log block to write. */
	uint32_t max_trans;   /**< Most log blocks one transaction may take. */
	uint64_t commits;     /**< Transactions committed since jbd_load(). */
	uint64_t checkpoints; /**< Blocks written home since jbd_load(). */
	uint64_t pinned;      /**< Buffers the journal holds pinned now. */
	int aborted;	      /**< Non-zero after an I/O error: everything fails with -EIO. */
};

/**
 * @brief Read and check the journal superblock; set the journal up.
 *
 * Every field is bounded: a bad magic, type, block size (not the device's),
 * length (more than the file, fewer than 1024 blocks), first block, start,
 * user count or s_errno gives -EUCLEAN, an unsupported feature -EINVAL;
 * both printk the reason ("jbd: vda1: journal feature csum_v3 is not
 * supported"). Starts the commit thread if @p p asks for one.
 * @param p the journal file.
 * @param jp receives the journal, or NULL on error.
 * @retval 0 loaded.
 * @retval -EUCLEAN a field is out of bounds.
 * @retval -EINVAL an unsupported feature.
 * @retval -EIO the superblock could not be read.
 * @retval -ENOMEM no memory.
 */
int jbd_load(const struct jbd_params *p, struct jbd **jp);

/**
 * @brief Does the journal hold transactions (superblock s_start != 0)?
 * @param j the journal.
 * @return 1 or 0.
 */
int jbd_dirty(const struct jbd *j);

/**
 * @brief Replay the log: scan for the last complete transaction, collect revokes, replay.
 *
 * Before any handle. Writes every replayed block home (through the
 * cache, synchronously), then marks the journal empty (s_start = 0,
 * s_sequence past the last transaction, as e2fsck does). A journal that
 * is empty already is left alone.
 * @param j the journal.
 * With CSUM_V3, a descriptor, revoke or commit block with a wrong sum
 * ends the log there (as a torn commit does), and a logged block with a
 * wrong sum is not replayed: the call then returns -EUCLEAN and leaves
 * the journal as it is, for e2fsck.
 * @return transactions replayed (0 or more), or -EIO, -EUCLEAN (a tag
 *         names a block past the device, a logged block's sum is wrong),
 *         -ENOMEM.
 */
int jbd_recover(struct jbd *j);

/**
 * @brief Start a handle in the running transaction (making one if needed).
 *
 * Waits while a commit takes its copies; when the log lacks room for
 * @p credits, commits and checkpoints first (the caller's thread does).
 * @param j the journal.
 * @param credits metadata blocks the handle may change or revoke (at least 1).
 * @param h receives the handle.
 * @retval 0 started.
 * @retval -E2BIG @p credits is more than one transaction may hold.
 * @retval -EIO the journal is aborted.
 * @retval -ENOMEM no memory.
 */
int jbd_start(struct jbd *j, unsigned credits, struct jbd_handle *h);

/**
 * @brief Declare the intent to change a held metadata buffer (before changing it).
 *
 * Adds it to the running transaction (one credit the first time) and pins it.
 * Cancels a revoke of the block in the running transaction.
 * @param h the handle.
 * @param b the buffer, held (locked) by the caller.
 * @retval 0 done.
 * @retval -ENOSPC the handle has no credit left.
 * @retval -EIO the journal is aborted.
 * @retval -ENOMEM no memory.
 */
int jbd_get_write(struct jbd_handle *h, struct buf *b);

/**
 * @brief A held metadata buffer was changed (after jbd_get_write()): mark it dirty.
 * @param h the handle.
 * @param b the buffer.
 * @retval 0 done.
 * @retval -EINVAL jbd_get_write() was not called for it in this transaction.
 */
int jbd_dirty_meta(struct jbd_handle *h, struct buf *b);

/**
 * @brief Record that a metadata block was freed: replay must not write older copies of it.
 * @param h the handle (one credit unless the block is revoked already).
 * @param blkno the freed block.
 * @return 0, -ENOSPC, -EIO or -ENOMEM.
 */
int jbd_revoke(struct jbd_handle *h, uint64_t blkno);

/**
 * @brief A held data buffer was changed: mark it dirty; it reaches the disk before the commit.
 * @param h the handle.
 * @param b the buffer, held by the caller.
 * @return 0, -EIO or -ENOMEM.
 */
int jbd_dirty_data(struct jbd_handle *h, struct buf *b);

/**
 * @brief End a handle; its unused credits go back to the transaction.
 * @param h the handle.
 * @return 0, or -EIO if the journal aborted meanwhile.
 */
int jbd_stop(struct jbd_handle *h);

/**
 * @brief Commit the running transaction.
 * @param j the journal.
 * @param wait 1: in the caller's thread, returning when the commit block is
 *        on disk (fsync); 0: wake the commit thread (without one, commit now).
 * @return 0, or -EIO.
 */
int jbd_commit(struct jbd *j, int wait);

/**
 * @brief Write home every committed block not changed since, and move the log's tail.
 * @param j the journal.
 * @return 0, or -EIO.
 */
int jbd_checkpoint(struct jbd *j);

/**
 * @brief Commit, checkpoint, mark the journal empty, stop the thread and free it all.
 *
 * Frees the journal even on error (then the log on disk still holds
 * what committed, for the next mount's recovery).
 * @param j the journal (not used after).
 * @return 0, or -EIO (ext2 must then leave needs_recovery set).
 */
int jbd_close(struct jbd *j);

/**
 * @brief Free the journal without writing anything more to its device.
 *
 * For a device that went away (after an abort), and for the host tests'
 * crash. Its pinned buffers are unpinned as they are: still dirty in the
 * cache, so the caller drops them (buf_invalidate() after the device is
 * gone, or tearing the cache down) rather than syncing them.
 * @param j the journal (not used after).
 */
void jbd_abandon(struct jbd *j);

/**
 * @brief The sequence the running transaction will commit with: called
 *        inside a handle, the transaction of the caller's changes.
 * @param j the journal.
 * @return the sequence.
 */
uint32_t jbd_running_seq(struct jbd *j);

/**
 * @brief Has the transaction of sequence @p seq committed (its commit block on disk)?
 *
 * A block freed in a transaction may be used again only once that
 * transaction has committed: until then a power cut brings back the state
 * in which the block still belongs to its old owner, and a new owner's
 * data written home meanwhile would overwrite it (ext2_pending.c).
 * @param j the journal. @param seq a sequence from jbd_running_seq().
 * @return 1 or 0.
 */
int jbd_seq_committed(struct jbd *j, uint32_t seq);

/**
 * @brief Fill in the journal's statistics.
 * @param j the journal.
 * @param st out.
 */
void jbd_stats(struct jbd *j, struct jbd_stats *st);

#endif /* MODULES_EXT2_JBD_H_ */
