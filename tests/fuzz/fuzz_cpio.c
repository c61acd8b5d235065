/*
 * tests/fuzz/fuzz_cpio.c - libFuzzer target for the cpio "newc" parser
 * of modules/io (modules/io/cpio.c).
 *
 * Each input is copied into a buffer of exactly its size, so a read past
 * the end is caught by ASan, then walked to its end. Every entry the parser
 * accepts must lie inside the input (name with its NUL at the end, data),
 * the walk must move forward, and the path check must answer; anything
 * else aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/cpio.h"

static void fuzz_check_entry(const uint8_t *buf, size_t len, const struct cpio_entry *e)
{
	const uint8_t *name = (const uint8_t *)e->name;
	const char *rel, *why;

	if (name < buf || e->namelen >= len || name + e->namelen >= buf + len)
		abort();
	if (name[e->namelen] != '\0' || memchr(name, '\0', e->namelen))
		abort();
	if (e->size && (e->data < buf || e->size > len || e->data + e->size > buf + len))
		abort();
	if (cpio_check_path(e->name, e->namelen, &rel, &why) == 0) {
		if (rel < e->name || rel > e->name + e->namelen)
			abort();
	} else if (why == NULL || why[0] == '\0') {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	size_t last = 0;
	int r;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	cpio_start(&it, buf, size);
	while ((r = cpio_next(&it, &e, &why)) == 1) {
		fuzz_check_entry(buf, size, &e);
		if (it.pos <= last && it.pos != size)
			abort(); /* no progress: the walk would loop */
		last = it.pos;
	}
	if (r < 0 && (why == NULL || why[0] == '\0'))
		abort();
	free(buf);
	return 0;
}
