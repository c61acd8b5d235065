/*
 * Kernel command-line parser.
 *
 * The line is copied word by word into cl->buf, with quotes and escapes
 * dropped and the key/value '=' and each word's end turned into NULs. A word of k input
 * bytes produces at most k + 1 output bytes and consecutive words are
 * separated by at least one blank, which produces nothing; so n input bytes
 * never need more than n + 1 bytes of buffer. Reading at most
 * CMDLINE_MAX_LEN - 1 input bytes therefore always fits, without any bounds
 * check in the copy loop.
 *
 * A bare word's value points at its key's terminating NUL, which keeps every
 * pointer inside buf.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <core/cmdline.h>
#include <kern/string.h>
#include <uapi/errno.h>

/* Cursor over the input and the output buffer. */
struct cmdline_scan {
	const char *in;	 /* next input byte */
	const char *end; /* end of the input that fits */
	char *out;	 /* next free byte of buf */
	bool quoted;	 /* inside "..." */
};

static bool cmdline_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A value GRUB hands over as \"v\" (the user quoted it once more than GRUB
 * strips) arrives as literal quotes around the whole value: drop that pair,
 * so mem=\"tlsf\" means what mem="tlsf" means.
 */
static void cmdline_unwrap(char *val, char **end)
{
	size_t n = (size_t)(*end - val);

	if (n >= 2 && val[0] == '"' && val[n - 1] == '"') {
		memmove(val, val + 1, n - 2);
		val[n - 2] = '\0';
		*end -= 2;
	}
}

/* Copy the word at sc->in into the buffer and describe it in *w. */
static void cmdline_word(struct cmdline_scan *sc, struct cmdline_word *w)
{
	char *val = NULL;

	w->key = sc->out;
	while (sc->in < sc->end) {
		char c = *sc->in;

		if (!sc->quoted && cmdline_is_blank(c))
			break;
		bool escaped = c == '\\' && sc->in + 1 < sc->end;

		sc->in++;
		if (escaped)
			c = *sc->in++; /* GRUB's escape: the next byte as is, but an '=' splits */
		if (c == '"' && !escaped) {
			sc->quoted = !sc->quoted;
		} else if (c == '=' && !val) {
			*sc->out++ = '\0';
			val = sc->out;
		} else {
			*sc->out++ = c;
		}
	}
	*sc->out = '\0';
	if (val)
		cmdline_unwrap(val, &sc->out);
	sc->out++;
	w->val = val ? val : sc->out - 1;
}

int cmdline_parse(struct cmdline *cl, const char *s)
{
	size_t len, n;
	struct cmdline_scan sc;

	if (!s)
		s = "";
	len = strnlen(s, CMDLINE_MAX_LEN);
	n = len < CMDLINE_MAX_LEN ? len : CMDLINE_MAX_LEN - 1;
	sc = (struct cmdline_scan){ .in = s, .end = s + n, .out = cl->buf };
	cl->nwords = 0;
	cl->truncated = len > n;
	cl->buf[0] = '\0';
	while (sc.in < sc.end) {
		if (cmdline_is_blank(*sc.in)) {
			sc.in++;
			continue;
		}
		if (cl->nwords == CMDLINE_MAX_WORDS) {
			cl->truncated = true;
			break;
		}
		cmdline_word(&sc, &cl->words[cl->nwords]);
		/* The limit fell inside this word: drop it rather than shorten it. */
		if (sc.in == sc.end && len > n && (sc.quoted || !cmdline_is_blank(s[n])))
			break;
		cl->nwords++;
	}
	if (cl->truncated)
		return -E2BIG;
	return sc.quoted ? -EINVAL : 0;
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
	for (unsigned i = cl->nwords; i-- > 0;) {
		if (strcmp(cl->words[i].key, key) == 0)
			return cl->words[i].val;
	}
	return NULL;
}

bool cmdline_has(const struct cmdline *cl, const char *key)
{
	return cmdline_get(cl, key) != NULL;
}

/* Value of one digit in @base, or -1. */
static int cmdline_digit(char c, unsigned base)
{
	int d = -1;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	return d >= 0 && (unsigned)d < base ? d : -1;
}

/* Binary shift of a size suffix, 0 for none, -1 for an invalid tail. */
static int cmdline_suffix(const char *s)
{
	if (s[0] == '\0')
		return 0;
	if (s[1] != '\0')
		return -1;
	switch (s[0]) {
	case 'K':
	case 'k':
		return 10;
	case 'M':
	case 'm':
		return 20;
	case 'G':
	case 'g':
		return 30;
	default:
		return -1;
	}
}

int cmdline_parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	bool over = false;
	int shift, d;
	const char *p;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/* Scan to the end first: malformed beats too large. */
	for (p = s; (d = cmdline_digit(*p, base)) >= 0; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			over = true;
		v = v * base + (uint64_t)d;
	}
	shift = cmdline_suffix(p);
	if (p == s || shift < 0)
		return -EINVAL;
	if (over || v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

int cmdline_get_u64(const struct cmdline *cl, const char *key, uint64_t *out)
{
	const char *val = cmdline_get(cl, key);

	if (!val)
		return -ENOENT;
	return cmdline_parse_u64(val, out);
}

int cmdline_get_range(const struct cmdline *cl, const char *key, uint64_t min, uint64_t max,
		      uint64_t *out)
{
	uint64_t v;
	int rc = cmdline_get_u64(cl, key, &v);

	if (rc == 0 && (v < min || v > max))
		rc = -ERANGE;
	if (rc == 0)
		*out = v;
	return rc;
}
