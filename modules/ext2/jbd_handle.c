/*
 * Handles: joining the running transaction (waiting while a commit takes
 * its copies, or committing and checkpointing first when the log lacks
 * room), declaring metadata buffers, revokes and ordered data, and
 * stopping. Locking: jbd.h; every call here takes jbd.lock for short
 * stretches without I/O.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "jbd_int.h"

/* Grow an array of @p size-byte elements to hold one more (lock held). */
static int jbd_grow(void **arr, unsigned n, unsigned *cap, size_t size)
{
	unsigned ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = mem_alloc((size_t)ncap * size);
	if (p == NULL)
		return -ENOMEM;
	if (*arr != NULL)
		memcpy(p, *arr, (size_t)n * size);
	mem_free(*arr);
	*arr = p;
	*cap = ncap;
	return 0;
}

/* What jbd_start() must do before it may join (lock held). */
enum jbd_wait { JBD_JOIN, JBD_WAIT_COPIES, JBD_COMMIT_FIRST, JBD_MAKE_ROOM };

static enum jbd_wait jbd_can_join(struct jbd *j, unsigned credits)
{
	uint32_t need;

	if (j->barrier)
		return JBD_WAIT_COPIES;
	need = jbd_space(j, (j->running ? j->running->reserved : 0) + credits);
	if (need > j->max_trans)
		return JBD_COMMIT_FIRST;
	if (need + j->used > j->maxlen - j->first - 1)
		return JBD_MAKE_ROOM;
	return JBD_JOIN;
}

/* Make room in the log: commit, then checkpoint (lock not held). */
static int jbd_make_room(struct jbd *j, int checkpoint)
{
	int rc = jbd_commit_now(j);

	if (rc == 0 && checkpoint)
		rc = jbd_checkpoint(j);
	return rc;
}

int jbd_start(struct jbd *j, unsigned credits, struct jbd_handle *h)
{
	enum jbd_wait w;
	int rc;

	*h = (struct jbd_handle){ 0 };
	if (credits == 0 || jbd_space(j, credits) > j->max_trans)
		return -E2BIG;
	mutex_lock(&j->lock);
	for (;;) {
		if (j->aborted) {
			mutex_unlock(&j->lock);
			return -EIO;
		}
		w = jbd_can_join(j, credits);
		if (w == JBD_JOIN)
			break;
		if (w == JBD_WAIT_COPIES) {
			thr_sleep_mutex(&j->barrier, &j->lock, 0);
			continue;
		}
		mutex_unlock(&j->lock);
		rc = jbd_make_room(j, w == JBD_MAKE_ROOM);
		if (rc != 0)
			return rc;
		mutex_lock(&j->lock);
	}
	if (j->running == NULL && (j->running = mem_zalloc(sizeof(*j->running))) == NULL) {
		mutex_unlock(&j->lock);
		return -ENOMEM;
	}
	j->running->reserved += credits;
	j->running->updates++;
	*h = (struct jbd_handle){ .j = j, .t = j->running, .credits = credits };
	mutex_unlock(&j->lock);
	return 0;
}

/* The record of a held buffer, made (and the buffer pinned) if new; lock held. */
static struct jbd_jh *jbd_jh_get(struct jbd *j, struct buf *b)
{
	struct jbd_jh *jh = jbd_jh_find(j, b->blkno);

	if (jh != NULL)
		return jh;
	jh = mem_zalloc(sizeof(*jh));
	if (jh == NULL)
		return NULL;
	jh->blkno = b->blkno;
	jh->b = b;
	jh->next = j->hash[b->blkno % JBD_NHASH];
	j->hash[b->blkno % JBD_NHASH] = jh;
	j->pinned++;
	buf_pin(b);
	return jh;
}

/* Take a block's revoke out of a transaction, if there (lock held). */
static void jbd_unrevoke(struct jbd_trans *t, uint64_t blkno)
{
	for (unsigned i = 0; i < t->nrevoke; i++)
		if (t->revoke[i] == blkno) {
			t->revoke[i] = t->revoke[--t->nrevoke];
			return;
		}
}

int jbd_get_write(struct jbd_handle *h, struct buf *b)
{
	struct jbd *j = h->j;
	struct jbd_trans *t = h->t;
	struct jbd_jh *jh;
	int rc = 0;

	mutex_lock(&j->lock);
	jh = jbd_jh_find(j, b->blkno);
	if (j->aborted)
		rc = -EIO;
	else if (jh != NULL && jh->run == t)
		rc = 0;
	else if (h->credits == 0)
		rc = -ENOSPC;
	else if (jbd_grow((void **)&t->meta, t->nmeta, &t->capmeta, sizeof(*t->meta)) != 0 ||
		 (jh = jbd_jh_get(j, b)) == NULL)
		rc = -ENOMEM;
	else {
		t->meta[t->nmeta++] = jh;
		jh->run = t;
		h->credits--;
		jbd_unrevoke(t, b->blkno);
	}
	mutex_unlock(&j->lock);
	return rc;
}

int jbd_dirty_meta(struct jbd_handle *h, struct buf *b)
{
	struct jbd_jh *jh;
	int ok;

	mutex_lock(&h->j->lock);
	jh = jbd_jh_find(h->j, b->blkno);
	ok = jh != NULL && jh->run == h->t;
	mutex_unlock(&h->j->lock);
	if (!ok)
		return -EINVAL;
	buf_dirty(b);
	return 0;
}

/* Take a record out of the running transaction (lock held); 1 if it is free now. */
static int jbd_forget(struct jbd_trans *t, struct jbd_jh *jh)
{
	for (unsigned i = 0; i < t->nmeta; i++)
		if (t->meta[i] == jh) {
			t->meta[i] = t->meta[--t->nmeta];
			break;
		}
	jh->run = NULL;
	return jh->comm == NULL && jh->cp == NULL;
}

int jbd_revoke(struct jbd_handle *h, uint64_t blkno)
{
	struct jbd *j = h->j;
	struct jbd_trans *t = h->t;
	struct buf *unpin = NULL;
	struct jbd_jh *jh;
	int rc = 0;

	mutex_lock(&j->lock);
	for (unsigned i = 0; i < t->nrevoke; i++)
		if (t->revoke[i] == blkno)
			goto out;
	if (j->aborted)
		rc = -EIO;
	else if (h->credits == 0)
		rc = -ENOSPC;
	else if (jbd_grow((void **)&t->revoke, t->nrevoke, &t->caprevoke, sizeof(*t->revoke)))
		rc = -ENOMEM;
	if (rc != 0)
		goto out;
	t->revoke[t->nrevoke++] = blkno;
	h->credits--;
	jh = jbd_jh_find(j, blkno);
	if (jh != NULL && jh->run == t && jbd_forget(t, jh)) {
		unpin = jh->b;
		jbd_jh_drop(j, jh);
	}
out:
	mutex_unlock(&j->lock);
	if (unpin != NULL)
		buf_unpin(unpin);
	return rc;
}

int jbd_dirty_data(struct jbd_handle *h, struct buf *b)
{
	struct jbd *j = h->j;
	struct jbd_trans *t = h->t;
	int rc = 0;

	buf_dirty(b);
	mutex_lock(&j->lock);
	if (j->aborted)
		rc = -EIO;
	else if (t->ndata > 0 && t->data[t->ndata - 1] == b->blkno)
		rc = 0;
	else if (jbd_grow((void **)&t->data, t->ndata, &t->capdata, sizeof(*t->data)) != 0)
		rc = -ENOMEM;
	else
		t->data[t->ndata++] = b->blkno;
	mutex_unlock(&j->lock);
	return rc;
}

int jbd_stop(struct jbd_handle *h)
{
	struct jbd *j = h->j;
	struct jbd_trans *t = h->t;
	int rc;

	mutex_lock(&j->lock);
	t->reserved -= h->credits;
	if (--t->updates == 0)
		thr_wakeup(&t->updates);
	rc = j->aborted ? -EIO : 0;
	mutex_unlock(&j->lock);
	*h = (struct jbd_handle){ 0 };
	return rc;
}
