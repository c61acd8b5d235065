/*
 * Host tests of libc's regular expressions (user/lib/regex.c, regexec.c)
 * and strftime (user/lib/strftime.c): BRE and ERE cases with the match
 * and group offsets they must give, the same patterns checked against
 * glibc's regexec, the flags (REG_ICASE, REG_NEWLINE, REG_NOTBOL,
 * REG_NOSUB, REG_STARTEND and zero's REG_ZWORD/REG_ZLINE), the error
 * codes, patterns that are exponential for a naive backtracker, and
 * strftime's conversions against glibc's in UTC.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "libc_host.h"

/* zero's regex.h, under other names (glibc's is included for the reference). */
typedef struct {
	size_t re_nsub;
	void *prog;
	int cflags;
} zre_t;
typedef struct {
	long so, eo;
} zmatch_t;
int zl_regcomp(zre_t *re, const char *pattern, int cflags);
int zl_regexec(const zre_t *re, const char *s, size_t nmatch, zmatch_t *pm, int eflags);
void zl_regfree(zre_t *re);
size_t zl_regerror(int err, const zre_t *re, char *buf, size_t len);
size_t zl_strftime(char *s, size_t max, const char *fmt, const struct tm *tm);

/* zero's flag values (user/include/regex.h). */
#define Z_EXT	   1
#define Z_ICASE	   2
#define Z_NEWLINE  4
#define Z_NOSUB	   8
#define Z_ZWORD	   0x100
#define Z_ZLINE	   0x200
#define Z_NOTBOL   1
#define Z_NOTEOL   2
#define Z_STARTEND 4

/* Run pattern on s; the offsets as "(so,eo)..." for group 0 to re_nsub. */
static void z_run(int cflags, const char *pat, const char *s, int eflags, char *out, size_t n)
{
	zre_t re;
	zmatch_t m[10];
	int err = zl_regcomp(&re, pat, cflags);

	out[0] = 0;
	if (err) {
		snprintf(out, n, "error %d", err);
		return;
	}
	if (zl_regexec(&re, s, 10, m, eflags)) {
		snprintf(out, n, "nomatch");
	} else {
		for (size_t i = 0; i <= re.re_nsub && i < 10; i++)
			snprintf(out + strlen(out), n - strlen(out), "(%ld,%ld)", m[i].so, m[i].eo);
	}
	zl_regfree(&re);
}

static const struct {
	int cflags;
	const char *pat, *s, *want;
} cases[] = {
	{ 0, "abc", "xabcx", "(1,4)" },
	{ 0, "a*", "baaa", "(0,0)" },
	{ 0, "a*", "aaab", "(0,3)" },
	{ 0, "a\\{2,3\\}", "aaaa", "(0,3)" },
	{ 0, "\\(ab\\)\\1", "xababx", "(1,5)(1,3)" },
	{ 0, "\\(a*\\)b\\1", "aaabaa", "(1,6)(1,3)" },
	{ 0, "^*ab", "*ab", "(0,3)" },
	{ 0, "a$b", "a$b", "(0,3)" },
	{ 0, "x^", "ax^", "(1,3)" },
	{ 0, "a\\|b", "xb", "(1,2)" },
	{ 0, "a\\+", "caa", "(1,3)" },
	{ 0, "a\\?b", "b", "(0,1)" },
	{ 0, "[[:digit:]]\\+", "ab123c", "(2,5)" },
	{ 0, "[^a-c]*", "abcdef", "(0,0)" },
	{ 0, "a.c", "a\nc", "(0,3)" },
	{ 0, "\\.", "a.b", "(1,2)" },
	{ 0, "\\{", "{", "(0,1)" },
	{ 0, "a\\{1", "a", "error 9" },
	{ 0, "\\(a", "a", "error 8" },
	{ 0, "a\\)", "a", "error 8" },
	{ 0, "\\1", "a", "error 6" },
	{ 0, "[a", "a", "error 7" },
	{ 0, "[[:nope:]]", "a", "error 4" },
	{ 0, "[z-a]", "a", "error 11" },
	{ 0, "a\\", "a", "error 5" },
	{ Z_EXT, "a+", "baaa", "(1,4)" },
	{ Z_EXT, "(a|ab)(c|bcd)(d*)", "abcd", "(0,4)(0,1)(1,4)(4,4)" },
	{ Z_EXT, "(foo|foobar)", "foobarbaz", "(0,6)(0,6)" },
	{ Z_EXT, "(wee|week)(knights|night)", "weeknights", "(0,10)(0,3)(3,10)" },
	{ Z_EXT, "(a*)*", "b", "(0,0)(0,0)" },
	{ Z_EXT, "(a*)+", "aa", "(0,2)(0,2)" },
	{ Z_EXT, "(a|b)*c", "ababc", "(0,5)(3,4)" },
	{ Z_EXT, "(.*)(.*)", "abc", "(0,3)(0,3)(3,3)" },
	{ Z_EXT, "x(y)?z", "xz", "(0,2)(-1,-1)" },
	{ Z_EXT, "(a)|(b)", "b", "(0,1)(-1,-1)(0,1)" },
	{ Z_EXT, "()", "x", "(0,0)(0,0)" },
	{ Z_EXT, "a{,3}", "aaaa", "(0,3)" },
	{ Z_EXT, "a{2,}", "aaaaa", "(0,5)" },
	{ Z_EXT, "(ab){2}", "abababx", "(0,4)(2,4)" },
	{ Z_EXT, "a{0}b", "ab", "(1,2)" },
	{ Z_EXT, "x{", "x{", "(0,2)" },
	{ Z_EXT, "a)", "a)", "(0,2)" },
	{ Z_EXT, "*ab", "*ab", "(1,3)" },
	{ Z_EXT, "[]a]+", "]]a", "(0,3)" },
	{ Z_EXT, "[^]a]+", "]]abc", "(3,5)" },
	{ Z_EXT, "[a-]+", "-a-", "(0,3)" },
	{ Z_EXT, "[[.a.]-c]+", "abc", "(0,3)" },
	{ Z_EXT, "[[=a=]]", "ba", "(1,2)" },
	{ Z_EXT, "[[:upper:][:digit:]]+", "abC1De", "(2,5)" },
	{ Z_EXT, "[[:space:]]+", "a \t b", "(1,4)" },
	{ Z_EXT, "[[:punct:]]+", "a!?b", "(1,3)" },
	{ Z_EXT, "\\<foo\\>", "afoo foo", "(5,8)" },
	{ Z_EXT, "\\bfo", "xfo fo", "(4,6)" },
	{ Z_EXT, "o\\B", "fo foo", "(4,5)" },
	{ Z_EXT, "\\w+", "  ab_1 ", "(2,6)" },
	{ Z_EXT, "\\W+", "ab, c", "(2,4)" },
	{ Z_EXT, "(.)\\1", "abccd", "(2,4)(2,3)" },
	{ Z_EXT, "^$", "", "(0,0)" },
	{ Z_EXT, "a$", "ba", "(1,2)" },
	{ Z_EXT, "(^a|b)", "ba", "(0,1)(0,1)" },
	{ Z_EXT, "(", "a", "error 8" },
	{ Z_EXT, "a{3,2}", "a", "error 10" },
	{ Z_ICASE, "HeLLo", "say hello", "(4,9)" },
	{ Z_EXT | Z_ICASE, "[a-c]+", "xABCy", "(1,4)" },
	{ Z_ICASE, "\\(a\\)\\1", "aA", "(0,2)(0,1)" },
	{ Z_NEWLINE, "^b", "a\nb", "(2,3)" },
	{ Z_NEWLINE, "a$", "a\nb", "(0,1)" },
	{ Z_NEWLINE, "a.b", "a\nb", "nomatch" },
	{ Z_NEWLINE, "a[^x]b", "a\nb", "nomatch" },
	{ 0, "^b", "a\nb", "nomatch" },
	{ Z_ZWORD, "foo", "foo_bar foo", "(8,11)" },
	{ Z_ZWORD, "foo", "foobar", "nomatch" },
	{ Z_ZLINE, "ab*", "abb", "(0,3)" },
	{ Z_ZLINE, "ab", "abc", "nomatch" },
	{ Z_EXT | Z_ZLINE, "a|ab", "ab", "(0,2)" },
};

static void test_cases(void **state)
{
	char got[256];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		z_run(cases[i].cflags, cases[i].pat, cases[i].s, 0, got, sizeof(got));
		if (strcmp(got, cases[i].want)) {
			print_error("/%s/ flags %#x on \"%s\": want %s, got %s\n", cases[i].pat,
				    cases[i].cflags, cases[i].s, cases[i].want, got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* glibc's answer in the same "(so,eo)..." form. */
static void g_run(int ere, const char *pat, const char *s, char *out, size_t n)
{
	regex_t re;
	regmatch_t m[10];

	out[0] = 0;
	if (regcomp(&re, pat, ere ? REG_EXTENDED : 0)) {
		snprintf(out, n, "error");
		return;
	}
	if (regexec(&re, s, 10, m, 0))
		snprintf(out, n, "nomatch");
	else
		for (size_t i = 0; i <= re.re_nsub && i < 10; i++)
			snprintf(out + strlen(out), n - strlen(out), "(%ld,%ld)", (long)m[i].rm_so,
				 (long)m[i].rm_eo);
	regfree(&re);
}

/* Keep only the whole match's "(so,eo)". */
static void first_group(char *s)
{
	char *p = strchr(s, ')');

	if (p)
		p[1] = 0;
}

/* Every pattern on every subject, as glibc matches them (overall match;
 * groups where POSIX leaves no choice). */
static void test_against_glibc(void **state)
{
	static const char *const ere[] = { "a|ab|abc", "(a|b)+",   "[a-c]*d",
					   "x*y*z*",   "b{1,2}",   "(ab|a)(bc|c)?",
					   "^a.*c$",   "[^ab]+",   "(aa|a)a",
					   ".?.?.?b",  "c(a|b)*c", "[[:alpha:]]+[0-9]",
					   "(a*)b" };
	static const char *const bre[] = { "a\\{1,\\}b",   "\\(ab\\)*c",    "[^a].",
					   "^ab*",	   "b*$",	    ".*b",
					   "a\\(b\\|c\\)", "\\(a\\)\\(b\\)" };
	static const char *const subj[] = { "",	    "a",    "ab",    "abc",    "abcd",
					    "aab",  "bbbb", "xyz",   "cabbac", "zzzab9",
					    "aaab", "ccd",  "a b c", "abababc" };
	char z[256], g[256];
	int bad = 0, n = 0;

	(void)state;
	for (int e = 0; e < 2; e++) {
		const char *const *pats = e ? ere : bre;
		size_t np = e ? sizeof(ere) / sizeof(ere[0]) : sizeof(bre) / sizeof(bre[0]);
		for (size_t p = 0; p < np; p++) {
			for (size_t s = 0; s < sizeof(subj) / sizeof(subj[0]); s++, n++) {
				z_run(e ? Z_EXT : 0, pats[p], subj[s], 0, z, sizeof(z));
				g_run(e, pats[p], subj[s], g, sizeof(g));
				/* compare the whole match only: group choice may differ */
				first_group(z);
				first_group(g);
				if (strcmp(z, g) && bad++ < 20)
					print_error("/%s/ on \"%s\": glibc %s, ours %s\n", pats[p],
						    subj[s], g, z);
			}
		}
	}
	assert_true(n > 250);
	assert_int_equal(bad, 0);
}

static void test_eflags(void **state)
{
	zre_t re;
	zmatch_t m[2];
	char buf[64];

	(void)state;
	assert_int_equal(zl_regcomp(&re, "^a", 0), 0);
	assert_int_equal(zl_regexec(&re, "ab", 1, m, Z_NOTBOL), 1);
	assert_int_equal(zl_regexec(&re, "ab", 0, NULL, 0), 0);
	zl_regfree(&re);
	assert_int_equal(zl_regcomp(&re, "b$", 0), 0);
	assert_int_equal(zl_regexec(&re, "ab", 1, m, Z_NOTEOL), 1);
	zl_regfree(&re);
	/* REG_STARTEND: a search from an offset sees what comes before */
	assert_int_equal(zl_regcomp(&re, "\\<o+", Z_EXT), 0);
	m[0].so = 2, m[0].eo = 6;
	assert_int_equal(zl_regexec(&re, "foo oo", 1, m, Z_STARTEND), 0);
	assert_int_equal(m[0].so, 4);
	assert_int_equal(m[0].eo, 6);
	m[0].so = 0, m[0].eo = 3;
	assert_int_equal(zl_regexec(&re, "xoo oo", 1, m, Z_STARTEND), 1);
	zl_regfree(&re);
	/* REG_NOSUB: groups are not reported, nothing is written */
	assert_int_equal(zl_regcomp(&re, "(a)(b)", Z_EXT | Z_NOSUB), 0);
	m[0].so = 77;
	assert_int_equal(zl_regexec(&re, "xab", 2, m, 0), 0);
	assert_int_equal(m[0].so, 77);
	zl_regfree(&re);
	assert_true(zl_regerror(1, NULL, buf, sizeof(buf)) > 1);
	assert_string_equal(buf, "No match");
	assert_int_equal(zl_regerror(8, NULL, buf, 4), strlen("Unmatched ( or \\(") + 1);
	assert_string_equal(buf, "Unm");
}

/* Patterns a naive backtracker takes exponential time on: the memo of
 * (instruction, position) pairs makes them linear. */
static void test_pathological(void **state)
{
	char s[4001], got[64];
	clock_t t0 = clock();

	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = 0;
	z_run(Z_EXT, "(a*)*b", s, 0, got, sizeof(got));
	assert_string_equal(got, "nomatch");
	z_run(Z_EXT, "(a|aa)+$", s, 0, got, sizeof(got));
	assert_string_equal(got, "(0,4000)(3999,4000)");
	z_run(Z_EXT, "(x+x+)+y", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 0, got, sizeof(got));
	assert_string_equal(got, "nomatch");
	z_run(0, ".*.*.*=", s, 0, got, sizeof(got));
	assert_string_equal(got, "nomatch");
	assert_true(clock() - t0 < 20 * CLOCKS_PER_SEC);
}

static void test_strftime(void **state)
{
	static const char *const fmts[] = { "%a %A %b %B %c",
					    "%d %e %F %H %I %j %k %l %m %M",
					    "%n%p %S %s %T %u %w %y %Y %z %%",
					    "%C %D %h %r %R %x %X %U %W %V %G %g",
					    "%-d %_H %-m %0e %P",
					    "plain text" };
	static const long long times[] = { 0,	       86399,	   951782400,  1234567890,
					   1700000000, 1798761600, 2147483647, -86400,
					   1609459200, 1641081600, 1704067200, 4102444800LL };
	char a[256], b[256];
	struct tm tm;
	time_t t = 1234567890;

	(void)state;
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		t = (time_t)times[i];
		gmtime_r(&t, &tm);
		for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
			size_t na = strftime(a, sizeof(a), fmts[f], &tm);
			size_t nb = zl_strftime(b, sizeof(b), fmts[f], &tm);
			if (na != nb || strcmp(a, b))
				print_error("%lld \"%s\": glibc \"%s\", ours \"%s\"\n", times[i],
					    fmts[f], a, b);
			assert_string_equal(a, b);
		}
	}
	t = 1234567890;
	gmtime_r(&t, &tm);
	assert_int_equal(zl_strftime(b, sizeof(b), "%a %b %e %H:%M:%S %Z %Y", &tm), 28);
	assert_string_equal(b, "Fri Feb 13 23:31:30 UTC 2009");
	assert_int_equal(zl_strftime(b, 5, "%Y-%m", &tm), 0); /* does not fit */
	assert_int_equal(zl_strftime(b, 8, "%Y-%m", &tm), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),	 cmocka_unit_test(test_against_glibc),
		cmocka_unit_test(test_eflags),	 cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_strftime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
