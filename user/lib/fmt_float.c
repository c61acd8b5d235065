/*
 * %e %f %g of a double, exactly: a double is m * 2^e, whose decimal
 * expansion is finite. The digits come from a big integer in base 10^9
 * (m * 2^e, or m * 5^-e with the point -e places from the right), and are
 * rounded half to even at the digit asked for, as glibc does in the
 * default rounding mode. long double arguments arrive here as doubles.
 */
#include <stdint.h>
#include <string.h>

#include "libc.h"

#define LIMBS	  100 /* 5^1074 * 2^53 has 767 digits: 86 limbs */
#define MAXDIG	  (LIMBS * 9 + 2)
#define LIMB_BASE 1000000000u

/* The value as 0.D1D2D3... * 10^exp with D1 != 0 (or zero: n == 0). */
struct digits {
	char d[MAXDIG];
	int n;
	int exp;
};

static void big_mul(uint32_t *l, int *n, uint32_t f)
{
	uint64_t carry = 0;

	for (int i = 0; i < *n; i++) {
		uint64_t x = (uint64_t)l[i] * f + carry;
		l[i] = (uint32_t)(x % LIMB_BASE);
		carry = x / LIMB_BASE;
	}
	while (carry) {
		l[(*n)++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* The exact digits of m * 2^e (m > 0). */
static void exact(struct digits *dg, uint64_t m, int e)
{
	uint32_t l[LIMBS];
	int n = 0, frac = e < 0 ? -e : 0;
	char tmp[12];

	while (m) {
		l[n++] = (uint32_t)(m % LIMB_BASE);
		m /= LIMB_BASE;
	}
	for (; e > 0; e -= e > 28 ? 28 : e)
		big_mul(l, &n, 1u << (e > 28 ? 28 : e));
	for (int k = frac; k > 0; k -= k > 13 ? 13 : k) {
		uint32_t f = 1;
		for (int i = 0; i < (k > 13 ? 13 : k); i++)
			f *= 5;
		big_mul(l, &n, f);
	}
	dg->n = 0;
	for (int i = n - 1; i >= 0; i--) {
		int t = 0;
		for (uint32_t v = l[i], j = 0; j < 9; j++, v /= 10)
			tmp[t++] = (char)('0' + v % 10);
		while (i == n - 1 && t > 1 && tmp[t - 1] == '0')
			t--;
		while (t > 0)
			dg->d[dg->n++] = tmp[--t];
	}
	dg->exp = dg->n - frac;
	while (dg->n > 0 && dg->d[dg->n - 1] == '0')
		dg->n--;
}

/* Keep k digits (k may be <= 0), rounding half to even. */
static void round_to(struct digits *dg, int k)
{
	int up;

	if (dg->n == 0 || k >= dg->n)
		return;
	if (k < 0) {
		dg->n = 0;
		return;
	}
	if (dg->d[k] > '5')
		up = 1;
	else if (dg->d[k] < '5')
		up = 0;
	else if (k + 1 < dg->n)
		up = 1; /* more nonzero digits follow: above the half */
	else
		up = k > 0 && ((dg->d[k - 1] - '0') & 1);
	dg->n = k;
	if (up) {
		int i = k - 1;
		while (i >= 0 && dg->d[i] == '9')
			i--;
		if (i < 0) {
			dg->d[0] = '1';
			dg->n = 1;
			dg->exp++;
		} else {
			dg->d[i]++;
			dg->n = i + 1;
		}
	}
	while (dg->n > 0 && dg->d[dg->n - 1] == '0')
		dg->n--;
}

static char digit(const struct digits *dg, int i)
{
	return i >= 0 && i < dg->n ? dg->d[i] : '0';
}

/* The characters of the f style with prec fraction digits. */
static void put_f(struct __sink *s, const struct digits *dg, int prec, int dot)
{
	int ip = dg->exp > 0 ? dg->exp : 1;

	for (int i = 0; i < ip; i++) {
		char c = dg->exp > 0 ? digit(dg, i) : '0';
		s->put(s, &c, 1);
	}
	if (dot)
		s->put(s, ".", 1);
	for (int j = 0; j < prec; j++) {
		char c = digit(dg, dg->exp + j);
		s->put(s, &c, 1);
	}
}

static int exp_len(int x)
{
	x = x < 0 ? -x : x;
	return x >= 100 ? 3 : 2;
}

static void put_e(struct __sink *s, const struct digits *dg, int prec, int dot, int upper)
{
	int x = dg->n ? dg->exp - 1 : 0;
	char e[6], c = digit(dg, 0);
	int el = exp_len(x), ax = x < 0 ? -x : x;

	s->put(s, &c, 1);
	if (dot)
		s->put(s, ".", 1);
	for (int j = 0; j < prec; j++) {
		c = digit(dg, 1 + j);
		s->put(s, &c, 1);
	}
	e[0] = upper ? 'E' : 'e';
	e[1] = x < 0 ? '-' : '+';
	for (int i = el - 1; i >= 0; i--, ax /= 10)
		e[2 + i] = (char)('0' + ax % 10);
	s->put(s, e, (size_t)(2 + el));
}

/* Choose the style and precision; returns the body length. */
static int layout(struct digits *dg, const struct __spec *sp, char *style, int *prec)
{
	char c = sp->conv | 0x20;
	int p = sp->prec < 0 ? 6 : sp->prec, hash = sp->flags & FMT_HASH;

	if (c == 'g') {
		int x;
		p = p == 0 ? 1 : p;
		round_to(dg, p);
		x = dg->n ? dg->exp - 1 : 0;
		if (p > x && x >= -4) {
			c = 'f';
			p = p - 1 - x;
		} else {
			c = 'e';
			p = p - 1;
		}
		if (!hash) {
			int last = c == 'f' ? dg->n - dg->exp : dg->n - 1;
			p = last < p ? (last > 0 ? last : 0) : p;
		}
	} else {
		round_to(dg, c == 'f' ? dg->exp + p : p + 1);
	}
	*style = c;
	*prec = p;
	if (c == 'f')
		return (dg->exp > 0 ? dg->exp : 1) + (p || hash) + p;
	return 1 + (p || hash) + p + 2 + exp_len(dg->n ? dg->exp - 1 : 0);
}

static void special(struct __sink *s, struct __spec *sp, const char *pre, int plen,
		    const char *word)
{
	int pad = sp->width - plen - 3;
	int upper = sp->conv >= 'A' && sp->conv <= 'Z';
	char w[3];

	for (int i = 0; i < 3; i++)
		w[i] = upper ? (char)(word[i] - 32) : word[i];
	if (!(sp->flags & FMT_MINUS))
		__fmt_pad(s, ' ', pad);
	s->put(s, pre, (size_t)plen);
	s->put(s, w, 3);
	if (sp->flags & FMT_MINUS)
		__fmt_pad(s, ' ', pad);
}

void __fmt_float(struct __sink *s, const struct __spec *sp0, double v)
{
	struct __spec sp = *sp0;
	struct digits dg;
	uint64_t bits, m;
	int e2, plen = 0, blen, prec, pad;
	char pre[1], style;

	memcpy(&bits, &v, sizeof(bits));
	e2 = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ull << 52) - 1);
	if (bits >> 63)
		pre[plen++] = '-';
	else if (sp.flags & (FMT_PLUS | FMT_SPACE))
		pre[plen++] = (sp.flags & FMT_PLUS) ? '+' : ' ';
	if (e2 == 0x7ff) {
		special(s, &sp, pre, plen, m ? "nan" : "inf");
		return;
	}
	if (e2 == 0)
		e2 = 1;
	else
		m |= 1ull << 52;
	dg.n = 0;
	dg.exp = 0;
	if (m)
		exact(&dg, m, e2 - 1075);
	blen = layout(&dg, &sp, &style, &prec);
	pad = sp.width > plen + blen ? sp.width - plen - blen : 0;
	if (!(sp.flags & (FMT_MINUS | FMT_ZERO)))
		__fmt_pad(s, ' ', pad);
	s->put(s, pre, (size_t)plen);
	if (sp.flags & FMT_ZERO)
		__fmt_pad(s, '0', pad);
	if (style == 'f')
		put_f(s, &dg, prec, prec || (sp.flags & FMT_HASH));
	else
		put_e(s, &dg, prec, prec || (sp.flags & FMT_HASH), sp.conv <= 'Z');
	if (sp.flags & FMT_MINUS)
		__fmt_pad(s, ' ', pad);
}
