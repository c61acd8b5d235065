/*
 * The journal's superblock: reading and checking it at load (every field
 * bounded, unsupported features refused by name), writing its tail, and
 * the block I/O every other part uses (journal block -> device block
 * through the caller's map, through the buffer cache). Locking: jbd.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "jbd_format.h"
#include "jbd_int.h"

static int jbd_map(struct jbd *j, uint32_t jblk, uint64_t *devblk)
{
	int rc;

	if (jblk >= j->p.nblocks)
		return -EUCLEAN;
	rc = j->p.bmap(j->p.bmap_arg, jblk, devblk);
	if (rc == 0 && *devblk >= j->p.dev->nblocks)
		rc = -EUCLEAN;
	return rc;
}

int jbd_log_read(struct jbd *j, uint32_t jblk, struct buf **bp)
{
	uint64_t d;
	int rc = jbd_map(j, jblk, &d);

	*bp = NULL;
	return rc != 0 ? rc : buf_read(j->p.dev, d, bp);
}

/* Journal block @p jblk in the cache holding @p data, held; its device block in *devblk. */
static int jbd_log_fill(struct jbd *j, uint32_t jblk, const void *data, uint64_t *devblk,
			struct buf **bp)
{
	int rc = jbd_map(j, jblk, devblk);

	if (rc == 0)
		rc = buf_get(j->p.dev, *devblk, bp);
	if (rc == 0)
		memcpy((*bp)->data, data, j->bs);
	return rc;
}

int jbd_log_write(struct jbd *j, uint32_t jblk, const void *data)
{
	struct buf *b;
	uint64_t d;
	int rc = jbd_log_fill(j, jblk, data, &d, &b);

	if (rc != 0)
		return rc;
	rc = buf_write(b);
	buf_release(b);
	return rc;
}

int jbd_log_put(struct jbd *j, uint32_t jblk, const void *data, uint64_t *devblk)
{
	struct buf *b;
	int rc = jbd_log_fill(j, jblk, data, devblk, &b);

	if (rc != 0)
		return rc;
	buf_dirty(b);
	buf_release(b);
	return 0;
}

void jbd_abort(struct jbd *j, const char *what, int rc)
{
	mutex_lock(&j->lock);
	if (!j->aborted)
		printk("jbd: %s: %s failed (%d): journal aborted, the disk keeps what committed\n",
		       j->p.name, what, rc);
	j->aborted = 1;
	mutex_unlock(&j->lock);
}

int jbd_sb_write(struct jbd *j, uint32_t start, uint32_t seq)
{
	struct buf *b;
	int rc;

	if (start == j->sb_start && seq == j->sb_seq)
		return 0;
	rc = jbd_log_read(j, 0, &b);
	if (rc == 0) {
		jbd_put32(b->data, JBD_SB_START, start);
		jbd_put32(b->data, JBD_SB_SEQUENCE, seq);
		if (start != 0 && jbd_get32(b->data, JBD_H_TYPE) == JBD_SB_V2) {
			j->incompat |= JBD_INCOMPAT_REVOKE;
			jbd_put32(b->data, JBD_SB_INCOMPAT, j->incompat);
		}
		if (j->csum)
			jbd_put32(b->data, JBD_SB_CHECKSUM, jbd_sb_csum(b->data));
		rc = buf_write(b);
		buf_release(b);
	}
	if (rc != 0) {
		jbd_abort(j, "journal superblock write", rc);
		return -EIO;
	}
	j->sb_start = start;
	j->sb_seq = seq;
	return 0;
}

uint32_t jbd_space(const struct jbd *j, uint32_t credits)
{
	uint32_t per_desc = (j->bs - JBD_H_SIZE - JBD_UUID_SIZE - j->tail) / j->tag_bytes;
	uint32_t per_rv = (j->bs - JBD_RV_SIZE - j->tail) / j->rec_bytes;

	return credits + credits / per_desc + 1 + credits / per_rv + 1 + 1;
}

/* The name of the lowest unsupported bit of @p bits (incompatible features). */
static const char *jbd_feature_name(uint32_t bits)
{
	if (bits & JBD_INCOMPAT_ASYNC_COMMIT)
		return "async_commit";
	if (bits & JBD_INCOMPAT_CSUM_V2)
		return "csum_v2";
	if (bits & JBD_INCOMPAT_CSUM_V3)
		return "csum_v3";
	if (bits & JBD_INCOMPAT_FAST_COMMIT)
		return "fast_commit";
	return "unknown";
}

static int jbd_bad(const struct jbd_params *p, const char *what, uint32_t v)
{
	printk("jbd: %s: bad journal superblock: %s (%u)\n", p->name, what, v);
	return -EUCLEAN;
}

/* Check the fields that bound everything else. */
static int jbd_check_geometry(const struct jbd_params *p, const uint8_t *sb)
{
	uint32_t maxlen = jbd_get32(sb, JBD_SB_MAXLEN), first = jbd_get32(sb, JBD_SB_FIRST);
	uint32_t start = jbd_get32(sb, JBD_SB_START), type = jbd_get32(sb, JBD_H_TYPE);

	if (jbd_get32(sb, JBD_H_MAGIC) != JBD_MAGIC)
		return jbd_bad(p, "magic", jbd_get32(sb, JBD_H_MAGIC));
	if (type != JBD_SB_V1 && type != JBD_SB_V2)
		return jbd_bad(p, "block type", type);
	if (jbd_get32(sb, JBD_SB_BLOCKSIZE) != p->dev->block_size)
		return jbd_bad(p, "block size is not the file system's",
			       jbd_get32(sb, JBD_SB_BLOCKSIZE));
	if (maxlen < JBD_MIN_BLOCKS || maxlen > p->nblocks)
		return jbd_bad(p, "length (blocks; the file has fewer, or under 1024)", maxlen);
	if (first == 0 || first >= maxlen || maxlen - first < JBD_MIN_BLOCKS / 2)
		return jbd_bad(p, "first log block", first);
	if (start != 0 && (start < first || start >= maxlen))
		return jbd_bad(p, "start of the log", start);
	if ((int32_t)jbd_get32(sb, JBD_SB_ERRNO) != 0)
		return jbd_bad(p, "recorded error: the journal was aborted, run e2fsck",
			       jbd_get32(sb, JBD_SB_ERRNO));
	return 0;
}

static int jbd_check_features(const struct jbd_params *p, const uint8_t *sb)
{
	uint32_t compat, incompat, ro;

	if (jbd_get32(sb, JBD_H_TYPE) == JBD_SB_V1)
		return 0;
	compat = jbd_get32(sb, JBD_SB_COMPAT);
	incompat = jbd_get32(sb, JBD_SB_INCOMPAT);
	ro = jbd_get32(sb, JBD_SB_RO_COMPAT);
	if (jbd_get32(sb, JBD_SB_NR_USERS) > 1)
		return jbd_bad(p, "users (a shared external journal)",
			       jbd_get32(sb, JBD_SB_NR_USERS));
	if (incompat & ~(uint32_t)JBD_INCOMPAT_KNOWN) {
		printk("jbd: %s: journal feature %s (0x%x) is not supported\n", p->name,
		       jbd_feature_name(incompat & ~(uint32_t)JBD_INCOMPAT_KNOWN), incompat);
		return -EINVAL;
	}
	if (compat != 0 || ro != 0) {
		printk("jbd: %s: journal feature %s (0x%x) is not supported\n", p->name,
		       compat & JBD_COMPAT_CHECKSUM ? "checksum" : "unknown compatible",
		       compat | ro);
		return -EINVAL;
	}
	if (incompat & JBD_INCOMPAT_CSUM_V3) {
		if (sb[JBD_SB_CSUM_TYPE] != JBD_CRC32C)
			return jbd_bad(p, "checksum type", sb[JBD_SB_CSUM_TYPE]);
		if (jbd_sb_csum(sb) != jbd_get32(sb, JBD_SB_CHECKSUM))
			return jbd_bad(p, "checksum", jbd_get32(sb, JBD_SB_CHECKSUM));
	}
	return 0;
}

/* Set the journal's geometry from a checked superblock. */
static void jbd_setup(struct jbd *j, const uint8_t *sb)
{
	uint32_t mt;

	j->bs = j->p.dev->block_size;
	j->maxlen = jbd_get32(sb, JBD_SB_MAXLEN);
	j->first = jbd_get32(sb, JBD_SB_FIRST);
	j->sb_seq = jbd_get32(sb, JBD_SB_SEQUENCE);
	j->sb_start = jbd_get32(sb, JBD_SB_START);
	j->incompat = jbd_get32(sb, JBD_H_TYPE) == JBD_SB_V2 ? jbd_get32(sb, JBD_SB_INCOMPAT) : 0;
	memcpy(j->uuid, sb + JBD_SB_UUID, sizeof(j->uuid));
	j->csum = (j->incompat & JBD_INCOMPAT_CSUM_V3) != 0;
	j->seed = jbd_crc32c(~0U, j->uuid, sizeof(j->uuid));
	j->tail = j->csum ? JBD_TAIL : 0;
	j->tag_bytes = (j->incompat & JBD_INCOMPAT_64BIT) ? JBD_TAG_LARGE : JBD_TAG_SMALL;
	if (j->csum)
		j->tag_bytes = JBD_TAG3;
	j->rec_bytes = (j->incompat & JBD_INCOMPAT_64BIT) ? 8 : 4;
	j->max_trans = (j->maxlen - j->first) / 4;
	mt = jbd_get32(sb, JBD_H_TYPE) == JBD_SB_V2 ? jbd_get32(sb, JBD_SB_MAX_TRANS) : 0;
	if (mt != 0 && mt < j->max_trans && mt > 64)
		j->max_trans = mt;
	j->head = j->sb_start != 0 ? j->sb_start : j->first;
	j->used = 0;
	j->next_seq = j->sb_seq;
	j->done_seq = j->next_seq - 1;
	j->lock = (struct mutex)MUTEX_INIT("jbd");
	j->commit_lock = (struct mutex)MUTEX_INIT("jbd-commit");
	j->thread_lock = (struct spinlock)SPINLOCK_INIT("jbd-thread");
}

int jbd_load(const struct jbd_params *p, struct jbd **jp)
{
	struct jbd *j;
	struct buf *b;
	int rc;

	*jp = NULL;
	if (p->nblocks < JBD_MIN_BLOCKS) {
		printk("jbd: %s: journal file of %u blocks: fewer than %u\n", p->name, p->nblocks,
		       JBD_MIN_BLOCKS);
		return -EUCLEAN;
	}
	j = mem_zalloc(sizeof(*j));
	if (j == NULL)
		return -ENOMEM;
	j->p = *p;
	rc = jbd_log_read(j, 0, &b);
	if (rc != 0) {
		printk("jbd: %s: journal superblock unreadable (%d)\n", p->name, rc);
		mem_free(j);
		return rc == -EUCLEAN ? rc : -EIO;
	}
	rc = jbd_check_geometry(p, b->data);
	if (rc == 0)
		rc = jbd_check_features(p, b->data);
	if (rc == 0)
		jbd_setup(j, b->data);
	buf_release(b);
	if (rc != 0) {
		mem_free(j);
		return rc;
	}
	jbd_thread_start(j);
	*jp = j;
	return 0;
}

int jbd_dirty(const struct jbd *j)
{
	return j->sb_start != 0;
}

struct jbd_jh *jbd_jh_find(struct jbd *j, uint64_t blkno)
{
	struct jbd_jh *jh = j->hash[blkno % JBD_NHASH];

	while (jh != NULL && jh->blkno != blkno)
		jh = jh->next;
	return jh;
}

void jbd_jh_drop(struct jbd *j, struct jbd_jh *jh)
{
	struct jbd_jh **pp = &j->hash[jh->blkno % JBD_NHASH];

	while (*pp != jh)
		pp = &(*pp)->next;
	*pp = jh->next;
	j->pinned--;
	mem_free(jh);
}

void jbd_trans_free(struct jbd_trans *t)
{
	for (unsigned i = 0; t->copies != NULL && i < t->nmeta; i++)
		mem_free(t->copies[i]);
	mem_free(t->meta);
	mem_free(t->revoke);
	mem_free(t->data);
	mem_free(t->copies);
	mem_free(t);
}

uint32_t jbd_running_seq(struct jbd *j)
{
	return __atomic_load_n(&j->next_seq, __ATOMIC_ACQUIRE);
}

int jbd_seq_committed(struct jbd *j, uint32_t seq)
{
	return (int32_t)(__atomic_load_n(&j->done_seq, __ATOMIC_ACQUIRE) - seq) >= 0;
}

void jbd_stats(struct jbd *j, struct jbd_stats *st)
{
	mutex_lock(&j->lock);
	*st = (struct jbd_stats){
		.next_seq = j->next_seq,
		.log_blocks = j->maxlen - j->first,
		.log_used = j->used,
		.head = j->head,
		.max_trans = j->max_trans,
		.commits = j->commits,
		.checkpoints = j->checkpoints,
		.pinned = j->pinned,
		.aborted = j->aborted,
	};
	mutex_unlock(&j->lock);
}
