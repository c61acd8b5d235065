/*
 * edit.c: the line editor, used when standard input is a terminal. The
 * terminal goes to raw mode while a line is typed (no echo, no signals:
 * ^C is handled here, by discarding the line) and back to the shell's
 * settings before anything runs. The screen is redrawn with VT100
 * sequences only: CR, ESC [ K (clear to the end), ESC [ n D (back).
 * The keys are listed in doc/shell.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"

struct ed {
	struct sh_buf line;
	size_t cur;
	const char *prompt;
	int hpos;    /* 0: the line being typed; n: the nth newest history line */
	char *saved; /* the line being typed, while walking history */
};

static void ed_out(const char *s, size_t n)
{
	(void)!write(2, s, n);
}

static void ed_redraw(struct ed *e)
{
	struct sh_buf b = { 0 };
	char tmp[24];

	sh_buf_adds(&b, "\r");
	sh_buf_adds(&b, e->prompt);
	if (e->line.len)
		sh_buf_add(&b, e->line.s, e->line.len);
	sh_buf_adds(&b, "\033[K");
	if (e->line.len > e->cur) {
		snprintf(tmp, sizeof(tmp), "\033[%zuD", e->line.len - e->cur);
		sh_buf_adds(&b, tmp);
	}
	ed_out(b.s, b.len);
	free(b.s);
}

static void ed_set(struct ed *e, const char *s)
{
	e->line.len = 0;
	sh_buf_adds(&e->line, s ? s : "");
	e->cur = e->line.len;
}

static void ed_insert(struct ed *e, const char *s, size_t n)
{
	struct sh_buf b = { 0 };

	sh_buf_add(&b, e->line.s ? e->line.s : "", e->cur);
	sh_buf_add(&b, s, n);
	if (e->line.len > e->cur)
		sh_buf_add(&b, e->line.s + e->cur, e->line.len - e->cur);
	free(e->line.s);
	e->line = b;
	e->cur += n;
}

/* Delete the bytes [from, to) of the line. */
static void ed_delete(struct ed *e, size_t from, size_t to)
{
	if (to > e->line.len)
		to = e->line.len;
	if (from >= to)
		return;
	memmove(e->line.s + from, e->line.s + to, e->line.len - to + 1);
	e->line.len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

static void ed_history(struct ed *e, int dir)
{
	int to = e->hpos + dir;

	if (to < 0 || to > sh_hist_count())
		return;
	if (e->hpos == 0) {
		free(e->saved);
		e->saved = sh_strdup(e->line.s ? e->line.s : "");
	}
	e->hpos = to;
	ed_set(e, to ? sh_hist_get(to) : e->saved);
}

static void ed_word_back(struct ed *e)
{
	size_t k = e->cur;

	while (k > 0 && e->line.s[k - 1] == ' ')
		k--;
	while (k > 0 && e->line.s[k - 1] != ' ')
		k--;
	ed_delete(e, k, e->cur);
}

static int ed_getc(void)
{
	unsigned char c;

	for (;;) {
		ssize_t got = read(0, &c, 1);

		if (got == 1)
			return c;
		if (got < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/* After ESC: arrows, Home/End, Delete (ESC [ x, ESC [ n ~, ESC O x). */
static void ed_escape(struct ed *e)
{
	int c = ed_getc(), n = 0;

	if (c != '[' && c != 'O')
		return;
	while ((c = ed_getc()) >= '0' && c <= '9')
		n = n * 10 + c - '0';
	if (c == '~')
		c = n == 1 || n == 7 ? 'H' : n == 4 || n == 8 ? 'F' : n == 3 ? 'X' : 0;
	switch (c) {
	case 'A':
		ed_history(e, 1);
		break;
	case 'B':
		ed_history(e, -1);
		break;
	case 'C':
		e->cur += e->cur < e->line.len;
		break;
	case 'D':
		e->cur -= e->cur > 0;
		break;
	case 'H':
		e->cur = 0;
		break;
	case 'F':
		e->cur = e->line.len;
		break;
	case 'X':
		ed_delete(e, e->cur, e->cur + 1);
		break;
	}
}

/* The control keys that move the cursor or change the line. */
static void ed_control(struct ed *e, int c, int again)
{
	switch (c) {
	case 0x7f:
	case 8:
		ed_delete(e, e->cur - (e->cur > 0), e->cur);
		break;
	case 1:
		e->cur = 0;
		break;
	case 5:
		e->cur = e->line.len;
		break;
	case 2:
		e->cur -= e->cur > 0;
		break;
	case 6:
		e->cur += e->cur < e->line.len;
		break;
	case 11:
		ed_delete(e, e->cur, e->line.len);
		break;
	case 21:
		ed_delete(e, 0, e->cur);
		break;
	case 23:
		ed_word_back(e);
		break;
	case 12:
		ed_out("\033[H\033[2J", 7);
		break;
	case 16:
		ed_history(e, 1);
		break;
	case 14:
		ed_history(e, -1);
		break;
	case 9:
		sh_complete(&e->line, &e->cur, again);
		break;
	case 27:
		ed_escape(e);
		break;
	}
}

/* One key; 1: the line is done, 0: go on, -1: ^C, -2: end of input. */
static int ed_key(struct ed *e, int c, int again)
{
	if (c == -1)
		return e->line.len ? 1 : -2;
	if (c == '\r' || c == '\n')
		return 1;
	if (c == 3)
		return -1;
	if (c == 4 && !e->line.len)
		return -2;
	if (c == 4)
		ed_delete(e, e->cur, e->cur + 1);
	else if (c >= 0x20 && c != 0x7f) {
		char ch = (char)c;

		ed_insert(e, &ch, 1);
		if (e->cur == e->line.len) {
			ed_out(&ch, 1);
			return 0;
		}
	} else
		ed_control(e, c, again);
	ed_redraw(e);
	return 0;
}

/* Read a line with editing: 1 (line + '\n' in out), 0 end of input, -1 ^C. */
int sh_edit_read(const char *prompt, struct sh_buf *out)
{
	struct termios raw = sh_tmodes;
	struct ed e = { .prompt = prompt };
	int rc = 0, c, last = 0;

	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | IGNCR | ISTRIP);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(sh.tty, TCSADRAIN, &raw) < 0) {
		ed_out(prompt, strlen(prompt));
		return sh_read_plain_line(out);
	}
	ed_out(prompt, strlen(prompt));
	do {
		c = ed_getc();
		rc = ed_key(&e, c, last == 9 && c == 9);
		last = c;
	} while (rc == 0);
	tcsetattr(sh.tty, TCSADRAIN, &sh_tmodes);
	if (rc == -1)
		ed_out("^C\n", 3);
	else
		ed_out("\n", 1);
	if (rc == 1) {
		sh_buf_add(out, e.line.s ? e.line.s : "", e.line.len);
		sh_buf_addc(out, '\n');
	}
	free(e.line.s);
	free(e.saved);
	return rc == 1 ? 1 : rc == -1 ? -1 : 0;
}
