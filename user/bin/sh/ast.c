/*
 * ast.c: the shell's tree: building, freeing, and a dump in a Lisp-like
 * notation that the host tests compare (and `sh -n -v` could print).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct sh_node *sh_node_new(enum sh_kind kind)
{
	struct sh_node *n = sh_alloc(sizeof(*n));

	n->kind = kind;
	return n;
}

void sh_node_add(struct sh_node *n, struct sh_node *kid)
{
	struct sh_node **kids = sh_alloc((n->nkids + 1) * sizeof(*kids));
	char *bg = sh_alloc(n->nkids + 1);

	if (n->nkids) {
		memcpy(kids, n->kids, n->nkids * sizeof(*kids));
		memcpy(bg, n->bg, n->nkids);
	}
	free(n->kids);
	free(n->bg);
	kids[n->nkids++] = kid;
	n->kids = kids;
	n->bg = bg;
}

void sh_node_free(struct sh_node *n)
{
	struct sh_redir *r, *next;

	if (!n)
		return;
	for (int i = 0; i < n->nkids; i++)
		sh_node_free(n->kids[i]);
	free(n->kids);
	free(n->bg);
	sh_vec_free(&n->words);
	sh_vec_free(&n->assigns);
	for (r = n->redirs; r; r = next) {
		next = r->next;
		free(r->word);
		free(r);
	}
	free(n->var);
	free(n->text);
	free(n);
}

static void ast_dump_redirs(const struct sh_redir *r, struct sh_buf *out)
{
	static const char *const ops[] = { "<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<''" };
	char fd[12];
	int k = 0;

	for (; r; r = r->next) {
		int v = r->fd;

		k = sizeof(fd) - 1;
		fd[k] = 0;
		do
			fd[--k] = (char)('0' + v % 10);
		while ((v /= 10) && k > 0);
		sh_buf_adds(out, " ");
		sh_buf_adds(out, fd + k);
		sh_buf_adds(out, ops[r->op]);
		sh_buf_adds(out, r->word);
	}
}

static void ast_dump_vec(const struct sh_vec *v, struct sh_buf *out)
{
	for (int i = 0; i < v->n; i++) {
		if (out->len && out->s[out->len - 1] != '(')
			sh_buf_addc(out, ' ');
		sh_buf_adds(out, v->v[i]);
	}
}

static const char *const ast_names[] = {
	[N_CMD] = "cmd",   [N_PIPE] = "pipe",	  [N_AND] = "and",	[N_OR] = "or",
	[N_LIST] = "list", [N_NOT] = "not",	  [N_SUBSHELL] = "sub", [N_GROUP] = "group",
	[N_IF] = "if",	   [N_WHILE] = "while",	  [N_UNTIL] = "until",	[N_FOR] = "for",
	[N_CASE] = "case", [N_CASEITEM] = "item", [N_FUNC] = "func",
};

/* (cmd A=1 echo a 1>f), (pipe (cmd a) (cmd b)), (list (cmd a) & (cmd b)),
 * (if C T E), (for x (in a b) BODY). */
void sh_ast_dump(const struct sh_node *n, struct sh_buf *out)
{
	if (!n) {
		sh_buf_adds(out, "()");
		return;
	}
	sh_buf_addc(out, '(');
	sh_buf_adds(out, ast_names[n->kind]);
	if (n->kind == N_CMD || n->kind == N_CASE || n->kind == N_CASEITEM) {
		ast_dump_vec(&n->assigns, out);
		ast_dump_vec(&n->words, out);
	}
	if (n->kind == N_FUNC) {
		sh_buf_addc(out, ' ');
		sh_buf_adds(out, n->var);
	}
	if (n->kind == N_FOR) {
		sh_buf_addc(out, ' ');
		sh_buf_adds(out, n->var);
		if (n->has_in) {
			sh_buf_adds(out, " (in");
			ast_dump_vec(&n->words, out);
			sh_buf_addc(out, ')');
		}
	}
	for (int i = 0; i < n->nkids; i++) {
		sh_buf_addc(out, ' ');
		sh_ast_dump(n->kids[i], out);
		if (n->kind == N_LIST && n->bg[i])
			sh_buf_adds(out, " &");
	}
	ast_dump_redirs(n->redirs, out);
	sh_buf_addc(out, ')');
}
