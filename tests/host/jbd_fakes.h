/*
 * Host side of the journal's tests (tests/host/test_jbd.c): ext3 images
 * made and judged by e2fsprogs (mke2fs, debugfs, e2fsck), file copies and
 * comparisons, and the core's printk and thread calls. Kept apart from
 * the test, whose kernel headers clash with the host's stdio and unistd.
 */
#ifndef TESTS_HOST_JBD_FAKES_H_
#define TESTS_HOST_JBD_FAKES_H_

#include <stddef.h>
#include <stdint.h>

/** While set, thr_create() starts a real (detached) host thread; else it fails. */
extern int jfake_threads;

/** The last message printk() printed. */
extern char jfake_last_msg[256];

/** Make an ext3 image of @p kib KiB with @p bs-byte blocks (csum: metadata_csum and a CSUM_V3
 * journal); 0 or -1. */
int jfake_mkimage(const char *path, unsigned bs, unsigned kib, int csum);
/** The device blocks of the journal file (inode 8) by file block, from debugfs' stat; how many. */
int jfake_journal_blocks(const char *img, uint64_t *out, unsigned max);
/** @p n free blocks from @p from on (debugfs ffb); how many, or -1. */
int jfake_free_blocks(const char *img, unsigned n, uint64_t from, uint64_t *out);
/** Block and byte offset of inode @p ino; 0 or -1. */
int jfake_inode_loc(const char *img, unsigned ino, uint64_t *blk, unsigned *off);
/** Run a shell command (stdout and stderr to /dev/null); its exit status.
 */
int jfake_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Copy a file; 0 or -1. */
int jfake_copy(const char *src, const char *dst);
/**
 * Compare two files but the @p nskip ranges of @p skip (offset, length pairs):
 * 0 if equal, else 1 + the first differing offset.
 */
uint64_t jfake_cmp(const char *a, const char *b, const uint64_t *skip, unsigned nskip);
/** Open a file read-write; the descriptor or -1. */
int jfake_open(const char *path);
/** A temporary file name unique to this process: /tmp/test_jbd.<pid>.<tag>. */
void jfake_tmpname(char *out, size_t n, const char *tag);
/** Write @p n bytes of random data to a new file; 0 or -1. */
int jfake_random_file(const char *path, size_t n);
/** Write a text file from a format; 0 or -1. */
int jfake_write_text(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Remove a file. */
void jfake_unlink(const char *path);

#endif /* TESTS_HOST_JBD_FAKES_H_ */
