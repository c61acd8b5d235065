/*
 * The printf engine: parses each conversion (flags, width, precision,
 * length) and writes it to a sink. Integers, characters, strings and
 * pointers are here; floating point is in fmt_float.c. Output goes through
 * the sink piece by piece, so nothing bounds the length of a field.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "libc.h"

enum len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_LD };

void __fmt_pad(struct __sink *s, int c, int n)
{
	char pad[32];

	memset(pad, c, sizeof(pad));
	while (n > 0) {
		int k = n < (int)sizeof(pad) ? n : (int)sizeof(pad);
		s->put(s, pad, (size_t)k);
		n -= k;
	}
}

/* One field: prefix, then zeros, then the body, padded to the width. */
static void field(struct __sink *s, const struct __spec *sp, const char *pre, int plen, int zeros,
		  const char *body, int blen)
{
	int total = plen + zeros + blen;
	int pad = sp->width > total ? sp->width - total : 0;

	if (!(sp->flags & FMT_MINUS) && !(sp->flags & FMT_ZERO))
		__fmt_pad(s, ' ', pad);
	s->put(s, pre, (size_t)plen);
	if (!(sp->flags & FMT_MINUS) && (sp->flags & FMT_ZERO))
		__fmt_pad(s, '0', pad);
	__fmt_pad(s, '0', zeros);
	s->put(s, body, (size_t)blen);
	if (sp->flags & FMT_MINUS)
		__fmt_pad(s, ' ', pad);
}

/* Digits of v in base (8, 10, 16) at the end of buf; returns their start. */
static char *utoa(char *end, uintmax_t v, int base, int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = dig[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	return p;
}

static void fmt_int(struct __sink *s, struct __spec *sp, uintmax_t v, int neg)
{
	char buf[32], pre[4];
	char c = sp->conv;
	int base = c == 'o' ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
	char *d = utoa(buf + sizeof(buf), v, base, c == 'X');
	int dl = (int)(buf + sizeof(buf) - d), plen = 0, zeros = 0;

	if (sp->prec == 0 && v == 0)
		dl = 0;
	if (sp->prec >= 0)
		sp->flags &= ~FMT_ZERO;
	if (c == 'd' || c == 'i') {
		if (neg)
			pre[plen++] = '-';
		else if (sp->flags & FMT_PLUS)
			pre[plen++] = '+';
		else if (sp->flags & FMT_SPACE)
			pre[plen++] = ' ';
	} else if ((sp->flags & FMT_HASH) && base == 16 && v != 0) {
		pre[plen++] = '0';
		pre[plen++] = c == 'X' ? 'X' : 'x';
	}
	if (sp->prec > dl)
		zeros = sp->prec - dl;
	if ((sp->flags & FMT_HASH) && c == 'o' && zeros == 0 && (dl == 0 || d[0] != '0'))
		zeros = 1;
	field(s, sp, pre, plen, zeros, d + (int)(buf + sizeof(buf) - d) - dl, dl);
}

static void fmt_str(struct __sink *s, struct __spec *sp, const char *str)
{
	size_t n;

	if (!str)
		str = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	n = sp->prec >= 0 ? strnlen(str, (size_t)sp->prec) : strlen(str);
	sp->flags &= ~FMT_ZERO;
	field(s, sp, "", 0, 0, str, (int)n);
}

static void fmt_ptr(struct __sink *s, struct __spec *sp, void *p)
{
	if (!p) {
		sp->prec = -1;
		fmt_str(s, sp, "(nil)");
		return;
	}
	sp->flags |= FMT_HASH;
	fmt_int(s, sp, (uintptr_t)p, 0);
}

static const char *parse_flags(const char *f, struct __spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-':
			sp->flags |= FMT_MINUS;
			break;
		case '+':
			sp->flags |= FMT_PLUS;
			break;
		case ' ':
			sp->flags |= FMT_SPACE;
			break;
		case '#':
			sp->flags |= FMT_HASH;
			break;
		case '0':
			sp->flags |= FMT_ZERO;
			break;
		default:
			return f;
		}
	}
}

static const char *parse_num(const char *f, int *out, va_list *ap)
{
	long n = 0;

	if (*f == '*') {
		*out = va_arg(*ap, int);
		return f + 1;
	}
	while (*f >= '0' && *f <= '9') {
		n = n * 10 + (*f++ - '0');
		if (n > INT_MAX)
			n = INT_MAX;
	}
	*out = (int)n;
	return f;
}

static const char *parse_len(const char *f, enum len *len)
{
	*len = LEN_NONE;
	switch (*f) {
	case 'h':
		*len = f[1] == 'h' ? LEN_HH : LEN_H;
		return f + (f[1] == 'h' ? 2 : 1);
	case 'l':
		*len = f[1] == 'l' ? LEN_LL : LEN_L;
		return f + (f[1] == 'l' ? 2 : 1);
	case 'q':
		*len = LEN_LL;
		return f + 1;
	case 'z':
		*len = LEN_Z;
		return f + 1;
	case 'j':
		*len = LEN_J;
		return f + 1;
	case 't':
		*len = LEN_T;
		return f + 1;
	case 'L':
		*len = LEN_LD;
		return f + 1;
	default:
		return f;
	}
}

static intmax_t arg_signed(enum len len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return va_arg(*ap, long);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	case LEN_T:
		return va_arg(*ap, long);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(enum len len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	case LEN_T:
		return va_arg(*ap, unsigned long);
	default:
		return va_arg(*ap, unsigned);
	}
}

static void store_count(struct __sink *s, enum len len, va_list *ap)
{
	void *p = va_arg(*ap, void *);

	switch (len) {
	case LEN_HH:
		*(signed char *)p = (signed char)s->count;
		break;
	case LEN_H:
		*(short *)p = (short)s->count;
		break;
	case LEN_L:
	case LEN_LL:
	case LEN_Z:
	case LEN_J:
	case LEN_T:
		*(long *)p = (long)s->count;
		break;
	default:
		*(int *)p = (int)s->count;
		break;
	}
}

/* One conversion after its '%' and flags; returns 0, or -1 if unknown. */
static int convert(struct __sink *s, struct __spec *sp, enum len len, va_list *ap)
{
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(len, ap);
		fmt_int(s, sp, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0);
		return 0;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_int(s, sp, arg_unsigned(len, ap), 0);
		return 0;
	case 'c':
		c = (char)va_arg(*ap, int);
		sp->flags &= ~FMT_ZERO;
		field(s, sp, "", 0, 0, &c, 1);
		return 0;
	case 's':
		fmt_str(s, sp, va_arg(*ap, const char *));
		return 0;
	case 'p':
		fmt_ptr(s, sp, va_arg(*ap, void *));
		return 0;
	case 'n':
		store_count(s, len, ap);
		return 0;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		__fmt_float(s, sp,
			    len == LEN_LD ? (double)va_arg(*ap, long double) : va_arg(*ap, double));
		return 0;
	case '%':
		s->put(s, "%", 1);
		return 0;
	default:
		return -1;
	}
}

static const char *spec(const char *f, struct __spec *sp, enum len *len, va_list *ap)
{
	sp->flags = 0;
	sp->width = -1;
	sp->prec = -1;
	f = parse_flags(f, sp);
	if (*f == '*' || (*f >= '0' && *f <= '9')) {
		f = parse_num(f, &sp->width, ap);
		if (sp->width < 0) {
			sp->flags |= FMT_MINUS;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
	}
	if (*f == '.') {
		f = parse_num(f + 1, &sp->prec, ap);
		if (sp->prec < 0)
			sp->prec = -1;
	}
	f = parse_len(f, len);
	sp->conv = *f;
	if (sp->flags & FMT_MINUS)
		sp->flags &= ~FMT_ZERO;
	if (sp->flags & FMT_PLUS)
		sp->flags &= ~FMT_SPACE;
	return f;
}

int __vformat(struct __sink *s, const char *fmt, va_list ap0)
{
	struct __spec sp;
	enum len len;
	const char *f = fmt, *lit;
	va_list ap;

	va_copy(ap, ap0);
	while (*f) {
		for (lit = f; *f && *f != '%'; f++)
			;
		if (f > lit)
			s->put(s, lit, (size_t)(f - lit));
		if (!*f)
			break;
		lit = f++;
		f = spec(f, &sp, &len, &ap);
		if (!*f || convert(s, &sp, len, &ap) < 0) {
			/* An unknown conversion is written as it stands. */
			s->put(s, lit, (size_t)(f - lit) + (*f ? 1 : 0));
		}
		if (*f)
			f++;
	}
	va_end(ap);
	if (s->count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)s->count;
}
