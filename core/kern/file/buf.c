/*
 * The core side of the `buf` role: its descriptor, registration and the
 * wrappers the file systems call. Without a provider there is no buffer
 * cache: buf_read() and buf_get() say -ENODEV, buf_sync() and
 * buf_invalidate() have nothing to do, and a buffer cannot exist, so
 * writing or releasing one is a bug (panic). The role is pinned: mounted
 * file systems hold its buffers, so it never unloads.
 *
 * Locking: none here. The provider locks its hash, its lists and each
 * buffer itself; the wrappers only check the calling context.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/assert.h>
#include <kern/buf.h>
#include <kern/kmod.h>
#include <kern/panic.h>
#include <uapi/errno.h>

static int buf_null_read(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	(void)d;
	(void)blkno;
	*bp = NULL;
	return -ENODEV;
}

static int buf_null_write(struct buf *b)
{
	panic("buf: write of block %llu without a buf provider", (unsigned long long)b->blkno);
}

static void buf_null_dirty(struct buf *b)
{
	panic("buf: dirty block %llu without a buf provider", (unsigned long long)b->blkno);
}

static void buf_null_release(struct buf *b)
{
	panic("buf: release of block %llu without a buf provider", (unsigned long long)b->blkno);
}

static int buf_null_sync(struct buf_dev *d)
{
	(void)d;
	return 0;
}

static unsigned buf_null_invalidate(struct buf_dev *d)
{
	(void)d;
	return 0;
}

static uint64_t buf_null_shrink(uint64_t n)
{
	(void)n;
	return 0;
}

static void buf_null_stats(struct buf_stats *st)
{
	*st = (struct buf_stats){ 0 };
}

static void buf_null_pin(struct buf *b)
{
	panic("buf: pin of block %llu without a buf provider", (unsigned long long)b->blkno);
}

static int buf_null_flush_block(struct buf_dev *d, uint64_t blkno)
{
	(void)d;
	(void)blkno;
	return -ENODEV;
}

static int buf_null_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n)
{
	(void)d;
	(void)blknos;
	(void)n;
	return -ENODEV;
}

static const struct buf_ops buf_null_ops = {
	.version = BUF_OPS_VERSION,
	.read = buf_null_read,
	.get = buf_null_read,
	.write = buf_null_write,
	.dirty = buf_null_dirty,
	.release = buf_null_release,
	.sync = buf_null_sync,
	.invalidate = buf_null_invalidate,
	.shrink = buf_null_shrink,
	.stats = buf_null_stats,
	.pin = buf_null_pin,
	.unpin = buf_null_pin,
	.flush_block = buf_null_flush_block,
	.flush_blocks = buf_null_flush_blocks,
};

static const struct buf_ops *buf_ops = &buf_null_ops;
static struct buf_ops buf_resolved;

ROLE_DEFINE(buf_role, .name = "buf", .version = BUF_OPS_VERSION, .ops_size = sizeof(struct buf_ops),
	    .optional = ROLE_OPT(struct buf_ops, shrink), .null_ops = &buf_null_ops,
	    .resolved = &buf_resolved, .current = (const void **)&buf_ops, .pinned = true);

int buf_register(const struct buf_ops *ops)
{
	return role_register(&buf_role, ops);
}
KERN_EXPORT(buf_register);

int buf_read(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->read(d, blkno, bp);
}
KERN_EXPORT(buf_read);

int buf_get(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->get(d, blkno, bp);
}
KERN_EXPORT(buf_get);

int buf_write(struct buf *b)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->write(b);
}
KERN_EXPORT(buf_write);

void buf_dirty(struct buf *b)
{
	buf_ops->dirty(b);
}
KERN_EXPORT(buf_dirty);

void buf_release(struct buf *b)
{
	buf_ops->release(b);
}
KERN_EXPORT(buf_release);

int buf_sync(struct buf_dev *d)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->sync(d);
}
KERN_EXPORT(buf_sync);

unsigned buf_invalidate(struct buf_dev *d)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->invalidate(d);
}
KERN_EXPORT(buf_invalidate);

uint64_t buf_shrink(uint64_t n)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->shrink(n);
}
KERN_EXPORT(buf_shrink);

void buf_stats(struct buf_stats *st)
{
	buf_ops->stats(st);
}
KERN_EXPORT(buf_stats);

void buf_pin(struct buf *b)
{
	buf_ops->pin(b);
}
KERN_EXPORT(buf_pin);

void buf_unpin(struct buf *b)
{
	buf_ops->unpin(b);
}
KERN_EXPORT(buf_unpin);

int buf_flush_block(struct buf_dev *d, uint64_t blkno)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->flush_block(d, blkno);
}
KERN_EXPORT(buf_flush_block);

int buf_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n)
{
	KASSERT_MAY_SLEEP();
	return buf_ops->flush_blocks(d, blknos, n);
}
KERN_EXPORT(buf_flush_blocks);
