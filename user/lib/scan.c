/*
 * The scanf engine: %d %i %u %o %x %X %p %c %s %[set] %n %e %f %g %%, with
 * '*' (no assignment), a width and the length modifiers hh h l ll z j t L.
 * A number's characters are gathered (up to the width) and converted with
 * strtoll/strtoull/strtod.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc.h"

#define NUMBUF 128

struct field {
	int width; /* characters left in this field */
	int len;   /* 'H' hh, 'h', 'l', 'L' ll or long double, 0 */
	int skip;  /* '*' */
};

static int next(struct __src *s, struct field *fl)
{
	int c;

	if (fl->width <= 0)
		return EOF;
	c = s->get(s);
	if (c != EOF) {
		fl->width--;
		s->count++;
	}
	return c;
}

static void back(struct __src *s, struct field *fl, int c)
{
	if (c == EOF)
		return;
	s->unget(s, c);
	s->count--;
	fl->width++;
}

static int accept(char *buf, int *n, int c)
{
	if (*n < NUMBUF - 1)
		buf[(*n)++] = (char)c;
	return 1;
}

static int digit_ok(int c, int base)
{
	if (base == 16)
		return isxdigit(c);
	return c >= '0' && c < '0' + (base > 10 ? 10 : base);
}

/* Gather an integer's characters; returns the base found (0: none). */
static int gather_int(struct __src *s, struct field *fl, char *buf, int base)
{
	int n = 0, c = next(s, fl), digits = 0;

	if (c == '+' || c == '-')
		accept(buf, &n, c), c = next(s, fl);
	if ((base == 0 || base == 16) && c == '0') {
		accept(buf, &n, c), digits = 1;
		c = next(s, fl);
		if ((c | 32) == 'x') {
			accept(buf, &n, c), c = next(s, fl);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	} else if (base == 0) {
		base = 10;
	}
	for (; c != EOF && digit_ok(c, base); c = next(s, fl))
		accept(buf, &n, c), digits = 1;
	back(s, fl, c);
	buf[n] = '\0';
	return digits ? base : 0;
}

static int gather_float(struct __src *s, struct field *fl, char *buf)
{
	int n = 0, c = next(s, fl), digits = 0;

	if (c == '+' || c == '-')
		accept(buf, &n, c), c = next(s, fl);
	for (; c != EOF && isdigit(c); c = next(s, fl))
		accept(buf, &n, c), digits = 1;
	if (c == '.')
		for (accept(buf, &n, c), c = next(s, fl); c != EOF && isdigit(c); c = next(s, fl))
			accept(buf, &n, c), digits = 1;
	if (digits && (c | 32) == 'e') {
		accept(buf, &n, c), c = next(s, fl);
		if (c == '+' || c == '-')
			accept(buf, &n, c), c = next(s, fl);
		for (; c != EOF && isdigit(c); c = next(s, fl))
			accept(buf, &n, c);
	}
	back(s, fl, c);
	buf[n] = '\0';
	return digits;
}

static void store_int(void *p, int len, unsigned long long v)
{
	switch (len) {
	case 'H':
		*(char *)p = (char)v;
		break;
	case 'h':
		*(short *)p = (short)v;
		break;
	case 'l':
	case 'L':
		*(long *)p = (long)v;
		break;
	default:
		*(int *)p = (int)v;
		break;
	}
}

static int conv_int(struct __src *s, struct field *fl, char conv, va_list *ap)
{
	char buf[NUMBUF];
	int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
	unsigned long long v;

	base = gather_int(s, fl, buf, base);
	if (!base)
		return -1;
	v = conv == 'd' || conv == 'i' ? (unsigned long long)strtoll(buf, NULL, base)
				       : strtoull(buf, NULL, base);
	if (fl->skip)
		return 0;
	if (conv == 'p')
		*va_arg(*ap, void **) = (void *)(uintptr_t)v;
	else
		store_int(va_arg(*ap, void *), fl->len, v);
	return 1;
}

static int conv_float(struct __src *s, struct field *fl, va_list *ap)
{
	char buf[NUMBUF];
	double v;

	if (!gather_float(s, fl, buf))
		return -1;
	v = strtod(buf, NULL);
	if (fl->skip)
		return 0;
	if (fl->len == 'l')
		*va_arg(*ap, double *) = v;
	else if (fl->len == 'L')
		*va_arg(*ap, long double *) = v;
	else
		*va_arg(*ap, float *) = (float)v;
	return 1;
}

/* %[...]: the set after '[' (a leading '^' inverts it); returns past ']'. */
static const char *parse_set(const char *f, char set[256])
{
	int inv = *f == '^';

	f += inv;
	memset(set, inv, 256);
	if (*f == ']')
		set[(unsigned char)*f++] = (char)!inv;
	for (; *f && *f != ']'; f++) {
		if (f[1] == '-' && f[2] && f[2] != ']') {
			for (int c = (unsigned char)f[0]; c <= (unsigned char)f[2]; c++)
				set[c] = (char)!inv;
			f += 2;
		} else {
			set[(unsigned char)*f] = (char)!inv;
		}
	}
	return *f ? f + 1 : f;
}

/* %c, %s, %[: characters into a char array. */
static int conv_chars(struct __src *s, struct field *fl, char conv, const char *set, va_list *ap)
{
	char *out = fl->skip ? NULL : va_arg(*ap, char *);
	int n = 0, c;

	while ((c = next(s, fl)) != EOF) {
		if ((conv == 's' && isspace(c)) || (conv == '[' && !set[(unsigned char)c])) {
			back(s, fl, c);
			break;
		}
		if (out)
			out[n] = (char)c;
		n++;
	}
	if (n == 0)
		return -1;
	if (out && conv != 'c')
		out[n] = '\0';
	return out ? 1 : 0;
}

static void skip_space(struct __src *s)
{
	int c;

	while ((c = s->get(s)) != EOF && isspace(c))
		s->count++;
	if (c != EOF)
		s->unget(s, c);
}

static const char *parse_field(const char *f, struct field *fl, va_list *ap, int *conv)
{
	(void)ap;
	fl->skip = *f == '*';
	f += fl->skip;
	fl->width = 0;
	while (isdigit((unsigned char)*f))
		fl->width = fl->width * 10 + (*f++ - '0');
	fl->len = 0;
	if (f[0] == 'h' && f[1] == 'h') {
		fl->len = 'H';
		f += 2;
	} else if (f[0] == 'l' && f[1] == 'l') {
		fl->len = 'L';
		f += 2;
	} else if (*f == 'h' || *f == 'l') {
		fl->len = *f++;
	} else if (*f == 'L' || *f == 'z' || *f == 'j' || *f == 't' || *f == 'q') {
		fl->len = 'L';
		f++;
	}
	*conv = (unsigned char)*f;
	return f;
}

/* One conversion: 1 assigned, 0 not assigned, -1 matching failure. */
static int convert(struct __src *s, struct field *fl, int conv, const char **fp, va_list *ap)
{
	char set[256];

	if (conv != 'c' && conv != '[' && conv != 'n')
		skip_space(s);
	if (conv != 'c' && fl->width == 0)
		fl->width = 1 << 30;
	else if (fl->width == 0)
		fl->width = 1;
	switch (conv) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case 'p':
		return conv_int(s, fl, conv == 'X' ? 'x' : (char)conv, ap);
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
		return conv_float(s, fl, ap);
	case 'c':
	case 's':
		return conv_chars(s, fl, (char)conv, NULL, ap);
	case '[':
		*fp = parse_set(*fp + 1, set) - 1;
		return conv_chars(s, fl, '[', set, ap);
	case 'n':
		if (!fl->skip)
			store_int(va_arg(*ap, void *), fl->len, s->count);
		return 0;
	default:
		return -1;
	}
}

int __vscan(struct __src *s, const char *fmt, va_list ap0)
{
	int assigned = 0, conv, r, c;
	struct field fl;
	va_list ap;

	va_copy(ap, ap0);
	for (const char *f = fmt; *f; f++) {
		if (isspace((unsigned char)*f)) {
			skip_space(s);
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			f += *f == '%';
			skip_space(s);
			c = s->get(s);
			if (c == (unsigned char)*f) {
				s->count++;
				continue;
			}
			if (c != EOF)
				s->unget(s, c);
			else if (!assigned)
				assigned = EOF;
			break;
		}
		f = parse_field(f + 1, &fl, &ap, &conv);
		c = s->get(s);
		if (c == EOF && conv != 'n') {
			if (!assigned)
				assigned = EOF;
			break;
		}
		if (c != EOF)
			s->unget(s, c);
		r = convert(s, &fl, conv, &f, &ap);
		if (r < 0)
			break;
		assigned += r;
	}
	va_end(ap);
	return assigned;
}
