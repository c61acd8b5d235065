/*
 * The buf role's wrappers for host programs that link the cache's sources
 * without the core's role layer (core/kern/file/buf.c): each buf_*() goes
 * straight to the bcache_*() of modules/buf. Used by the journal's and
 * ext2's host tests and by the ext2 fuzzer.
 */
#include <stdint.h>

#include <kern/buf.h>

#include "buf/bcache.h"

int buf_read(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	return bcache_read(d, blkno, bp);
}
int buf_get(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	return bcache_get(d, blkno, bp);
}
int buf_write(struct buf *b)
{
	return bcache_write(b);
}
void buf_dirty(struct buf *b)
{
	bcache_dirty(b);
}
void buf_release(struct buf *b)
{
	bcache_release(b);
}
int buf_sync(struct buf_dev *d)
{
	return bcache_sync(d);
}
unsigned buf_invalidate(struct buf_dev *d)
{
	return bcache_invalidate(d);
}
void buf_pin(struct buf *b)
{
	bcache_pin(b);
}
void buf_unpin(struct buf *b)
{
	bcache_unpin(b);
}
int buf_flush_block(struct buf_dev *d, uint64_t blkno)
{
	return bcache_flush_block(d, blkno);
}
int buf_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n)
{
	return bcache_flush_blocks(d, blknos, n);
}
