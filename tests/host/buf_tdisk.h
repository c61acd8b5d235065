/*
 * The buffer cache's host tests' disk (tests/host/buf_tdisk.c): a buf_dev
 * over a temporary file of NBLOCKS blocks of BS bytes, each byte a
 * pattern of its offset, with injectable read and write errors and
 * counts of its transfers; and the helpers test_buf.c and
 * test_buf_writeback.c share.
 */
#ifndef TESTS_HOST_BUF_TDISK_H_
#define TESTS_HOST_BUF_TDISK_H_

#include <stdint.h>

#include <kern/buf.h>

#define BS	 1024
#define NBLOCKS	 64
#define NO_FAULT UINT64_MAX

/* The disk: a buf_dev over a temporary file. */
struct tdisk {
	struct buf_dev dev;
	int fd;
	uint64_t fail_read; /* a transfer touching this block fails (NO_FAULT: none) */
	uint64_t fail_write;
	unsigned rd_calls, wr_calls; /* transfers */
	unsigned wr_runs;	     /* runs of consecutive blocks written */
	unsigned last_n;	     /* blocks in the last read transfer */
};

extern struct tdisk disk;

/* The disk's byte at @p off before anything wrote it. */
uint8_t pattern(uint64_t off);
/* Block @p blkno as the file holds it now. */
void file_block(uint64_t blkno, uint8_t *out);
/* The buffer holds its block's pattern. */
void expect_pattern(const struct buf *b);
/* The cache's counters. */
struct buf_stats stats(void);
/* bcache_read() of @p blkno, checked. */
struct buf *rd(uint64_t blkno);
/* The page of a held buffer. */
uint64_t pa_of(const struct buf *b);
/* A fresh disk and a cache of @p max buffers reading @p ra ahead. */
void setup_cache(uint64_t max, unsigned ra);
/* cmocka fixtures: a cache of 16 without read-ahead; all freed, nothing left. */
int setup(void **state);
int teardown(void **state);

#endif /* TESTS_HOST_BUF_TDISK_H_ */
