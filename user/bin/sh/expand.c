/*
 * expand.c: word expansion (POSIX XCU 2.6): tilde, parameters, command
 * substitution, field splitting, pathname expansion, quote removal.
 *
 * A word is expanded into a buffer in which every byte carries a mark of
 * where it came from: 'L' written unquoted, 'Q' quoted, 'E' the result of
 * an unquoted expansion, 'B' a field break ("$@"), 'M' an empty quote (so
 * "" makes an empty field). Only E bytes are split at $IFS; only L and E
 * bytes may be pattern characters; the marks are then dropped.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct xs {
	struct sh_buf b, m; /* the bytes and their marks */
	int flags;	    /* X_SPLIT | X_GLOB | X_TILDE */
	int drop_empty;	    /* "$@" with no parameters */
	char lit;	    /* the mark of unquoted literal bytes: L, or E in ${x:-word} */
	int err;
};
static int xs_failed;

int sh_expand_error(void)
{
	int e = xs_failed;

	xs_failed = 0;
	return e;
}

static void xs_put(struct xs *x, const char *s, size_t n, char mark)
{
	sh_buf_add(&x->b, s, n);
	for (size_t i = 0; i < n; i++)
		sh_buf_addc(&x->m, mark);
}

static void xs_word(struct xs *x, const char *s, size_t n, int quoted);

static void xs_num(struct xs *x, long v, char mark)
{
	char tmp[24];

	snprintf(tmp, sizeof(tmp), "%ld", v);
	xs_put(x, tmp, strlen(tmp), mark);
}

/* $@ and $*: quoted "$@" makes one field per parameter. */
static void xs_params(struct xs *x, int at, int quoted)
{
	const char *ifs = sh_var_get("IFS");
	char sep = ifs ? *ifs : ' ';

	if (quoted && at && !sh.argc)
		x->drop_empty = 1;
	for (int i = 0; i < sh.argc; i++) {
		if (i && quoted && at)
			xs_put(x, "", 1, 'B');
		else if (i && (quoted ? sep != 0 : 1))
			xs_put(x, quoted ? &sep : " ", 1, quoted ? 'Q' : 'E');
		xs_put(x, sh.argv[i], strlen(sh.argv[i]), quoted ? 'Q' : 'E');
	}
}

/* The value of a special or named parameter; NULL if unset. */
static const char *xs_param(const char *name, size_t n, char *tmp, size_t tlen)
{
	if (n && name[0] >= '0' && name[0] <= '9') {
		int k = 0;

		for (size_t i = 0; i < n && k < 100000; i++)
			k = k * 10 + name[i] - '0';

		if (k == 0)
			return sh.arg0;
		return k <= sh.argc ? sh.argv[k - 1] : NULL;
	}
	if (n == 1 && strchr("?$!#", name[0])) {
		long v = name[0] == '?'	  ? sh.status
			 : name[0] == '$' ? sh.pid
			 : name[0] == '#' ? sh.argc
					  : sh.lastbg;
		if (name[0] == '!' && !sh.lastbg)
			return NULL;
		snprintf(tmp, tlen, "%ld", v);
		return tmp;
	}
	if (n == 1 && name[0] == '-') {
		snprintf(tmp, tlen, "%s%s%s", sh.opt_e ? "e" : "", sh.opt_x ? "x" : "",
			 sh.interactive ? "i" : "");
		return tmp;
	}
	{
		char *key = sh_strndup(name, n);
		const char *v = sh_var_get(key);

		free(key);
		return v;
	}
}

static void xs_value(struct xs *x, const char *v, int quoted)
{
	if (v)
		xs_put(x, v, strlen(v), quoted ? 'Q' : 'E');
}

/* ${NAME-word} ${NAME=word} ${NAME+word} ${NAME?word}, with or without ':'. */
static void xs_brace_op(struct xs *x, const char *s, size_t n, size_t k, int colon, const char *v,
			int set, int quoted)
{
	char op = s[k + colon], lit = x->lit;
	const char *w = s + k + colon + 1;
	size_t wn = n - k - colon - 1;

	x->lit = 'E'; /* an unquoted ${x:-a b} is split too */
	if (op == '+') {
		if (set)
			xs_word(x, w, wn, quoted);
	} else if (set)
		xs_value(x, v, quoted);
	else if (op == '-')
		xs_word(x, w, wn, quoted);
	x->lit = lit;
	if ((op == '=' || op == '?') && !set) {
		char *raw = sh_strndup(w, wn), *val = sh_expand_one(raw);
		char *name = sh_strndup(s, k);

		if (op == '=') {
			sh_var_set(name, val, 0);
			xs_value(x, val, quoted);
		} else {
			sh_err("%s: %s", name, *val ? val : "parameter not set");
			x->err = 1;
		}
		free(raw);
		free(val);
		free(name);
	}
}

/* The word of ${x#word} as an fnmatch pattern: quoted bytes escaped. */
static char *xs_pattern(const char *w, size_t n)
{
	struct xs y = { .lit = 'L' };
	struct sh_buf pat = { 0 };

	xs_word(&y, w, n, 0);
	for (size_t i = 0; i < y.b.len; i++) {
		char c = y.b.s[i], m = y.m.s[i];

		if (m == 'M' || m == 'B')
			continue;
		if (m == 'Q' && strchr("*?[]\\", c))
			sh_buf_addc(&pat, '\\');
		sh_buf_addc(&pat, c);
	}
	free(y.b.s);
	free(y.m.s);
	return sh_buf_take(&pat);
}

/* ${x#pat} ${x##pat} ${x%pat} ${x%%pat}: the value without the match. */
static void xs_trim(struct xs *x, const char *v, const char *w, size_t n, int quoted)
{
	int suffix = w[0] == '%', longest = n > 1 && w[1] == w[0];
	char *pat = xs_pattern(w + 1 + longest, n - 1 - (size_t)longest);
	size_t len;

	v = v ? v : "";
	len = strlen(v);
	for (size_t k = 0; k <= len; k++) {
		size_t cut = longest ? len - k : k; /* bytes the match covers */
		char *part = suffix ? sh_strdup(v + len - cut) : sh_strndup(v, cut);
		int hit = fnmatch(pat, part, 0) == 0;

		free(part);
		if (hit) {
			xs_put(x, suffix ? v : v + cut, len - cut, quoted ? 'Q' : 'E');
			free(pat);
			return;
		}
	}
	xs_value(x, v, quoted);
	free(pat);
}

/* ${NAME op word}: s..e is between the braces. */
static void xs_brace(struct xs *x, const char *s, size_t n, int quoted)
{
	char tmp[32];
	size_t k = 0;
	const char *v;
	int colon, set;

	if (n > 1 && s[0] == '#') {
		v = xs_param(s + 1, n - 1, tmp, sizeof(tmp));
		xs_num(x, v ? (long)strlen(v) : 0, quoted ? 'Q' : 'E');
		return;
	}
	if (n && strchr("?$!#@*-", s[0]))
		k = 1;
	else if (n && s[0] >= '0' && s[0] <= '9')
		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
	else
		while (k < n && sh_is_name(s, k + 1))
			k++;
	if (!k) {
		sh_err("${%.*s}: bad substitution", (int)n, s);
		x->err = 1;
		return;
	}
	if (k == n && (s[0] == '@' || s[0] == '*')) {
		xs_params(x, s[0] == '@', quoted);
		return;
	}
	v = xs_param(s, k, tmp, sizeof(tmp));
	if (k == n) {
		xs_value(x, v, quoted);
		return;
	}
	if (s[k] == '#' || s[k] == '%') {
		xs_trim(x, v, s + k, n - k, quoted);
		return;
	}
	colon = s[k] == ':';
	set = v && (!colon || *v);
	if (k + colon >= n || !strchr("-=+?", s[k + colon])) {
		sh_err("${%.*s}: bad substitution", (int)n, s);
		x->err = 1;
		return;
	}
	xs_brace_op(x, s, n, k, colon, v, set, quoted);
}

/* $((text)): the parameters in text expanded first. */
static int xs_arith(struct xs *x, const char *s, size_t n, int quoted)
{
	char *raw = sh_strndup(s, n), *text = sh_expand_word(raw, 0);
	const char *err;
	long v;
	int rc = sh_arith(text, &v, &err);

	if (rc < 0) {
		sh_err("%s: arithmetic: %s", raw, err);
		x->err = 1;
	} else
		xs_num(x, v, quoted ? 'Q' : 'E');
	free(raw);
	free(text);
	return rc;
}

/* s[0] is '$': expand it, return the bytes used. */
static size_t xs_dollar(struct xs *x, const char *s, size_t n, int quoted)
{
	char tmp[32];
	size_t k;
	int partial = 0;

	if (n > 1 && s[1] == '{') {
		k = sh_lex_skip_brace(s, 2, &partial);
		if (partial || k > n) {
			xs_put(x, s, n, quoted ? 'Q' : 'L');
			return n;
		}
		xs_brace(x, s + 2, k - 3, quoted);
		return k;
	}
	if (n > 2 && s[1] == '(' && s[2] == '(') {
		k = sh_lex_skip_subst(s, 2, &partial);
		if (!partial && k <= n && s[k - 2] == ')')
			return xs_arith(x, s + 3, k - 5, quoted) < 0 ? n : k;
	}
	if (n > 1 && s[1] == '(') {
		char *out;

		k = sh_lex_skip_subst(s, 2, &partial);
		if (partial || k > n) {
			xs_put(x, s, n, quoted ? 'Q' : 'L');
			return n;
		}
		out = sh_cmdsubst(s + 2, k - 3);
		xs_value(x, out, quoted);
		free(out);
		return k;
	}
	if (n > 1 && (s[1] == '@' || s[1] == '*')) {
		xs_params(x, s[1] == '@', quoted);
		return 2;
	}
	if (n > 1 && strchr("?$!#-0123456789", s[1])) {
		xs_value(x, xs_param(s + 1, 1, tmp, sizeof(tmp)), quoted);
		return 2;
	}
	for (k = 1; k < n && sh_is_name(s + 1, k); k++)
		;
	if (k == 1) {
		xs_put(x, "$", 1, quoted ? 'Q' : 'L');
		return 1;
	}
	xs_value(x, xs_param(s + 1, k - 1, tmp, sizeof(tmp)), quoted);
	return k;
}

/* `cmd`: inside, \$ \` \\ stand for the character. */
static size_t xs_bquote(struct xs *x, const char *s, size_t n, int quoted)
{
	struct sh_buf cmd = { 0 };
	size_t i;
	char *out;

	for (i = 1; i < n && s[i] != '`'; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("$`\\", s[i + 1]))
			i++;
		sh_buf_addc(&cmd, s[i]);
	}
	out = sh_cmdsubst(cmd.s ? cmd.s : "", cmd.len);
	xs_value(x, out, quoted);
	free(out);
	free(cmd.s);
	return i < n ? i + 1 : n;
}

/* A backslash at s[0]: the bytes used. */
static size_t xs_backslash(struct xs *x, const char *s, size_t n, int quoted)
{
	if (n < 2) {
		xs_put(x, "\\", 1, 'Q');
		return 1;
	}
	if (s[1] == '\n')
		return 2;
	if (quoted && !strchr("$`\"\\", s[1]))
		xs_put(x, s, 2, 'Q');
	else
		xs_put(x, s + 1, 1, 'Q');
	return 2;
}

static size_t xs_quote(struct xs *x, const char *s, size_t n)
{
	int partial = 0;
	size_t end = sh_lex_skip_quote(s, 0, &partial);

	if (end > n)
		end = n;
	xs_put(x, "", 1, 'M');
	if (s[0] == '\'')
		xs_put(x, s + 1, end - 1 - (partial ? 0 : 1), 'Q');
	else
		xs_word(x, s + 1, end - 1 - (partial ? 0 : 1), 1);
	return end;
}

static void xs_word(struct xs *x, const char *s, size_t n, int quoted)
{
	size_t i = 0;

	if (!quoted && (x->flags & X_TILDE) && n && s[0] == '~' && (n == 1 || s[1] == '/')) {
		const char *home = sh_var_get("HOME");

		xs_put(x, home ? home : "/", strlen(home ? home : "/"), 'Q');
		i = 1;
	}
	while (i < n && !x->err) {
		char c = s[i];

		if (c == '\\')
			i += xs_backslash(x, s + i, n - i, quoted);
		else if ((c == '\'' || c == '"') && !quoted)
			i += xs_quote(x, s + i, n - i);
		else if (c == '$')
			i += xs_dollar(x, s + i, n - i, quoted);
		else if (c == '`')
			i += xs_bquote(x, s + i, n - i, quoted);
		else {
			xs_put(x, &c, 1, quoted ? 'Q' : x->lit);
			i++;
		}
	}
}

/* One field is complete: glob it if it has unquoted pattern characters. */
static void xs_emit(struct xs *x, struct sh_buf *f, struct sh_buf *fm, struct sh_vec *out)
{
	struct sh_buf pat = { 0 };
	int magic = 0;

	for (size_t i = 0; i < f->len; i++) {
		char c = f->s[i], m = fm->s[i];

		if (m != 'Q' && strchr("*?[", c))
			magic = 1;
		if ((m == 'Q' && strchr("*?[]\\", c)) || (m == 'E' && c == '\\'))
			sh_buf_addc(&pat, '\\');
		sh_buf_addc(&pat, c);
	}
	if (!(x->flags & X_GLOB) || !magic || sh_glob(pat.s, out) <= 0)
		sh_vec_push(out, sh_buf_take(f));
	free(pat.s);
	free(f->s);
	free(fm->s);
	memset(f, 0, sizeof(*f));
	memset(fm, 0, sizeof(*fm));
}

static void xs_fields(struct xs *x, struct sh_vec *out)
{
	const char *ifs = sh_var_get("IFS");
	struct sh_buf f = { 0 }, fm = { 0 };
	int have = 0;

	if (!ifs)
		ifs = " \t\n";
	for (size_t i = 0; i < x->b.len; i++) {
		char c = x->b.s[i], m = x->m.s[i];

		if (m == 'B' || (m == 'E' && (x->flags & X_SPLIT) && c && strchr(ifs, c))) {
			if (have || (m == 'E' && c != ' ' && c != '\t' && c != '\n'))
				xs_emit(x, &f, &fm, out);
			have = 0;
		} else if (m == 'M')
			have = 1;
		else {
			sh_buf_addc(&f, c);
			sh_buf_addc(&fm, m);
			have = 1;
		}
	}
	if (have && !(x->drop_empty && !f.len))
		xs_emit(x, &f, &fm, out);
	free(f.s);
	free(fm.s);
}

static int xs_run(const char *w, int flags, struct sh_vec *out)
{
	struct xs x = { .flags = flags, .lit = 'L' };

	xs_word(&x, w, strlen(w), 0);
	if (!x.err)
		xs_fields(&x, out);
	free(x.b.s);
	free(x.m.s);
	if (x.err)
		xs_failed = 1;
	return x.err ? -1 : 0;
}

/* Expand command words into fields (split, globbed) appended to out. */
int sh_expand_words(char **words, int n, struct sh_vec *out)
{
	for (int i = 0; i < n; i++)
		if (xs_run(words[i], X_SPLIT | X_GLOB | X_TILDE, out) < 0)
			return -1;
	return 0;
}

/* Expand one word into one string (its fields joined by spaces). */
char *sh_expand_word(const char *w, int flags)
{
	struct sh_vec v = { 0 };
	struct sh_buf b = { 0 };

	xs_run(w, flags, &v);
	for (int i = 0; i < v.n; i++) {
		if (i)
			sh_buf_addc(&b, ' ');
		sh_buf_adds(&b, v.v[i]);
	}
	sh_vec_free(&v);
	return sh_buf_take(&b);
}

/* An assignment's value or a redirection's file: no splitting or globbing. */
char *sh_expand_one(const char *w)
{
	return sh_expand_word(w, X_TILDE);
}

/* A here-document's body: expanded as inside double quotes. */
char *sh_expand_heredoc(const char *body)
{
	struct xs x = { .lit = 'L' };

	struct sh_buf out = { 0 };

	xs_word(&x, body, strlen(body), 1);
	for (size_t i = 0; i < x.b.len; i++)
		if (x.m.s[i] != 'M' && x.m.s[i] != 'B')
			sh_buf_addc(&out, x.b.s[i]);
	free(x.b.s);
	free(x.m.s);
	if (x.err)
		xs_failed = 1;
	return sh_buf_take(&out);
}

/* A case pattern: expanded, quoted characters escaped for fnmatch. */
char *sh_expand_pattern(const char *w)
{
	return xs_pattern(w, strlen(w));
}
