/*
 * The buf role and the journal's thread calls for host programs that run
 * ext2 (tests/host/ext2_fixture.c, tests/fuzz/fuzz_ext2.c): buf_*() go
 * straight to the cache's sources; there is one host thread, no commit
 * thread runs (the caller sets ext2_commit_secs to 0), and a wait nobody
 * can end aborts the program.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/thr.h>

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

static void ext2_shim_die(const char *what)
{
	fprintf(stderr, "ext2 host shim: %s\n", what);
	abort();
}

static int ext2_shim_thr;
struct thr *thr_current(void)
{
	return (struct thr *)&ext2_shim_thr;
}
struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class, long nice)
{
	(void)name, (void)entry, (void)arg, (void)class, (void)nice;
	ext2_shim_die("thr_create: no threads here");
	return NULL;
}
int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	(void)wchan, (void)m, (void)timeout_ns;
	ext2_shim_die("thr_sleep_mutex: a wait nobody can end (one thread)");
	return 0;
}
void thr_sleep_ns(uint64_t ns)
{
	(void)ns;
	ext2_shim_die("thr_sleep_ns: a sleep in a one-thread program");
}
