/*
 * POSIX regcomp, regerror, regfree: the pattern (BRE, or ERE with
 * REG_EXTENDED, and GNU's extensions) is parsed into a tree of nodes,
 * then emitted as a program for regexec.c's backtracking machine
 * (regex_impl.h). Counted repetitions {m,n} are emitted as copies.
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "regex_impl.h"

enum rx_type { N_CHAR, N_ANY, N_SET, N_ASSERT, N_BREF, N_CAT, N_ALT, N_REP, N_GROUP };

/* A node; children are a list: a is the first, next the following sibling. */
struct rx_node {
	int type, c, min, max, a, next;
};

#define RX_CODE_MAX 200000

struct rx_parse {
	const char *p;
	int ere, icase, nl;
	struct rx_node *nodes;
	int nn, cap;
	unsigned char (*sets)[32];
	int nsets, setcap;
	int nsub, closed, has_bref, nloops, depth, err;
	struct rx_inst *code;
	int ncode, codecap;
};

static int rx_node_new(struct rx_parse *ps, int type, int c)
{
	if (ps->nn == ps->cap) {
		int cap = ps->cap ? ps->cap * 2 : 64;
		struct rx_node *n = realloc(ps->nodes, (size_t)cap * sizeof(*n));
		if (!n) {
			ps->err = REG_ESPACE;
			return -1;
		}
		ps->nodes = n, ps->cap = cap;
	}
	ps->nodes[ps->nn] = (struct rx_node){ type, c, 0, 0, -1, -1 };
	return ps->nn++;
}

static int rx_set_new(struct rx_parse *ps)
{
	if (ps->nsets == ps->setcap) {
		int cap = ps->setcap ? ps->setcap * 2 : 8;
		unsigned char(*s)[32] = realloc(ps->sets, (size_t)cap * 32);
		if (!s) {
			ps->err = REG_ESPACE;
			return -1;
		}
		ps->sets = s, ps->setcap = cap;
	}
	memset(ps->sets[ps->nsets], 0, 32);
	return ps->nsets++;
}

static void rx_set_add(unsigned char *set, int c)
{
	set[(unsigned char)c >> 3] |= (unsigned char)(1u << (c & 7));
}

static int rx_set_has(const unsigned char *set, int c)
{
	return set[(unsigned char)c >> 3] >> (c & 7) & 1;
}

static const struct {
	const char *name;
	int (*fn)(int);
} rx_classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "upper", isupper }, { "lower", islower },
	{ "space", isspace }, { "alnum", isalnum }, { "punct", ispunct }, { "print", isprint },
	{ "graph", isgraph }, { "cntrl", iscntrl }, { "blank", isblank }, { "xdigit", isxdigit },
};

/* [:name:] at p (after "[:"): add the class; returns the length used or -1. */
static int rx_class(unsigned char *set, const char *p)
{
	const char *end = strstr(p, ":]");

	if (!end)
		return -1;
	for (size_t i = 0; i < sizeof(rx_classes) / sizeof(rx_classes[0]); i++) {
		if (strlen(rx_classes[i].name) == (size_t)(end - p) &&
		    !strncmp(rx_classes[i].name, p, (size_t)(end - p))) {
			for (int c = 1; c < 256; c++)
				if (rx_classes[i].fn(c))
					rx_set_add(set, c);
			return (int)(end - p) + 2;
		}
	}
	return 0;
}

/* One bracket element's character ([.c.], [=c=] or a byte); -1: error. */
static int rx_bracket_char(struct rx_parse *ps)
{
	const char *p = ps->p;

	if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
		if (!p[2] || p[3] != p[1] || p[4] != ']') {
			ps->err = REG_ECOLLATE;
			return -1;
		}
		ps->p += 5;
		return (unsigned char)p[2];
	}
	if (!*p) {
		ps->err = REG_EBRACK;
		return -1;
	}
	ps->p++;
	return (unsigned char)*p;
}

/* One element of a bracket expression: a class, a range or a byte. */
static int rx_bracket_elem(struct rx_parse *ps, unsigned char *set)
{
	int lo, hi;

	if (ps->p[0] == '[' && ps->p[1] == ':') {
		int n = rx_class(set, ps->p + 2);
		if (n <= 0) {
			ps->err = n ? REG_EBRACK : REG_ECTYPE;
			return -1;
		}
		ps->p += 2 + n;
		return 0;
	}
	if ((lo = rx_bracket_char(ps)) < 0)
		return -1;
	hi = lo;
	if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']') {
		ps->p++;
		if ((hi = rx_bracket_char(ps)) < 0)
			return -1;
		if (hi < lo) {
			ps->err = REG_ERANGE;
			return -1;
		}
	}
	for (int c = lo; c <= hi; c++)
		rx_set_add(set, c);
	return 0;
}

/* After the ICASE folding, the negation and REG_NEWLINE's '\n' rule. */
static void rx_set_finish(struct rx_parse *ps, unsigned char *set, int negate)
{
	if (ps->icase) {
		for (int c = 'A'; c <= 'Z'; c++) {
			if (rx_set_has(set, c) || rx_set_has(set, c + 32)) {
				rx_set_add(set, c);
				rx_set_add(set, c + 32);
			}
		}
	}
	if (negate) {
		for (int i = 0; i < 32; i++)
			set[i] = (unsigned char)~set[i];
		if (ps->nl)
			set['\n' >> 3] &= (unsigned char)~(1u << ('\n' & 7));
	}
	set[0] &= (unsigned char)~1u; /* NUL ends the string */
}

/* A bracket expression; ps->p is just past '['. */
static int rx_bracket(struct rx_parse *ps)
{
	int s = rx_set_new(ps), negate = 0;

	if (s < 0)
		return -1;
	if (*ps->p == '^')
		negate = 1, ps->p++;
	if (*ps->p == ']') {
		rx_set_add(ps->sets[s], ']');
		ps->p++;
	}
	while (*ps->p != ']') {
		if (!*ps->p) {
			ps->err = REG_EBRACK;
			return -1;
		}
		if (rx_bracket_elem(ps, ps->sets[s]) < 0)
			return -1;
	}
	ps->p++;
	rx_set_finish(ps, ps->sets[s], negate);
	return rx_node_new(ps, N_SET, s);
}

/* \w \W \s \S as a set node. */
static int rx_named_set(struct rx_parse *ps, int which)
{
	int s = rx_set_new(ps);

	if (s < 0)
		return -1;
	for (int c = 1; c < 256; c++) {
		int in = tolower(which) == 'w' ? isalnum(c) || c == '_' : isspace(c);
		if (in)
			rx_set_add(ps->sets[s], c);
	}
	rx_set_finish(ps, ps->sets[s], isupper(which));
	return rx_node_new(ps, N_SET, s);
}

/* A literal byte (a set of both cases under REG_ICASE). */
static int rx_literal(struct rx_parse *ps, int c)
{
	int s;

	if (!ps->icase || !isalpha(c))
		return rx_node_new(ps, N_CHAR, c);
	if ((s = rx_set_new(ps)) < 0)
		return -1;
	rx_set_add(ps->sets[s], tolower(c));
	rx_set_add(ps->sets[s], toupper(c));
	return rx_node_new(ps, N_SET, s);
}

static int rx_alt(struct rx_parse *ps);

/* A group: ps->p is past "(" or "\(". */
static int rx_group(struct rx_parse *ps)
{
	int n = ++ps->nsub, g = rx_node_new(ps, N_GROUP, n), a;

	if (g < 0)
		return -1;
	ps->depth++;
	if ((a = rx_alt(ps)) < 0)
		return -1;
	ps->depth--;
	if (ps->ere ? *ps->p != ')' : (ps->p[0] != '\\' || ps->p[1] != ')')) {
		ps->err = REG_EPAREN;
		return -1;
	}
	ps->p += ps->ere ? 1 : 2;
	if (n < 32)
		ps->closed |= 1 << n;
	ps->nodes[g].a = a;
	return g;
}

/* What follows a backslash (outside brackets), as an atom. */
static int rx_escape(struct rx_parse *ps)
{
	static const char asserts[] = "<>bB`'";
	static const int kinds[] = { RX_A_WBEG, RX_A_WEND,   RX_A_WB,
				     RX_A_NWB,	RX_A_BUFBEG, RX_A_BUFEND };
	int c = (unsigned char)*ps->p++;
	const char *a;

	if (!c) {
		ps->err = REG_EESCAPE;
		return -1;
	}
	if (!ps->ere && c == '(')
		return rx_group(ps);
	if (c >= '1' && c <= '9') {
		if (!(ps->closed & 1 << (c - '0'))) {
			ps->err = REG_ESUBREG;
			return -1;
		}
		ps->has_bref = 1;
		return rx_node_new(ps, N_BREF, c - '0');
	}
	if (strchr("wWsS", c))
		return rx_named_set(ps, c);
	if ((a = strchr(asserts, c)))
		return rx_node_new(ps, N_ASSERT, kinds[a - asserts]);
	return rx_literal(ps, c);
}

/* One atom; first: it starts its branch (where '*' is a literal). */
static int rx_atom(struct rx_parse *ps, int first)
{
	int c = (unsigned char)*ps->p++;

	switch (c) {
	case '\\':
		return rx_escape(ps);
	case '[':
		return rx_bracket(ps);
	case '.':
		return rx_node_new(ps, N_ANY, 0);
	case '(':
		if (ps->ere)
			return rx_group(ps);
		break;
	case '^':
		if (ps->ere || first)
			return rx_node_new(ps, N_ASSERT, RX_A_BOL);
		break;
	case '$':
		if (ps->ere || !*ps->p || !strncmp(ps->p, "\\)", 2) || !strncmp(ps->p, "\\|", 2))
			return rx_node_new(ps, N_ASSERT, RX_A_EOL);
		break;
	}
	return rx_literal(ps, c);
}

static int rx_number(const char **p)
{
	int n = 0;

	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p)) {
		n = n * 10 + (*(*p)++ - '0');
		if (n > 32767)
			n = 32768;
	}
	return n;
}

/* An interval after "{" or "\{": min, max (-1: no bound); 0 or an error. */
static int rx_interval(struct rx_parse *ps, int *min, int *max)
{
	const char *p = ps->p;

	if ((*min = rx_number(&p)) < 0 && *p != ',')
		return ps->ere ? REG_NOMATCH : REG_BADBR;
	if (*min < 0)
		*min = 0; /* GNU: {,n} is {0,n} */
	*max = *min;
	if (*p == ',') {
		p++;
		*max = isdigit((unsigned char)*p) ? rx_number(&p) : -1;
	}
	if (ps->ere ? *p != '}' : (p[0] != '\\' || p[1] != '}'))
		return ps->ere ? REG_NOMATCH : REG_EBRACE;
	if ((*max >= 0 && *max < *min) || *min > RE_DUP_MAX * 128 || *max > RE_DUP_MAX * 128)
		return REG_BADBR;
	ps->p = p + (ps->ere ? 1 : 2);
	return 0;
}

/* A repetition operator at ps->p: consumes it, 1; none there: 0; -1 error. */
static int rx_rep_op(struct rx_parse *ps, int *min, int *max)
{
	const char *p = ps->p;
	int esc = !ps->ere && p[0] == '\\', c = esc ? p[1] : p[0], err;

	*max = -1;
	if (c == '*' && !esc)
		*min = 0;
	else if (c == '+' && esc == !ps->ere)
		*min = 1;
	else if (c == '?' && esc == !ps->ere)
		*min = 0, *max = 1;
	else if (c == '{' && esc == !ps->ere) {
		ps->p += esc ? 2 : 1;
		if (!(err = rx_interval(ps, min, max)))
			return 1;
		ps->p = p;
		if (err == REG_NOMATCH)
			return 0;
		ps->err = err;
		return -1;
	} else
		return 0;
	ps->p += esc ? 2 : 1;
	return 1;
}

/* Whether ps->p ends a branch: the end, an alternation, a closing paren. */
static int rx_branch_end(struct rx_parse *ps)
{
	const char *p = ps->p;

	if (!*p)
		return 1;
	if (ps->ere)
		return *p == '|' || (*p == ')' && ps->depth > 0);
	return p[0] == '\\' && (p[1] == '|' || p[1] == ')');
}

/* An atom and its repetitions. */
static int rx_piece(struct rx_parse *ps, int first)
{
	int n, r, min, max;

	while (first && ps->ere && *ps->p && strchr("*+?", *ps->p))
		ps->p++; /* GNU: a leading ERE repetition repeats nothing */
	if (first && !ps->ere && !strncmp(ps->p, "\\{", 2))
		ps->p++;
	if (first && (*ps->p == '*' || *ps->p == '{')) {
		ps->p++;
		return rx_literal(ps, ps->p[-1]);
	}
	if (rx_branch_end(ps))
		return rx_node_new(ps, N_CAT, 0);
	if ((n = rx_atom(ps, first)) < 0)
		return -1;
	if (first && !ps->ere && ps->nodes[n].type == N_ASSERT && *ps->p == '*')
		return n; /* "^*": the star is a literal, the next piece */
	while ((r = rx_rep_op(ps, &min, &max)) > 0) {
		int rep = rx_node_new(ps, N_REP, 0);
		if (rep < 0)
			return -1;
		ps->nodes[rep].a = n, ps->nodes[rep].min = min, ps->nodes[rep].max = max;
		if (max != min)
			ps->nloops++;
		n = rep;
	}
	return r < 0 ? -1 : n;
}

static int rx_cat(struct rx_parse *ps)
{
	int cat = rx_node_new(ps, N_CAT, 0), last = -1, first = 1;

	if (cat < 0)
		return -1;
	while (!rx_branch_end(ps)) {
		int n = rx_piece(ps, first);
		if (n < 0)
			return -1;
		if (last < 0)
			ps->nodes[cat].a = n;
		else
			ps->nodes[last].next = n;
		last = n;
		first = ps->nodes[n].type == N_ASSERT && ps->nodes[n].c == RX_A_BOL && first &&
			!ps->ere;
	}
	return cat;
}

static int rx_alt(struct rx_parse *ps)
{
	int alt = rx_node_new(ps, N_ALT, 0), last, n;

	if (alt < 0 || (n = rx_cat(ps)) < 0)
		return -1;
	ps->nodes[alt].a = last = n;
	while (ps->ere ? *ps->p == '|' : (ps->p[0] == '\\' && ps->p[1] == '|')) {
		ps->p += ps->ere ? 1 : 2;
		if ((n = rx_cat(ps)) < 0)
			return -1;
		ps->nodes[last].next = n;
		last = n;
	}
	if (!ps->ere && ps->depth == 0 && ps->p[0] == '\\' && ps->p[1] == ')') {
		ps->err = REG_EPAREN;
		return -1;
	}
	return alt;
}

static int rx_put(struct rx_parse *ps, int op, int x, int y)
{
	if (ps->ncode == ps->codecap) {
		int cap = ps->codecap ? ps->codecap * 2 : 64;
		struct rx_inst *c;
		if (cap > RX_CODE_MAX || !(c = realloc(ps->code, (size_t)cap * sizeof(*c)))) {
			ps->err = REG_ESPACE;
			return -1;
		}
		ps->code = c, ps->codecap = cap;
	}
	ps->code[ps->ncode] = (struct rx_inst){ op, x, y };
	return ps->ncode++;
}

static int rx_emit(struct rx_parse *ps, int n);

/*
 * A star loop: L: SPLIT body, out; body: SAVE k; a; PROGRESS k; JMP L.
 * Slot k+1 holds where the whole repetition began (before its required
 * copies): a turn that matched nothing may end the loop only if nothing
 * was matched since then (POSIX: an empty iteration only as the sole one).
 */
static int rx_emit_star(struct rx_parse *ps, int a, int slot)
{
	int split = rx_put(ps, RX_SPLIT, 0, 0), prog;

	if (split < 0)
		return -1;
	ps->code[split].x = split + 1;
	if (rx_put(ps, RX_SAVE, -1 - slot, 0) < 0 || rx_emit(ps, a) < 0 ||
	    (prog = rx_put(ps, RX_PROGRESS, -1 - slot, 0)) < 0 || rx_put(ps, RX_JMP, split, 0) < 0)
		return -1;
	ps->code[split].y = ps->code[prog].y = ps->ncode;
	return 0;
}

static int rx_emit_rep(struct rx_parse *ps, const struct rx_node *r)
{
	int *splits, ns = 0, i, slot = ps->nloops;

	if (r->max < 0) {
		ps->nloops += 2;
		if (rx_put(ps, RX_SAVE, -1 - (slot + 1), 0) < 0)
			return -1;
	}
	for (i = 0; i < r->min; i++)
		if (rx_emit(ps, r->a) < 0)
			return -1;
	if (r->max < 0)
		return rx_emit_star(ps, r->a, slot);
	if (r->max == r->min)
		return 0;
	/* max - min optional copies: SPLIT body, end; body: a; SPLIT ... end */
	if (!(splits = malloc((size_t)(r->max - r->min) * sizeof(int)))) {
		ps->err = REG_ESPACE;
		return -1;
	}
	for (; i < r->max; i++) {
		int s = rx_put(ps, RX_SPLIT, ps->ncode + 1, 0);
		if (s < 0 || rx_emit(ps, r->a) < 0) {
			free(splits);
			return -1;
		}
		splits[ns++] = s;
	}
	for (int k = 0; k < ns; k++)
		ps->code[splits[k]].y = ps->ncode;
	free(splits);
	return 0;
}

/* Alternatives: SPLIT l1, next; l1: a; JMP end; next: SPLIT ... last: z. */
static int rx_emit_alt(struct rx_parse *ps, int c)
{
	int jmps = -1;

	for (; ps->nodes[c].next >= 0; c = ps->nodes[c].next) {
		int s = rx_put(ps, RX_SPLIT, ps->ncode + 1, 0), j;
		if (s < 0 || rx_emit(ps, c) < 0 || (j = rx_put(ps, RX_JMP, jmps, 0)) < 0)
			return -1;
		jmps = j; /* a chain of JMPs to patch through their x */
		ps->code[s].y = ps->ncode;
	}
	if (rx_emit(ps, c) < 0)
		return -1;
	while (jmps >= 0) {
		int prev = ps->code[jmps].x;
		ps->code[jmps].x = ps->ncode;
		jmps = prev;
	}
	return 0;
}

static int rx_emit(struct rx_parse *ps, int n)
{
	const struct rx_node *nd = &ps->nodes[n];
	static const int ops[] = { [N_CHAR] = RX_CHAR,
				   [N_ANY] = RX_ANY,
				   [N_SET] = RX_SET,
				   [N_ASSERT] = RX_ASSERT,
				   [N_BREF] = RX_BREF };

	switch (nd->type) {
	case N_CAT:
		for (int c = nd->a; c >= 0; c = ps->nodes[c].next)
			if (rx_emit(ps, c) < 0)
				return -1;
		return 0;
	case N_ALT:
		return rx_emit_alt(ps, nd->a);
	case N_REP:
		return rx_emit_rep(ps, nd);
	case N_GROUP:
		if (rx_put(ps, RX_SAVE, 2 * nd->c, 0) < 0 || rx_emit(ps, nd->a) < 0)
			return -1;
		return rx_put(ps, RX_SAVE, 2 * nd->c + 1, 0) < 0 ? -1 : 0;
	default:
		return rx_put(ps, ops[nd->type], nd->c, 0) < 0 ? -1 : 0;
	}
}

/* The whole program: the -x/-w wrappers around the pattern, then MATCH. */
static int rx_emit_prog(struct rx_parse *ps, int root, int cflags)
{
	if (cflags & REG_ZLINE && rx_put(ps, RX_ASSERT, RX_A_BOL, 0) < 0)
		return -1;
	if (cflags & REG_ZWORD && rx_put(ps, RX_ASSERT, RX_A_NOTWPRE, 0) < 0)
		return -1;
	if (rx_emit(ps, root) < 0)
		return -1;
	if (cflags & REG_ZWORD && rx_put(ps, RX_ASSERT, RX_A_NOTWPOS, 0) < 0)
		return -1;
	if (cflags & REG_ZLINE && rx_put(ps, RX_ASSERT, RX_A_EOL, 0) < 0)
		return -1;
	return rx_put(ps, RX_MATCH, 0, 0) < 0 ? -1 : 0;
}

/* Loop slots were numbered -1, -2...: move them after the group slots. */
static void rx_fix_slots(struct rx_parse *ps, int base)
{
	for (int i = 0; i < ps->ncode; i++) {
		struct rx_inst *in = &ps->code[i];
		if ((in->op == RX_SAVE || in->op == RX_PROGRESS) && in->x < 0)
			in->x = base - 1 - in->x;
	}
}

static int rx_build(struct rx_parse *ps, regex_t *re, int cflags)
{
	struct rx_prog *pg = malloc(sizeof(*pg));

	if (!pg)
		return REG_ESPACE;
	ps->nloops = 0;
	if (rx_emit_prog(ps, 0, cflags) < 0) {
		free(pg);
		return ps->err;
	}
	rx_fix_slots(ps, 2 * (ps->nsub + 1));
	*pg = (struct rx_prog){
		ps->code,     ps->ncode, ps->sets, ps->nsets, 2 * (ps->nsub + 1) + ps->nloops,
		ps->has_bref, ps->icase, ps->nl,   0
	};
	pg->anchored = !ps->nl && pg->code[0].op == RX_ASSERT && pg->code[0].x == RX_A_BOL;
	re->__prog = pg;
	re->re_nsub = (size_t)ps->nsub;
	re->__cflags = cflags;
	ps->code = NULL, ps->sets = NULL;
	return 0;
}

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags)
{
	struct rx_parse ps;
	int err;

	memset(&ps, 0, sizeof(ps));
	ps.p = pattern;
	ps.ere = cflags & REG_EXTENDED;
	ps.icase = !!(cflags & REG_ICASE);
	ps.nl = !!(cflags & REG_NEWLINE);
	if (rx_alt(&ps) < 0)
		err = ps.err;
	else if (*ps.p)
		err = REG_EPAREN; /* only an unmatched ')' stops the top level */
	else
		err = rx_build(&ps, re, cflags);
	free(ps.nodes);
	free(ps.code);
	free(ps.sets);
	return err;
}

void regfree(regex_t *re)
{
	struct rx_prog *pg = re->__prog;

	if (pg) {
		free(pg->code);
		free(pg->sets);
		free(pg);
		re->__prog = NULL;
	}
}

size_t regerror(int err, const regex_t *restrict re, char *restrict buf, size_t len)
{
	static const char *const msgs[] = {
		"Success",
		"No match",
		"Invalid regular expression",
		"Invalid collation character",
		"Invalid character class name",
		"Trailing backslash",
		"Invalid back reference",
		"Unmatched [, [^, [:, [., or [=",
		"Unmatched ( or \\(",
		"Unmatched \\{",
		"Invalid content of \\{\\}",
		"Invalid range end",
		"Memory exhausted",
		"Invalid preceding regular expression",
	};
	const char *m = err >= 0 && err <= REG_BADRPT ? msgs[err] : "Unknown error";

	(void)re;
	if (len) {
		size_t n = strlen(m) < len - 1 ? strlen(m) : len - 1;
		memcpy(buf, m, n);
		buf[n] = 0;
	}
	return strlen(m) + 1;
}
