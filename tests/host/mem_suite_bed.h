/*
 * tests/host/mem_suite_bed.h - what the shared `mem` suite's tests see of
 * its test bed (mem_suite_bed.c): the recorded state of the host backend.
 */
#ifndef TESTS_HOST_MEM_SUITE_BED_H_
#define TESTS_HOST_MEM_SUITE_BED_H_

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem_suite.h"

struct tb_block;

/* The host backend's state. */
struct mem_suite_bed {
	struct tb_block *blocks; /* every block of pages handed out */
	size_t pages, budget;	 /* pages out now; the most allowed (0: no limit) */
	unsigned bad_frees;	 /* frees of blocks it never gave, or of another order */
	int locks_held, lock_errors;
	jmp_buf *jmp;	      /* where a fatal report jumps, when set */
	int fatals;	      /* fatal reports so far */
	bool locked_at_fatal; /* a lock was held at the last one */
	char msg[256];	      /* its message */
	uintptr_t caller;     /* its caller */
};

extern struct mem_suite_bed tb;
/* The provider under test (set by mem_suite_run()). */
extern const struct mem_suite_impl *mem_suite_impl;

/* Free every block the backend still has out. */
void mem_suite_release_all(void);

#endif /* TESTS_HOST_MEM_SUITE_BED_H_ */
