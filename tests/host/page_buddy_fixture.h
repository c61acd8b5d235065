/*
 * tests/host/page_buddy_fixture.h - fake physical memory for the tests of
 * the buddy `page` provider (test_page_buddy.c, test_page_reclaim.c).
 *
 * The "physical" address space is a 48 MiB host buffer (virt(pa) =
 * pbfix_mem + pa), so the record array taken from bootmem and the zeroing
 * of PAGE_ZERO are real memory that ASan watches. The bootstrap allocator
 * is the real one, filled like boot_mem.c does: RAM ranges with a hole
 * (the "kernel image"), a range crossing the 16 MiB DMA limit, and frames
 * handed out before the takeover.
 */
#ifndef TESTS_HOST_PAGE_BUDDY_FIXTURE_H_
#define TESTS_HOST_PAGE_BUDDY_FIXTURE_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/bootmem.h>
#include <page/buddy.h>

#define KiB	       1024ULL
#define MiB	       (1024ULL * 1024)
#define F	       PAGE_SIZE
#define PBFIX_MEM_SIZE (48 * MiB)
#define PBFIX_MAX      (16384) /* more than the frames of the layout */

/* Frames of the layout pbfix_bootmem() builds. */
#define PBFIX_DMA_TOTAL	   (144 + 1789 + 2045)
#define PBFIX_NORMAL_TOTAL (6144 + 1024)
#define PBFIX_BOOT_USED	   9
#define PBFIX_META	   48

extern uint8_t *pbfix_mem;		     /* the fake physical memory */
extern struct bootmem pbfix_bm;		     /* the layout of the current test */
extern struct buddy pbfix_b;		     /* the allocator under test */
extern uint8_t pbfix_initial_map[PBFIX_MAX]; /* free heads right after the takeover */
extern uint64_t pbfix_pas[PBFIX_MAX];	     /* frames pbfix_fill_to() allocated */

/* virt hook: pbfix_mem + pa (asserts pa is inside the buffer). */
void *pbfix_virt(uint64_t pa);

/* Build the test layout in @m (asserts every step). */
void pbfix_bootmem(struct bootmem *m);

/*
 * Walk every free list of @a: check links and records, mark each free frame
 * in @seen exactly once (by record index), check the zone counters, and put
 * order + 1 at each free head in @map (1 at each single frame cached on a
 * CPU's list). Return the free frames.
 */
uint64_t pbfix_walk_free(struct buddy *a, uint8_t *seen, uint8_t *map);

/* Assert the free blocks of pbfix_b are exactly those after the takeover. */
void pbfix_check_shape_is_initial(void);

/* Allocate order-0 frames into pbfix_pas until @target are free; return how many. */
size_t pbfix_fill_to(uint64_t target);

/* Free frames of pbfix_b. */
uint64_t pbfix_free_frames(void);

/* Fixed-seed generator (the same sequence on every libc). */
void pbfix_seed(uint64_t seed);
uint64_t pbfix_rng(void);

/* cmocka hooks: the buffer per group; a fresh layout and takeover per test. */
int pbfix_group_setup(void **state);
int pbfix_group_teardown(void **state);
int pbfix_setup(void **state);

#endif /* TESTS_HOST_PAGE_BUDDY_FIXTURE_H_ */
