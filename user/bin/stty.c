/*
 * stty [-F device] [-a] [setting...]: show or change the terminal's
 * settings (POSIX stty, with GNU's layout and names).
 *   stty             the settings that differ from "sane"
 *   stty -a          all of them
 *   stty size        "rows columns"
 *   stty SETTING...  flags (echo, -echo, icanon, -isig, ixon, onlcr...),
 *                    raw, -raw, cooked, sane, cs7, cs8, rows N, cols N
 *                    (columns N), min N, time N, and a control character
 *                    followed by its value (intr ^X, erase ^?, eof undef).
 * "sane" is the kernel console's default. The device is standard input
 * unless -F names another. Exit 1 on a bad setting or a failed ioctl.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

enum { FI, FO, FC, FL };

struct stty_flag {
	const char *name;
	int field;
	tcflag_t mask; /* the bits it governs */
	tcflag_t bits; /* their value when set (mask for a plain flag) */
};

static const struct stty_flag stty_flags[] = {
	{ "parenb", FC, PARENB, PARENB },    { "cs7", FC, CSIZE, CS7 },
	{ "cs8", FC, CSIZE, CS8 },	     { "hupcl", FC, HUPCL, HUPCL },
	{ "cstopb", FC, CSTOPB, CSTOPB },    { "cread", FC, CREAD, CREAD },
	{ "clocal", FC, CLOCAL, CLOCAL },    { "ignbrk", FI, IGNBRK, IGNBRK },
	{ "brkint", FI, BRKINT, BRKINT },    { "ignpar", FI, IGNPAR, IGNPAR },
	{ "inpck", FI, INPCK, INPCK },	     { "istrip", FI, ISTRIP, ISTRIP },
	{ "inlcr", FI, INLCR, INLCR },	     { "igncr", FI, IGNCR, IGNCR },
	{ "icrnl", FI, ICRNL, ICRNL },	     { "ixon", FI, IXON, IXON },
	{ "ixoff", FI, IXOFF, IXOFF },	     { "ixany", FI, IXANY, IXANY },
	{ "imaxbel", FI, IMAXBEL, IMAXBEL }, { "iutf8", FI, IUTF8, IUTF8 },
	{ "opost", FO, OPOST, OPOST },	     { "ocrnl", FO, OCRNL, OCRNL },
	{ "onlcr", FO, ONLCR, ONLCR },	     { "isig", FL, ISIG, ISIG },
	{ "icanon", FL, ICANON, ICANON },    { "iexten", FL, IEXTEN, IEXTEN },
	{ "echo", FL, ECHO, ECHO },	     { "echoe", FL, ECHOE, ECHOE },
	{ "echok", FL, ECHOK, ECHOK },	     { "echonl", FL, ECHONL, ECHONL },
	{ "noflsh", FL, NOFLSH, NOFLSH },    { "tostop", FL, TOSTOP, TOSTOP },
	{ "echoctl", FL, ECHOCTL, ECHOCTL }, { "echoke", FL, ECHOKE, ECHOKE },
};
#define STTY_NFLAGS (sizeof(stty_flags) / sizeof(stty_flags[0]))

/* The control characters, in GNU's order. */
static const struct {
	const char *name;
	int index;
} stty_cc[] = {
	{ "intr", VINTR }, { "quit", VQUIT },	  { "erase", VERASE },	 { "kill", VKILL },
	{ "eof", VEOF },   { "eol", VEOL },	  { "start", VSTART },	 { "stop", VSTOP },
	{ "susp", VSUSP }, { "rprnt", VREPRINT }, { "werase", VWERASE }, { "lnext", VLNEXT },
	{ "discard", 13 },
};
#define STTY_NCC (sizeof(stty_cc) / sizeof(stty_cc[0]))

static const char *stty_dev = "standard input";
static const int stty_order[] = { FC, FI, FO, FL }; /* the lines of stty -a */

static tcflag_t *stty_field(struct termios *t, int field)
{
	return field == FI   ? &t->c_iflag
	       : field == FO ? &t->c_oflag
	       : field == FC ? &t->c_cflag
			     : &t->c_lflag;
}

/* The kernel console's defaults. */
static void stty_sane(struct termios *t)
{
	static const cc_t cc[NCCS] = {
		[VINTR] = 3, [VQUIT] = 0x1c,   [VERASE] = 0x7f, [VKILL] = 0x15, [VEOF] = 4,
		[VMIN] = 1,  [VSTART] = 0x11,  [VSTOP] = 0x13,	[VSUSP] = 0x1a, [VREPRINT] = 0x12,
		[13] = 0x0f, [VWERASE] = 0x17, [VLNEXT] = 0x16
	};
	speed_t speed = t->c_cflag & CBAUD;

	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = speed | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->c_cc, cc, sizeof(cc));
}

static long stty_speed(const struct termios *t)
{
	static const struct {
		speed_t code;
		long baud;
	} speeds[] = { { B0, 0 },	  { B9600, 9600 },   { B19200, 19200 },
		       { B38400, 38400 }, { B57600, 57600 }, { B115200, 115200 } };

	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (speeds[i].code == (t->c_cflag & CBAUD))
			return speeds[i].baud;
	return -1;
}

static void stty_put_cc(cc_t c)
{
	if (c == 0)
		printf("<undef>");
	else if (c == 0x7f)
		printf("^?");
	else if (c < 0x20)
		printf("^%c", c + '@');
	else if (c >= 0x80)
		printf("M-%c", c & 0x7f);
	else
		putchar(c);
}

static int stty_flag_on(const struct termios *t, const struct stty_flag *f)
{
	return (*stty_field((struct termios *)t, f->field) & f->mask) == f->bits;
}

/* One line of flags of @field; @all: every one, else those unlike @sane. */
static void stty_show_flags(const struct termios *t, const struct termios *sane, int field, int all)
{
	int any = 0;

	for (size_t i = 0; i < STTY_NFLAGS; i++) {
		const struct stty_flag *f = &stty_flags[i];
		int on = stty_flag_on(t, f);

		if (f->field != field || (!all && on == stty_flag_on(sane, f)))
			continue;
		if (f->mask == CSIZE && !on)
			continue; /* cs7/cs8: only the one in force */
		printf("%s%s%s", any ? " " : "", on || f->mask == CSIZE ? "" : "-", f->name);
		any = 1;
	}
	if (any)
		putchar('\n');
}

static void stty_show(int fd, const struct termios *t, int all)
{
	struct termios sane = *t;
	struct winsize ws;
	int any = 0;

	stty_sane(&sane);
	printf("speed %ld baud;", stty_speed(t));
	if (all && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		printf(" rows %u; columns %u;", ws.ws_row, ws.ws_col);
	printf(" line = %u;\n", t->c_line);
	for (size_t i = 0; i < STTY_NCC; i++) {
		int k = stty_cc[i].index;

		if (!all && t->c_cc[k] == sane.c_cc[k])
			continue;
		printf("%s%s = ", any ? " " : "", stty_cc[i].name);
		stty_put_cc(t->c_cc[k]);
		putchar(';');
		any = 1;
	}
	if (all || t->c_cc[VMIN] != sane.c_cc[VMIN] || t->c_cc[VTIME] != sane.c_cc[VTIME])
		printf("%smin = %u; time = %u;", (any++) ? " " : "", t->c_cc[VMIN], t->c_cc[VTIME]);
	if (any)
		putchar('\n');
	for (size_t i = 0; i < sizeof(stty_order) / sizeof(stty_order[0]); i++)
		stty_show_flags(t, &sane, stty_order[i], all);
}

/* "^X", "^?", "^-", "undef", or one character. */
static int stty_parse_cc(const char *s, cc_t *out)
{
	if (strcmp(s, "undef") == 0 || strcmp(s, "^-") == 0)
		*out = 0;
	else if (s[0] == '^' && s[1] == '?' && !s[2])
		*out = 0x7f;
	else if (s[0] == '^' && s[1] && !s[2])
		*out = (cc_t)(s[1] & 0x1f);
	else if (s[0] && !s[1])
		*out = (cc_t)s[0];
	else
		return -1;
	return 0;
}

static int stty_number(const char *s, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return (s[0] == '\0' || *end || errno || *out < 0 || *out > max) ? -1 : 0;
}

static int stty_bad(const char *what, const char *arg)
{
	fprintf(stderr, "stty: %s '%s'\n", what, arg);
	return -1;
}

static void stty_raw(struct termios *t, int on)
{
	if (on) {
		t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | IGNPAR | INPCK | ISTRIP | INLCR |
					  IGNCR | ICRNL | IXON | IXOFF | IXANY | IMAXBEL);
		t->c_oflag &= ~(tcflag_t)OPOST;
		t->c_lflag &= ~(tcflag_t)(ISIG | ICANON);
		t->c_cc[VMIN] = 1;
		t->c_cc[VTIME] = 0;
	} else {
		t->c_iflag |= BRKINT | IGNPAR | ICRNL | IXON;
		t->c_oflag |= OPOST;
		t->c_lflag |= ISIG | ICANON;
		t->c_cc[VEOF] = 4;
		t->c_cc[VEOL] = 0;
	}
}

static int stty_set_flag(struct termios *t, const char *arg)
{
	int off = arg[0] == '-';
	const char *name = arg + off;

	for (size_t i = 0; i < STTY_NFLAGS; i++) {
		const struct stty_flag *f = &stty_flags[i];
		tcflag_t *p = stty_field(t, f->field);

		if (strcmp(f->name, name) != 0 || (off && f->mask == CSIZE))
			continue;
		*p = (*p & ~f->mask) | (off ? 0 : f->bits);
		return 0;
	}
	if (strcmp(name, "raw") == 0 || strcmp(arg, "cooked") == 0) {
		stty_raw(t, !off && name[0] == 'r');
		return 0;
	}
	if (strcmp(arg, "sane") == 0) {
		stty_sane(t);
		return 0;
	}
	return -1;
}

/* A setting with a value: a control character, min, time, rows, cols. */
static int stty_set_value(struct termios *t, struct winsize *ws, const char *name, const char *val)
{
	long n;

	for (size_t i = 0; i < STTY_NCC; i++)
		if (strcmp(name, stty_cc[i].name) == 0)
			return stty_parse_cc(val, &t->c_cc[stty_cc[i].index])
				   ? stty_bad("invalid control character", val)
				   : 0;
	if (stty_number(val, strcmp(name, "min") == 0 || strcmp(name, "time") == 0 ? 255 : 65535,
			&n))
		return stty_bad("invalid integer argument", val);
	if (strcmp(name, "min") == 0)
		t->c_cc[VMIN] = (cc_t)n;
	else if (strcmp(name, "time") == 0)
		t->c_cc[VTIME] = (cc_t)n;
	else if (strcmp(name, "rows") == 0)
		ws->ws_row = (unsigned short)n;
	else
		ws->ws_col = (unsigned short)n;
	return 0;
}

static int stty_takes_value(const char *name)
{
	static const char *const names[] = { "min", "time", "rows", "cols", "columns" };

	for (size_t i = 0; i < STTY_NCC; i++)
		if (strcmp(name, stty_cc[i].name) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int stty_fail(const char *what)
{
	fprintf(stderr, "stty: %s: %s\n", what, strerror(errno));
	return 1;
}

static int stty_apply(int fd, int argc, char **argv)
{
	struct termios t, old;
	struct winsize ws, oldws;

	if (tcgetattr(fd, &t) < 0 || ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return stty_fail(stty_dev);
	old = t;
	oldws = ws;
	for (int i = 0; i < argc; i++) {
		if (stty_takes_value(argv[i])) {
			if (i + 1 == argc)
				return stty_bad("missing argument to", argv[i]), 1;
			if (stty_set_value(&t, &ws, argv[i], argv[i + 1]))
				return 1;
			i++;
		} else if (stty_set_flag(&t, argv[i])) {
			return stty_bad("invalid argument", argv[i]), 1;
		}
	}
	if (memcmp(&t, &old, sizeof(t)) && tcsetattr(fd, TCSADRAIN, &t) < 0)
		return stty_fail(stty_dev);
	if ((ws.ws_row != oldws.ws_row || ws.ws_col != oldws.ws_col) &&
	    ioctl(fd, TIOCSWINSZ, &ws) < 0)
		return stty_fail(stty_dev);
	return 0;
}

int main(int argc, char **argv)
{
	int fd = 0, all = 0, i = 1;
	struct termios t;
	struct winsize ws;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-a") == 0 || strcmp(argv[i], "--all") == 0) {
			all = 1;
		} else if (strcmp(argv[i], "-F") == 0 && i + 1 < argc) {
			stty_dev = argv[++i];
			fd = open(stty_dev, O_RDWR | O_NOCTTY | O_NONBLOCK);
			if (fd < 0)
				return stty_fail(stty_dev);
		} else {
			break; /* a setting such as -echo */
		}
	}
	if (i < argc && strcmp(argv[i], "size") == 0 && i + 1 == argc) {
		if (ioctl(fd, TIOCGWINSZ, &ws) < 0)
			return stty_fail(stty_dev);
		printf("%u %u\n", ws.ws_row, ws.ws_col);
		return 0;
	}
	if (i < argc)
		return all ? (fprintf(stderr, "stty: -a takes no settings\n"), 1)
			   : stty_apply(fd, argc - i, argv + i);
	if (tcgetattr(fd, &t) < 0)
		return stty_fail(stty_dev);
	stty_show(fd, &t, all);
	return 0;
}
