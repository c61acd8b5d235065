/*
 * lex.c: the shell's tokens (POSIX XCU 2.3, Token Recognition).
 *
 * A word keeps its raw text, quotes and backslashes included: expansion
 * (expand.c) needs to know which characters were quoted. The lexer only
 * finds where a word ends, stepping over quotes, ${...}, $(...) and `...`
 * as units. Input that ends inside one of them is T_PARTIAL, so that an
 * interactive shell reads a continuation line (PS2) and tries again.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

void sh_lex_init(struct sh_lex *lx, const char *src)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
}

static int lex_is_op(char c)
{
	return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

static int lex_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* s[i] is the opening quote: the index after the closing one. */
static size_t lex_skip_squote(const char *s, size_t i, int *partial)
{
	for (i++; s[i] && s[i] != '\''; i++)
		;
	if (!s[i]) {
		*partial = 1;
		return i;
	}
	return i + 1;
}

static size_t lex_skip_dollar(const char *s, size_t i, int *partial);

static size_t lex_skip_bquote(const char *s, size_t i, int *partial)
{
	for (i++; s[i] && s[i] != '`'; i++)
		if (s[i] == '\\' && s[i + 1])
			i++;
	if (!s[i]) {
		*partial = 1;
		return i;
	}
	return i + 1;
}

static size_t lex_skip_dquote(const char *s, size_t i, int *partial)
{
	for (i++; s[i] && s[i] != '"' && !*partial;) {
		if (s[i] == '\\' && s[i + 1])
			i += 2;
		else if (s[i] == '$')
			i = lex_skip_dollar(s, i, partial);
		else if (s[i] == '`')
			i = lex_skip_bquote(s, i, partial);
		else
			i++;
	}
	if (!s[i]) {
		*partial = 1;
		return i;
	}
	return *partial ? i : i + 1;
}

/* s[i] follows "$(": the index after the matching ')'. */
size_t sh_lex_skip_subst(const char *s, size_t i, int *partial)
{
	int depth = 1;

	while (s[i] && !*partial) {
		if (s[i] == '\\' && s[i + 1])
			i += 2;
		else if (s[i] == '\'')
			i = lex_skip_squote(s, i, partial);
		else if (s[i] == '"')
			i = lex_skip_dquote(s, i, partial);
		else if (s[i] == '`')
			i = lex_skip_bquote(s, i, partial);
		else if (s[i] == '$' && s[i + 1] == '(') {
			i += 2;
			depth++;
		} else if (s[i] == '(') {
			depth++;
			i++;
		} else if (s[i] == ')') {
			i++;
			if (--depth == 0)
				return i;
		} else
			i++;
	}
	*partial = 1;
	return i;
}

/* ${...}: s[i] follows the '{'. */
size_t sh_lex_skip_brace(const char *s, size_t i, int *partial)
{
	while (s[i] && !*partial) {
		if (s[i] == '}')
			return i + 1;
		if (s[i] == '\\' && s[i + 1])
			i += 2;
		else if (s[i] == '\'')
			i = lex_skip_squote(s, i, partial);
		else if (s[i] == '"')
			i = lex_skip_dquote(s, i, partial);
		else if (s[i] == '$')
			i = lex_skip_dollar(s, i, partial);
		else
			i++;
	}
	*partial = 1;
	return i;
}

/* s[i] is a quote (' " or `): the index after its closing one. */
size_t sh_lex_skip_quote(const char *s, size_t i, int *partial)
{
	if (s[i] == '\'')
		return lex_skip_squote(s, i, partial);
	if (s[i] == '"')
		return lex_skip_dquote(s, i, partial);
	return lex_skip_bquote(s, i, partial);
}

/* s[i] is a '$'. */
static size_t lex_skip_dollar(const char *s, size_t i, int *partial)
{
	if (s[i + 1] == '(')
		return sh_lex_skip_subst(s, i + 2, partial);
	if (s[i + 1] == '{')
		return sh_lex_skip_brace(s, i + 2, partial);
	return i + 1;
}

/* The end of the word that starts at s[i]. */
size_t sh_lex_word_end(const char *s, size_t i, int *partial)
{
	while (s[i] && !*partial && !lex_is_blank(s[i]) && s[i] != '\n' && !lex_is_op(s[i])) {
		if (s[i] == '\\')
			i += s[i + 1] ? 2 : 1;
		else if (s[i] == '\'')
			i = lex_skip_squote(s, i, partial);
		else if (s[i] == '"')
			i = lex_skip_dquote(s, i, partial);
		else if (s[i] == '`')
			i = lex_skip_bquote(s, i, partial);
		else if (s[i] == '$')
			i = lex_skip_dollar(s, i, partial);
		else
			i++;
	}
	return i;
}

/* Blanks, escaped newlines and comments before a token. */
static void lex_skip_space(struct sh_lex *lx)
{
	const char *s = lx->src;

	for (;;) {
		if (lex_is_blank(s[lx->pos]))
			lx->pos++;
		else if (s[lx->pos] == '\\' && s[lx->pos + 1] == '\n')
			lx->pos += 2;
		else if (s[lx->pos] == '#') {
			while (s[lx->pos] && s[lx->pos] != '\n')
				lx->pos++;
		} else
			return;
	}
}

static enum sh_tok lex_redir(struct sh_lex *lx, size_t i)
{
	const char *s = lx->src;
	char c = s[i], d = s[i + 1];

	lx->tok = T_REDIR;
	if (c == '<' && d == '<') {
		lx->rop = R_HEREDOC;
		lx->strip = s[i + 2] == '-';
		lx->pos = i + 2 + (size_t)lx->strip;
		return T_REDIR;
	}
	if (c == '<')
		lx->rop = d == '&' ? R_DUPIN : d == '>' ? R_RDWR : R_IN;
	else
		lx->rop = d == '>' ? R_APPEND : d == '&' ? R_DUPOUT : d == '|' ? R_CLOBBER : R_OUT;
	lx->pos = i + (lx->rop == R_IN || lx->rop == R_OUT ? 1 : 2);
	return T_REDIR;
}

/* The delimiter of a here-document: quotes removed; quoted: any were there. */
static char *lex_delim(const char *w, int *quoted)
{
	struct sh_buf b = { 0 };

	*quoted = 0;
	for (; *w; w++) {
		if (*w == '\'' || *w == '"' || *w == '\\') {
			*quoted = 1;
			if (*w == '\\' && w[1])
				sh_buf_addc(&b, *++w);
			continue;
		}
		sh_buf_addc(&b, *w);
	}
	return sh_buf_take(&b);
}

/* One body: lines up to the delimiter's. 0, or -1 if the text ends first. */
static int lex_heredoc_body(struct sh_lex *lx, struct sh_redir *r, int strip)
{
	const char *s = lx->src;
	struct sh_buf body = { 0 };
	int quoted;
	char *delim = lex_delim(r->word, &quoted);
	size_t dl = strlen(delim);

	for (;;) {
		size_t start = lx->pos, end;

		if (!s[start]) {
			free(body.s);
			free(delim);
			return -1;
		}
		while (strip && s[start] == '\t')
			start++;
		for (end = start; s[end] && s[end] != '\n'; end++)
			;
		lx->pos = s[end] ? end + 1 : end;
		if (end - start == dl && !strncmp(s + start, delim, dl))
			break;
		sh_buf_add(&body, s + start, end - start);
		sh_buf_addc(&body, '\n');
	}
	free(delim);
	free(r->word);
	r->word = sh_buf_take(&body);
	r->op = quoted ? R_HEREDOCQ : R_HEREDOC;
	return 0;
}

/* After a newline: the bodies of the here-documents of that line. */
static int lex_heredocs(struct sh_lex *lx)
{
	for (int i = 0; i < lx->npending; i++)
		if (lex_heredoc_body(lx, lx->pending[i], lx->pending_strip[i]) < 0)
			return -1;
	lx->npending = 0;
	return 0;
}

int sh_lex_heredoc_add(struct sh_lex *lx, struct sh_redir *r)
{
	if (lx->npending >= SH_HEREDOC_MAX)
		return -1;
	lx->pending_strip[lx->npending] = (char)lx->strip;
	lx->pending[lx->npending++] = r;
	return 0;
}

static enum sh_tok lex_op(struct sh_lex *lx)
{
	const char *s = lx->src + lx->pos;
	static const struct {
		const char *op;
		enum sh_tok tok;
	} ops[] = {
		{ "&&", T_AND },   { "||", T_OR },    { ";;", T_DSEMI },
		{ ";", T_SEMI },   { "&", T_AMP },    { "|", T_PIPE },
		{ "(", T_LPAREN }, { ")", T_RPAREN }, { "\n", T_NEWLINE },
	};

	if (*s == '<' || *s == '>') {
		lx->rfd = -1;
		return lex_redir(lx, lx->pos);
	}
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t n = strlen(ops[k].op);

		if (!strncmp(s, ops[k].op, n)) {
			lx->pos += n;
			if (ops[k].tok == T_NEWLINE && lx->npending && lex_heredocs(lx) < 0)
				return lx->tok = T_PARTIAL;
			return lx->tok = ops[k].tok;
		}
	}
	return lx->tok = T_ERROR;
}

enum sh_tok sh_lex_next(struct sh_lex *lx)
{
	const char *s = lx->src;
	size_t i, end;
	int partial = 0;

	lx->word = NULL;
	lex_skip_space(lx);
	lx->tstart = lx->pos;
	if (!s[lx->pos])
		return lx->tok = T_EOF;
	if (lex_is_op(s[lx->pos]) || s[lx->pos] == '\n')
		return lex_op(lx);
	for (i = lx->pos; s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > lx->pos && i - lx->pos < 4 && (s[i] == '<' || s[i] == '>')) {
		int fd = 0;

		for (size_t k = lx->pos; k < i; k++)
			fd = fd * 10 + s[k] - '0';
		if (lex_redir(lx, i) == T_REDIR)
			lx->rfd = fd;
		return lx->tok;
	}
	end = sh_lex_word_end(s, lx->pos, &partial);
	if (partial)
		return lx->tok = T_PARTIAL;
	if (end == lx->pos) {
		lx->err = "unexpected character";
		return lx->tok = T_ERROR;
	}
	lx->word = sh_strndup(s + lx->pos, end - lx->pos);
	lx->pos = end;
	return lx->tok = T_WORD;
}
