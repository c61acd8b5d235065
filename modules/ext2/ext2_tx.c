/*
 * The journal hook: every metadata change of ext2 goes through here.
 *
 *   ext2_tx_begin(fs) / ext2_tx_end(fs)  around each operation that
 *                                        changes metadata (they nest);
 *   ext2_meta_dirty(fs, b)   a held metadata buffer changed (superblock,
 *                            group descriptors, bitmaps, inode table,
 *                            indirect and directory blocks);
 *   ext2_data_dirty(fs, b)   a held file data buffer changed;
 *   ext2_meta_forget(fs, blk) a metadata block was freed (a journal must
 *                            not replay or write it back any more).
 *
 * Without a journal a metadata change is a delayed write like data: the
 * buffer is marked dirty and the cache writes it back (flush thread, sync,
 * eviction). The journal (jbd*.c) will join the buffers of an operation to
 * its running transaction here instead, and order data before metadata.
 * The nesting depth is per file system, under no lock of its own: it is a
 * count only (the journal will keep a handle per thread).
 */
#include <stdint.h>

#include <kern/buf.h>

#include "ext2.h"

void ext2_tx_begin(struct ext2_fs *fs)
{
	__atomic_add_fetch(&fs->tx_depth, 1, __ATOMIC_RELAXED);
}

int ext2_tx_end(struct ext2_fs *fs)
{
	__atomic_sub_fetch(&fs->tx_depth, 1, __ATOMIC_RELAXED);
	return 0;
}

void ext2_meta_dirty(struct ext2_fs *fs, struct buf *b)
{
	(void)fs;
	buf_dirty(b);
}

void ext2_data_dirty(struct ext2_fs *fs, struct buf *b)
{
	(void)fs;
	buf_dirty(b);
}

void ext2_meta_forget(struct ext2_fs *fs, uint32_t blkno)
{
	(void)fs;
	(void)blkno;
}
