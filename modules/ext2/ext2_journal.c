/*
 * The journal of a has_journal file system (ext3's layout: the log is the
 * file of inode s_journal_inum, normally 8): found and mapped at mount,
 * replayed when the superblock says needs_recovery (or the log is not
 * empty), kept while mounted read-write, emptied at unmount. The journal
 * itself is jbd*.c (jbd.h); what goes into it is decided in ext2_tx.c.
 *
 * needs_recovery (INCOMPAT_RECOVER) is set in the superblock, written
 * through outside the journal, before the first handle of a read-write
 * mount, and cleared only after jbd_close() has checkpointed everything:
 * a power cut in between leaves it set, and the next mount (or e2fsck)
 * replays. A journaled file system keeps EXT2_VALID_FS set while mounted,
 * as ext3 does: the journal, not a check, makes it consistent again.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "ext2.h"
#include "jbd.h"

/* Longest journal file accepted (JBD2's own limit is far above what mke2fs makes). */
#define EXT2_JOURNAL_MAX (1U << 20)
/* Credits of a handle: what one step of an operation may change (ext2_tx.c). */
#define EXT2_TX_CREDITS 64

unsigned ext2_commit_secs = 5;

static int ext2_jbmap(void *arg, uint32_t jblk, uint64_t *devblk)
{
	struct ext2_fs *fs = arg;

	if (jblk >= fs->jblocks || fs->jmap[jblk] == 0)
		return -EUCLEAN;
	*devblk = fs->jmap[jblk];
	return 0;
}

/* Map the journal file's blocks once (it never moves while mounted). */
static int ext2_jmap_fill(struct ext2_fs *fs, struct vnode *jvp)
{
	int rc = 0;

	mutex_lock(&jvp->lock);
	for (uint32_t i = 0; i < fs->jblocks && rc == 0; i++) {
		rc = ext2_bmap(jvp, i, 0, &fs->jmap[i], NULL);
		if (rc == 0 && fs->jmap[i] == 0)
			rc = ext2_corrupt(fs, "a hole in the journal file at block", i);
	}
	mutex_unlock(&jvp->lock);
	return rc;
}

static int ext2_jmap_build(struct ext2_fs *fs, uint32_t ino)
{
	struct vnode *jvp;
	int rc = ext2_iget(fs, ino, &jvp);

	if (rc)
		return rc;
	fs->jblocks = (uint32_t)(jvp->size / fs->bsize);
	if (!S_ISREG(jvp->mode) || jvp->size / fs->bsize > EXT2_JOURNAL_MAX || fs->jblocks < 1024)
		rc = ext2_corrupt(fs, "bad journal inode", ino);
	if (rc == 0 && (fs->jmap = mem_alloc((size_t)fs->jblocks * sizeof(uint32_t))) == NULL)
		rc = -ENOMEM;
	if (rc == 0)
		rc = ext2_jmap_fill(fs, jvp);
	vfs_vrele(jvp);
	return rc;
}

/* The superblock straight to the disk, outside the journal (needs_recovery). */
static int ext2_sb_write_through(struct ext2_fs *fs)
{
	uint32_t blk = EXT2_SB_OFFSET / fs->bsize, off = EXT2_SB_OFFSET % fs->bsize;
	struct buf *b;
	int rc;

	if (buf_read(&fs->dev, blk, &b))
		return -EIO;
	memcpy((char *)b->data + off, &fs->sb, sizeof(fs->sb));
	rc = buf_write(b);
	buf_release(b);
	return rc ? -EIO : 0;
}

static void ext2_journal_free(struct ext2_fs *fs)
{
	mem_free(fs->jmap);
	fs->jmap = NULL;
	fs->jblocks = 0;
}

/* Replay what the log holds. @return transactions replayed, or -errno. */
static int ext2_journal_replay(struct ext2_fs *fs)
{
	int n;

	if (!(fs->sb.s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER) && !jbd_dirty(fs->jbd))
		return 0;
	n = jbd_recover(fs->jbd);
	if (n < 0)
		pr_err("ext2: %s: journal replay failed (error %d); run e2fsck\n", fs->name, n);
	else if (n > 0)
		printk("ext2: %s: journal replayed: %d transaction%s\n", fs->name, n,
		       n == 1 ? "" : "s");
	else
		printk("ext2: %s: was not cleanly unmounted; the journal had nothing to replay\n",
		       fs->name);
	return n;
}

/* After the replay: read-only gives the journal up, read-write marks needs_recovery. */
static int ext2_journal_settle(struct ext2_fs *fs)
{
	struct jbd_stats st;
	int rc;

	if (fs->ro) {
		rc = jbd_close(fs->jbd);
		fs->jbd = NULL;
		ext2_journal_free(fs);
		return rc;
	}
	jbd_stats(fs->jbd, &st);
	fs->tx_credits = st.max_trans / 4 < EXT2_TX_CREDITS ? st.max_trans / 4 : EXT2_TX_CREDITS;
	if (fs->tx_credits < 8)
		fs->tx_credits = 8;
	fs->sb.s_feature_incompat |= EXT3_FEATURE_INCOMPAT_RECOVER;
	return ext2_sb_write_through(fs);
}

int ext2_journal_open(struct ext2_fs *fs)
{
	struct ext2_super *sb = &fs->sb;
	struct jbd_params p;
	int rc, n;

	fs->tx_lock = (struct spinlock)SPINLOCK_INIT("ext2 tx");
	list_init(&fs->tx_list);
	if (sb->s_rev_level == 0 || !(sb->s_feature_compat & EXT3_FEATURE_COMPAT_HAS_JOURNAL)) {
		if (sb->s_rev_level && (sb->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER))
			return ext2_corrupt(fs, "needs recovery but has no journal: inode",
					    sb->s_journal_inum);
		return 0;
	}
	if (sb->s_journal_inum == 0 || sb->s_journal_dev != 0) {
		pr_err("ext2: %s: an external journal is not supported; not mounted\n", fs->name);
		return -EINVAL;
	}
	rc = ext2_jmap_build(fs, sb->s_journal_inum);
	if (rc) {
		ext2_journal_free(fs);
		return rc;
	}
	p = (struct jbd_params){ .name = fs->name,
				 .dev = &fs->dev,
				 .nblocks = fs->jblocks,
				 .bmap = ext2_jbmap,
				 .bmap_arg = fs,
				 .commit_secs = fs->ro ? 0 : ext2_commit_secs };
	rc = jbd_load(&p, &fs->jbd);
	n = rc ? rc : ext2_journal_replay(fs);
	if (n < 0) {
		if (fs->jbd)
			jbd_abandon(fs->jbd);
		fs->jbd = NULL;
		ext2_journal_free(fs);
		return n;
	}
	return n;
}

int ext2_journal_start(struct ext2_fs *fs)
{
	int rc;

	if (fs->jbd == NULL)
		return 0;
	rc = ext2_journal_settle(fs);
	if (rc) {
		if (fs->jbd)
			jbd_abandon(fs->jbd);
		fs->jbd = NULL;
		ext2_journal_free(fs);
	}
	return rc;
}

int ext2_journal_commit(struct ext2_fs *fs)
{
	return fs->jbd ? jbd_commit(fs->jbd, 1) : 0;
}

int ext2_journal_close(struct ext2_fs *fs)
{
	int rc;

	if (fs->jbd == NULL)
		return 0;
	rc = jbd_close(fs->jbd);
	mutex_lock(&fs->lock);
	fs->jbd = NULL; /* every transaction is on the disk: freed blocks may be reused */
	ext2_pend_clear(fs);
	mutex_unlock(&fs->lock);
	ext2_journal_free(fs);
	if (rc == 0)
		fs->sb.s_feature_incompat &= ~(uint32_t)EXT3_FEATURE_INCOMPAT_RECOVER;
	else
		pr_err("ext2: %s: the journal could not be emptied (error %d); the next mount "
		       "replays it\n",
		       fs->name, rc);
	return rc;
}
