/*
 * od [-A d|o|x|n] [-t TYPE]... [-bcdox] [-j SKIP] [-N COUNT] [-v] [file...]:
 * the input's bytes in lines of 16, each type on a line of its own, as
 * GNU's od lays them out. TYPE: d, o, u, x with a size 1 2 4 8 (or C S I
 * L), c (characters with escapes), a (named characters). -b is -t o1,
 * -c -t c, -d -t u2, -o -t o2, -x -t x2; the default is -t o2. Lines equal
 * to the one before are shown as one '*' unless -v. Addresses are octal
 * by default (-A).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OD_BLOCK 16

struct od_type {
	char kind; /* d o u x c a */
	int size, width, pad;
};

static struct od_type od_types[16];
static int od_ntypes, od_verbose;
static char od_radix = 'o';
static long long od_skip, od_limit = -1;

static int od_field_width(char kind, int size)
{
	static const int d[] = { 0, 4, 6, 0, 11, 0, 0, 0, 20 },
			 u[] = { 0, 3, 5, 0, 10, 0, 0, 0, 20 },
			 o[] = { 0, 3, 6, 0, 11, 0, 0, 0, 22 };

	switch (kind) {
	case 'd':
		return d[size];
	case 'u':
		return u[size];
	case 'o':
		return o[size];
	case 'x':
		return 2 * size;
	default:
		return 3;
	}
}

static void od_add(char kind, int size)
{
	if (od_ntypes == (int)(sizeof(od_types) / sizeof(od_types[0])))
		return;
	od_types[od_ntypes++] = (struct od_type){ kind, size, od_field_width(kind, size), 0 };
}

/* A -t argument: one or more types, as "x1", "c", "d4u2", "o". */
static int od_parse_type(const char *s)
{
	while (*s) {
		char kind = *s++;
		int size = 4;
		if (kind == 'c' || kind == 'a') {
			od_add(kind, 1);
			continue;
		}
		if (!strchr("doux", kind))
			return -1;
		if (*s >= '0' && *s <= '9') {
			size = (int)strtol(s, (char **)&s, 10);
		} else if (*s && strchr("CSIL", *s)) {
			size = *s == 'C' ? 1 : *s == 'S' ? 2 : *s == 'I' ? 4 : 8;
			s++;
		}
		if (size != 1 && size != 2 && size != 4 && size != 8)
			return -1;
		od_add(kind, size);
	}
	return 0;
}

/* GNU's layout: every type's line as wide as the widest, spread evenly. */
static void od_layout(void)
{
	int widest = 0;

	for (int i = 0; i < od_ntypes; i++) {
		int w = (od_types[i].width + 1) * (OD_BLOCK / od_types[i].size);
		if (w > widest)
			widest = w;
	}
	for (int i = 0; i < od_ntypes; i++)
		od_types[i].pad = widest - od_types[i].width * (OD_BLOCK / od_types[i].size);
}

static unsigned long long od_value(const unsigned char *p, int size)
{
	unsigned long long v = 0;

	for (int i = size - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The text of one item of type t at p. */
static void od_item(char *buf, size_t n, const struct od_type *t, const unsigned char *p)
{
	static const char *const names[] = { "nul", "soh", "stx", "etx", "eot", "enq", "ack",
					     "bel", "bs",  "ht",  "nl",	 "vt",	"ff",  "cr",
					     "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4",
					     "nak", "syn", "etb", "can", "em",	"sub", "esc",
					     "fs",  "gs",  "rs",  "us",	 "sp" };
	static const char esc_from[] = "\0\a\b\f\n\r\t\v", esc_to[] = "0abfnrtv";
	unsigned long long v = od_value(p, t->size);
	int bits = 8 * t->size;

	switch (t->kind) {
	case 'a':
		v &= 0x7f;
		snprintf(buf, n, "%s",
			 v <= 32    ? names[v]
			 : v == 127 ? "del"
				    : (char[]){ (char)v, 0 });
		return;
	case 'c':
		if (v >= 32 && v < 127)
			snprintf(buf, n, "%c", (int)v);
		else if (v < 32 && memchr(esc_from, (int)v, 8))
			snprintf(buf, n, "\\%c",
				 esc_to[(char *)memchr(esc_from, (int)v, 8) - esc_from]);
		else
			snprintf(buf, n, "%03llo", v);
		return;
	case 'd':
		if (bits < 64 && v >> (bits - 1))
			v |= ~0ULL << bits; /* sign-extend */
		snprintf(buf, n, "%lld", (long long)v);
		return;
	case 'u':
		snprintf(buf, n, "%llu", v);
		return;
	case 'o':
		snprintf(buf, n, "%0*llo", t->width, v);
		return;
	default:
		snprintf(buf, n, "%0*llx", t->width, v);
		return;
	}
}

static void od_address(long long a)
{
	switch (od_radix) {
	case 'd':
		printf("%07lld", a);
		break;
	case 'x':
		printf("%06llx", a);
		break;
	case 'o':
		printf("%07llo", a);
		break;
	}
}

/* One line of n (<= 16) bytes at address a, each type on its own line. */
static void od_line(long long a, const unsigned char *blk, size_t n)
{
	unsigned char padded[OD_BLOCK] = { 0 };
	char item[64];

	memcpy(padded, blk, n);
	for (int i = 0; i < od_ntypes; i++) {
		const struct od_type *t = &od_types[i];
		int fields = OD_BLOCK / t->size,
		    used = (int)((n + (size_t)t->size - 1) / (size_t)t->size);
		int pad_left = t->pad;
		if (i == 0)
			od_address(a);
		else if (od_radix != 'n')
			printf("%*s", od_radix == 'x' ? 6 : 7, "");
		for (int f = 0; f < used; f++) {
			int next = t->pad * (fields - f - 1) / fields;
			od_item(item, sizeof(item), t, padded + f * t->size);
			printf("%*s", pad_left - next + t->width, item);
			pad_left = next;
		}
		putchar('\n');
	}
}

static char **od_files;
static int od_nfiles, od_status;
static FILE *od_cur;

/* The next byte of the inputs in order, or EOF. */
static int od_getc(void)
{
	int c;

	for (;;) {
		if (!od_cur) {
			const char *p;
			if (od_nfiles <= 0)
				return EOF;
			p = *od_files++, od_nfiles--;
			od_cur = strcmp(p, "-") ? fopen(p, "r") : stdin;
			if (!od_cur) {
				fprintf(stderr, "od: %s: %s\n", p, strerror(errno));
				od_status = 1;
				continue;
			}
		}
		if ((c = getc(od_cur)) != EOF)
			return c;
		if (od_cur != stdin)
			fclose(od_cur);
		od_cur = NULL;
	}
}

static size_t od_read_block(unsigned char *blk, long long *left)
{
	size_t n = 0;
	int c;

	while (n < OD_BLOCK && *left != 0 && (c = od_getc()) != EOF) {
		blk[n++] = (unsigned char)c;
		if (*left > 0)
			(*left)--;
	}
	return n;
}

static void od_dump(void)
{
	unsigned char blk[OD_BLOCK], prev[OD_BLOCK];
	long long addr = od_skip, left = od_limit;
	int have_prev = 0, starred = 0;
	size_t n;

	for (long long i = 0; i < od_skip; i++) {
		if (od_getc() == EOF) {
			fprintf(stderr, "od: cannot skip past end of combined input\n");
			exit(1);
		}
	}
	while ((n = od_read_block(blk, &left)) > 0) {
		if (!od_verbose && n == OD_BLOCK && have_prev && !memcmp(blk, prev, OD_BLOCK)) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			od_line(addr, blk, n);
			starred = 0;
		}
		memcpy(prev, blk, n);
		have_prev = n == OD_BLOCK;
		addr += (long long)n;
	}
	if (od_radix != 'n') {
		od_address(addr);
		putchar('\n');
	}
}

static long long od_number(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 0);

	if (*end == 'b')
		v *= 512, end++;
	else if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024, end++;
	if (end == s || *end || v < 0) {
		fprintf(stderr, "od: invalid number '%s'\n", s);
		exit(1);
	}
	return v;
}

static void od_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "A:t:bcdoxj:N:v")) != -1) {
		switch (c) {
		case 'A':
			if (!strchr("doxn", optarg[0]) || optarg[1]) {
				fprintf(stderr, "od: invalid output address radix '%s'\n", optarg);
				exit(1);
			}
			od_radix = optarg[0];
			break;
		case 't':
			if (od_parse_type(optarg) < 0) {
				fprintf(stderr, "od: invalid type string '%s'\n", optarg);
				exit(1);
			}
			break;
		case 'b':
			od_add('o', 1);
			break;
		case 'c':
			od_add('c', 1);
			break;
		case 'd':
			od_add('u', 2);
			break;
		case 'o':
			od_add('o', 2);
			break;
		case 'x':
			od_add('x', 2);
			break;
		case 'j':
			od_skip = od_number(optarg);
			break;
		case 'N':
			od_limit = od_number(optarg);
			break;
		case 'v':
			od_verbose = 1;
			break;
		default:
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	static char *dash[] = { "-" };

	od_options(argc, argv);
	if (!od_ntypes)
		od_add('o', 2);
	od_layout();
	od_files = optind < argc ? argv + optind : dash;
	od_nfiles = optind < argc ? argc - optind : 1;
	od_dump();
	return fflush(stdout) ? 1 : od_status;
}
