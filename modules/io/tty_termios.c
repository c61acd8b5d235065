/*
 * The terminal ioctls (uapi/ioctl.h): the settings (TCGETS, TCSETS*,
 * TCFLSH), the window size, FIONREAD and job control (TIOCSCTTY,
 * TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID). Copies to and from user
 * memory are made with no lock held; the process layer (kern/job.h) is
 * called with at most tty::ctl.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/job.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#include "tty.h"

static long tt_getattr(struct tty *tp, uint64_t arg)
{
	struct termios t;

	spin_lock(&tp->lock);
	t = tp->t;
	spin_unlock(&tp->lock);
	return copyout(arg, &t, sizeof(t));
}

static long tt_setattr(struct tty *tp, unsigned long cmd, uint64_t arg)
{
	struct termios t;
	int rc = tty_bg_check(tp, SIGTTOU);

	if (rc == 0)
		rc = copyin(&t, arg, sizeof(t));
	if (rc)
		return rc;
	spin_lock(&tp->lock);
	if ((tp->t.c_lflag & ICANON) && !(t.c_lflag & ICANON))
		tp->canon = tp->tail; /* the line being edited becomes readable */
	if (cmd == TCSETSF)
		tty_flush_input(tp);
	if (!(t.c_iflag & IXON))
		tp->stopped = 0;
	tp->t = t;
	spin_unlock(&tp->lock);
	thr_wakeup(&tp->head); /* VMIN, VTIME or the mode changed */
	thr_wakeup(&tp->stopped);
	return 0;
}

static long tt_flush(struct tty *tp, uint64_t arg)
{
	int rc;

	if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
		return -EINVAL;
	rc = tty_bg_check(tp, SIGTTOU);
	if (rc)
		return rc;
	/* Output is written through at once: only input can be pending. */
	spin_lock(&tp->lock);
	if (arg != TCOFLUSH)
		tty_flush_input(tp);
	spin_unlock(&tp->lock);
	return 0;
}

static long tt_winsize(struct tty *tp, unsigned long cmd, uint64_t arg)
{
	struct winsize ws;
	long pg = 0;
	int rc;

	if (cmd == TIOCGWINSZ) {
		spin_lock(&tp->lock);
		ws = tp->ws;
		spin_unlock(&tp->lock);
		return copyout(arg, &ws, sizeof(ws));
	}
	rc = copyin(&ws, arg, sizeof(ws));
	if (rc)
		return rc;
	spin_lock(&tp->lock);
	if (ws.ws_row != tp->ws.ws_row || ws.ws_col != tp->ws.ws_col)
		pg = tp->pgrp;
	tp->ws = ws;
	spin_unlock(&tp->lock);
	if (pg > 0)
		job_signal_pgrp(pg, SIGWINCH);
	return 0;
}

static long tt_nread(struct tty *tp, uint64_t arg)
{
	int n = 0;

	spin_lock(&tp->lock);
	for (size_t i = tp->head, end = tp->head + tty_ready(tp); i != end; i++)
		n += !(tp->ring[i % TTY_BUF] & TTY_EOFMARK);
	spin_unlock(&tp->lock);
	return copyout(arg, &n, sizeof(n));
}

/* The terminal's session, or 0 when it is not the caller's controlling one. */
static long tt_my_session(struct tty *tp)
{
	long sid;

	if (job_ctty() != tp)
		return 0;
	spin_lock(&tp->lock);
	sid = tp->sid;
	spin_unlock(&tp->lock);
	return sid == job_session() ? sid : 0;
}

static long tt_sctty(struct tty *tp)
{
	long sid;
	int rc;

	mutex_lock(&tp->ctl);
	spin_lock(&tp->lock);
	sid = tp->sid;
	spin_unlock(&tp->lock);
	rc = job_set_ctty(tp, sid);
	if (rc == 0) {
		spin_lock(&tp->lock);
		if (tp->sid != job_session()) {
			tp->sid = job_session();
			tp->pgrp = job_pgrp();
		}
		spin_unlock(&tp->lock);
	}
	mutex_unlock(&tp->ctl);
	return rc;
}

/*
 * TIOCNOTTY. The session leader gives the terminal up for the whole
 * session (a hangup of its foreground group); another member gives it up
 * for itself alone.
 */
static long tt_notty(struct tty *tp)
{
	long sid = tt_my_session(tp);

	if (sid == 0)
		return -ENOTTY;
	if (!job_session_leader()) {
		job_drop_ctty();
		return 0;
	}
	tty_hangup(tp);
	job_clear_ctty(tp);
	return 0;
}

static long tt_spgrp(struct tty *tp, uint64_t arg)
{
	long sid = tt_my_session(tp);
	int32_t pg;
	int rc;

	if (sid == 0)
		return -ENOTTY;
	rc = tty_bg_check(tp, SIGTTOU);
	if (rc == 0)
		rc = copyin(&pg, arg, sizeof(pg));
	if (rc)
		return rc;
	if (pg <= 0)
		return -EINVAL;
	if (!job_pgrp_in_session(pg, sid))
		return -EPERM;
	spin_lock(&tp->lock);
	tp->pgrp = pg;
	spin_unlock(&tp->lock);
	return 0;
}

static long tt_getid(struct tty *tp, unsigned long cmd, uint64_t arg)
{
	int32_t v;

	if (tt_my_session(tp) == 0)
		return -ENOTTY;
	spin_lock(&tp->lock);
	v = (int32_t)(cmd == TIOCGSID ? tp->sid : tp->pgrp);
	spin_unlock(&tp->lock);
	return copyout(arg, &v, sizeof(v));
}

long tty_ioctl(struct tty *tp, struct file *f, unsigned long cmd, uint64_t arg)
{
	(void)f;
	switch (cmd) {
	case TCGETS:
		return tt_getattr(tp, arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tt_setattr(tp, cmd, arg);
	case TCFLSH:
		return tt_flush(tp, arg);
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		return tt_winsize(tp, cmd, arg);
	case FIONREAD:
		return tt_nread(tp, arg);
	case TIOCSCTTY:
		return tt_sctty(tp);
	case TIOCNOTTY:
		return tt_notty(tp);
	case TIOCSPGRP:
		return tt_spgrp(tp, arg);
	case TIOCGPGRP:
	case TIOCGSID:
		return tt_getid(tp, cmd, arg);
	default:
		return -ENOTTY;
	}
}
