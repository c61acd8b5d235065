/*
 * Blocks freed in transactions that have not committed yet. Such a block
 * must not be handed out again before its transaction commits: a power cut
 * before the commit brings back the state in which it still belongs to its
 * old owner (an indirect block, a directory, a file's data), and the new
 * owner's data, written home early (ordered data, the flush thread), would
 * already have overwritten it. ext3 keeps the last committed bitmap for the
 * same reason; here the freed blocks are remembered with the sequence of the
 * transaction that freed them, and the block allocator passes over them
 * until jbd_seq_committed() says that transaction is on the disk.
 *
 * Under ext2_fs::lock (ext2_block_free() and the allocator hold it). A
 * committed entry is dropped when its bucket is next looked at; the
 * list of a bucket is short unless a big truncate has just run.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>

#include "ext2.h"
#include "jbd.h"

struct ext2_pend {
	struct ext2_pend *next;
	uint32_t blk;
	uint32_t seq;
};

static unsigned ext2_pend_bucket(uint32_t blk)
{
	return (blk * 2654435761u) >> (32 - EXT2_PEND_BITS);
}

/* Drop the entries of bucket @p h whose transactions committed. */
static void ext2_pend_prune(struct ext2_fs *fs, unsigned h)
{
	struct ext2_pend **pp = &fs->pend[h];

	while (*pp) {
		struct ext2_pend *e = *pp;

		if (jbd_seq_committed(fs->jbd, e->seq)) {
			*pp = e->next;
			mem_free(e);
			fs->npend--;
		} else {
			pp = &e->next;
		}
	}
}

void ext2_pend_add(struct ext2_fs *fs, uint32_t blk)
{
	unsigned h = ext2_pend_bucket(blk);
	struct ext2_pend *e;

	if (fs->jbd == NULL)
		return;
	ext2_pend_prune(fs, h);
	e = mem_alloc(sizeof(*e));
	if (e == NULL) { /* no record: the block stays taken until the commit */
		fs->pend_lost++;
		return;
	}
	*e = (struct ext2_pend){ .next = fs->pend[h], .blk = blk, .seq = jbd_running_seq(fs->jbd) };
	fs->pend[h] = e;
	fs->npend++;
}

int ext2_pend_busy(struct ext2_fs *fs, uint32_t blk)
{
	unsigned h = ext2_pend_bucket(blk);

	if (fs->jbd == NULL || fs->npend == 0)
		return 0;
	ext2_pend_prune(fs, h);
	for (struct ext2_pend *e = fs->pend[h]; e; e = e->next)
		if (e->blk == blk)
			return 1;
	return 0;
}

void ext2_pend_clear(struct ext2_fs *fs)
{
	for (unsigned h = 0; h < (1u << EXT2_PEND_BITS); h++)
		while (fs->pend[h]) {
			struct ext2_pend *e = fs->pend[h];

			fs->pend[h] = e->next;
			mem_free(e);
		}
	fs->npend = 0;
}
