/*
 * The fake process layer (kern/job.h) of the io module's host tests: the
 * caller is what io_job says; signals and background checks are recorded
 * there (see io_fixture.h). job_tty_check() decides as the core does: a
 * caller of the foreground group, or whose terminal it is not, goes on;
 * else its group gets the signal and the call says -EINTR.
 */
#include <stddef.h>
#include <string.h>

#include <kern/job.h>
#include <kern/tmr.h>
#include <kern/uptime.h>
#include <uapi/errno.h>

#include "io_fixture.h"

struct io_fixture_job io_job;

void io_fixture_job_reset(void)
{
	memset(&io_job, 0, sizeof(io_job));
}

long job_pgrp(void)
{
	return io_job.pgrp;
}

long job_session(void)
{
	return io_job.sid;
}

void *job_ctty(void)
{
	return io_job.ctty;
}

int job_set_ctty(void *tty, long owner_sid)
{
	if (!io_job.leader || (io_job.ctty && io_job.ctty != tty) ||
	    (owner_sid && owner_sid != io_job.sid))
		return -EPERM;
	io_job.ctty = tty;
	return 0;
}

void job_clear_ctty(void *tty)
{
	if (io_job.ctty == tty)
		io_job.ctty = NULL;
}

void job_set_ttydev(long (*fn)(const void *tty))
{
	(void)fn;
}

void job_drop_ctty(void)
{
	io_job.ctty = NULL;
}

int job_session_leader(void)
{
	return io_job.leader;
}

/* kern/uptime.h: the tty logs its first interactive read with it. */
uint64_t kern_uptime_ms(void)
{
	return 0;
}

/* kern/uptime.h: file times, from the fake tmr_now_ns(). */
uint64_t kern_realtime_ns(void)
{
	return tmr_now_ns();
}

int job_pgrp_in_session(long pgid, long sid)
{
	for (unsigned i = 0; i < 8; i++)
		if (io_job.groups[i][0] == pgid && io_job.groups[i][1] == sid)
			return 1;
	return 0;
}

int job_signal_pgrp(long pgid, int sig)
{
	if (io_job.nsig < 32) {
		io_job.sig_pgrp[io_job.nsig] = pgid;
		io_job.sig[io_job.nsig] = sig;
		io_job.nsig++;
	}
	return 1;
}

int job_tty_check(void *tty, long fg_pgid, int sig)
{
	io_job.nchecks++;
	io_job.check_fg = fg_pgid;
	io_job.check_sig = sig;
	if (io_job.ctty != tty || fg_pgid == 0 || io_job.pgrp == fg_pgid)
		return 0;
	job_signal_pgrp(io_job.pgrp, sig);
	return -EINTR;
}

void job_set_hangup(void (*fn)(void *tty))
{
	io_job.hangup = fn;
}
