/*
 * tty.c: the shell and its terminal. An interactive shell puts itself in
 * a process group of its own, takes the terminal's foreground and ignores
 * the terminal's signals; its children get the defaults back. If the
 * kernel cannot do job control (tcsetpgrp or setpgid fail), the shell
 * still works, as a plain shell without jobs in process groups of their own.
 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "exec.h"

struct termios sh_tmodes;
int sh_have_tmodes;
static int tty_ignored;
static const int tty_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGTERM };

static int tty_jobctl(void)
{
	pid_t fg;

	for (int tries = 0; tries < 50; tries++) {
		fg = tcgetpgrp(sh.tty);
		if (fg < 0)
			return 0;
		if (fg == getpgrp())
			break;
		kill(-getpgrp(), SIGTTIN); /* in the background: wait to be resumed */
	}
	for (size_t i = 0; i < sizeof(tty_signals) / sizeof(tty_signals[0]); i++)
		signal(tty_signals[i], SIG_IGN);
	tty_ignored = 1;
	if (getpgrp() != getpid() && setpgid(0, 0) < 0)
		return 0;
	sh.pgid = getpid();
	return tcsetpgrp(sh.tty, sh.pgid) == 0;
}

void sh_tty_init(void)
{
	if (!isatty(0) || !isatty(2))
		return;
	sh.tty = fcntl(0, F_DUPFD_CLOEXEC, 10);
	if (sh.tty < 0)
		sh.tty = 0;
	sh_have_tmodes = tcgetattr(sh.tty, &sh_tmodes) == 0;
	sh.jobctl = tty_jobctl();
	if (!tty_ignored) {
		for (size_t i = 0; i < sizeof(tty_signals) / sizeof(tty_signals[0]); i++)
			signal(tty_signals[i], SIG_IGN);
		tty_ignored = 1;
	}
}

/* After a foreground job: the terminal and its settings back to the shell. */
void sh_tty_take(void)
{
	if (sh.jobctl)
		tcsetpgrp(sh.tty, sh.pgid);
	if (sh_have_tmodes)
		tcsetattr(sh.tty, TCSADRAIN, &sh_tmodes);
}

void sh_signals_child(void)
{
	if (!tty_ignored)
		return;
	for (size_t i = 0; i < sizeof(tty_signals) / sizeof(tty_signals[0]); i++)
		signal(tty_signals[i], SIG_DFL);
}
