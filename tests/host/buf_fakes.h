/*
 * Fakes for the buffer cache's host tests: the page role (frames from
 * aligned_alloc, a failure switch, the registered reclaimer kept for the
 * test to call) and a file-backed disk (a temporary file read and written
 * with pread/pwrite). Kept apart from the test, whose kernel headers
 * clash with the host's <fcntl.h> and <unistd.h>.
 */
#ifndef TESTS_HOST_BUF_FAKES_H_
#define TESTS_HOST_BUF_FAKES_H_

#include <stddef.h>
#include <stdint.h>

struct page_reclaimer;

/** While non-zero, page_alloc() finds nothing. */
extern int bfake_page_fail;
/** Frames page_alloc() handed out and page_free() did not take back yet. */
extern long bfake_pages;
/** Frames marked reclaimable now. */
extern long bfake_reclaimable;
/** page_touch() calls: uses of a cached page the daemon's clock hears of. */
extern long bfake_touches;
/** The reclaimer the cache registered (NULL before). */
extern const struct page_reclaimer *bfake_reclaimer;

/**
 * Make a temporary file of @p size bytes filled by @p fill(offset) and
 * return its descriptor (the file is already unlinked), or -1.
 */
int bfake_disk_create(size_t size, uint8_t (*fill)(uint64_t off));
/** Read @p n bytes at @p off; 0 or -1. */
int bfake_disk_read(int fd, void *p, size_t n, uint64_t off);
/** Write @p n bytes at @p off; 0 or -1. */
int bfake_disk_write(int fd, const void *p, size_t n, uint64_t off);
/** Close the disk. */
void bfake_disk_close(int fd);
/** Sleep @p us microseconds (lets another host thread run into a lock). */
void bfake_usleep(unsigned us);

#endif /* TESTS_HOST_BUF_FAKES_H_ */
