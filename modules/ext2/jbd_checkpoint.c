/*
 * Checkpoint: write committed blocks home (those no newer transaction has
 * changed since), unpin them, then move the log's tail in the superblock
 * past the transactions whose blocks are all home; and jbd_close(), which
 * commits, checkpoints everything and frees the journal. Locking: jbd.h;
 * commit_lock throughout, each buffer's lock around its home write, then
 * jbd.lock to check that no handle joined it and to drop its record.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <uapi/errno.h>

#include "jbd_int.h"

/* The records waiting for a home write and not changed since (lock held). */
static unsigned jbd_cp_collect(struct jbd *j, struct jbd_jh **out, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < JBD_NHASH; i++)
		for (struct jbd_jh *jh = j->hash[i]; jh != NULL; jh = jh->next)
			if (jh->cp != NULL && jh->run == NULL && jh->comm == NULL && n < max)
				out[n++] = jh;
	return n;
}

/* Increasing block order: the cache's rule for one thread taking many buffers. */
static void jbd_cp_sort(struct jbd_jh **a, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		struct jbd_jh *x = a[i];
		unsigned k = i;

		for (; k > 0 && a[k - 1]->blkno > x->blkno; k--)
			a[k] = a[k - 1];
		a[k] = x;
	}
}

/* Write one record's buffer home and drop the record, unless a handle joined it. */
static int jbd_cp_one(struct jbd *j, struct jbd_jh *jh)
{
	struct buf *b;
	int busy, rc = buf_read(j->p.dev, jh->blkno, &b);

	if (rc != 0)
		return rc;
	mutex_lock(&j->lock);
	busy = jh->run != NULL; /* the caller holds the buffer: no new handle can join */
	mutex_unlock(&j->lock);
	if (!busy && (rc = buf_write(b)) == 0) {
		mutex_lock(&j->lock);
		jh->cp->cp_count--;
		j->checkpoints++;
		jbd_jh_drop(j, jh);
		mutex_unlock(&j->lock);
		buf_release(b);
		buf_unpin(b);
		return 0;
	}
	buf_release(b);
	return rc;
}

/* Drop the transactions whose blocks are home; the new tail (lock held). */
static void jbd_cp_tail(struct jbd *j, uint32_t *start, uint32_t *seq, uint32_t *used)
{
	uint32_t len = j->maxlen - j->first;

	while (j->cp_head != NULL && j->cp_head->cp_count == 0) {
		struct jbd_trans *t = j->cp_head;

		j->cp_head = t->next;
		if (j->cp_head == NULL)
			j->cp_tail = NULL;
		jbd_trans_free(t);
	}
	if (j->cp_head == NULL) {
		*start = 0;
		*seq = j->next_seq;
		*used = 0;
		return;
	}
	*start = j->cp_head->start;
	*seq = j->cp_head->seq;
	*used = (j->head + len - *start) % len;
}

static int jbd_cp_locked(struct jbd *j)
{
	struct jbd_jh **todo;
	uint32_t start, seq, used;
	unsigned n;
	int rc = 0;

	mutex_lock(&j->lock);
	n = (unsigned)j->pinned;
	mutex_unlock(&j->lock);
	todo = mem_alloc((n ? n : 1) * sizeof(*todo));
	if (todo == NULL)
		return -ENOMEM;
	mutex_lock(&j->lock);
	n = jbd_cp_collect(j, todo, n);
	mutex_unlock(&j->lock);
	jbd_cp_sort(todo, n);
	for (unsigned i = 0; rc == 0 && i < n; i++)
		rc = jbd_cp_one(j, todo[i]);
	mem_free(todo);
	if (rc != 0) {
		jbd_abort(j, "checkpoint", rc);
		return -EIO;
	}
	mutex_lock(&j->lock);
	jbd_cp_tail(j, &start, &seq, &used);
	mutex_unlock(&j->lock);
	rc = buf_dev_flush(j->p.dev); /* the home writes durable before the tail moves */
	if (rc == 0)
		rc = jbd_sb_write(j, start, seq);
	if (rc == 0) {
		mutex_lock(&j->lock);
		j->used = used;
		mutex_unlock(&j->lock);
	}
	return rc;
}

int jbd_checkpoint(struct jbd *j)
{
	int rc;

	mutex_lock(&j->commit_lock);
	rc = j->aborted ? -EIO : jbd_cp_locked(j);
	mutex_unlock(&j->commit_lock);
	return rc;
}

/* Free every record and transaction (no handle, no thread). */
static void jbd_free_all(struct jbd *j)
{
	for (unsigned i = 0; i < JBD_NHASH; i++)
		while (j->hash[i] != NULL) {
			struct buf *b = j->hash[i]->b;

			jbd_jh_drop(j, j->hash[i]);
			buf_unpin(b);
		}
	while (j->cp_head != NULL) {
		struct jbd_trans *t = j->cp_head;

		j->cp_head = t->next;
		jbd_trans_free(t);
	}
	if (j->running != NULL)
		jbd_trans_free(j->running);
	if (j->committing != NULL)
		jbd_trans_free(j->committing);
}

int jbd_close(struct jbd *j)
{
	int rc;

	jbd_thread_stop(j);
	rc = jbd_commit_now(j);
	if (rc == 0)
		rc = jbd_checkpoint(j);
	if (rc == 0 && j->sb_start != 0)
		rc = -EIO; /* a block stayed busy: cannot happen without handles */
	jbd_free_all(j);
	mem_free(j);
	return rc;
}

void jbd_abandon(struct jbd *j)
{
	jbd_thread_stop(j);
	jbd_free_all(j);
	mem_free(j);
}
