/*
 * The text buffer files are generated into: it doubles as it fills; an
 * allocation that fails marks it (err) and later appends do nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "procfs.h"

static int procfs_room(struct procfs_sbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 512;
	char *p;

	if (b->err)
		return 0;
	if (b->len + more <= b->cap)
		return 1;
	while (cap < b->len + more)
		cap *= 2;
	p = mem_alloc(cap);
	if (p == NULL) {
		b->err = -ENOMEM;
		return 0;
	}
	if (b->len)
		memcpy(p, b->p, b->len);
	mem_free(b->p);
	b->p = p;
	b->cap = cap;
	return 1;
}

void procfs_put(struct procfs_sbuf *b, const char *s, size_t n)
{
	if (n && procfs_room(b, n)) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
	}
}

void procfs_printf(struct procfs_sbuf *b, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(line)) {
		procfs_put(b, line, (size_t)n);
		return;
	}
	if (!procfs_room(b, (size_t)n + 1)) /* a long one: straight into the buffer */
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void procfs_sbuf_free(struct procfs_sbuf *b)
{
	mem_free(b->p);
	*b = (struct procfs_sbuf){ 0 };
}
