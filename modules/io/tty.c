/*
 * The terminal layer's core (tty.h): the defaults, read() with canonical
 * lines and VMIN/VTIME, write() with output processing and ^S/^Q, the
 * background checks and the controlling terminal. Input processing is in
 * tty_ldisc.c, the ioctls in tty_termios.c, the console in tty_cons.c.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/file.h>
#include <kern/job.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/uptime.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>

#include "tty.h"

#define TTY_CHUNK   256		 /* bytes moved per round of a read or write */
#define TTY_DECISEC 100000000ull /* ns in a tenth of a second (VTIME) */
#define TTY_ROWS    25
#define TTY_COLS    80

/* Linux's console: ^C ^\ DEL ^U ^D 0 1 0 ^Q ^S ^Z 0 ^R ^O ^W ^V. */
static const uint8_t tty_default_cc[NCCS] = {
	[VINTR] = 0x03, [VQUIT] = 0x1c,	   [VERASE] = 0x7f, [VKILL] = 0x15,   [VEOF] = 0x04,
	[VTIME] = 0,	[VMIN] = 1,	   [VSTART] = 0x11, [VSTOP] = 0x13,   [VSUSP] = 0x1a,
	[VEOL] = 0,	[VREPRINT] = 0x12, [13] = 0x0f,	    [VWERASE] = 0x17, [VLNEXT] = 0x16,
};

void tty_init(struct tty *tp, const char *name, void (*out)(const char *s, size_t n))
{
	struct mutex m = MUTEX_INIT("tty");
	struct spinlock l = SPINLOCK_INIT("tty");

	tp->name = name;
	tp->out = out;
	tp->rlock = tp->wlock = tp->ctl = m;
	tp->lock = l;
	tp->t.c_iflag = ICRNL | IXON;
	tp->t.c_oflag = OPOST | ONLCR;
	tp->t.c_cflag = B115200 | CS8 | CREAD | HUPCL;
	tp->t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	tp->t.c_line = 0;
	for (unsigned i = 0; i < NCCS; i++)
		tp->t.c_cc[i] = tty_default_cc[i];
	tp->ws.ws_row = TTY_ROWS;
	tp->ws.ws_col = TTY_COLS;
	tp->ws.ws_xpixel = tp->ws.ws_ypixel = 0;
	tp->sid = tp->pgrp = 0;
	tp->head = tp->canon = tp->tail = 0;
	tp->lnext = tp->stopped = 0;
}

int tty_bg_check(struct tty *tp, int sig)
{
	long fg;

	spin_lock(&tp->lock);
	fg = tp->pgrp;
	spin_unlock(&tp->lock);
	return job_tty_check(tp, fg, sig);
}

void tty_auto_ctty(struct tty *tp, struct file *f)
{
	long sid;

	if ((f->flags & O_NOCTTY) || job_ctty() != NULL || job_session() == 0)
		return;
	mutex_lock(&tp->ctl);
	spin_lock(&tp->lock);
	sid = tp->sid;
	spin_unlock(&tp->lock);
	if (sid == 0 && job_set_ctty(tp, 0) == 0) {
		spin_lock(&tp->lock);
		tp->sid = job_session();
		tp->pgrp = job_pgrp();
		spin_unlock(&tp->lock);
	}
	mutex_unlock(&tp->ctl);
}

void tty_hangup(void *tty)
{
	struct tty *tp = tty;
	long pg;

	mutex_lock(&tp->ctl);
	spin_lock(&tp->lock);
	pg = tp->pgrp;
	tp->sid = tp->pgrp = 0;
	spin_unlock(&tp->lock);
	mutex_unlock(&tp->ctl);
	if (pg > 0) {
		job_signal_pgrp(pg, SIGHUP);
		job_signal_pgrp(pg, SIGCONT);
	}
	thr_wakeup(&tp->head);
}

/*
 * Take up to @max readable bytes. Canonical: at most one line, whose
 * delimiter sets *done (an EOF mark is consumed, not returned).
 */
static size_t tty_take(struct tty *tp, char *buf, size_t max, int *done)
{
	size_t n = 0, end = (tp->t.c_lflag & ICANON) ? tp->canon : tp->tail;

	while (n < max && tp->head != end) {
		uint16_t e = tp->ring[tp->head % TTY_BUF];

		tp->head++;
		if (!(e & TTY_EOFMARK))
			buf[n++] = (char)e;
		if (e & TTY_DELIM) {
			*done = 1;
			break;
		}
	}
	return n;
}

/* Sleep until input arrives (or @ns pass; 0: the backstop only). */
static int tty_wait_input(struct tty *tp, struct file *f, uint64_t ns)
{
	uint64_t irq = arch_irq_save();
	int rc = 0;

	spin_lock(&tp->lock);
	if (tty_ready(tp) == 0) {
		spin_unlock(&tp->lock);
		if (f->flags & O_NONBLOCK)
			rc = -EAGAIN;
		else
			rc = thr_sleep_sig(&tp->head, NULL,
					   ns && ns < TTY_BACKSTOP ? ns : TTY_BACKSTOP);
	} else {
		spin_unlock(&tp->lock);
	}
	arch_irq_restore(irq);
	return rc == -ETIMEDOUT ? 0 : rc;
}

/* What a read waits for, from VMIN/VTIME (non-canonical) or a line. */
struct tty_rd {
	int canon;	   /* a line, or the VMIN/VTIME rules */
	unsigned min;	   /* VMIN, at most the bytes asked for */
	uint64_t time;	   /* VTIME in ns (0: none) */
	uint64_t deadline; /* when the wait ends (0: none yet) */
};

static void tty_rd_start(struct tty *tp, struct tty_rd *r, size_t want)
{
	spin_lock(&tp->lock);
	r->canon = (tp->t.c_lflag & ICANON) != 0;
	r->min = tp->t.c_cc[VMIN];
	r->time = tp->t.c_cc[VTIME] * TTY_DECISEC;
	spin_unlock(&tp->lock);
	if (r->min > want)
		r->min = (unsigned)want;
	r->deadline = r->time && r->min == 0 ? tmr_now_ns() + r->time : 0;
}

/* Has the read got what it waits for? @got: bytes so far; @now: a new byte came. */
static int tty_rd_done(struct tty_rd *r, size_t got, int line_done, int fresh)
{
	uint64_t now = tmr_now_ns();

	if (r->canon)
		return line_done;
	if (r->min == 0)
		return got > 0 || r->time == 0 || now >= r->deadline;
	if (got >= r->min)
		return 1;
	if (r->time && fresh)
		r->deadline = now + r->time; /* the inter-byte timer restarts */
	return r->deadline && now >= r->deadline;
}

/* Time left before the read's deadline (0: no deadline). */
static uint64_t tty_rd_left(const struct tty_rd *r)
{
	uint64_t now = tmr_now_ns();

	if (r->deadline == 0)
		return 0;
	return r->deadline > now ? r->deadline - now : 1;
}

static long tty_read_loop(struct tty *tp, struct file *f, struct uio *uio)
{
	struct tty_rd r;
	char buf[TTY_CHUNK];
	long got = 0;
	int done = 0, rc;

	tty_rd_start(tp, &r, uio->resid);
	for (;;) {
		size_t n, want = uio->resid < sizeof(buf) ? uio->resid : sizeof(buf);
		long m;

		spin_lock(&tp->lock);
		n = tty_take(tp, buf, want, &done);
		spin_unlock(&tp->lock);
		m = n ? uio_move(buf, n, uio, 1) : 0;
		if (m < 0)
			return got ? got : m;
		got += m;
		if (uio->resid == 0 || tty_rd_done(&r, (size_t)got, done || (n && n < want), n > 0))
			return got;
		if (n == want)
			continue;
		rc = tty_wait_input(tp, f, tty_rd_left(&r));
		if (rc == 0 && got == 0)
			rc = tty_bg_check(tp, SIGTTIN);
		if (rc)
			return got ? got : rc;
	}
}

long tty_read(struct tty *tp, struct file *f, struct uio *uio)
{
	long rc;

	if (uio->resid == 0)
		return 0;
	rc = tty_bg_check(tp, SIGTTIN);
	if (rc)
		return rc;
	/* The first read by the leader of the terminal's session (the login
	 * shell at its prompt) is the boot reaching an interactive prompt: say
	 * when (make bench reports it). */
	if (!__atomic_load_n(&tp->prompted, __ATOMIC_RELAXED) && job_ctty() == tp &&
	    job_session_leader() && !__atomic_exchange_n(&tp->prompted, 1, __ATOMIC_ACQ_REL))
		pr_debug("%s: first read by its session leader %lu ms after the kernel started\n",
			 tp->name, kern_uptime_ms());
	mutex_lock(&tp->rlock);
	rc = tty_read_loop(tp, f, uio);
	mutex_unlock(&tp->rlock);
	return rc;
}

/* While ^S holds the output: sleep. */
static int tty_wait_start(struct tty *tp)
{
	for (;;) {
		uint64_t irq = arch_irq_save();
		int stopped, rc = 0;

		spin_lock(&tp->lock);
		stopped = tp->stopped;
		spin_unlock(&tp->lock);
		if (stopped)
			rc = thr_sleep_sig(&tp->stopped, NULL, TTY_BACKSTOP);
		arch_irq_restore(irq);
		if (!stopped)
			return 0;
		if (rc == -EINTR)
			return rc;
	}
}

static long tty_write_chunk(struct tty *tp, const char *in, size_t n)
{
	char out[2 * TTY_CHUNK];
	size_t k = 0;
	struct termios t;
	int rc = tty_wait_start(tp);

	if (rc)
		return rc;
	spin_lock(&tp->lock);
	t = tp->t;
	spin_unlock(&tp->lock);
	for (size_t i = 0; i < n; i++)
		k += tty_opost(&t, in[i], out + k);
	tp->out(out, k);
	return (long)n;
}

long tty_write(struct tty *tp, struct file *f, struct uio *uio)
{
	char buf[TTY_CHUNK];
	long done = 0, rc = 0;
	int tostop;

	(void)f;
	spin_lock(&tp->lock);
	tostop = (tp->t.c_lflag & TOSTOP) != 0;
	spin_unlock(&tp->lock);
	if (tostop && (rc = tty_bg_check(tp, SIGTTOU)) != 0)
		return rc;
	mutex_lock(&tp->wlock);
	while (uio->resid > 0) {
		long m = uio_move(buf, sizeof(buf), uio, 0);

		if (m <= 0 || (rc = tty_write_chunk(tp, buf, (size_t)m)) < 0) {
			rc = m < 0 ? m : rc;
			break;
		}
		done += m;
	}
	mutex_unlock(&tp->wlock);
	return done ? done : rc;
}
