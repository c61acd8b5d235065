/*
 * regex.h for zero's libc: POSIX regular expressions (user/lib/regex.c),
 * basic (BRE) and extended (ERE), leftmost-longest matching. GNU's
 * extensions \< \> \b \B \w \W \+ \? \| (BRE) are understood too.
 */
#ifndef _REGEX_H
#define _REGEX_H

#include <stddef.h>

typedef long regoff_t;

typedef struct {
	size_t re_nsub; /* number of parenthesized subexpressions */
	void *__prog;	/* the compiled program (private) */
	int __cflags;
} regex_t;

typedef struct {
	regoff_t rm_so; /* start offset of the match, -1 if none */
	regoff_t rm_eo; /* end offset (one past the last byte) */
} regmatch_t;

/* regcomp() cflags */
#define REG_EXTENDED 1
#define REG_ICASE    2
#define REG_NEWLINE  4
#define REG_NOSUB    8
/* zero's extensions (for grep -w and -x): the match must be a whole word
 * (not preceded nor followed by a word character), or the whole string. */
#define REG_ZWORD 0x100
#define REG_ZLINE 0x200

/* regexec() eflags */
#define REG_NOTBOL 1
#define REG_NOTEOL 2
/* BSD and GNU: search s[pmatch[0].rm_so, pmatch[0].rm_eo) (offsets stay
 * relative to s; what comes before rm_so is seen by \< \b -w only). */
#define REG_STARTEND 4

/* error codes */
#define REG_NOMATCH  1
#define REG_BADPAT   2
#define REG_ECOLLATE 3
#define REG_ECTYPE   4
#define REG_EESCAPE  5
#define REG_ESUBREG  6
#define REG_EBRACK   7
#define REG_EPAREN   8
#define REG_EBRACE   9
#define REG_BADBR    10
#define REG_ERANGE   11
#define REG_ESPACE   12
#define REG_BADRPT   13

#define RE_DUP_MAX 255

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
	    regmatch_t pmatch[restrict], int eflags);
size_t regerror(int err, const regex_t *restrict re, char *restrict buf, size_t len);
void regfree(regex_t *re);

#endif
