/*
 * printf-style formatting engine.
 *
 * Everything funnels into one engine (fmt_engine) that writes through a
 * per-character callback; the buffer front end is just a callback that
 * stores while there is room and counts regardless. printk runs this engine
 * in awkward places (early boot, panic, trap handlers), so it allocates
 * nothing, uses a small fixed amount of stack, never reads a string past its
 * precision, and treats every malformed conversion as literal text instead
 * of guessing which argument it meant.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/fmt.h>

#define FMT_INT_MAX 0x7fffffff /* INT_MAX without <limits.h> */

/* Flag bits of struct fmt_spec. */
#define FMT_F_LEFT  0x01u /* '-': pad on the right */
#define FMT_F_ZERO  0x02u /* '0': pad numbers with zeros */
#define FMT_F_PLUS  0x04u /* '+': always print a sign */
#define FMT_F_SPACE 0x08u /* ' ': space where a '+' would go */
#define FMT_F_ALT   0x10u /* '#': 0x prefix, leading octal zero */

enum fmt_len {
	FMT_LEN_NONE,
	FMT_LEN_HH,
	FMT_LEN_H,
	FMT_LEN_L,
	FMT_LEN_LL,
	FMT_LEN_Z,
	FMT_LEN_T,
	FMT_LEN_J,
};

/* One parsed conversion specification. */
struct fmt_spec {
	unsigned flags;
	int width; /* 0..FMT_FIELD_MAX */
	int prec;  /* -1 when absent, else 0..FMT_FIELD_MAX */
	enum fmt_len len;
	char conv; /* conversion character; '\0' if the format ended */
};

/* Engine state: the sink, the running count and the arguments. */
struct fmt_out {
	void (*emit)(char c, void *arg);
	void *arg;
	size_t count;
	va_list ap;
};

/* Buffer sink for fmt_vsnprintf. */
struct fmt_buf {
	char *buf;
	size_t size;
	size_t pos;
};

static void fmt_put(struct fmt_out *o, char c)
{
	o->emit(c, o->arg);
	o->count++;
}

static void fmt_pad(struct fmt_out *o, char c, size_t n)
{
	while (n-- > 0)
		fmt_put(o, c);
}

static bool fmt_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse a decimal field, saturating at FMT_FIELD_MAX. */
static int fmt_parse_num(const char **pp)
{
	const char *p = *pp;
	int v = 0;

	while (fmt_is_digit(*p)) {
		v = v * 10 + (*p++ - '0');
		if (v > FMT_FIELD_MAX)
			v = FMT_FIELD_MAX;
	}
	*pp = p;
	return v;
}

/* Fetch a '*' argument; a negative width means '-', a negative precision none. */
static int fmt_star(struct fmt_out *o, struct fmt_spec *sp, bool is_width)
{
	int64_t v = va_arg(o->ap, int);

	if (v < 0) {
		if (!is_width)
			return -1;
		sp->flags |= FMT_F_LEFT;
		v = -v;
	}
	return v > FMT_FIELD_MAX ? FMT_FIELD_MAX : (int)v;
}

static const char *fmt_parse_flags(const char *p, struct fmt_spec *sp)
{
	for (;; p++) {
		switch (*p) {
		case '-':
			sp->flags |= FMT_F_LEFT;
			break;
		case '0':
			sp->flags |= FMT_F_ZERO;
			break;
		case '+':
			sp->flags |= FMT_F_PLUS;
			break;
		case ' ':
			sp->flags |= FMT_F_SPACE;
			break;
		case '#':
			sp->flags |= FMT_F_ALT;
			break;
		default:
			return p;
		}
	}
}

static const char *fmt_parse_len(const char *p, struct fmt_spec *sp)
{
	switch (*p) {
	case 'h':
		if (p[1] == 'h') {
			sp->len = FMT_LEN_HH;
			return p + 2;
		}
		sp->len = FMT_LEN_H;
		return p + 1;
	case 'l':
		if (p[1] == 'l') {
			sp->len = FMT_LEN_LL;
			return p + 2;
		}
		sp->len = FMT_LEN_L;
		return p + 1;
	case 'z':
		sp->len = FMT_LEN_Z;
		return p + 1;
	case 't':
		sp->len = FMT_LEN_T;
		return p + 1;
	case 'j':
		sp->len = FMT_LEN_J;
		return p + 1;
	default:
		return p;
	}
}

/*
 * Parse the specification after a '%'. Returns the position after the
 * conversion character, or at the terminating NUL if the format ended early.
 */
static const char *fmt_parse_spec(struct fmt_out *o, const char *p, struct fmt_spec *sp)
{
	*sp = (struct fmt_spec){ .prec = -1 };
	p = fmt_parse_flags(p, sp);
	if (*p == '*') {
		sp->width = fmt_star(o, sp, true);
		p++;
	} else {
		sp->width = fmt_parse_num(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			sp->prec = fmt_star(o, sp, false);
			p++;
		} else {
			sp->prec = fmt_parse_num(&p);
		}
	}
	p = fmt_parse_len(p, sp);
	sp->conv = *p;
	return *p ? p + 1 : p;
}

static uintmax_t fmt_arg_unsigned(struct fmt_out *o, enum fmt_len len)
{
	switch (len) {
	case FMT_LEN_HH:
		return (unsigned char)va_arg(o->ap, unsigned int);
	case FMT_LEN_H:
		return (unsigned short)va_arg(o->ap, unsigned int);
	case FMT_LEN_L:
		return va_arg(o->ap, unsigned long);
	case FMT_LEN_LL:
		return va_arg(o->ap, unsigned long long);
	case FMT_LEN_Z:
		return va_arg(o->ap, size_t);
	case FMT_LEN_T:
		return (size_t)va_arg(o->ap, ptrdiff_t);
	case FMT_LEN_J:
		return va_arg(o->ap, uintmax_t);
	default:
		return va_arg(o->ap, unsigned int);
	}
}

/* ssize_t does not exist here; ptrdiff_t is the signed type of size_t's width. */
static intmax_t fmt_arg_signed(struct fmt_out *o, enum fmt_len len)
{
	switch (len) {
	case FMT_LEN_HH:
		return (signed char)va_arg(o->ap, int);
	case FMT_LEN_H:
		return (short)va_arg(o->ap, int);
	case FMT_LEN_L:
		return va_arg(o->ap, long);
	case FMT_LEN_LL:
		return va_arg(o->ap, long long);
	case FMT_LEN_Z:
		return va_arg(o->ap, ptrdiff_t);
	case FMT_LEN_T:
		return va_arg(o->ap, ptrdiff_t);
	case FMT_LEN_J:
		return va_arg(o->ap, intmax_t);
	default:
		return va_arg(o->ap, int);
	}
}

static unsigned fmt_base(char conv)
{
	switch (conv) {
	case 'o':
		return 8;
	case 'x':
	case 'X':
	case 'p':
		return 16;
	default:
		return 10;
	}
}

/* Write the digits of @u in @base into @out, least significant first. */
static size_t fmt_digits(char *out, uintmax_t u, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	while (u != 0) {
		out[n++] = set[u % base];
		u /= base;
	}
	return n;
}

/* Number of zeros that bring @nd digits up to the precision (min digits). */
static size_t fmt_zeros(const struct fmt_spec *sp, size_t nd)
{
	size_t prec = sp->prec < 0 ? 1 : (size_t)sp->prec;

	/*
	 * '#' with %o: the first digit must be a zero. Zero itself has no
	 * digits here (nd == 0), so it gets its "0" from the same rule.
	 */
	if ((sp->flags & FMT_F_ALT) && sp->conv == 'o' && prec <= nd)
		prec = nd + 1;
	return prec > nd ? prec - nd : 0;
}

/* Lay out one integer: [spaces] sign prefix zeros digits [spaces]. */
static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp, uintmax_t u, char sign,
			const char *prefix)
{
	char digits[24]; /* 2^64 - 1 has 22 octal digits */
	size_t nd = fmt_digits(digits, u, fmt_base(sp->conv), sp->conv == 'X');
	size_t zeros = fmt_zeros(sp, nd);
	size_t plen = 0;
	size_t body;

	while (prefix[plen])
		plen++;
	body = (sign ? 1 : 0) + plen + zeros + nd;
	if ((sp->flags & (FMT_F_ZERO | FMT_F_LEFT)) == FMT_F_ZERO && sp->prec < 0 &&
	    (size_t)sp->width > body) {
		zeros += (size_t)sp->width - body;
		body = (size_t)sp->width;
	}
	if (!(sp->flags & FMT_F_LEFT) && (size_t)sp->width > body)
		fmt_pad(o, ' ', (size_t)sp->width - body);
	if (sign)
		fmt_put(o, sign);
	for (size_t i = 0; i < plen; i++)
		fmt_put(o, prefix[i]);
	fmt_pad(o, '0', zeros);
	while (nd > 0)
		fmt_put(o, digits[--nd]);
	if ((sp->flags & FMT_F_LEFT) && (size_t)sp->width > body)
		fmt_pad(o, ' ', (size_t)sp->width - body);
}

static void fmt_signed(struct fmt_out *o, const struct fmt_spec *sp)
{
	intmax_t v = fmt_arg_signed(o, sp->len);
	/* Negate in unsigned arithmetic so INTMAX_MIN works. */
	uintmax_t u = v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v;
	char sign = 0;

	if (v < 0)
		sign = '-';
	else if (sp->flags & FMT_F_PLUS)
		sign = '+';
	else if (sp->flags & FMT_F_SPACE)
		sign = ' ';
	fmt_integer(o, sp, u, sign, "");
}

static void fmt_unsigned(struct fmt_out *o, const struct fmt_spec *sp)
{
	uintmax_t u = fmt_arg_unsigned(o, sp->len);
	const char *prefix = "";

	if ((sp->flags & FMT_F_ALT) && u != 0 && sp->conv == 'x')
		prefix = "0x";
	else if ((sp->flags & FMT_F_ALT) && u != 0 && sp->conv == 'X')
		prefix = "0X";
	fmt_integer(o, sp, u, 0, prefix);
}

static void fmt_pointer(struct fmt_out *o, const struct fmt_spec *sp)
{
	uintptr_t u = (uintptr_t)va_arg(o->ap, void *);

	fmt_integer(o, sp, u, 0, "0x");
}

/* Emit @len bytes of @s padded to the field width. */
static void fmt_field(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t len)
{
	size_t pad = (size_t)sp->width > len ? (size_t)sp->width - len : 0;

	if (!(sp->flags & FMT_F_LEFT))
		fmt_pad(o, ' ', pad);
	for (size_t i = 0; i < len; i++)
		fmt_put(o, s[i]);
	if (sp->flags & FMT_F_LEFT)
		fmt_pad(o, ' ', pad);
}

static void fmt_string(struct fmt_out *o, const struct fmt_spec *sp)
{
	const char *s = va_arg(o->ap, const char *);
	size_t len = 0;

	if (!s)
		s = "(null)";
	/* Bounded scan: with a precision, never look past it (s may be unterminated). */
	while ((sp->prec < 0 || len < (size_t)sp->prec) && s[len])
		len++;
	fmt_field(o, sp, s, len);
}

static void fmt_char(struct fmt_out *o, const struct fmt_spec *sp)
{
	char c = (char)va_arg(o->ap, int);

	fmt_field(o, sp, &c, 1);
}

/* Carry out one parsed conversion; @start is its '%', @end just past it. */
static void fmt_convert(struct fmt_out *o, const struct fmt_spec *sp, const char *start,
			const char *end)
{
	switch (sp->conv) {
	case 'd':
	case 'i':
		fmt_signed(o, sp);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_unsigned(o, sp);
		break;
	case 'p':
		fmt_pointer(o, sp);
		break;
	case 's':
		fmt_string(o, sp);
		break;
	case 'c':
		fmt_char(o, sp);
		break;
	case '%':
		fmt_put(o, '%');
		break;
	default:
		/* Unknown or truncated: print the specification as it was written. */
		while (start < end)
			fmt_put(o, *start++);
		break;
	}
}

static int fmt_engine(struct fmt_out *o, const char *fmt)
{
	struct fmt_spec sp;

	while (*fmt) {
		const char *start = fmt;

		if (*fmt != '%') {
			fmt_put(o, *fmt++);
			continue;
		}
		fmt = fmt_parse_spec(o, fmt + 1, &sp);
		fmt_convert(o, &sp, start, fmt);
	}
	return o->count > FMT_INT_MAX ? FMT_INT_MAX : (int)o->count;
}

int fmt_vcbprintf(void (*emit)(char c, void *arg), void *arg, const char *fmt, va_list ap)
{
	struct fmt_out o = { .emit = emit, .arg = arg };
	int n;

	va_copy(o.ap, ap);
	n = fmt_engine(&o, fmt);
	va_end(o.ap);
	return n;
}
KERN_EXPORT(fmt_vcbprintf);

static void fmt_buf_emit(char c, void *arg)
{
	struct fmt_buf *b = arg;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buf b = { .buf = buf, .size = size };
	int n = fmt_vcbprintf(fmt_buf_emit, &b, fmt, ap);

	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}
KERN_EXPORT(fmt_vsnprintf);

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
KERN_EXPORT(fmt_snprintf);
