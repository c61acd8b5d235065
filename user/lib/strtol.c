/* The strtol family, atoi/atol, strtod/atof. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <strings.h>

static int digitval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'z')
		return (c | 32) - 'a' + 10;
	return 99;
}

/* The magnitude; *neg for a '-', *ovf when it did not fit in 64 bits. */
static unsigned long long parse(const char *s, char **end, int base, int *neg, int *ovf)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0;

	*neg = 0;
	*ovf = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digitval((unsigned char)*p);
		if (d >= base)
			break;
		any = 1;
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			*ovf = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf;
	unsigned long long v = parse(s, end, base, &neg, &ovf);

	if (ovf || v > (unsigned long long)LLONG_MAX + neg) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)-v : (long long)v;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf;
	unsigned long long v = parse(s, end, base, &neg, &ovf);

	if (ovf) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* Digits, a fraction and an exponent; *end after the last one used. */
static long double decimal(const char *p, const char **end)
{
	long double v = 0, scale = 1, f;
	long ex = 0;
	int any = 0, eneg = 0;

	for (; isdigit((unsigned char)*p); p++, any = 1)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, any = 1)
			v = v * 10 + (*p - '0'), ex--;
	if (any && (*p | 32) == 'e') {
		const char *q = p + 1;
		long e = 0;
		if (*q == '+' || *q == '-')
			eneg = *q++ == '-';
		if (isdigit((unsigned char)*q)) {
			for (; isdigit((unsigned char)*q); q++)
				e = e < 100000 ? e * 10 + (*q - '0') : e;
			ex += eneg ? -e : e;
			p = q;
		}
	}
	*end = any ? p : NULL;
	f = 10;
	for (unsigned long m = (unsigned long)(ex < 0 ? -ex : ex); m; m >>= 1, f *= f)
		if (m & 1)
			scale *= f;
	return ex < 0 ? v / scale : v * scale;
}

double strtod(const char *restrict s, char **restrict end)
{
	const char *p = s, *e;
	int neg = 0;
	long double v;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!strncasecmp(p, "inf", 3)) {
		e = p + (strncasecmp(p, "infinity", 8) ? 3 : 8);
		v = __builtin_infl();
	} else if (!strncasecmp(p, "nan", 3)) {
		e = p + 3;
		v = __builtin_nanl("");
	} else {
		v = decimal(p, &e);
	}
	if (end)
		*end = (char *)(e ? e : s);
	if (!e)
		return 0;
	if (v > 1.7976931348623157e308L && v != __builtin_infl())
		errno = ERANGE;
	return neg ? -(double)v : (double)v;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
