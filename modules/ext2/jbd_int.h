/**
 * @file jbd_int.h
 * @brief The journal's records and the calls its files share (modules/ext2/jbd*.c).
 * @ingroup ext2
 *
 * Locking: jbd.h. Everything in struct jbd, struct jbd_trans and struct
 * jbd_jh is guarded by jbd.lock, but the log position of a committing
 * transaction and the on-disk superblock fields, which commit_lock guards.
 */
#ifndef MODULES_EXT2_JBD_INT_H_
#define MODULES_EXT2_JBD_INT_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/lock.h>

#include "jbd.h"

#ifndef EUCLEAN
/** Structure needs cleaning (Linux's number); until uapi/errno.h has it. */
#define EUCLEAN 117
#endif

/** Buckets of the buffer-record hash. */
#define JBD_NHASH 256

/** Smallest journal jbd_load() accepts, in blocks (as JBD2's minimum). */
#define JBD_MIN_BLOCKS 1024

/**
 * One journaled buffer (a "journal head"): the transactions it belongs to.
 * While a record exists its buffer is pinned.
 */
struct jbd_jh {
	uint64_t blkno;		/**< Home block. */
	struct buf *b;		/**< The pinned buffer. */
	struct jbd_trans *run;	/**< The running transaction, if it changed the block. */
	struct jbd_trans *comm; /**< The committing transaction, if it holds the block. */
	struct jbd_trans *cp;	/**< The committed transaction that owes the home write. */
	struct jbd_jh *next;	/**< Next in its hash chain. */
};

/** A transaction. */
struct jbd_trans {
	uint32_t seq;		/**< Sequence, set when it closes. */
	unsigned updates;	/**< Handles not stopped yet. */
	unsigned reserved;	/**< Credits reserved by its handles (used and unused). */
	struct jbd_jh **meta;	/**< Metadata blocks it changed. */
	unsigned nmeta;		/**< Entries of meta. */
	unsigned capmeta;	/**< Room in meta. */
	uint64_t *revoke;	/**< Blocks it revoked. */
	unsigned nrevoke;	/**< Entries of revoke. */
	unsigned caprevoke;	/**< Room in revoke. */
	uint64_t *data;		/**< Data blocks to write before its commit. */
	unsigned ndata;		/**< Entries of data. */
	unsigned capdata;	/**< Room in data. */
	void **copies;		/**< Frozen copies of meta (committing only). */
	uint32_t start;		/**< First log block (committing, committed). */
	uint32_t nlog;		/**< Log blocks, commit block included. */
	unsigned cp_count;	/**< Records whose home write it owes (committed). */
	struct jbd_trans *next; /**< Next newer committed transaction. */
};

/** The journal. */
struct jbd {
	struct jbd_params p;	      /**< Copy of the caller's parameters. */
	struct mutex lock;	      /**< Guards the transactions and records (jbd.h). */
	struct mutex commit_lock;     /**< Serialises commits, checkpoints, superblock writes. */
	uint32_t bs;		      /**< Block size. */
	uint32_t first;		      /**< First log block. */
	uint32_t maxlen;	      /**< Blocks of the journal: the log is [first, maxlen). */
	uint32_t incompat;	      /**< Incompatible features (on disk). */
	int csum;		      /**< CSUM_V3: every log block carries crc32c sums. */
	uint32_t seed;		      /**< crc32c of the UUID: the sums' seed. */
	unsigned tail;		      /**< Bytes a descriptor or revoke block keeps for its sum. */
	uint8_t uuid[16];	      /**< s_uuid, written after each descriptor's first tag. */
	unsigned tag_bytes;	      /**< 8 or 12. */
	unsigned rec_bytes;	      /**< Revoke record: 4 or 8. */
	uint32_t max_trans;	      /**< Most log blocks of one transaction. */
	uint32_t sb_seq;	      /**< On disk: s_sequence (commit_lock). */
	uint32_t sb_start;	      /**< On disk: s_start (commit_lock). */
	uint32_t head;		      /**< Next log block to write. */
	uint32_t used;		      /**< Blocks from the on-disk tail to head. */
	uint32_t next_seq;	      /**< Sequence of the next transaction to close. */
	uint32_t done_seq;	      /**< Sequence of the last transaction whose commit block is on
					   disk (next_seq - 1 at load: all before it are). */
	int barrier;		      /**< A commit takes its copies: jbd_start() waits. */
	int aborted;		      /**< An I/O error: everything fails. */
	int stopping;		      /**< jbd_close(): the thread ends. */
	int thread_alive;	      /**< The commit thread runs (thread_lock). */
	struct spinlock thread_lock;  /**< The thread's last word: thread_alive. */
	int kick;		      /**< jbd_commit(j, 0) asked the thread. */
	struct jbd_trans *running;    /**< Handles join it; NULL until the first. */
	struct jbd_trans *committing; /**< Being written (commit_lock); left there by an abort. */
	struct jbd_trans *cp_head;    /**< Oldest committed transaction not checkpointed. */
	struct jbd_trans *cp_tail;    /**< Newest one. */
	struct jbd_jh *hash[JBD_NHASH]; /**< Records by home block. */
	uint64_t commits;		/**< Transactions committed (jbd_stats()). */
	uint64_t checkpoints;		/**< Blocks written home (jbd_stats()). */
	uint64_t pinned;		/**< Records, so buffers pinned (jbd_stats()). */
};

/**
 * @brief Next log block after @p blk, wrapping from maxlen to first.
 * @param j journal.
 * @param blk a log block.
 * @param n blocks to advance.
 * @return the block.
 */
static inline uint32_t jbd_wrap(const struct jbd *j, uint32_t blk, uint32_t n)
{
	uint64_t b = (uint64_t)blk + n;
	uint32_t len = j->maxlen - j->first;

	while (b >= j->maxlen)
		b -= len;
	return (uint32_t)b;
}

/**
 * @brief Read a journal block through the cache (held: release it).
 * @param j journal.
 * @param jblk journal block.
 * @param bp out.
 * @return 0 or a negative errno.
 */
int jbd_log_read(struct jbd *j, uint32_t jblk, struct buf **bp);

/**
 * @brief Write a whole journal block through the cache, synchronously.
 * @param j journal.
 * @param jblk journal block.
 * @param data bs bytes.
 * @return 0 or a negative errno.
 */
int jbd_log_write(struct jbd *j, uint32_t jblk, const void *data);

/**
 * @brief Put @p data in the cache as journal block @p jblk, dirty, to be
 *        written with others (buf_flush_blocks()).
 * @param j the journal. @param jblk journal block. @param data bs bytes.
 * @param devblk out: its device block.
 * @return 0, -EUCLEAN (past the journal), or the cache's error.
 */
int jbd_log_put(struct jbd *j, uint32_t jblk, const void *data, uint64_t *devblk);

/**
 * @brief Write the superblock's s_start and s_sequence (and set REVOKE); commit_lock held.
 * @param j journal.
 * @param start log block of the oldest transaction, 0 for an empty journal.
 * @param seq its sequence, or the next one for an empty journal.
 * @return 0 or -EIO (the journal is then aborted).
 */
int jbd_sb_write(struct jbd *j, uint32_t start, uint32_t seq);

/**
 * @brief Log blocks a transaction of @p credits blocks may need (descriptors, revokes, commit).
 * @param j journal.
 * @param credits metadata blocks plus revokes.
 * @return blocks.
 */
uint32_t jbd_space(const struct jbd *j, uint32_t credits);

/**
 * @brief Find the record of a home block (lock held).
 * @param j journal.
 * @param blkno home block.
 * @return the record, or NULL.
 */
struct jbd_jh *jbd_jh_find(struct jbd *j, uint64_t blkno);

/**
 * @brief Forget a record that belongs to no transaction (lock held); the caller unpins its buffer.
 * @param j journal.
 * @param jh the record; freed.
 */
void jbd_jh_drop(struct jbd *j, struct jbd_jh *jh);

/**
 * @brief Free a transaction's arrays and record.
 * @param t the transaction.
 */
void jbd_trans_free(struct jbd_trans *t);

/**
 * @brief Commit the running transaction in this thread (takes commit_lock).
 * @param j journal.
 * @return 0 or -EIO.
 */
int jbd_commit_now(struct jbd *j);

/**
 * @brief Mark the journal aborted after an I/O error and say so (lock not held).
 * @param j journal.
 * @param what what failed.
 * @param rc the error.
 */
void jbd_abort(struct jbd *j, const char *what, int rc);

/**
 * @brief crc32c (Castagnoli), reflected, without final inversion.
 * @param crc seed.
 * @param p bytes.
 * @param n how many.
 * @return the sum.
 */
uint32_t jbd_crc32c(uint32_t crc, const void *p, size_t n);

/**
 * @brief The checksum of a journal superblock (its field taken as zero).
 * @param sb the superblock's 1024 bytes.
 * @return the sum.
 */
uint32_t jbd_sb_csum(const void *sb);

/**
 * @brief Set a descriptor's, revoke block's or commit block's checksum (CSUM_V3; else nothing).
 * @param j journal.
 * @param blk the block, its header filled in.
 */
void jbd_csum_set(const struct jbd *j, void *blk);

/**
 * @brief Check a descriptor's, revoke block's or commit block's checksum.
 * @param j journal.
 * @param blk the block.
 * @return 1 if right (or the journal has no checksums), 0 if not.
 */
int jbd_csum_ok(const struct jbd *j, const void *blk);

/**
 * @brief The checksum of a logged block, for its tag.
 * @param j journal.
 * @param seq the transaction.
 * @param data the block as it is in the log.
 * @return the sum.
 */
uint32_t jbd_tag_csum(const struct jbd *j, uint32_t seq, const void *data);

/**
 * @brief Start the commit thread if the parameters ask for one (jbd_load()).
 * @param j journal.
 */
void jbd_thread_start(struct jbd *j);

/**
 * @brief Stop the commit thread and wait until it has ended (jbd_close()).
 * @param j journal.
 */
void jbd_thread_stop(struct jbd *j);

#endif /* MODULES_EXT2_JBD_INT_H_ */
