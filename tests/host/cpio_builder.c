/*
 * A cpio "newc" writer for tests (see cpio_builder.h).
 */
#include <stdio.h>
#include <string.h>

#include "cpio_builder.h"

static void cpio_pad(struct cpio_builder *b)
{
	while (b->len % 4)
		b->buf[b->len++] = 0;
}

void cpio_set_field(struct cpio_builder *b, size_t at, int field, uint32_t v)
{
	char hex[9];

	snprintf(hex, sizeof(hex), "%08X", v);
	memcpy(b->buf + at + 6 + 8 * field, hex, 8);
}

size_t cpio_add(struct cpio_builder *b, const char *name, uint32_t mode, const void *data,
		size_t size)
{
	size_t at = b->len, nlen = strlen(name) + 1;
	char hdr[111];

	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ++b->ino, mode, 0u, 0u, 1u, 1700000000u, (unsigned)size, 0u, 0u, 0u, 0u,
		 (unsigned)nlen, 0u);
	memcpy(b->buf + b->len, hdr, 110);
	b->len += 110;
	memcpy(b->buf + b->len, name, nlen);
	b->len += nlen;
	cpio_pad(b);
	if (size)
		memcpy(b->buf + b->len, data, size);
	b->len += size;
	cpio_pad(b);
	return at;
}

void cpio_trailer(struct cpio_builder *b)
{
	cpio_add(b, "TRAILER!!!", 0, NULL, 0);
}
