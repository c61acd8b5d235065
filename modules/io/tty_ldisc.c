/*
 * The input side of the line discipline (POSIX termios, "General Terminal
 * Interface"): input modes (ISTRIP, INLCR, IGNCR, ICRNL, IXON/IXANY), the
 * signal characters (ISIG), canonical editing (ERASE, WERASE, KILL,
 * REPRINT, LNEXT, EOF, EOL, NL) and the echo (ECHO, ECHOE, ECHOK, ECHOKE,
 * ECHONL, ECHOCTL). Everything here runs under tty::lock; echo and
 * signals are gathered in a struct tty_burst and sent by tty_input().
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/job.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <uapi/signal.h>

#include "ev.h"
#include "tty.h"

#define LD_DEL	0x7f
#define LD_BS	0x08
#define LD_BELL 0x07

#define LF(tp, f) ((tp)->t.c_lflag & (f))
#define IF(tp, f) ((tp)->t.c_iflag & (f))
/* c_cc[i] names the byte c (a 0 entry is disabled, POSIX's _POSIX_VDISABLE). */
#define CC(tp, i, c) ((tp)->t.c_cc[i] != 0 && (tp)->t.c_cc[i] == (c))

size_t tty_opost(const struct termios *t, char c, char *dst)
{
	if (t->c_oflag & OPOST) {
		if (c == '\n' && (t->c_oflag & ONLCR)) {
			dst[0] = '\r';
			dst[1] = '\n';
			return 2;
		}
		if (c == '\r' && (t->c_oflag & OCRNL))
			c = '\n';
	}
	dst[0] = c;
	return 1;
}

static void ld_out(struct tty *tp, struct tty_burst *b, char c)
{
	if (b->nec + 2 > sizeof(b->echo)) {
		tp->out(b->echo, b->nec);
		b->nec = 0;
	}
	b->nec += tty_opost(&tp->t, c, b->echo + b->nec);
}

static void ld_outs(struct tty *tp, struct tty_burst *b, const char *s)
{
	while (*s)
		ld_out(tp, b, *s++);
}

static int ld_is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == LD_DEL;
}

/* Echo one input byte as the settings say (ECHO already checked). */
static void ld_echo_char(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	if (ld_is_ctl(c) && LF(tp, ECHOCTL)) {
		ld_out(tp, b, '^');
		ld_out(tp, b, (char)(c ^ 0x40));
	} else {
		ld_out(tp, b, (char)c);
	}
}

void tty_flush_input(struct tty *tp)
{
	tp->head = tp->canon = tp->tail;
	tp->lnext = 0;
}

size_t tty_ready(const struct tty *tp)
{
	return (LF(tp, ICANON) ? tp->canon : tp->tail) - tp->head;
}

static uint16_t ld_last(const struct tty *tp)
{
	return tp->ring[(tp->tail - 1) % TTY_BUF];
}

/* Erase the last byte of the line being edited, on the screen too. */
static int ld_rubout(struct tty *tp, struct tty_burst *b, int visual)
{
	unsigned char c;

	if (tp->tail == tp->canon)
		return 0;
	c = (unsigned char)ld_last(tp);
	tp->tail--;
	if (!LF(tp, ECHO))
		return 1;
	if (visual) {
		int w = ld_is_ctl(c) && LF(tp, ECHOCTL) ? 2 : 1;

		for (int i = 0; i < w; i++)
			ld_outs(tp, b, "\b \b");
	}
	return 1;
}

static void ld_erase(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	if (ld_rubout(tp, b, LF(tp, ECHOE) != 0) && LF(tp, ECHO) && !LF(tp, ECHOE))
		ld_echo_char(tp, b, c);
}

static int ld_space(uint16_t e)
{
	return (e & 0xff) == ' ' || (e & 0xff) == '\t';
}

static void ld_werase(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	int any = 0, visual = LF(tp, ECHOE) != 0;

	while (tp->tail != tp->canon && ld_space(ld_last(tp)))
		any |= ld_rubout(tp, b, visual);
	while (tp->tail != tp->canon && !ld_space(ld_last(tp)))
		any |= ld_rubout(tp, b, visual);
	if (any && LF(tp, ECHO) && !visual)
		ld_echo_char(tp, b, c);
}

static void ld_kill(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	int visual = LF(tp, ECHOKE) && LF(tp, ECHOE);

	if (tp->tail == tp->canon && visual)
		return;
	while (tp->tail != tp->canon)
		ld_rubout(tp, b, visual);
	if (!visual && LF(tp, ECHO)) {
		ld_echo_char(tp, b, c);
		if (LF(tp, ECHOK))
			ld_out(tp, b, '\n');
	}
}

static void ld_reprint(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	if (!LF(tp, ECHO))
		return;
	ld_echo_char(tp, b, c);
	ld_out(tp, b, '\n');
	for (size_t i = tp->canon; i != tp->tail; i++)
		ld_echo_char(tp, b, (unsigned char)tp->ring[i % TTY_BUF]);
}

/* Put @e in the ring; a delimiter completes the line. */
static void ld_put(struct tty *tp, struct tty_burst *b, uint16_t e)
{
	size_t used = tp->tail - tp->head;
	int canon = LF(tp, ICANON) != 0;

	/* In canonical mode the last entry stays free for the line's end. */
	if (used >= TTY_BUF || (canon && !(e & TTY_DELIM) && used >= TTY_BUF - 1)) {
		if (IF(tp, IMAXBEL) && LF(tp, ECHO))
			ld_out(tp, b, LD_BELL);
		return;
	}
	tp->ring[tp->tail++ % TTY_BUF] = e;
	if (!canon || (e & TTY_DELIM)) {
		tp->canon = tp->tail;
		b->wake |= 1;
	}
}

static int ld_signal(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	int sig = CC(tp, VINTR, c)   ? SIGINT
		  : CC(tp, VQUIT, c) ? SIGQUIT
		  : CC(tp, VSUSP, c) ? SIGTSTP
				     : 0;

	if (sig == 0)
		return 0;
	if (!LF(tp, NOFLSH))
		tty_flush_input(tp);
	if (tp->stopped) {
		tp->stopped = 0;
		b->wake |= 2;
	}
	if (LF(tp, ECHO))
		ld_echo_char(tp, b, c);
	b->sig = sig;
	b->pgrp = tp->pgrp;
	return 1;
}

/* IXON: START and STOP control the output and are not input. */
static int ld_flow(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	if (!IF(tp, IXON))
		return 0;
	if (CC(tp, VSTOP, c)) {
		tp->stopped = 1;
		return 1;
	}
	if (CC(tp, VSTART, c) || (tp->stopped && IF(tp, IXANY))) {
		if (tp->stopped)
			b->wake |= 2;
		tp->stopped = 0;
		return CC(tp, VSTART, c);
	}
	return 0;
}

/* The editing characters of canonical mode; 1 when @c was one. */
static int ld_edit(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	int ext = LF(tp, IEXTEN) != 0;

	if (CC(tp, VERASE, c) || c == LD_BS)
		ld_erase(tp, b, c);
	else if (CC(tp, VKILL, c))
		ld_kill(tp, b, c);
	else if (ext && CC(tp, VWERASE, c))
		ld_werase(tp, b, c);
	else if (ext && CC(tp, VREPRINT, c))
		ld_reprint(tp, b, c);
	else if (CC(tp, VEOF, c))
		ld_put(tp, b, TTY_DELIM | TTY_EOFMARK | c);
	else
		return 0;
	return 1;
}

/* A byte that is data (possibly a line's end): echo it and queue it. */
static void ld_data(struct tty *tp, struct tty_burst *b, unsigned char c)
{
	int canon = LF(tp, ICANON) != 0;
	int delim = canon && (c == '\n' || CC(tp, VEOL, c));

	if (c == '\n' && (LF(tp, ECHO) || LF(tp, ECHONL)))
		ld_out(tp, b, '\n');
	else if (LF(tp, ECHO))
		ld_echo_char(tp, b, c);
	ld_put(tp, b, (uint16_t)(c | (delim ? TTY_DELIM : 0)));
}

static int ld_iflag(struct tty *tp, unsigned char *c)
{
	if (IF(tp, ISTRIP))
		*c &= 0x7f;
	if (*c == '\r') {
		if (IF(tp, IGNCR))
			return 0;
		if (IF(tp, ICRNL))
			*c = '\n';
	} else if (*c == '\n' && IF(tp, INLCR)) {
		*c = '\r';
	}
	return 1;
}

void tty_ldisc_byte(struct tty *tp, unsigned char c, struct tty_burst *b)
{
	if (tp->lnext) { /* ^V: literal, only ISTRIP applies */
		tp->lnext = 0;
		if (LF(tp, ECHO) && LF(tp, ECHOCTL))
			ld_outs(tp, b, "\b");
		if (IF(tp, ISTRIP))
			c &= 0x7f;
		if (LF(tp, ECHO))
			ld_echo_char(tp, b, c);
		ld_put(tp, b, c);
		return;
	}
	if (!ld_iflag(tp, &c) || ld_flow(tp, b, c))
		return;
	if (LF(tp, ISIG) && ld_signal(tp, b, c))
		return;
	if (LF(tp, ICANON) && LF(tp, IEXTEN) && CC(tp, VLNEXT, c)) {
		tp->lnext = 1;
		if (LF(tp, ECHO) && LF(tp, ECHOCTL))
			ld_outs(tp, b, "^");
		return;
	}
	if (LF(tp, ICANON) && ld_edit(tp, b, c))
		return;
	ld_data(tp, b, c);
}

void tty_input(struct tty *tp, const char *s, size_t n)
{
	struct tty_burst b;

	b.nec = 0;
	b.sig = 0;
	b.pgrp = 0;
	b.wake = 0;
	ev_input(s, n);
	spin_lock(&tp->lock);
	for (size_t i = 0; i < n; i++) {
		if (tp->t.c_cflag & CREAD)
			tty_ldisc_byte(tp, (unsigned char)s[i], &b);
		if (b.sig && b.pgrp > 0) {
			spin_unlock(&tp->lock);
			job_signal_pgrp(b.pgrp, b.sig);
			spin_lock(&tp->lock);
		}
		b.sig = 0;
	}
	if (b.nec)
		tp->out(b.echo, b.nec);
	spin_unlock(&tp->lock);
	if (b.wake & 1)
		thr_wakeup(&tp->head);
	if (b.wake & 2)
		thr_wakeup(&tp->stopped);
}
