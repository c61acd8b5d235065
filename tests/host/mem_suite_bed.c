/*
 * tests/host/mem_suite_bed.c - the test bed of the shared `mem` suite: a
 * host backend that tracks every block of pages it hands out, a page
 * budget (for exhaustion tests), a fatal hook that records the message and
 * can jump back into the test, and lock checks (no lock held at a fatal
 * report, none taken twice).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem_suite.h"
#include "mem_suite_bed.h"

#define PAGE 4096UL

/* ---- the host backend: tracked blocks, a page budget, a fatal hook ---- */

struct tb_block {
	struct tb_block *next;
	void *p;
	unsigned order;
};

struct mem_suite_bed tb;
const struct mem_suite_impl *mem_suite_impl;

static void *tb_pages_alloc(unsigned order)
{
	size_t bytes = PAGE << order;
	struct tb_block *b;

	if (order > 10 || (tb.budget && tb.pages + (1UL << order) > tb.budget))
		return NULL;
	b = malloc(sizeof(*b));
	b->p = aligned_alloc(bytes, bytes);
	b->order = order;
	b->next = tb.blocks;
	tb.blocks = b;
	tb.pages += 1UL << order;
	memset(b->p, 0xa5, bytes); /* not zero: allocators must not count on it */
	return b->p;
}

static void tb_pages_free(void *p, unsigned order)
{
	for (struct tb_block **pp = &tb.blocks; *pp; pp = &(*pp)->next) {
		struct tb_block *b = *pp;

		if (b->p != p)
			continue;
		if (b->order != order)
			break;
		*pp = b->next;
		tb.pages -= 1UL << order;
		free(b->p);
		free(b);
		return;
	}
	tb.bad_frees++;
}

static void tb_fatal(const char *what, uintptr_t caller)
{
	snprintf(tb.msg, sizeof(tb.msg), "%s", what);
	tb.caller = caller;
	tb.fatals++;
	tb.locked_at_fatal = tb.locks_held != 0;
	if (tb.jmp)
		longjmp(*tb.jmp, 1);
}

static const struct mem_backend tb_backend = {
	.pages_alloc = tb_pages_alloc,
	.pages_free = tb_pages_free,
	.fatal = tb_fatal,
};

void mem_suite_release_all(void)
{
	while (tb.blocks) {
		struct tb_block *b = tb.blocks;

		tb.blocks = b->next;
		free(b->p);
		free(b);
	}
	tb.pages = 0;
}

void mem_suite_lock(void *lk)
{
	long *l = lk;

	if (*l)
		tb.lock_errors++;
	*l = 1;
	tb.locks_held++;
}

void mem_suite_unlock(void *lk)
{
	long *l = lk;

	if (!*l)
		tb.lock_errors++;
	*l = 0;
	tb.locks_held--;
}

void mem_suite_begin(bool debug, size_t budget_pages)
{
	mem_suite_release_all();
	memset(&tb, 0, sizeof(tb));
	tb.budget = budget_pages;
	assert_int_equal(mem_suite_impl->setup(&tb_backend, debug), 0);
}

void mem_suite_end(void)
{
	mem_suite_impl->reap();
	assert_int_equal(tb.lock_errors, 0);
	assert_int_equal(tb.locks_held, 0);
	assert_int_equal(tb.bad_frees, 0);
	if (tb.fatals)
		fail_msg("unexpected fatal report: %s", tb.msg);
	mem_suite_release_all();
}

size_t mem_suite_backend_pages(void)
{
	return tb.pages;
}

unsigned mem_suite_take_fatals(uintptr_t *caller)
{
	unsigned n = (unsigned)tb.fatals;

	if (caller)
		*caller = tb.caller;
	tb.fatals = 0;
	return n;
}
