/*
 * arith.c: arithmetic expansion, $((expression)) (POSIX XCU 2.6.4): the
 * C operators on long integers, by precedence climbing; names stand for
 * their variables' values (unset or empty: 0). No assignment operators.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct ar {
	const char *s;
	const char *err;
};

static long ar_expr(struct ar *a, int prec);

static void ar_space(struct ar *a)
{
	while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n')
		a->s++;
}

static long ar_name(struct ar *a)
{
	const char *start = a->s, *v;
	char *name, *end;
	long r = 0;

	while (sh_is_name(start, (size_t)(a->s - start + 1)))
		a->s++;
	name = sh_strndup(start, (size_t)(a->s - start));
	v = sh_var_get(name);
	if (v && *v) {
		r = strtol(v, &end, 0);
		if (*end)
			a->err = "not a number";
	}
	free(name);
	return r;
}

static long ar_unary(struct ar *a)
{
	char *end;
	long r;

	ar_space(a);
	switch (*a->s) {
	case '-':
		a->s++;
		return -ar_unary(a);
	case '+':
		a->s++;
		return ar_unary(a);
	case '!':
		a->s++;
		return !ar_unary(a);
	case '~':
		a->s++;
		return ~ar_unary(a);
	case '(':
		a->s++;
		r = ar_expr(a, 0);
		ar_space(a);
		if (*a->s != ')')
			a->err = "missing )";
		else
			a->s++;
		return r;
	}
	if (*a->s >= '0' && *a->s <= '9') {
		r = strtol(a->s, &end, 0);
		a->s = end;
		return r;
	}
	if (sh_is_name(a->s, 1))
		return ar_name(a);
	a->err = "bad expression";
	return 0;
}

static const struct {
	const char *op;
	int prec;
} ar_ops[] = {
	{ "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 },
	{ "<<", 8 }, { ">>", 8 }, { "|", 3 },  { "^", 4 },  { "&", 5 },	 { "<", 7 },
	{ ">", 7 },  { "+", 9 },  { "-", 9 },  { "*", 10 }, { "/", 10 }, { "%", 10 },
};

static int ar_find(const char *s)
{
	for (size_t i = 0; i < sizeof(ar_ops) / sizeof(ar_ops[0]); i++)
		if (!strncmp(s, ar_ops[i].op, strlen(ar_ops[i].op)))
			return (int)i;
	return -1;
}

static long ar_apply(struct ar *a, const char *op, long x, long y)
{
	if ((op[0] == '/' || op[0] == '%') && y == 0) {
		a->err = "division by zero";
		return 0;
	}
	switch (op[0] << 8 | op[1]) {
	case '|' << 8 | '|':
		return x || y;
	case '&' << 8 | '&':
		return x && y;
	case '=' << 8 | '=':
		return x == y;
	case '!' << 8 | '=':
		return x != y;
	case '<' << 8 | '=':
		return x <= y;
	case '>' << 8 | '=':
		return x >= y;
	case '<' << 8 | '<':
		return (long)((unsigned long)x << (y & 63));
	case '>' << 8 | '>':
		return x >> (y & 63);
	case '|' << 8:
		return x | y;
	case '^' << 8:
		return x ^ y;
	case '&' << 8:
		return x & y;
	case '<' << 8:
		return x < y;
	case '>' << 8:
		return x > y;
	case '+' << 8:
		return (long)((unsigned long)x + (unsigned long)y);
	case '-' << 8:
		return (long)((unsigned long)x - (unsigned long)y);
	case '*' << 8:
		return (long)((unsigned long)x * (unsigned long)y);
	case '/' << 8:
		return x == -x && y == -1 ? x : x / y;
	}
	return x == -x && y == -1 ? 0 : x % y;
}

static long ar_expr(struct ar *a, int prec)
{
	long x = ar_unary(a);
	int k;

	for (;;) {
		ar_space(a);
		k = ar_find(a->s);
		if (a->err || k < 0 || ar_ops[k].prec <= prec)
			return x;
		a->s += strlen(ar_ops[k].op);
		x = ar_apply(a, ar_ops[k].op, x, ar_expr(a, ar_ops[k].prec));
	}
}

/* Evaluate text (parameters already expanded); 0, or -1 with *err set. */
int sh_arith(const char *text, long *out, const char **err)
{
	struct ar a = { .s = text };

	*out = ar_expr(&a, 0);
	ar_space(&a);
	if (!a.err && *a.s)
		a.err = "bad expression";
	*err = a.err;
	return a.err ? -1 : 0;
}
