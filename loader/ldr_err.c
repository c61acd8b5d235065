/*
 * loader/ldr_err.c - one-line refusal messages.
 *
 * The loader runs before printk's formatter may be usable and must stay
 * host-testable without libc, so it carries a minimal formatter: %s %c %d
 * %u %x with optional 'l' or 'z' length, and %%. Strings come from the
 * untrusted file, so bytes outside printable ASCII are shown as '?': the
 * message stays one readable line whatever the file holds.
 */
#include <stdarg.h>

#include "ldr_priv.h"

struct ldr_out {
	char *buf;
	size_t cap; /* bytes available including the NUL */
	size_t len;
};

static void ldr_putc(struct ldr_out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len++] = c;
}

static void ldr_puts(struct ldr_out *o, const char *s)
{
	if (!s)
		s = "(null)";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		ldr_putc(o, c >= 0x20 && c < 0x7f ? (char)c : '?');
	}
}

static void ldr_putu(struct ldr_out *o, uint64_t v, unsigned base)
{
	char tmp[24];
	unsigned n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		ldr_putc(o, tmp[--n]);
}

/* Fetch an integer argument of the given length ('\0', 'l' or 'z'). */
static uint64_t ldr_argu(va_list *ap, char len, bool is_signed, bool *neg)
{
	int64_t s;

	*neg = false;
	if (!is_signed) {
		if (len == 'l')
			return va_arg(*ap, unsigned long);
		if (len == 'z')
			return va_arg(*ap, size_t);
		return va_arg(*ap, unsigned int);
	}
	s = len == 'l' ? va_arg(*ap, long) : va_arg(*ap, int);
	if (s < 0) {
		*neg = true;
		return (uint64_t)0 - (uint64_t)s;
	}
	return (uint64_t)s;
}

static void ldr_conv(struct ldr_out *o, char conv, char len, va_list *ap)
{
	bool neg;
	uint64_t v;

	switch (conv) {
	case 's':
		ldr_puts(o, va_arg(*ap, const char *));
		return;
	case 'c':
		ldr_putc(o, (char)va_arg(*ap, int));
		return;
	case 'd':
	case 'u':
	case 'x':
		v = ldr_argu(ap, len, conv == 'd', &neg);
		if (neg)
			ldr_putc(o, '-');
		ldr_putu(o, v, conv == 'x' ? 16 : 10);
		return;
	case '%':
		ldr_putc(o, '%');
		return;
	default:
		ldr_putc(o, '%');
		ldr_putc(o, conv);
	}
}

void ldr_errf(struct ldr_err *err, const char *fmt, ...)
{
	struct ldr_out o = { .buf = err->msg, .cap = sizeof(err->msg), .len = 0 };
	va_list ap;

	va_start(ap, fmt);
	while (*fmt) {
		char len = '\0';

		if (*fmt != '%') {
			ldr_putc(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == 'l' || *fmt == 'z')
			len = *fmt++;
		if (*fmt == '\0')
			break;
		ldr_conv(&o, *fmt++, len, &ap);
	}
	va_end(ap);
	o.buf[o.len] = '\0';
}
