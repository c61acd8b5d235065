/*
 * regex_impl.h: what regex.c (the compiler) hands to regexec.c (the
 * matcher): a program for a backtracking machine (RE2's "bit state"
 * idea: each (instruction, position) pair is explored at most once when
 * the pattern has no back-references, so matching is O(program x text)).
 */
#ifndef USER_LIB_REGEX_IMPL_H_
#define USER_LIB_REGEX_IMPL_H_

enum rx_op {
	RX_CHAR,     /* x: the byte */
	RX_ANY,	     /* any byte (but '\n' under REG_NEWLINE) */
	RX_SET,	     /* x: index of a 256-bit set */
	RX_ASSERT,   /* x: an rx_assert */
	RX_BREF,     /* x: the group number */
	RX_SPLIT,    /* try x first, then y */
	RX_JMP,	     /* go to x */
	RX_SAVE,     /* slot x := position */
	RX_PROGRESS, /* empty turn (position == slot x): leave to y if the */
		     /* loop began here (slot x+1), else fail */
	RX_MATCH,
};

enum rx_assert {
	RX_A_BOL,
	RX_A_EOL,
	RX_A_WBEG,    /* \< */
	RX_A_WEND,    /* \> */
	RX_A_WB,      /* \b */
	RX_A_NWB,     /* \B */
	RX_A_BUFBEG,  /* \` */
	RX_A_BUFEND,  /* \' */
	RX_A_NOTWPRE, /* not after a word character (REG_ZWORD) */
	RX_A_NOTWPOS, /* not before a word character (REG_ZWORD) */
};

struct rx_inst {
	int op, x, y;
};

struct rx_prog {
	struct rx_inst *code;
	int ncode;
	unsigned char (*sets)[32];
	int nsets;
	int nslots;   /* 2 per group (group 0 too), then one per loop */
	int has_bref; /* back-references: no memo, exponential at worst */
	int icase, newline;
	int anchored; /* starts with ^ (no REG_NEWLINE): one start only */
};

#endif
