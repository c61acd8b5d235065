/*
 * Commit: close the running transaction (new handles wait while its
 * handles finish and its frozen copies are taken), write its ordered data
 * home and its revoke blocks, descriptors and logged copies (staged in the
 * buffer cache) together, in one call whose runs go to the disk at once,
 * flush, and last its commit block; then its blocks wait for the
 * checkpoint.
 * Each step is on disk, the disk's cache flushed, before the next starts.
 * Locking: jbd.h; commit_lock is held throughout, jbd.lock only while
 * the transaction is closed and filed.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "jbd_format.h"
#include "jbd_int.h"

static unsigned jbd_per_desc(const struct jbd *j)
{
	return (j->bs - JBD_H_SIZE - JBD_UUID_SIZE - j->tail) / j->tag_bytes;
}

static unsigned jbd_per_revoke(const struct jbd *j)
{
	return (j->bs - JBD_RV_SIZE - j->tail) / j->rec_bytes;
}

/* Log blocks of a closed transaction: revokes, descriptors, copies, commit. */
static uint32_t jbd_layout(const struct jbd *j, const struct jbd_trans *t)
{
	unsigned pd = jbd_per_desc(j), pr = jbd_per_revoke(j);

	return (t->nrevoke + pr - 1) / pr + (t->nmeta + pd - 1) / pd + t->nmeta + 1;
}

/* Take the frozen copies of a closed transaction (lock held, no handle runs). */
static int jbd_take_copies(struct jbd *j, struct jbd_trans *t)
{
	if (t->nmeta == 0)
		return 0;
	t->copies = mem_zalloc(t->nmeta * sizeof(*t->copies));
	if (t->copies == NULL)
		return -ENOMEM;
	for (unsigned i = 0; i < t->nmeta; i++) {
		struct jbd_jh *jh = t->meta[i];

		t->copies[i] = mem_alloc(j->bs);
		if (t->copies[i] == NULL)
			return -ENOMEM;
		memcpy(t->copies[i], jh->b->data, j->bs);
		jh->run = NULL;
		jh->comm = t;
	}
	return 0;
}

/* Close the running transaction and give it its log space; NULL: nothing to commit. */
static struct jbd_trans *jbd_close_running(struct jbd *j, int *rc)
{
	struct jbd_trans *t;

	mutex_lock(&j->lock);
	t = j->running;
	if (t == NULL || j->aborted || (t->nmeta == 0 && t->nrevoke == 0 && t->ndata == 0)) {
		*rc = j->aborted ? -EIO : 0;
		mutex_unlock(&j->lock);
		return NULL;
	}
	j->running = NULL;
	j->committing = t;
	j->barrier = 1;
	while (t->updates > 0)
		thr_sleep_mutex(&t->updates, &j->lock, 0);
	*rc = jbd_take_copies(j, t);
	if (t->nmeta != 0 || t->nrevoke != 0) {
		t->seq = j->next_seq++;
		t->nlog = jbd_layout(j, t);
		t->start = j->head;
		j->head = jbd_wrap(j, j->head, t->nlog);
		j->used += t->nlog;
	}
	j->barrier = 0;
	thr_wakeup(&j->barrier);
	mutex_unlock(&j->lock);
	return t;
}

static void jbd_header(void *blk, uint32_t type, uint32_t seq)
{
	jbd_put32(blk, JBD_H_MAGIC, JBD_MAGIC);
	jbd_put32(blk, JBD_H_TYPE, type);
	jbd_put32(blk, JBD_H_SEQ, seq);
}

/* The log blocks of a commit (before its commit block), put in the cache
 * dirty as they are made and written in runs at the end. */
struct jbd_stage {
	uint64_t *blk; /* their device blocks */
	unsigned n;
};

static int jbd_log_stage(struct jbd *j, struct jbd_stage *s, uint32_t jblk, const void *data)
{
	int rc = jbd_log_put(j, jblk, data, &s->blk[s->n]);

	s->n += rc == 0;
	return rc;
}

/* Write the revoke blocks from *pos. */
static int jbd_write_revokes(struct jbd *j, struct jbd_trans *t, uint32_t *pos, uint8_t *blk,
			     struct jbd_stage *st)
{
	unsigned pr = jbd_per_revoke(j);
	int rc;

	for (unsigned i = 0; i < t->nrevoke; i += pr) {
		unsigned n = t->nrevoke - i < pr ? t->nrevoke - i : pr, off = JBD_RV_SIZE;

		memset(blk, 0, j->bs);
		jbd_header(blk, JBD_REVOKE, t->seq);
		for (unsigned k = 0; k < n; k++, off += j->rec_bytes) {
			uint64_t b = t->revoke[i + k];

			if (j->rec_bytes == 8) {
				jbd_put32(blk, off, (uint32_t)(b >> 32));
				jbd_put32(blk, off + 4, (uint32_t)b);
			} else {
				jbd_put32(blk, off, (uint32_t)b);
			}
		}
		jbd_put32(blk, JBD_RV_COUNT, off);
		jbd_csum_set(j, blk);
		rc = jbd_log_stage(j, st, *pos, blk);
		if (rc != 0)
			return rc;
		*pos = jbd_wrap(j, *pos, 1);
	}
	return 0;
}

/* Fill a descriptor for copies [i, i + n), escaping copies that start with the magic. */
static void jbd_fill_desc(struct jbd *j, struct jbd_trans *t, unsigned i, unsigned n, uint8_t *blk)
{
	unsigned off = JBD_H_SIZE;

	memset(blk, 0, j->bs);
	jbd_header(blk, JBD_DESCRIPTOR, t->seq);
	for (unsigned k = 0; k < n; k++) {
		uint64_t home = t->meta[i + k]->blkno;
		uint16_t fl = k ? JBD_FLAG_SAME_UUID : 0;

		if (jbd_get32(t->copies[i + k], 0) == JBD_MAGIC) {
			jbd_put32(t->copies[i + k], 0, 0);
			fl |= JBD_FLAG_ESCAPE;
		}
		if (k == n - 1)
			fl |= JBD_FLAG_LAST_TAG;
		jbd_put32(blk, off + JBD_TAG_BLOCKNR, (uint32_t)home);
		if (j->csum) {
			jbd_put32(blk, off + JBD_TAG3_FLAGS, fl);
			jbd_put32(blk, off + JBD_TAG3_CSUM,
				  jbd_tag_csum(j, t->seq, t->copies[i + k]));
		} else {
			jbd_put16(blk, off + JBD_TAG_FLAGS, fl);
		}
		if (j->incompat & JBD_INCOMPAT_64BIT)
			jbd_put32(blk, off + JBD_TAG_HIGH, (uint32_t)(home >> 32));
		off += j->tag_bytes;
		if (k == 0) { /* the journal's UUID follows the first tag */
			memcpy(blk + off, j->uuid, JBD_UUID_SIZE);
			off += JBD_UUID_SIZE;
		}
	}
	jbd_csum_set(j, blk);
}

/* Write the descriptors and the logged copies from *pos. */
static int jbd_write_copies(struct jbd *j, struct jbd_trans *t, uint32_t *pos, uint8_t *blk,
			    struct jbd_stage *st)
{
	unsigned pd = jbd_per_desc(j);
	int rc;

	for (unsigned i = 0; i < t->nmeta; i += pd) {
		unsigned n = t->nmeta - i < pd ? t->nmeta - i : pd;

		jbd_fill_desc(j, t, i, n, blk);
		rc = jbd_log_stage(j, st, *pos, blk);
		*pos = jbd_wrap(j, *pos, 1);
		for (unsigned k = 0; rc == 0 && k < n; k++) {
			rc = jbd_log_stage(j, st, *pos, t->copies[i + k]);
			*pos = jbd_wrap(j, *pos, 1);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Ordered mode: every data block of the transaction on disk first. */
/* The transaction's ordered data home, in runs of consecutive blocks. */
static int jbd_write_data(struct jbd *j, struct jbd_trans *t)
{
	return t->ndata ? buf_flush_blocks(j->p.dev, t->data, t->ndata) : 0;
}

/* The ordered data, and the revoke blocks, descriptors and copies from
 * *pos, on disk: written together (ordered mode asks the data to be on
 * disk before the commit block, not before the log). */
static int jbd_write_log(struct jbd *j, struct jbd_trans *t, uint32_t *pos, uint8_t *blk)
{
	struct jbd_stage st = { .blk =
				    mem_alloc((jbd_layout(j, t) + t->ndata) * sizeof(uint64_t)) };
	int rc = 0;

	if (st.blk != NULL) {
		if (t->ndata)
			memcpy(st.blk, t->data, t->ndata * sizeof(uint64_t));
		st.n = t->ndata;
	} else { /* short of memory (a large transaction): the data first, on its own */
		rc = jbd_write_data(j, t);
		st.blk = rc ? NULL : mem_alloc(jbd_layout(j, t) * sizeof(uint64_t));
		if (st.blk == NULL)
			return rc ? rc : -ENOMEM;
	}
	rc = jbd_write_revokes(j, t, pos, blk, &st);
	if (rc == 0)
		rc = jbd_write_copies(j, t, pos, blk, &st);
	if (rc == 0)
		rc = buf_flush_blocks(j->p.dev, st.blk, st.n);
	mem_free(st.blk);
	return rc;
}

static int jbd_write_trans(struct jbd *j, struct jbd_trans *t)
{
	uint32_t pos = t->start;
	uint8_t *blk;
	int rc;

	if (t->nlog == 0) { /* data only (fsync of a rewrite): durable now */
		rc = jbd_write_data(j, t);
		return rc ? rc : buf_dev_flush(j->p.dev);
	}
	if (j->sb_start == 0 && (rc = jbd_sb_write(j, t->start, t->seq)) != 0)
		return rc;
	blk = mem_alloc(j->bs);
	if (blk == NULL)
		return -ENOMEM;
	rc = jbd_write_log(j, t, &pos, blk);
	/* the data and the log durable before the commit block, which is durable
	 * before the commit returns (the disk's write cache flushed each time) */
	if (rc == 0)
		rc = buf_dev_flush(j->p.dev);
	if (rc == 0) {
		memset(blk, 0, j->bs);
		jbd_header(blk, JBD_COMMIT, t->seq);
		jbd_csum_set(j, blk);
		rc = jbd_log_write(j, pos, blk);
	}
	if (rc == 0)
		rc = buf_dev_flush(j->p.dev);
	mem_free(blk);
	return rc;
}

/* The commit block is on disk: the blocks now wait for the checkpoint (lock held). */
static void jbd_file_committed(struct jbd *j, struct jbd_trans *t)
{
	for (unsigned i = 0; i < t->nmeta; i++) {
		struct jbd_jh *jh = t->meta[i];

		jh->comm = NULL;
		if (jh->cp != NULL)
			jh->cp->cp_count--;
		jh->cp = t;
		t->cp_count++;
		mem_free(t->copies[i]);
	}
	mem_free(t->copies);
	t->copies = NULL;
	t->next = NULL;
	if (j->cp_tail != NULL)
		j->cp_tail->next = t;
	else
		j->cp_head = t;
	j->cp_tail = t;
	j->commits++;
	__atomic_store_n(&j->done_seq, t->seq, __ATOMIC_RELEASE);
}

static int jbd_commit_locked(struct jbd *j)
{
	struct jbd_trans *t;
	int rc;

	t = jbd_close_running(j, &rc);
	if (t == NULL)
		return rc;
	if (rc == 0)
		rc = jbd_write_trans(j, t);
	if (rc != 0) {
		jbd_abort(j, "commit", rc);
		return -EIO; /* the records stay pinned; jbd_close() frees them */
	}
	mutex_lock(&j->lock);
	j->committing = NULL;
	if (t->nlog != 0)
		jbd_file_committed(j, t);
	else
		jbd_trans_free(t);
	mutex_unlock(&j->lock);
	return 0;
}

int jbd_commit_now(struct jbd *j)
{
	int rc;

	mutex_lock(&j->commit_lock);
	rc = jbd_commit_locked(j);
	mutex_unlock(&j->commit_lock);
	return rc;
}
