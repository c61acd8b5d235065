/*
 * Host tests of /bin/sh's front half (user/bin/sh): the lexer, the parser
 * (checked through the tree's dump), word expansion with a fake command
 * substitution, and libc's fnmatch and glob (user/lib), which the shell's
 * globbing uses. Nothing here runs a command.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <fnmatch.h>
#include <glob.h>

#include "../../user/bin/sh/sh.h"

/* ---- fakes of the running shell ---- */
static char last_err[256];
void sh_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_err, sizeof(last_err), fmt, ap);
	va_end(ap);
}

/* $(text) expands to "<text>", or to its argument for "echo ..." */
char *sh_cmdsubst(const char *src, size_t n)
{
	char *s = malloc(n + 3);

	if (n > 5 && !strncmp(src, "echo ", 5)) {
		memcpy(s, src + 5, n - 5);
		s[n - 5] = 0;
		return s;
	}
	s[0] = '<';
	memcpy(s + 1, src, n);
	s[n + 1] = '>';
	s[n + 2] = 0;
	return s;
}

/* ---- the lexer ---- */
static void lex_expect(const char *src, const char *want)
{
	struct sh_lex lx;
	char got[512] = "";
	enum sh_tok t;

	sh_lex_init(&lx, src);
	do {
		char one[128];

		t = sh_lex_next(&lx);
		if (t == T_WORD)
			snprintf(one, sizeof(one), "W(%s)", lx.word);
		else if (t == T_REDIR)
			snprintf(one, sizeof(one), "R%d:%d", lx.rfd, lx.rop);
		else
			snprintf(one, sizeof(one), "%d", t);
		free(lx.word);
		if (got[0])
			strcat(got, " ");
		strcat(got, one);
	} while (t != T_EOF && t != T_ERROR && t != T_PARTIAL);
	assert_string_equal(got, want);
}

static void test_lex_words(void **state)
{
	(void)state;
	lex_expect("echo  a\tb", "W(echo) W(a) W(b) 2");
	lex_expect("  # only a comment", "2");
	lex_expect("echo a # comment\nb", "W(echo) W(a) 1 W(b) 2");
	lex_expect("echo a\\\nb", "W(echo) W(a\\\nb) 2");
}

static void test_lex_quotes(void **state)
{
	(void)state;
	lex_expect("echo 'a b' \"c d\" e\\ f", "W(echo) W('a b') W(\"c d\") W(e\\ f) 2");
	lex_expect("x\"a;b\"'|'y", "W(x\"a;b\"'|'y) 2");
	lex_expect("echo $(a b) ${x:-a b} `c d`", "W(echo) W($(a b)) W(${x:-a b}) W(`c d`) 2");
	lex_expect("echo $(echo \")\")", "W(echo) W($(echo \")\")) 2");
	lex_expect("echo 'abc", "W(echo) 13");
	lex_expect("echo \"abc", "W(echo) 13");
	lex_expect("echo $(abc", "W(echo) 13");
}

static void test_lex_operators(void **state)
{
	(void)state;
	lex_expect("a|b||c&&d;e&f", "W(a) 5 W(b) 7 W(c) 6 W(d) 3 W(e) 4 W(f) 2");
	lex_expect("(a);;b", "8 W(a) 9 10 W(b) 2");
}

static void test_lex_redirs(void **state)
{
	(void)state;
	/* R<fd>:<op>; fd -1 is the default */
	lex_expect("2>&1 >>f <x 3<>y >|z 0<&- 12>o",
		   "R2:4 W(1) R-1:2 W(f) R-1:0 W(x) R3:5 W(y) R-1:6 W(z) R0:3 W(-) R12:1 W(o) 2");
	lex_expect("echo a2>f", "W(echo) W(a2) R-1:1 W(f) 2");
	lex_expect("cat <<EOF", "W(cat) R-1:7 W(EOF) 2");
	lex_expect("cat <<-EOF", "W(cat) R-1:7 W(EOF) 2");
}

/* ---- the parser ---- */
static void parse_expect(const char *src, const char *want)
{
	struct sh_node *n;
	struct sh_buf b = { 0 };
	char err[128] = "";

	assert_int_equal(sh_parse_all(src, &n, err, sizeof(err)), P_OK);
	sh_ast_dump(n, &b);
	assert_string_equal(b.s, want);
	free(b.s);
	sh_node_free(n);
}

static void parse_fails(const char *src, enum sh_parse_rc want, const char *msg)
{
	struct sh_node *n = (void *)1;
	char err[128] = "";

	assert_int_equal(sh_parse_all(src, &n, err, sizeof(err)), want);
	assert_null(n);
	if (msg)
		assert_string_equal(err, msg);
}

static void test_parse_simple(void **state)
{
	(void)state;
	parse_expect("echo a b", "(list (list (cmd echo a b)))");
	parse_expect("A=1 B=2 cmd x=3", "(list (list (cmd A=1 B=2 cmd x=3)))");
	parse_expect("A=1", "(list (list (cmd A=1)))");
	parse_expect("echo if then fi", "(list (list (cmd echo if then fi)))");
	parse_expect("", "(list)");
	parse_expect("\n\n# c\n", "(list)");
}

static void test_parse_pipes_lists(void **state)
{
	(void)state;
	parse_expect("a | b | c", "(list (list (pipe (cmd a) (cmd b) (cmd c))))");
	parse_expect("a && b || c", "(list (list (or (and (cmd a) (cmd b)) (cmd c))))");
	parse_expect("a & b; c", "(list (list (cmd a) & (cmd b) (cmd c)))");
	parse_expect("a; b &", "(list (list (cmd a) (cmd b) &))");
	parse_expect("a\nb", "(list (list (cmd a)) (list (cmd b)))");
	parse_expect("a |\n b &&\n c", "(list (list (and (pipe (cmd a) (cmd b)) (cmd c))))");
	parse_expect("! a | b", "(list (list (not (pipe (cmd a) (cmd b)))))");
}

static void test_parse_redirs(void **state)
{
	(void)state;
	parse_expect("cmd <in >out 2>&1 >>app", "(list (list (cmd cmd 0<in 1>out 2>&1 1>>app)))");
	parse_expect(">f", "(list (list (cmd 1>f)))");
	parse_expect("a 2>/dev/null | b", "(list (list (pipe (cmd a 2>/dev/null) (cmd b))))");
}

static void test_parse_compound(void **state)
{
	(void)state;
	parse_expect("(cd /tmp; pwd) > f",
		     "(list (list (sub (list (cmd cd /tmp) (cmd pwd)) 1>f)))");
	parse_expect("{ a; b; }", "(list (list (group (list (cmd a) (cmd b)))))");
	parse_expect("{ a & } 2>e", "(list (list (group (list (cmd a) &) 2>e)))");
	parse_expect("(a) | (b)", "(list (list (pipe (sub (list (cmd a))) (sub (list (cmd b))))))");
}

static void test_parse_if(void **state)
{
	(void)state;
	parse_expect("if a; then b; fi", "(list (list (if (list (cmd a)) (list (cmd b)))))");
	parse_expect("if a; then b; elif c; then d; else e; fi",
		     "(list (list (if (list (cmd a)) (list (cmd b)) (if (list (cmd c)) (list (cmd "
		     "d)) (list (cmd e))))))");
	parse_expect("if a\nthen\n  b\nfi\n", "(list (list (if (list (cmd a)) (list (cmd b)))))");
}

static void test_parse_loops(void **state)
{
	(void)state;
	parse_expect("while a; do b; done", "(list (list (while (list (cmd a)) (list (cmd b)))))");
	parse_expect("until a; do b; done", "(list (list (until (list (cmd a)) (list (cmd b)))))");
	parse_expect("for x in 1 2 3; do echo $x; done",
		     "(list (list (for x (in 1 2 3) (list (cmd echo $x)))))");
	parse_expect("for x\ndo\n b\ndone", "(list (list (for x (list (cmd b)))))");
	parse_expect("for x in; do b; done", "(list (list (for x (in) (list (cmd b)))))");
	parse_expect(
	    "while a; do for i in x; do b; done; done > f",
	    "(list (list (while (list (cmd a)) (list (for i (in x) (list (cmd b)))) 1>f)))");
}

static void test_parse_case_func(void **state)
{
	(void)state;
	parse_expect(
	    "case $x in a|b) echo ab;; (*.c) ;; *) echo other\nesac",
	    "(list (list (case $x (item a b (list (cmd echo ab))) (item *.c (list)) (item * "
	    "(list (cmd echo other))))))");
	parse_expect("case x in\nesac", "(list (list (case x)))");
	parse_expect("f() { echo $1; }", "(list (list (func f (group (list (cmd echo $1))))))");
	parse_expect("f ( ) ( a )", "(list (list (func f (sub (list (cmd a))))))");
	parse_expect("f()\n{ a; }", "(list (list (func f (group (list (cmd a))))))");
	parse_fails("case x in a) b;; c", P_PARTIAL, NULL);
	parse_fails("case x a) b;; esac", P_ERROR, "syntax error near unexpected 'a'");
	parse_fails("case x in a b) c;; esac", P_ERROR, "syntax error near unexpected 'b'");
	parse_fails("f() echo", P_ERROR, "syntax error near unexpected 'echo'");
}

static void test_parse_heredoc(void **state)
{
	(void)state;
	parse_expect("cat <<E\nline $x\nE\necho after",
		     "(list (list (cmd cat 0<<line $x\n)) (list (cmd echo after)))");
	parse_expect("cat <<'E'\n$x\nE\n", "(list (list (cmd cat 0<<''$x\n)))");
	parse_expect("cat <<-E | cat 2<<F\n\t\tone\n\tE\ntwo\nF\n",
		     "(list (list (pipe (cmd cat 0<<one\n) (cmd cat 2<<two\n))))");
	parse_expect("cat <<E\nE\n", "(list (list (cmd cat 0<<)))");
}

static void test_parse_text(void **state)
{
	struct sh_node *n;
	char err[128];

	(void)state;
	assert_int_equal(sh_parse_all("sleep 1 | cat  & echo x", &n, err, sizeof(err)), P_OK);
	assert_string_equal(n->kids[0]->kids[0]->text, "sleep 1 | cat");
	assert_string_equal(n->kids[0]->kids[1]->text, "echo x");
	sh_node_free(n);
}

static void test_parse_errors(void **state)
{
	(void)state;
	parse_fails("a | | b", P_ERROR, "syntax error near unexpected '|'");
	parse_fails("fi", P_ERROR, "syntax error near unexpected 'fi'");
	parse_fails(")", P_ERROR, "syntax error near unexpected ')'");
	parse_fails("a ;; b", P_ERROR, "syntax error near unexpected ';;'");
	parse_fails("; a", P_ERROR, "syntax error near unexpected ';'");
	parse_fails("for 1 in a; do b; done", P_ERROR, "syntax error near unexpected '1'");
	parse_fails("echo > ;", P_ERROR, "syntax error near unexpected ';'");
	parse_fails("if a; then fi", P_ERROR, "syntax error near unexpected 'fi'");
	parse_fails("(a) b", P_ERROR, "syntax error near unexpected 'b'");
	parse_fails("cat <<", P_PARTIAL, NULL);
}

static void test_parse_partial(void **state)
{
	(void)state;
	parse_fails("if a; then b", P_PARTIAL, "syntax error: unexpected end of file");
	parse_fails("a &&", P_PARTIAL, NULL);
	parse_fails("a |", P_PARTIAL, NULL);
	parse_fails("echo 'abc", P_PARTIAL, NULL);
	parse_fails("( a", P_PARTIAL, NULL);
	parse_fails("while a; do", P_PARTIAL, NULL);
	parse_fails("for x in a b\n", P_PARTIAL, NULL);
	parse_fails("echo >", P_PARTIAL, NULL);
	parse_fails("{ a;", P_PARTIAL, NULL);
	parse_fails("cat <<E\nbody\n", P_PARTIAL, NULL);
}

/* ---- expansion ---- */
static char *args[] = { "one", "two words", "three", NULL };

static int expand_setup(void **state)
{
	(void)state;
	sh.status = 3;
	sh.pid = 42;
	sh.lastbg = 0;
	sh.argv = args;
	sh.argc = 3;
	sh.arg0 = "sh";
	sh_var_set("X", "x", 0);
	sh_var_set("E", "", 0);
	sh_var_set("S", "a  b c", 0);
	sh_var_set("HOME", "/home/me", 0);
	sh_var_unset("U");
	sh_var_unset("IFS");
	return 0;
}

/* Expand words; fields joined with '|'. */
static void expand_expect(const char *src, const char *want)
{
	struct sh_vec v = { 0 };
	struct sh_buf b = { 0 };
	char *words[1] = { (char *)src };

	assert_int_equal(sh_expand_words(words, 1, &v), 0);
	for (int i = 0; i < v.n; i++) {
		if (i)
			sh_buf_addc(&b, '|');
		sh_buf_adds(&b, v.v[i]);
	}
	assert_string_equal(b.s ? b.s : "", want);
	free(b.s);
	sh_vec_free(&v);
}

static void test_expand_params(void **state)
{
	(void)state;
	expand_expect("$X", "x");
	expand_expect("${X}y", "xy");
	expand_expect("$Xy", "");
	expand_expect("$U", "");
	expand_expect("a$U", "a");
	expand_expect("$?:$$:$#:$0:$1", "3:42:3:sh:one");
	expand_expect("$!", "");
	expand_expect("$5", "");
	expand_expect("a$", "a$");
	expand_expect("${#S}", "6");
	expand_expect("${3}x${10}", "threex");
	expand_expect("$10", "one0");
}

static void test_expand_defaults(void **state)
{
	(void)state;
	expand_expect("${U:-def}", "def");
	expand_expect("${E:-def}", "def");
	expand_expect("${E-def}", "");
	expand_expect("${X:-def}", "x");
	expand_expect("${X:+alt}", "alt");
	expand_expect("${U:+alt}", "");
	expand_expect("${U:-a b}", "a|b");
	expand_expect("\"${U:-a b}\"", "a b");
	expand_expect("${U:-$X}", "x");
	expand_expect("${N:=set}", "set");
	assert_string_equal(sh_var_get("N"), "set");
	sh_var_unset("N");
}

static void test_expand_error(void **state)
{
	struct sh_vec v = { 0 };
	char *words[1] = { "${U:?is missing}" };

	(void)state;
	last_err[0] = 0;
	assert_int_equal(sh_expand_words(words, 1, &v), -1);
	assert_string_equal(last_err, "U: is missing");
	assert_int_equal(sh_expand_error(), 1);
	words[0] = "${X!}";
	assert_int_equal(sh_expand_words(words, 1, &v), -1);
	assert_string_equal(last_err, "${X!}: bad substitution");
	sh_expand_error();
	sh_vec_free(&v);
}

static void test_expand_split(void **state)
{
	(void)state;
	expand_expect("$S", "a|b|c");
	expand_expect("\"$S\"", "a  b c");
	expand_expect("x$S", "xa|b|c");
	expand_expect("$E", "");
	expand_expect("\"$E\"", "");
	sh_var_set("IFS", ":", 0);
	sh_var_set("P", "a:b::c", 0);
	expand_expect("$P", "a|b||c");
	expand_expect("$S", "a  b c");
	sh_var_unset("IFS");
}

static void test_expand_positional(void **state)
{
	(void)state;
	expand_expect("\"$@\"", "one|two words|three");
	expand_expect("$@", "one|two|words|three");
	expand_expect("\"$*\"", "one two words three");
	expand_expect("\"x$@y\"", "xone|two words|threey");
	sh.argc = 0;
	expand_expect("\"$@\"", "");
	sh.argc = 3;
}

static void test_expand_quotes(void **state)
{
	struct sh_vec v = { 0 };
	char *words[2] = { "\"\"", "''" };

	(void)state;
	expand_expect("'a'\"b\"\\c", "abc");
	expand_expect("'$X'", "$X");
	expand_expect("\"\\$X \\a \\\\ \\\"\"", "$X \\a \\ \"");
	expand_expect("'a b'", "a b");
	expand_expect("a\\ b", "a b");
	assert_int_equal(sh_expand_words(words, 2, &v), 0);
	assert_int_equal(v.n, 2); /* empty quotes are empty fields */
	assert_string_equal(v.v[0], "");
	sh_vec_free(&v);
	expand_expect("~/a", "/home/me/a");
	expand_expect("'~'/a", "~/a");
}

static void test_expand_subst(void **state)
{
	char *one;

	(void)state;
	expand_expect("$(echo a b)", "a|b");
	expand_expect("\"$(echo a b)\"", "a b");
	expand_expect("x$(ls -l)y", "x<ls|-l>y");
	expand_expect("`echo q`", "q");
	one = sh_expand_one("$(echo a  b)");

	assert_string_equal(one, "a  b");
	free(one);
}

static void test_expand_heredoc_body(void **state)
{
	char *t;

	(void)state;
	t = sh_expand_heredoc("a $X '$X' \"q\" \\$X $(echo s)\n");
	assert_string_equal(t, "a x 'x' \"q\" $X s\n");
	free(t);
}

static void test_expand_trim(void **state)
{
	(void)state;
	sh_var_set("F", "/a/b/c.tar.gz", 0);
	expand_expect("${F#*/}", "a/b/c.tar.gz");
	expand_expect("${F##*/}", "c.tar.gz");
	expand_expect("${F%.*}", "/a/b/c.tar");
	expand_expect("${F%%.*}", "/a/b/c");
	expand_expect("${F#x}", "/a/b/c.tar.gz");
	expand_expect("${F#'/a'}", "/b/c.tar.gz");
	sh_var_set("G", "a*b", 0);
	expand_expect("${G#\\*}", "a*b"); /* a quoted '*' is no wildcard */
	expand_expect("${G#a\\*}", "b");
	expand_expect("${U#a}.", ".");
}

static void test_expand_arith(void **state)
{
	long v;
	const char *err;

	(void)state;
	sh_var_set("I", "4", 0);
	expand_expect("$((1 + 2 * 3))", "7");
	expand_expect("$(( (1 + 2) * 3 ))", "9");
	expand_expect("$((I * I - 1))", "15");
	expand_expect("$(($I+1))", "5");
	expand_expect("$((-7 / 2)) $((7 % 3)) $((1 << 4)) $((0x10)) $((U))", "-3 1 16 16 0");
	expand_expect("$((3 > 2 && 2 > 3)) $((3 > 2 || 0)) $((!0)) $((~0))", "0 1 1 -1");
	expand_expect("x$((2))y", "x2y");
	assert_int_equal(sh_arith("1 / 0", &v, &err), -1);
	assert_string_equal(err, "division by zero");
	assert_int_equal(sh_arith("1 +", &v, &err), -1);
	assert_string_equal(err, "bad expression");
	assert_int_equal(sh_arith("(1", &v, &err), -1);
	assert_int_equal(sh_arith("2 3", &v, &err), -1);
}

/* ---- globbing ---- */
static char globdir[64];

static void touch(const char *name)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", globdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static int glob_setup(void **state)
{
	char path[128];

	(void)state;
	strcpy(globdir, "/tmp/sh_globXXXXXX");
	assert_non_null(mkdtemp(globdir));
	touch("b.c");
	touch("a.c");
	touch("c.h");
	touch(".hidden.c");
	touch("*");
	snprintf(path, sizeof(path), "%s/sub", globdir);
	mkdir(path, 0755);
	return 0;
}

static int glob_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", globdir);
	return system(cmd);
}

static void test_expand_glob(void **state)
{
	char pat[128], want[512];

	(void)state;
	snprintf(pat, sizeof(pat), "%s/*.c", globdir);
	snprintf(want, sizeof(want), "%s/a.c|%s/b.c", globdir, globdir);
	expand_expect(pat, want);
	snprintf(pat, sizeof(pat), "%s/[ab].?", globdir);
	expand_expect(pat, want);
	snprintf(pat, sizeof(pat), "\"%s\"/*.c", globdir); /* quoted prefix, unquoted star */
	expand_expect(pat, want);
	snprintf(pat, sizeof(pat), "%s/\\*", globdir); /* only the file named '*' */
	snprintf(want, sizeof(want), "%s/*", globdir);
	expand_expect(pat, want);
	snprintf(pat, sizeof(pat), "'%s/*.c'", globdir);
	snprintf(want, sizeof(want), "%s/*.c", globdir);
	expand_expect(pat, want);
	expand_expect("/nonexistent/*.c", "/nonexistent/*.c");
}

static void test_glob_flags(void **state)
{
	char pat[128];
	glob_t g;

	(void)state;
	snprintf(pat, sizeof(pat), "%s/*", globdir);
	assert_int_equal(glob(pat, GLOB_MARK, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 5); /* *, a.c, b.c, c.h, sub/ */
	assert_string_equal(g.gl_pathv[4] + strlen(globdir), "/sub/");
	assert_string_equal(g.gl_pathv[1] + strlen(globdir), "/a.c");
	assert_null(g.gl_pathv[5]);
	globfree(&g);
	snprintf(pat, sizeof(pat), "%s/.*.c", globdir);
	assert_int_equal(glob(pat, 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 1);
	globfree(&g);
	assert_int_equal(glob("/nonexistent/x*", 0, NULL, &g), GLOB_NOMATCH);
	assert_int_equal(glob("/nonexistent/x*", GLOB_NOCHECK, NULL, &g), 0);
	assert_string_equal(g.gl_pathv[0], "/nonexistent/x*");
	globfree(&g);
	snprintf(pat, sizeof(pat), "%s/*.[ch]", globdir);
	assert_int_equal(glob(pat, GLOB_NOSORT, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 3);
	globfree(&g);
}

static void test_fnmatch(void **state)
{
	(void)state;
	assert_int_equal(fnmatch("*.c", "a.c", 0), 0);
	assert_int_equal(fnmatch("*.c", "a.h", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("a?c", "abc", 0), 0);
	assert_int_equal(fnmatch("a?c", "ac", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("[a-c]x", "bx", 0), 0);
	assert_int_equal(fnmatch("[!a-c]x", "bx", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("[^a-c]x", "dx", 0), 0);
	assert_int_equal(fnmatch("[]a]", "]", 0), 0);
	assert_int_equal(fnmatch("[[:digit:]]*", "7up", 0), 0);
	assert_int_equal(fnmatch("[[:alpha:]]", "7", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("a[", "a[", 0), 0); /* no ']': literal */
	assert_int_equal(fnmatch("\\*", "*", 0), 0);
	assert_int_equal(fnmatch("\\*", "x", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("\\*", "\\*", FNM_NOESCAPE), 0);
	assert_int_equal(fnmatch("*", "a/b", 0), 0);
	assert_int_equal(fnmatch("*", "a/b", FNM_PATHNAME), FNM_NOMATCH);
	assert_int_equal(fnmatch("*/b", "a/b", FNM_PATHNAME), 0);
	assert_int_equal(fnmatch("a?b", "a/b", FNM_PATHNAME), FNM_NOMATCH);
	assert_int_equal(fnmatch("*", ".x", FNM_PERIOD), FNM_NOMATCH);
	assert_int_equal(fnmatch("*", ".x", 0), 0);
	assert_int_equal(fnmatch(".*", ".x", FNM_PERIOD), 0);
	assert_int_equal(fnmatch("a/*", "a/.x", FNM_PERIOD | FNM_PATHNAME), FNM_NOMATCH);
	assert_int_equal(fnmatch("a*", "a.x", FNM_PERIOD), 0);
	assert_int_equal(fnmatch("*a*b*c", "xxaxxbxxbxc", 0), 0);
	assert_int_equal(fnmatch("*a*b*c", "xxaxxbxxbx", 0), FNM_NOMATCH);
	assert_int_equal(fnmatch("", "", 0), 0);
	assert_int_equal(fnmatch("A*", "abc", FNM_CASEFOLD), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lex_words),
		cmocka_unit_test(test_lex_quotes),
		cmocka_unit_test(test_lex_operators),
		cmocka_unit_test(test_lex_redirs),
		cmocka_unit_test(test_parse_simple),
		cmocka_unit_test(test_parse_pipes_lists),
		cmocka_unit_test(test_parse_redirs),
		cmocka_unit_test(test_parse_compound),
		cmocka_unit_test(test_parse_if),
		cmocka_unit_test(test_parse_loops),
		cmocka_unit_test(test_parse_heredoc),
		cmocka_unit_test(test_parse_case_func),
		cmocka_unit_test(test_parse_text),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_partial),
		cmocka_unit_test_setup(test_expand_params, expand_setup),
		cmocka_unit_test_setup(test_expand_defaults, expand_setup),
		cmocka_unit_test_setup(test_expand_error, expand_setup),
		cmocka_unit_test_setup(test_expand_split, expand_setup),
		cmocka_unit_test_setup(test_expand_positional, expand_setup),
		cmocka_unit_test_setup(test_expand_quotes, expand_setup),
		cmocka_unit_test_setup(test_expand_subst, expand_setup),
		cmocka_unit_test_setup(test_expand_trim, expand_setup),
		cmocka_unit_test_setup(test_expand_heredoc_body, expand_setup),
		cmocka_unit_test_setup(test_expand_arith, expand_setup),
		cmocka_unit_test_setup_teardown(test_expand_glob, glob_setup, glob_teardown),
		cmocka_unit_test_setup_teardown(test_glob_flags, glob_setup, glob_teardown),
		cmocka_unit_test(test_fnmatch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
