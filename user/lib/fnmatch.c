/*
 * fnmatch: shell patterns (POSIX XCU 2.13): ? * [...] with ranges, ! or ^
 * negation and [:class:] names, backslash quoting unless FNM_NOESCAPE,
 * FNM_PATHNAME (wildcards never match '/') and FNM_PERIOD (a leading '.'
 * must be matched by a '.' in the pattern). A '*' is matched by moving
 * back to the last star only: linear for one star, never exponential.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD in a host build against glibc */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

static int fnm_fold(int c, int flags)
{
	return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

static int fnm_class(const char *name, size_t n, int c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
		{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
		{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == n && !strncmp(classes[i].name, name, n))
			return classes[i].fn(c) != 0;
	return 0;
}

/* One character of a bracket expression at *pp (escapes resolved). */
static int fnm_bracket_char(const char **pp, int flags)
{
	const char *p = *pp;

	if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
		p++;
	*pp = p + 1;
	return (unsigned char)*p;
}

/* p is after '['. 1 match, 0 no match, -1 no closing ']' (then '[' is literal). */
static int fnm_bracket(const char **pp, int c, int flags)
{
	const char *p = *pp;
	int neg = 0, match = 0;

	if (*p == '!' || *p == '^') {
		neg = 1;
		p++;
	}
	for (int first = 1; *p && (first || *p != ']'); first = 0) {
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");

			if (end) {
				match |= fnm_class(p + 2, (size_t)(end - p - 2), c);
				p = end + 2;
				continue;
			}
		}
		int lo = fnm_bracket_char(&p, flags), hi = lo;

		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			hi = fnm_bracket_char(&p, flags);
		}
		if (flags & FNM_CASEFOLD)
			match |= (tolower(c) >= tolower(lo) && tolower(c) <= tolower(hi)) ||
				 (c >= lo && c <= hi);
		else
			match |= c >= lo && c <= hi;
	}
	if (*p != ']')
		return -1;
	*pp = p + 1;
	return match != neg;
}

/* A '.' that FNM_PERIOD protects from wildcards. */
static int fnm_lead_dot(const char *s, const char *base, int flags)
{
	return *s == '.' && (flags & FNM_PERIOD) &&
	       (s == base || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

/* One pattern element against *s: 1 matched (p, s advanced), 0 not. */
static int fnm_step(const char **pp, const char **sp, const char *base, int flags)
{
	const char *p = *pp, *s = *sp;
	int wild_ok = *s && !((flags & FNM_PATHNAME) && *s == '/') && !fnm_lead_dot(s, base, flags);

	if (*p == '?') {
		if (!wild_ok)
			return 0;
		p++;
	} else if (*p == '[') {
		const char *q = p + 1;
		int r = wild_ok ? fnm_bracket(&q, (unsigned char)*s, flags) : 0;

		if (r < 0) { /* no ']': an ordinary '[' */
			if (*s != '[')
				return 0;
			p++;
		} else if (!r)
			return 0;
		else
			p = q;
	} else {
		if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			p++;
		if (!*s || fnm_fold((unsigned char)*p, flags) != fnm_fold((unsigned char)*s, flags))
			return 0;
		p++;
	}
	*pp = p;
	*sp = s + 1;
	return 1;
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	const char *p = pattern, *s = string, *star_p = NULL, *star_s = NULL;

	for (;;) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (fnm_lead_dot(s, string, flags))
				return FNM_NOMATCH;
			star_p = p;
			star_s = s;
			continue;
		}
		if (!*p) {
			if (!*s)
				return 0;
		} else if (fnm_step(&p, &s, string, flags))
			continue;
		/* Mismatch: let the last star take one more character. */
		if (!star_p || !*star_s || ((flags & FNM_PATHNAME) && *star_s == '/'))
			return FNM_NOMATCH;
		s = ++star_s;
		p = star_p;
	}
}
