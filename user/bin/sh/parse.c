/*
 * parse.c: the shell grammar (POSIX XCU 2.10, without case, functions and
 * here-documents) by recursive descent, into the tree of ast.c:
 *
 *   complete := and_or ((';' | '&') and_or)* [';' | '&'] (NEWLINE | EOF)
 *   list     := linebreak and_or ((';' | '&' | NEWLINE+) and_or)* [...]
 *   and_or   := pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline := ['!'] command ('|' linebreak command)*
 *   command  := simple | '(' list ')' | '{' list '}' | if | while | until
 *               | for, compound ones followed by redirections
 *
 * Reserved words are recognised only where a command may start. Running
 * out of input where more is required is P_PARTIAL, not an error: an
 * interactive shell then reads a continuation line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static enum sh_tok ps_tok(struct sh_parser *p)
{
	if (!p->peeked) {
		sh_lex_next(&p->lx);
		p->peeked = 1;
	}
	return p->lx.tok;
}

/* Consume the current token (a word's text goes with it unless taken). */
static void ps_eat(struct sh_parser *p)
{
	free(p->lx.word);
	p->lx.word = NULL;
	p->peeked = 0;
}

static char *ps_take_word(struct sh_parser *p)
{
	char *w = p->lx.word;

	p->lx.word = NULL;
	p->peeked = 0;
	return w;
}

static const char *ps_tok_name(struct sh_parser *p)
{
	static const char *const names[] = {
		[T_NEWLINE] = "newline",
		[T_EOF] = "end of file",
		[T_SEMI] = ";",
		[T_AMP] = "&",
		[T_PIPE] = "|",
		[T_AND] = "&&",
		[T_OR] = "||",
		[T_LPAREN] = "(",
		[T_RPAREN] = ")",
		[T_DSEMI] = ";;",
		[T_REDIR] = "redirection",
	};

	if (p->lx.tok == T_WORD)
		return p->lx.word;
	if (p->lx.tok == T_ERROR || p->lx.tok == T_PARTIAL)
		return "?";
	return names[p->lx.tok];
}

/* Record the first error: running out of input is "partial". */
static void *ps_fail(struct sh_parser *p)
{
	if (p->err[0] || p->partial)
		return NULL;
	if (p->lx.tok == T_PARTIAL || p->lx.tok == T_EOF) {
		p->partial = 1;
		return NULL;
	}
	if (p->lx.tok == T_ERROR)
		snprintf(p->err, sizeof(p->err), "syntax error: %s", p->lx.err);
	else
		snprintf(p->err, sizeof(p->err), "syntax error near unexpected '%s'",
			 ps_tok_name(p));
	return NULL;
}

static int ps_is_kw(struct sh_parser *p, const char *kw)
{
	return ps_tok(p) == T_WORD && !strcmp(p->lx.word, kw);
}

static int ps_is_end_kw(struct sh_parser *p)
{
	static const char *const ends[] = {
		"then", "else", "elif", "fi", "do", "done", "}", "esac"
	};

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (ps_is_kw(p, ends[i]))
			return 1;
	return 0;
}

static void ps_linebreak(struct sh_parser *p)
{
	while (ps_tok(p) == T_NEWLINE)
		ps_eat(p);
}

static struct sh_node *ps_and_or(struct sh_parser *p);
static struct sh_node *ps_command(struct sh_parser *p);

static size_t ps_here(struct sh_parser *p)
{
	return p->peeked ? p->lx.tstart : p->lx.pos;
}

static void ps_set_text(struct sh_parser *p, struct sh_node *n, size_t start)
{
	size_t end = ps_here(p);
	const char *s = p->lx.src;

	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n'))
		end--;
	free(n->text);
	n->text = sh_strndup(s + start, end - start);
}

/* A list inside a compound command: up to a closing word or ')'. */
static int ps_list_end(struct sh_parser *p)
{
	return ps_tok(p) == T_RPAREN || ps_tok(p) == T_DSEMI || ps_tok(p) == T_EOF ||
	       ps_is_end_kw(p);
}

/* A list inside a compound command: up to a closing word, ')' or ';;'. */
static struct sh_node *ps_list_ex(struct sh_parser *p, int may_be_empty)
{
	struct sh_node *l = sh_node_new(N_LIST), *n;

	ps_linebreak(p);
	while (!ps_list_end(p)) {
		if (!(n = ps_and_or(p)))
			goto fail;
		sh_node_add(l, n);
		if (ps_tok(p) == T_SEMI || ps_tok(p) == T_AMP) {
			l->bg[l->nkids - 1] = ps_tok(p) == T_AMP;
			ps_eat(p);
		} else if (ps_tok(p) != T_NEWLINE && !ps_list_end(p))
			goto fail;
		ps_linebreak(p);
	}
	if (!l->nkids && !may_be_empty)
		goto fail;
	return l;
fail:
	sh_node_free(l);
	return ps_fail(p);
}

static struct sh_node *ps_list(struct sh_parser *p)
{
	return ps_list_ex(p, 0);
}

/* Expect reserved word kw and consume it. */
static int ps_expect(struct sh_parser *p, const char *kw)
{
	if (!ps_is_kw(p, kw)) {
		ps_fail(p);
		return 0;
	}
	ps_eat(p);
	return 1;
}

static struct sh_node *ps_if(struct sh_parser *p)
{
	struct sh_node *n = sh_node_new(N_IF), *k;

	ps_eat(p); /* if or elif */
	if (!(k = ps_list(p)))
		goto fail;
	sh_node_add(n, k);
	if (!ps_expect(p, "then") || !(k = ps_list(p)))
		goto fail;
	sh_node_add(n, k);
	if (ps_is_kw(p, "elif")) {
		if (!(k = ps_if(p)))
			goto fail;
		sh_node_add(n, k);
		return n;
	}
	if (ps_is_kw(p, "else")) {
		ps_eat(p);
		if (!(k = ps_list(p)))
			goto fail;
		sh_node_add(n, k);
	}
	if (ps_expect(p, "fi"))
		return n;
fail:
	sh_node_free(n);
	return NULL;
}

static struct sh_node *ps_while(struct sh_parser *p, enum sh_kind kind)
{
	struct sh_node *n = sh_node_new(kind), *k;

	ps_eat(p);
	if (!(k = ps_list(p)))
		goto fail;
	sh_node_add(n, k);
	if (!ps_expect(p, "do") || !(k = ps_list(p)))
		goto fail;
	sh_node_add(n, k);
	if (ps_expect(p, "done"))
		return n;
fail:
	sh_node_free(n);
	return NULL;
}

static struct sh_node *ps_for(struct sh_parser *p)
{
	struct sh_node *n = sh_node_new(N_FOR), *k;

	ps_eat(p);
	if (ps_tok(p) != T_WORD || !sh_is_name(p->lx.word, strlen(p->lx.word)))
		goto fail;
	n->var = ps_take_word(p);
	ps_linebreak(p);
	if (ps_is_kw(p, "in")) {
		ps_eat(p);
		n->has_in = 1;
		while (ps_tok(p) == T_WORD)
			sh_vec_push(&n->words, ps_take_word(p));
	}
	if (ps_tok(p) == T_SEMI)
		ps_eat(p);
	else if (n->has_in && ps_tok(p) != T_NEWLINE)
		goto fail;
	ps_linebreak(p);
	if (!ps_expect(p, "do") || !(k = ps_list(p)))
		goto cleanup;
	sh_node_add(n, k);
	if (ps_expect(p, "done"))
		return n;
	goto cleanup;
fail:
	ps_fail(p);
cleanup:
	sh_node_free(n);
	return NULL;
}

/* One case item: [(] pattern [| pattern]... ) list [;;] */
static struct sh_node *ps_case_item(struct sh_parser *p)
{
	struct sh_node *item = sh_node_new(N_CASEITEM), *body;

	if (ps_tok(p) == T_LPAREN)
		ps_eat(p);
	for (;;) {
		if (ps_tok(p) != T_WORD)
			goto fail;
		sh_vec_push(&item->words, ps_take_word(p));
		if (ps_tok(p) != T_PIPE)
			break;
		ps_eat(p);
	}
	if (ps_tok(p) != T_RPAREN)
		goto fail;
	ps_eat(p);
	if (!(body = ps_list_ex(p, 1))) {
		sh_node_free(item);
		return NULL;
	}
	sh_node_add(item, body);
	if (ps_tok(p) == T_DSEMI)
		ps_eat(p);
	else if (!ps_is_kw(p, "esac"))
		goto fail;
	ps_linebreak(p);
	return item;
fail:
	sh_node_free(item);
	return ps_fail(p);
}

/* case word in item... esac */
static struct sh_node *ps_case(struct sh_parser *p)
{
	struct sh_node *n = sh_node_new(N_CASE), *item;

	ps_eat(p);
	if (ps_tok(p) != T_WORD)
		goto fail;
	sh_vec_push(&n->words, ps_take_word(p));
	ps_linebreak(p);
	if (!ps_expect(p, "in"))
		goto cleanup;
	ps_linebreak(p);
	while (!ps_is_kw(p, "esac")) {
		if (!(item = ps_case_item(p)))
			goto cleanup;
		sh_node_add(n, item);
	}
	ps_eat(p);
	return n;
fail:
	ps_fail(p);
cleanup:
	sh_node_free(n);
	return NULL;
}

/* name() compound-command: the current token is the name, "()" follows. */
static struct sh_node *ps_function(struct sh_parser *p)
{
	struct sh_node *n = sh_node_new(N_FUNC), *body;
	const char *s = p->lx.src;

	n->var = ps_take_word(p);
	while (s[p->lx.pos] == ' ' || s[p->lx.pos] == '\t')
		p->lx.pos++;
	p->lx.pos++; /* ( */
	while (s[p->lx.pos] == ' ' || s[p->lx.pos] == '\t')
		p->lx.pos++;
	p->lx.pos++; /* ) */
	ps_linebreak(p);
	if (ps_tok(p) != T_LPAREN && !ps_is_kw(p, "{") && !ps_is_kw(p, "if") &&
	    !ps_is_kw(p, "while") && !ps_is_kw(p, "until") && !ps_is_kw(p, "for") &&
	    !ps_is_kw(p, "case")) {
		sh_node_free(n);
		return ps_fail(p); /* the body is a compound command */
	}
	if (!(body = ps_command(p))) {
		sh_node_free(n);
		return NULL;
	}
	sh_node_add(n, body);
	return n;
}

/* Is the word just read a function's name, followed by "()"? */
static int ps_is_function(struct sh_parser *p)
{
	const char *s = p->lx.src;
	size_t i = p->lx.pos;

	if (ps_tok(p) != T_WORD || !sh_is_name(p->lx.word, strlen(p->lx.word)))
		return 0;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (s[i++] != '(')
		return 0;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return s[i] == ')';
}

/* A redirection: the operator is the current token, its word follows. */
static int ps_redir(struct sh_parser *p, struct sh_redir **tail)
{
	struct sh_redir *r = sh_alloc(sizeof(*r));
	int op = p->lx.rop, fd = p->lx.rfd;

	ps_eat(p);
	if (ps_tok(p) != T_WORD) {
		free(r);
		ps_fail(p);
		return 0;
	}
	r->op = op;
	r->fd = fd >= 0								   ? fd
		: (op == R_IN || op == R_DUPIN || op == R_RDWR || op == R_HEREDOC) ? 0
										   : 1;
	r->word = ps_take_word(p);
	if (op == R_HEREDOC && sh_lex_heredoc_add(&p->lx, r) < 0) {
		free(r->word);
		free(r);
		snprintf(p->err, sizeof(p->err), "syntax error: too many here-documents");
		return 0;
	}
	while (*tail)
		tail = &(*tail)->next;
	*tail = r;
	return 1;
}

static struct sh_node *ps_simple(struct sh_parser *p)
{
	struct sh_node *n = sh_node_new(N_CMD);

	for (;;) {
		if (ps_tok(p) == T_REDIR) {
			if (!ps_redir(p, &n->redirs))
				goto fail;
		} else if (ps_tok(p) == T_WORD) {
			if (!n->words.n && sh_is_assign(p->lx.word))
				sh_vec_push(&n->assigns, ps_take_word(p));
			else
				sh_vec_push(&n->words, ps_take_word(p));
		} else
			break;
	}
	if (n->words.n || n->assigns.n || n->redirs)
		return n;
	ps_fail(p);
fail:
	sh_node_free(n);
	return NULL;
}

static struct sh_node *ps_compound(struct sh_parser *p, enum sh_kind kind, enum sh_tok close,
				   const char *kw)
{
	struct sh_node *n = sh_node_new(kind), *k;

	ps_eat(p);
	if (!(k = ps_list(p)))
		goto fail;
	sh_node_add(n, k);
	if (close == T_RPAREN ? ps_tok(p) != T_RPAREN : !ps_is_kw(p, kw)) {
		ps_fail(p);
		goto fail;
	}
	ps_eat(p);
	return n;
fail:
	sh_node_free(n);
	return NULL;
}

static struct sh_node *ps_command(struct sh_parser *p)
{
	struct sh_node *n;

	if (ps_tok(p) == T_LPAREN)
		n = ps_compound(p, N_SUBSHELL, T_RPAREN, NULL);
	else if (ps_is_kw(p, "{"))
		n = ps_compound(p, N_GROUP, T_WORD, "}");
	else if (ps_is_kw(p, "if"))
		n = ps_if(p);
	else if (ps_is_kw(p, "while"))
		n = ps_while(p, N_WHILE);
	else if (ps_is_kw(p, "until"))
		n = ps_while(p, N_UNTIL);
	else if (ps_is_kw(p, "for"))
		n = ps_for(p);
	else if (ps_is_kw(p, "case"))
		n = ps_case(p);
	else if (ps_is_function(p))
		return ps_function(p);
	else if (ps_is_end_kw(p) || ps_is_kw(p, "in"))
		return ps_fail(p);
	else
		return ps_simple(p);
	while (n && ps_tok(p) == T_REDIR)
		if (!ps_redir(p, &n->redirs)) {
			sh_node_free(n);
			return NULL;
		}
	if (n && ps_tok(p) == T_WORD) {
		sh_node_free(n);
		return ps_fail(p);
	}
	return n;
}

static struct sh_node *ps_pipeline(struct sh_parser *p)
{
	struct sh_node *n, *pipe = NULL, *not = NULL;
	size_t start = ps_here(p);

	if (ps_is_kw(p, "!")) {
		ps_eat(p);
		not = sh_node_new(N_NOT);
	}
	while ((n = ps_command(p))) {
		if (ps_tok(p) != T_PIPE && !pipe)
			break;
		if (!pipe)
			pipe = sh_node_new(N_PIPE);
		sh_node_add(pipe, n);
		if (ps_tok(p) != T_PIPE)
			break;
		ps_eat(p);
		ps_linebreak(p);
	}
	if (!n) {
		sh_node_free(pipe);
		sh_node_free(not );
		return NULL;
	}
	n = pipe ? pipe : n;
	ps_set_text(p, n, start);
	if (not ) {
		sh_node_add(not, n);
		n = not ;
	}
	return n;
}

static struct sh_node *ps_and_or(struct sh_parser *p)
{
	struct sh_node *left, *right, *n;
	size_t start = ps_here(p);

	if (!(left = ps_pipeline(p)))
		return NULL;
	while (ps_tok(p) == T_AND || ps_tok(p) == T_OR) {
		n = sh_node_new(ps_tok(p) == T_AND ? N_AND : N_OR);
		ps_eat(p);
		ps_linebreak(p);
		sh_node_add(n, left);
		left = n;
		if (!(right = ps_pipeline(p))) {
			sh_node_free(left);
			return NULL;
		}
		sh_node_add(n, right);
	}
	ps_set_text(p, left, start);
	return left;
}

void sh_parse_init(struct sh_parser *p, const char *src)
{
	memset(p, 0, sizeof(*p));
	sh_lex_init(&p->lx, src);
}

void sh_parse_done(struct sh_parser *p)
{
	if (p->peeked)
		ps_eat(p);
}

/* One complete command (a line's worth of and-or lists). */
enum sh_parse_rc sh_parse_next(struct sh_parser *p, struct sh_node **out)
{
	struct sh_node *l, *n;

	*out = NULL;
	ps_linebreak(p);
	if (ps_tok(p) == T_EOF)
		return P_EOF;
	l = sh_node_new(N_LIST);
	for (;;) {
		int sep = 0;

		if (!(n = ps_and_or(p)))
			break;
		sh_node_add(l, n);
		if (ps_tok(p) == T_SEMI || ps_tok(p) == T_AMP) {
			l->bg[l->nkids - 1] = ps_tok(p) == T_AMP;
			ps_eat(p);
			sep = 1;
		}
		if (ps_tok(p) == T_NEWLINE || ps_tok(p) == T_EOF) {
			if (ps_tok(p) == T_NEWLINE)
				ps_eat(p);
			*out = l;
			return P_OK;
		}
		if (!sep) {
			ps_fail(p);
			break;
		}
	}
	sh_node_free(l);
	if (p->partial)
		return P_PARTIAL;
	return P_ERROR;
}

/* The whole text: a list of its complete commands. */
enum sh_parse_rc sh_parse_all(const char *src, struct sh_node **out, char *err, size_t errlen)
{
	struct sh_parser p;
	struct sh_node *all = sh_node_new(N_LIST), *n;
	enum sh_parse_rc rc;

	sh_parse_init(&p, src);
	while ((rc = sh_parse_next(&p, &n)) == P_OK)
		sh_node_add(all, n);
	sh_parse_done(&p);
	if (rc == P_EOF) {
		*out = all;
		return P_OK;
	}
	if (err)
		snprintf(err, errlen, "%s",
			 rc == P_PARTIAL ? "syntax error: unexpected end of file" : p.err);
	sh_node_free(all);
	*out = NULL;
	return rc;
}

int sh_is_name(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

/* NAME=... with an unquoted '=' after a valid name. */
int sh_is_assign(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && eq > w && sh_is_name(w, (size_t)(eq - w));
}
