/*
 * POSIX regexec: runs regex.c's program (regex_impl.h) by backtracking
 * over an explicit stack, at each start position from the left, and keeps
 * the longest match found from the first start that matches (POSIX's
 * leftmost-longest; the groups are those of the first path reaching that
 * end). Without back-references a bitmap of the (instruction, position)
 * pairs already explored cuts every second visit: nothing new can come of
 * it, and as no match came of a failed start, the map stays valid for
 * the next one.
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "regex_impl.h"

struct rx_job {
	int pc; /* < 0: restore slot -1-pc to pos */
	long pos;
};

struct rx_run {
	const struct rx_prog *pg;
	const unsigned char *s;
	long n;
	int eflags, stop_first, err;
	long *slots, *best, bestend;
	unsigned char *memo;
	struct rx_job *stk;
	size_t nstk, capstk;
};

static int rx_push(struct rx_run *r, int pc, long pos)
{
	if (r->nstk == r->capstk) {
		size_t cap = r->capstk ? r->capstk * 2 : 64;
		struct rx_job *s = realloc(r->stk, cap * sizeof(*s));
		if (!s) {
			r->err = REG_ESPACE;
			return -1;
		}
		r->stk = s, r->capstk = cap;
	}
	r->stk[r->nstk++] = (struct rx_job){ pc, pos };
	return 0;
}

static int rx_isword(int c)
{
	return isalnum(c) || c == '_';
}

static int rx_assert_ok(const struct rx_run *r, int kind, long pos)
{
	int nl = r->pg->newline;
	int before = pos > 0 && rx_isword(r->s[pos - 1]);
	int after = pos < r->n && rx_isword(r->s[pos]);

	switch (kind) {
	case RX_A_BOL:
		return (pos == 0 && !(r->eflags & REG_NOTBOL)) ||
		       (nl && pos > 0 && r->s[pos - 1] == '\n');
	case RX_A_EOL:
		return (pos == r->n && !(r->eflags & REG_NOTEOL)) || (nl && r->s[pos] == '\n');
	case RX_A_WBEG:
		return !before && after;
	case RX_A_WEND:
		return before && !after;
	case RX_A_WB:
		return before != after;
	case RX_A_NWB:
		return before == after;
	case RX_A_BUFBEG:
		return pos == 0;
	case RX_A_BUFEND:
		return pos == r->n;
	case RX_A_NOTWPRE:
		return !before;
	default:
		return !after;
	}
}

/* Back-reference to group g at pos: the length matched, or -1. */
static long rx_bref(const struct rx_run *r, int g, long pos)
{
	long so = r->slots[2 * g], eo = r->slots[2 * g + 1], len = eo - so;

	if (so < 0 || eo < so || len > r->n - pos)
		return -1;
	for (long i = 0; i < len; i++) {
		int a = r->s[so + i], b = r->s[pos + i];
		if (a != b && !(r->pg->icase && tolower(a) == tolower(b)))
			return -1;
	}
	return len;
}

/* Reached MATCH at pos: 1 to stop the search, 0 to go on for longer. */
static int rx_matched(struct rx_run *r, long pos)
{
	if (r->bestend < 0 || pos > r->bestend) {
		r->bestend = pos;
		memcpy(r->best, r->slots, (size_t)r->pg->nslots * sizeof(long));
	}
	return r->stop_first || pos == r->n;
}

/* Whether (pc, pos) was explored already (and mark it). */
static int rx_seen(struct rx_run *r, int pc, long pos)
{
	size_t bit;

	if (!r->memo)
		return 0;
	bit = (size_t)pc * (size_t)(r->n + 1) + (size_t)pos;
	if (r->memo[bit >> 3] & 1u << (bit & 7))
		return 1;
	r->memo[bit >> 3] |= (unsigned char)(1u << (bit & 7));
	return 0;
}

/* One thread from (pc, pos) until it fails: 1 stop, 0 failed, -1 error. */
static int rx_thread(struct rx_run *r, int pc, long pos)
{
	const struct rx_prog *pg = r->pg;

	for (;;) {
		const struct rx_inst *in = &pg->code[pc];
		long k;
		if (in->op != RX_PROGRESS && rx_seen(r, pc, pos))
			return 0;
		switch (in->op) {
		case RX_CHAR:
			if (pos >= r->n || r->s[pos] != in->x)
				return 0;
			pos++, pc++;
			break;
		case RX_ANY:
			if (pos >= r->n || (pg->newline && r->s[pos] == '\n'))
				return 0;
			pos++, pc++;
			break;
		case RX_SET:
			if (pos >= r->n ||
			    !(pg->sets[in->x][r->s[pos] >> 3] >> (r->s[pos] & 7) & 1))
				return 0;
			pos++, pc++;
			break;
		case RX_ASSERT:
			if (!rx_assert_ok(r, in->x, pos))
				return 0;
			pc++;
			break;
		case RX_BREF:
			if ((k = rx_bref(r, in->x, pos)) < 0)
				return 0;
			pos += k, pc++;
			break;
		case RX_SPLIT:
			if (rx_push(r, in->y, pos) < 0)
				return -1;
			pc = in->x;
			break;
		case RX_JMP:
			pc = in->x;
			break;
		case RX_SAVE:
			if (rx_push(r, -1 - in->x, r->slots[in->x]) < 0)
				return -1;
			r->slots[in->x] = pos, pc++;
			break;
		case RX_PROGRESS:
			if (r->slots[in->x] != pos)
				pc++;
			else if (r->slots[in->x + 1] == pos)
				pc = in->y; /* the only turn, and empty: leave */
			else
				return 0;
			break;
		default:
			return rx_matched(r, pos);
		}
	}
}

/* Every path from start: 1 if a match was found, 0 if not, -1 error. */
static int rx_try(struct rx_run *r, long start)
{
	int rc;

	for (int i = 0; i < r->pg->nslots; i++)
		r->slots[i] = -1;
	r->nstk = 0;
	if (rx_push(r, 0, start) < 0)
		return -1;
	while (r->nstk) {
		struct rx_job j = r->stk[--r->nstk];
		if (j.pc < 0) {
			r->slots[-1 - j.pc] = j.pos;
			continue;
		}
		if ((rc = rx_thread(r, j.pc, j.pos)) != 0)
			break;
	}
	if (r->err)
		return -1;
	return r->bestend >= 0;
}

/* The next start worth trying from s (a first literal byte must be there). */
static long rx_next_start(const struct rx_run *r, long s)
{
	const struct rx_inst *in = &r->pg->code[0];
	const unsigned char *p;

	if (in->op != RX_CHAR || s >= r->n)
		return s;
	p = memchr(r->s + s, in->x, (size_t)(r->n - s));
	return p ? p - r->s : r->n + 1;
}

static int rx_search(struct rx_run *r, long *start, long from)
{
	for (long s = rx_next_start(r, from); s <= r->n; s = rx_next_start(r, s + 1)) {
		int rc = rx_try(r, s);
		if (rc)
			return *start = s, rc;
		if (r->pg->anchored)
			break;
	}
	return 0;
}

static void rx_fill(const struct rx_run *r, const regex_t *re, long start, size_t nmatch,
		    regmatch_t *pm)
{
	for (size_t i = 0; i < nmatch; i++) {
		long so = -1, eo = -1;
		if (i == 0)
			so = start, eo = r->bestend;
		else if (i <= re->re_nsub && r->best[2 * i] >= 0 && r->best[2 * i + 1] >= 0)
			so = r->best[2 * i], eo = r->best[2 * i + 1];
		pm[i].rm_so = so, pm[i].rm_eo = eo;
	}
}

int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
	    regmatch_t pmatch[restrict], int eflags)
{
	const struct rx_prog *pg = re->__prog;
	struct rx_run r = { pg,
			    (const unsigned char *)s,
			    eflags & REG_STARTEND ? 0 : (long)strlen(s),
			    eflags,
			    0,
			    0,
			    NULL,
			    NULL,
			    -1,
			    NULL,
			    NULL,
			    0,
			    0 };
	long start = 0, from = 0;
	int rc = REG_ESPACE, found;

	if (eflags & REG_STARTEND) {
		from = pmatch[0].rm_so, r.n = pmatch[0].rm_eo;
		if (from < 0 || from > r.n)
			return REG_NOMATCH;
	}
	if (re->__cflags & REG_NOSUB)
		nmatch = 0;
	r.stop_first = nmatch == 0;
	r.slots = malloc(2 * (size_t)pg->nslots * sizeof(long));
	if (!pg->has_bref) {
		size_t bits = (size_t)pg->ncode * (size_t)(r.n + 1);
		r.memo = calloc(bits / 8 + 1, 1);
	}
	if (r.slots && (r.memo || pg->has_bref)) {
		r.best = r.slots + pg->nslots;
		found = rx_search(&r, &start, from);
		if (found > 0)
			rx_fill(&r, re, start, nmatch, pmatch);
		rc = found < 0 ? REG_ESPACE : found ? 0 : REG_NOMATCH;
	}
	free(r.slots);
	free(r.memo);
	free(r.stk);
	return rc;
}
