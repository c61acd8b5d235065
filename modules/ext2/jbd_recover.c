/*
 * Recovery: the three passes over the log from its tail (s_start,
 * s_sequence). SCAN finds the last transaction whose commit block is
 * there (a block without the magic or with another sequence ends the
 * log); REVOKE collects every revoke record of those transactions with
 * the newest sequence that revoked it; REPLAY writes each tagged block
 * home unless a revoke of the same or a later transaction covers it.
 * Then the journal is marked empty, with s_sequence past the last
 * transaction as e2fsck leaves it. Runs before any handle: the caller's
 * thread alone uses the journal.
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

enum jbd_pass { JBD_PASS_SCAN, JBD_PASS_REVOKE, JBD_PASS_REPLAY };

/* A revoked block and the newest transaction that revoked it. */
struct jbd_rv {
	uint64_t blkno;
	uint32_t seq;
	struct jbd_rv *next;
};

struct jbd_scan {
	uint32_t end_seq;	      /* first sequence without a commit block */
	struct jbd_rv *rv[JBD_NHASH]; /* revoke records */
	uint64_t *tags;		      /* one descriptor's home blocks */
	uint16_t *flags;	      /* and their flags */
	uint32_t *sums;		      /* and their checksums (CSUM_V3) */
	unsigned bad;		      /* logged blocks whose checksum is wrong */
	void *tmp;		      /* a block */
	unsigned replayed, revoked;   /* blocks */
};

/* Newer in sequence space (wrapping). */
static int jbd_seq_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

static int jbd_rv_add(struct jbd_scan *s, uint64_t blkno, uint32_t seq)
{
	struct jbd_rv *r = s->rv[blkno % JBD_NHASH];

	while (r != NULL && r->blkno != blkno)
		r = r->next;
	if (r != NULL) {
		if (jbd_seq_after(seq, r->seq))
			r->seq = seq;
		return 0;
	}
	r = mem_alloc(sizeof(*r));
	if (r == NULL)
		return -ENOMEM;
	*r = (struct jbd_rv){ .blkno = blkno, .seq = seq, .next = s->rv[blkno % JBD_NHASH] };
	s->rv[blkno % JBD_NHASH] = r;
	return 0;
}

static int jbd_rv_covers(const struct jbd_scan *s, uint64_t blkno, uint32_t seq)
{
	const struct jbd_rv *r = s->rv[blkno % JBD_NHASH];

	while (r != NULL && r->blkno != blkno)
		r = r->next;
	return r != NULL && !jbd_seq_after(seq, r->seq);
}

/* Parse a descriptor's tags into s->tags/s->flags; return how many. */
static unsigned jbd_parse_tags(const struct jbd *j, const uint8_t *d, struct jbd_scan *s)
{
	unsigned off = JBD_H_SIZE, n = 0;

	while (off + j->tag_bytes <= j->bs - j->tail) {
		uint16_t fl = j->csum ? (uint16_t)jbd_get32(d, off + JBD_TAG3_FLAGS)
				      : jbd_get16(d, off + JBD_TAG_FLAGS);
		uint64_t blk = jbd_get32(d, off + JBD_TAG_BLOCKNR);

		s->sums[n] = j->csum ? jbd_get32(d, off + JBD_TAG3_CSUM) : 0;
		if (j->incompat & JBD_INCOMPAT_64BIT)
			blk |= (uint64_t)jbd_get32(d, off + JBD_TAG_HIGH) << 32;
		s->tags[n] = blk;
		s->flags[n++] = fl;
		off += j->tag_bytes;
		if (!(fl & JBD_FLAG_SAME_UUID))
			off += JBD_UUID_SIZE;
		if (fl & JBD_FLAG_LAST_TAG)
			break;
	}
	return n;
}

static int jbd_parse_revoke(struct jbd *j, const uint8_t *d, uint32_t seq, struct jbd_scan *s)
{
	uint32_t count = jbd_get32(d, JBD_RV_COUNT);
	int rc = 0;

	if (count < JBD_RV_SIZE || count > j->bs - j->tail) {
		printk("jbd: %s: revoke block of %u bytes\n", j->p.name, count);
		return -EUCLEAN;
	}
	for (uint32_t off = JBD_RV_SIZE; rc == 0 && off + j->rec_bytes <= count;
	     off += j->rec_bytes) {
		uint64_t blk = jbd_get32(d, off);

		if (j->rec_bytes == 8)
			blk = blk << 32 | jbd_get32(d, off + 4);
		rc = jbd_rv_add(s, blk, seq);
	}
	return rc;
}

/* Replay the @p n blocks of a descriptor at @p pos. */
static int jbd_replay_tags(struct jbd *j, uint32_t pos, uint32_t seq, unsigned n,
			   struct jbd_scan *s)
{
	struct buf *b;
	int rc;

	for (unsigned i = 0; i < n; i++) {
		if (s->tags[i] >= j->p.dev->nblocks) {
			printk("jbd: %s: transaction %u logs block %llu past the device\n",
			       j->p.name, seq, (unsigned long long)s->tags[i]);
			return -EUCLEAN;
		}
		if (jbd_rv_covers(s, s->tags[i], seq)) {
			s->revoked++;
			continue;
		}
		rc = jbd_log_read(j, jbd_wrap(j, pos, 1 + i), &b);
		if (rc != 0)
			return rc;
		memcpy(s->tmp, b->data, j->bs);
		buf_release(b);
		if (j->csum && jbd_tag_csum(j, seq, s->tmp) != s->sums[i]) {
			printk("jbd: %s: transaction %u: block %llu has a bad checksum: not "
			       "replayed\n",
			       j->p.name, seq, (unsigned long long)s->tags[i]);
			s->bad++;
			continue;
		}
		if (s->flags[i] & JBD_FLAG_ESCAPE)
			jbd_put32(s->tmp, 0, JBD_MAGIC);
		rc = buf_get(j->p.dev, s->tags[i], &b);
		if (rc != 0)
			return rc;
		memcpy(b->data, s->tmp, j->bs);
		rc = buf_write(b);
		buf_release(b);
		if (rc != 0)
			return rc;
		s->replayed++;
	}
	return 0;
}

/* What one log block at @p pos means for the pass; advances *pos and *seq. */
static int jbd_pass_block(struct jbd *j, enum jbd_pass pass, uint32_t *pos, uint32_t *seq,
			  struct jbd_scan *s)
{
	struct buf *b;
	unsigned n;
	uint32_t type;
	int rc = jbd_log_read(j, *pos, &b);

	if (rc != 0)
		return rc;
	if (jbd_get32(b->data, JBD_H_MAGIC) != JBD_MAGIC || jbd_get32(b->data, JBD_H_SEQ) != *seq) {
		buf_release(b);
		return 1; /* the end of the log */
	}
	type = jbd_get32(b->data, JBD_H_TYPE);
	if (pass == JBD_PASS_SCAN && type >= JBD_DESCRIPTOR && type <= JBD_REVOKE &&
	    !jbd_csum_ok(j, b->data)) {
		buf_release(b);
		printk("jbd: %s: log block %u of transaction %u has a bad checksum: the log ends "
		       "there\n",
		       j->p.name, *pos, *seq);
		return 1;
	}
	switch (type) {
	case JBD_DESCRIPTOR:
		n = jbd_parse_tags(j, b->data, s);
		buf_release(b);
		if (pass == JBD_PASS_REPLAY && (rc = jbd_replay_tags(j, *pos, *seq, n, s)) != 0)
			return rc;
		*pos = jbd_wrap(j, *pos, 1 + n);
		return 0;
	case JBD_COMMIT:
		buf_release(b);
		*pos = jbd_wrap(j, *pos, 1);
		++*seq;
		return 0;
	case JBD_REVOKE:
		if (pass == JBD_PASS_REVOKE)
			rc = jbd_parse_revoke(j, b->data, *seq, s);
		buf_release(b);
		*pos = jbd_wrap(j, *pos, 1);
		return rc;
	default:
		buf_release(b);
		return 1;
	}
}

static int jbd_pass(struct jbd *j, enum jbd_pass pass, struct jbd_scan *s)
{
	uint32_t pos = j->sb_start, seq = j->sb_seq, steps = 0, len = j->maxlen - j->first;
	int rc;

	for (;;) {
		if (pass != JBD_PASS_SCAN && seq == s->end_seq)
			return 0;
		if (steps++ > len) {
			printk("jbd: %s: the log loops\n", j->p.name);
			return -EUCLEAN;
		}
		rc = jbd_pass_block(j, pass, &pos, &seq, s);
		if (rc < 0)
			return rc;
		if (rc > 0 && pass != JBD_PASS_SCAN) {
			printk("jbd: %s: the log changed between passes at block %u\n", j->p.name,
			       pos);
			return -EUCLEAN;
		}
		if (rc > 0)
			return 0;
		/* Scan: the end is just after the last commit block. */
		if (pass == JBD_PASS_SCAN && jbd_seq_after(seq, s->end_seq))
			s->end_seq = seq;
	}
}

static void jbd_scan_free(struct jbd_scan *s)
{
	for (unsigned i = 0; i < JBD_NHASH; i++)
		while (s->rv[i] != NULL) {
			struct jbd_rv *r = s->rv[i];

			s->rv[i] = r->next;
			mem_free(r);
		}
	mem_free(s->tags);
	mem_free(s->flags);
	mem_free(s->sums);
	mem_free(s->tmp);
	mem_free(s);
}

static int jbd_run_passes(struct jbd *j, struct jbd_scan *s)
{
	int rc;

	s->end_seq = j->sb_seq;
	rc = jbd_pass(j, JBD_PASS_SCAN, s);
	if (rc == 0)
		rc = jbd_pass(j, JBD_PASS_REVOKE, s);
	if (rc == 0)
		rc = jbd_pass(j, JBD_PASS_REPLAY, s);
	return rc;
}

int jbd_recover(struct jbd *j)
{
	unsigned max_tags = j->bs / JBD_TAG_SMALL;
	uint32_t first_seq = j->sb_seq;
	struct jbd_scan *s;
	int rc;

	if (j->sb_start == 0)
		return 0;
	s = mem_zalloc(sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->tags = mem_alloc(max_tags * sizeof(*s->tags));
	s->flags = mem_alloc(max_tags * sizeof(*s->flags));
	s->sums = mem_alloc(max_tags * sizeof(*s->sums));
	s->tmp = mem_alloc(j->bs);
	rc = s->tags && s->flags && s->sums && s->tmp ? jbd_run_passes(j, s) : -ENOMEM;
	if (rc == 0 && s->bad != 0)
		rc = -EUCLEAN; /* the journal stays as it is, for e2fsck */
	if (rc == 0) {
		mutex_lock(&j->commit_lock);
		rc = jbd_sb_write(j, 0, s->end_seq + 1);
		mutex_unlock(&j->commit_lock);
	}
	if (rc == 0) {
		rc = (int)(s->end_seq - first_seq);
		printk("jbd: %s: replayed %u blocks (%u revoked) of %d transactions\n", j->p.name,
		       s->replayed, s->revoked, rc);
		mutex_lock(&j->lock);
		j->next_seq = j->sb_seq;
		j->done_seq = j->next_seq - 1;
		j->head = j->first;
		j->used = 0;
		mutex_unlock(&j->lock);
	}
	jbd_scan_free(s);
	return rc;
}
