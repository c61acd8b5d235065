/**
 * @file jbd_test.h
 * @brief What test_jbd.c shares with test_jbd_threads.c: the image
 *        device that records its writes, and the helpers over it.
 */
#ifndef TESTS_HOST_JBD_TEST_H_
#define TESTS_HOST_JBD_TEST_H_

#include <stdint.h>

#include <kern/buf.h>

#define IMG_KIB	    8192
#define MAXJ	    4096
#define MAXW	    65536
#define SB_INCOMPAT (1024 + 0x60) /* byte offset of the ext2 superblock's s_feature_incompat */
#define RECOVER	    0x4

/* An image file as a device that records the order of its writes. */
struct img {
	char path[96];
	unsigned bs;
	int fd;
	struct buf_dev dev;
	uint64_t jmap[MAXJ];
	unsigned jlen;
	uint64_t wlog[MAXW];
	unsigned nw;
	uint64_t fb[512]; /* free blocks of the image */
};

/** The image of the running test. */
extern struct img im;

/** @brief Journal block -> device block of the image. */
int img_bmap(void *arg, uint32_t jblk, uint64_t *devblk);
/** @brief Make an ext3 image of @p bs-byte blocks (@p tag names its file). */
void img_make(unsigned bs, const char *tag);
/** @brief Open the image as a cached device of @p cache buffers. */
void img_open(const char *path, uint64_t cache);
/** @brief Drop the cache and close the image. */
void img_close(void);
/** @brief Load the image's journal. @return the journal. */
struct jbd *jopen(void);
/** @brief Set or clear the file system's needs_recovery on the image. */
void set_recover(int on);
/** @brief In handle @p h, fill metadata block @p blk with @p fill (@p magic: JBD2's magic first).
 */
void put_block(struct jbd_handle *h, uint64_t blk, uint8_t fill, int magic);
/** @brief The image's block @p blk holds @p fill. */
void expect_fill(uint64_t blk, uint8_t fill);
/** @brief Test: handles of three threads racing a committing thread, then a crash. */
void test_threads_consistent(void **state);
/** @brief Test: the commit thread commits and checkpoints by itself. */
void test_commit_thread(void **state);

#endif /* TESTS_HOST_JBD_TEST_H_ */
