/*
 * The journal hook: every metadata change of ext2 goes through here.
 *
 *   ext2_tx_begin(fs) / ext2_tx_end(fs)  around each operation that
 *                                        changes metadata (they nest);
 *   ext2_tx_restart(fs)      between the steps of a long operation (a
 *                            big write, a truncate): the outermost handle
 *                            ends and a new one starts, so no handle needs
 *                            more credits than one step;
 *   ext2_meta_dirty(fs, b)   a held metadata buffer changed (superblock,
 *                            group descriptors, bitmaps, inode table,
 *                            indirect and directory blocks);
 *   ext2_data_dirty(fs, b)   a held file data buffer changed;
 *   ext2_meta_forget(fs, blk) a metadata block was freed.
 *
 * With a journal (fs->jbd, ext2_journal.c) the outermost begin starts a
 * JBD2 handle for the calling thread, a metadata buffer joins the running
 * transaction (pinned until it is committed and checkpointed), file data
 * is ordered before the commit, and a freed metadata block is revoked.
 * Without one, a change is a delayed write: buf_dirty().
 *
 * Handles belong to threads: each thread inside an operation has a record
 * on fs->tx_list (found by thr_current(), under fs->tx_lock, a spinlock
 * held only to search the short list). Lock order (ext2.h): the VFS's
 * locks and the vnode locks an operation needs are taken BEFORE its
 * handle starts; inside a handle only ext2_fs::lock and buffers are taken.
 * A handle never starts with fs->lock or a buffer held: jbd_start() may
 * wait for a commit, which waits for every running handle to stop.
 */
#include <stdint.h>

#include <kern/buf.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/thr.h>

#include "ext2.h"
#include "jbd.h"

/* One thread's handle on one file system. */
struct ext2_txh {
	struct list_node link; /* in fs->tx_list */
	struct thr *thr;
	unsigned depth;
	int live; /* h is a started handle */
	struct jbd_handle h;
};

static struct ext2_txh *ext2_tx_find(struct ext2_fs *fs)
{
	struct thr *me = thr_current();
	struct ext2_txh *found = NULL;
	struct list_node *pos, *tmp;

	spin_lock(&fs->tx_lock);
	list_for_each_safe(pos, tmp, &fs->tx_list)
	{
		struct ext2_txh *t = list_entry(pos, struct ext2_txh, link);

		if (t->thr == me) {
			found = t;
			break;
		}
	}
	spin_unlock(&fs->tx_lock);
	return found;
}

/* Start the handle of a record (no lock, no buffer held). */
static void ext2_tx_start(struct ext2_fs *fs, struct ext2_txh *t)
{
	int rc = jbd_start(fs->jbd, fs->tx_credits, &t->h);

	t->live = rc == 0;
	if (rc && !fs->tx_warned) {
		fs->tx_warned = 1;
		pr_err("ext2: %s: journal handle failed (error %d); changes are not journaled\n",
		       fs->name, rc);
	}
}

void ext2_tx_begin(struct ext2_fs *fs)
{
	struct ext2_txh *t;

	if (fs->jbd == NULL) {
		__atomic_add_fetch(&fs->tx_depth, 1, __ATOMIC_RELAXED);
		return;
	}
	t = ext2_tx_find(fs);
	if (t) {
		t->depth++;
		return;
	}
	t = mem_zalloc(sizeof(*t));
	if (t == NULL) {
		pr_err("ext2: %s: no memory for a journal handle\n", fs->name);
		return;
	}
	t->thr = thr_current();
	t->depth = 1;
	ext2_tx_start(fs, t);
	spin_lock(&fs->tx_lock);
	list_add_tail(&fs->tx_list, &t->link);
	spin_unlock(&fs->tx_lock);
}

int ext2_tx_end(struct ext2_fs *fs)
{
	struct ext2_txh *t;
	int rc = 0;

	if (fs->jbd == NULL) {
		__atomic_sub_fetch(&fs->tx_depth, 1, __ATOMIC_RELAXED);
		return 0;
	}
	t = ext2_tx_find(fs);
	if (t == NULL || --t->depth > 0)
		return 0;
	spin_lock(&fs->tx_lock);
	list_del(&t->link);
	spin_unlock(&fs->tx_lock);
	if (t->live)
		rc = jbd_stop(&t->h);
	mem_free(t);
	return rc;
}

void ext2_tx_restart(struct ext2_fs *fs)
{
	struct ext2_txh *t = fs->jbd ? ext2_tx_find(fs) : NULL;

	if (t == NULL || t->depth != 1)
		return; /* nested: the outer operation's handle goes on */
	if (t->live)
		(void)jbd_stop(&t->h);
	ext2_tx_start(fs, t);
}

/* The calling thread's live handle, or NULL. */
static struct jbd_handle *ext2_tx_handle(struct ext2_fs *fs)
{
	struct ext2_txh *t = fs->jbd ? ext2_tx_find(fs) : NULL;

	return t && t->live ? &t->h : NULL;
}

void ext2_meta_dirty(struct ext2_fs *fs, struct buf *b)
{
	struct jbd_handle *h = ext2_tx_handle(fs);
	int rc;

	if (h == NULL) {
		if (fs->jbd && !fs->tx_warned) {
			fs->tx_warned = 1;
			pr_err("ext2: %s: metadata block %lu changed outside a handle\n", fs->name,
			       (unsigned long)b->blkno);
		}
		buf_dirty(b);
		return;
	}
	rc = jbd_get_write(h, b);
	if (rc == 0)
		rc = jbd_dirty_meta(h, b);
	if (rc) {
		if (!fs->tx_warned) {
			fs->tx_warned = 1;
			pr_err("ext2: %s: block %lu not journaled (error %d)\n", fs->name,
			       (unsigned long)b->blkno, rc);
		}
		buf_dirty(b);
	}
}

void ext2_data_dirty(struct ext2_fs *fs, struct buf *b)
{
	struct jbd_handle *h = ext2_tx_handle(fs);

	if (h == NULL || jbd_dirty_data(h, b) != 0)
		buf_dirty(b);
}

void ext2_meta_forget(struct ext2_fs *fs, uint32_t blkno)
{
	struct jbd_handle *h = ext2_tx_handle(fs);

	if (h)
		(void)jbd_revoke(h, blkno);
}
