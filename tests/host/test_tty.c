/*
 * Host tests of the terminal layer (modules/io/tty*.c, kbd.c) and of the
 * VGA screen's terminal (core/arch/x86_64/vga_term.c): canonical editing,
 * echo, input and output modes, VMIN/VTIME on a fake clock, the signal
 * characters, job control against the fake process layer
 * (tests/host/io_job_fixture.c), /dev/tty, the keyboard's scancodes and
 * the ANSI parser on a fake screen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <uapi/signal.h>

#include "../../core/arch/x86_64/vga_term.h"
#include "io/dev.h"
#include "io/kbd.h"
#include "io/tty.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static struct tty tt;
static char out[16384];
static size_t outlen;
static struct file fblock, fnonblock;

static void cap(const char *s, size_t n)
{
	assert_true(outlen + n < sizeof(out));
	memcpy(out + outlen, s, n);
	outlen += n;
	out[outlen] = '\0';
}

static void clear_out(void)
{
	outlen = 0;
	out[0] = '\0';
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	tty_init(&tt, "test", cap);
	outlen = 0;
	out[0] = '\0';
	fblock.flags = O_RDWR;
	fnonblock.flags = O_RDWR | O_NONBLOCK;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(io_fixture_locks_held, 0);
	io_teardown_root();
	return 0;
}

static void type(const char *s)
{
	tty_input(&tt, s, strlen(s));
}

static long rd(struct file *f, char *buf, size_t len)
{
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = len };

	memset(buf, 0, len);
	return tty_read(&tt, f, &uio);
}

static long wr(const char *s)
{
	struct uio uio = { .base = (uint64_t)(uintptr_t)s, .resid = strlen(s) };

	return tty_write(&tt, &fblock, &uio);
}

static long ctl(unsigned long cmd, void *arg)
{
	return tty_ioctl(&tt, &fblock, cmd, (uint64_t)(uintptr_t)arg);
}

static void set_flags(uint32_t iclear, uint32_t lclear, uint32_t lset)
{
	struct termios t;

	assert_int_equal(ctl(TCGETS, &t), 0);
	t.c_iflag &= ~iclear;
	t.c_lflag = (t.c_lflag & ~lclear) | lset;
	assert_int_equal(ctl(TCSETS, &t), 0);
}

static void set_raw(unsigned min, unsigned time)
{
	struct termios t;

	assert_int_equal(ctl(TCGETS, &t), 0);
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	t.c_cc[VMIN] = (uint8_t)min;
	t.c_cc[VTIME] = (uint8_t)time;
	assert_int_equal(ctl(TCSETS, &t), 0);
}

static void test_defaults(void **state)
{
	static const uint8_t cc[17] = { 3,    0x1c, 0x7f, 0x15, 4,    0,    1,	  0, 0x11,
					0x13, 0x1a, 0,	  0x12, 0x0f, 0x17, 0x16, 0 };
	struct termios t;
	struct winsize ws;

	(void)state;
	assert_int_equal(ctl(TCGETS, &t), 0);
	assert_int_equal(t.c_iflag, ICRNL | IXON);
	assert_int_equal(t.c_oflag, OPOST | ONLCR);
	assert_int_equal(t.c_cflag, B115200 | CS8 | CREAD | HUPCL);
	assert_int_equal(t.c_lflag,
			 ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	assert_memory_equal(t.c_cc, cc, sizeof(cc));
	assert_int_equal(ctl(TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 25);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(ctl(TCGETS, NULL), -EFAULT);
	assert_int_equal(ctl(0x1234, &t), -ENOTTY);
}

static void test_canonical_edit(void **state)
{
	char buf[64];

	(void)state;
	type("ab");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), -EAGAIN); /* no line yet */
	type("\x7f"
	     "c\x08"
	     "d\r");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "ad\n");
	type("junk\x15ok\n"); /* ^U */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "ok\n");
	type("one two  \x17three\n"); /* ^W takes "two  " */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 10);
	assert_string_equal(buf, "one three\n");
	type("a\x16\x15\x16\x7f"
	     "b\n"); /* ^V: ^U and DEL taken literally */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "a\x15\x7f"
				 "b\n");
	type("x\x7f\x7f\x7fy\n"); /* erasing past the start does nothing */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "y\n");
}

static void test_canonical_eof(void **state)
{
	char buf[64];

	(void)state;
	type("\x04");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 0); /* end of file, once */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), -EAGAIN);
	type("part\x04");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 4); /* ^D ends a line, not read */
	assert_string_equal(buf, "part");
	type("one\ntwo\n\x04"); /* typed ahead: kept as lines */
	assert_int_equal(rd(&fnonblock, buf, 2), 2);
	assert_memory_equal(buf, "on", 2);
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "e\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 4);
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 0);
	type("z\xff\n"); /* VEOL is disabled (0) */
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 3);
}

static void test_long_line(void **state)
{
	static char big[6000], got[6000];
	long n;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	type(big);
	type("\n");
	n = rd(&fnonblock, got, sizeof(got));
	assert_int_equal(n, TTY_BUF); /* the ring's worth, its last entry the newline */
	assert_int_equal(got[n - 2], 'x');
	assert_int_equal(got[n - 1], '\n');
	assert_int_equal(rd(&fnonblock, got, sizeof(got)), -EAGAIN);
	type("after\n");
	assert_int_equal(rd(&fnonblock, got, sizeof(got)), 6);
}

static void test_echo(void **state)
{
	(void)state;
	type("ab\x7f");
	assert_string_equal(out, "ab\b \b"); /* ECHOE */
	clear_out();
	type("\x01\x7f");
	assert_string_equal(out, "^A\b \b\b \b"); /* a ^X takes two columns */
	clear_out();
	type("cd\x15");				       /* the line is "acd" */
	assert_string_equal(out, "cd\b \b\b \b\b \b"); /* ECHOKE */
	clear_out();
	type("\n");
	assert_string_equal(out, "\r\n"); /* echoed through ONLCR */
	clear_out();
	type("ab\x12");
	assert_string_equal(out, "ab^R\r\nab"); /* REPRINT */
	type("\n");
	set_flags(0, ECHOE | ECHOKE, 0);
	clear_out();
	type("xy\x7f\x15");
	assert_string_equal(out, "xy^?^U\r\n"); /* the characters, ECHOK's newline */
	type("\n");
	set_flags(0, ECHOCTL, 0);
	clear_out();
	type("\x01\n");
	assert_string_equal(out, "\x01\r\n");
	set_flags(0, ECHO, ECHONL);
	clear_out();
	type("secret\n");
	assert_string_equal(out, "\r\n"); /* ECHONL: only the newline */
	set_flags(0, ECHONL, 0);
	clear_out();
	type("quiet\n");
	assert_string_equal(out, "");
}

static void test_input_modes(void **state)
{
	char buf[16];

	(void)state;
	set_flags(ICRNL, 0, 0);
	type("a\rb\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "a\rb\n");
	set_flags(0, 0, 0);
	{
		struct termios t;

		assert_int_equal(ctl(TCGETS, &t), 0);
		t.c_iflag |= IGNCR | ISTRIP;
		assert_int_equal(ctl(TCSETS, &t), 0);
	}
	type("c\r\xe4\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "cd\n"); /* CR ignored, 0xe4 stripped to 'd' */
	{
		struct termios t;

		assert_int_equal(ctl(TCGETS, &t), 0);
		t.c_iflag = INLCR;
		t.c_lflag &= ~(uint32_t)ICANON;
		assert_int_equal(ctl(TCSETS, &t), 0);
	}
	type("\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 1);
	assert_int_equal(buf[0], '\r');
}

static void test_output(void **state)
{
	struct termios t;

	(void)state;
	assert_int_equal(wr("a\nb"), 3);
	assert_string_equal(out, "a\r\nb");
	assert_int_equal(ctl(TCGETS, &t), 0);
	t.c_oflag &= ~(uint32_t)OPOST;
	assert_int_equal(ctl(TCSETS, &t), 0);
	clear_out();
	assert_int_equal(wr("c\nd"), 3);
	assert_string_equal(out, "c\nd");
}

static void restart_output(void)
{
	type("\x11"); /* ^Q */
}

static void test_flow(void **state)
{
	char buf[8];

	(void)state;
	type("\x13"); /* ^S */
	io_fixture_on_sleep = restart_output;
	assert_int_equal(wr("held"), 4);
	assert_int_equal(io_fixture_sleeps, 1); /* it waited for ^Q */
	assert_string_equal(out, "held");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), -EAGAIN); /* not input */
}

static void test_vmin_vtime(void **state)
{
	char buf[16];
	uint64_t start;

	(void)state;
	set_raw(0, 0); /* polling */
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 0);
	assert_int_equal(io_fixture_sleeps, 0);
	type("ab");
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 2);
	set_raw(0, 5); /* a read timer of half a second */
	start = io_fixture_clock;
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 0);
	assert_true(io_fixture_clock - start >= 500000000ull);
	assert_true(io_fixture_clock - start < 600000000ull);
	assert_true(io_fixture_sleeps > 1); /* in backstop-sized steps */
}

static void type_c(void)
{
	type("c");
}

static void test_vmin(void **state)
{
	char buf[16];
	uint64_t start;

	(void)state;
	set_raw(3, 0); /* blocks for 3 bytes */
	type("ab");
	io_fixture_on_sleep = type_c;
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_true(io_fixture_sleeps >= 1);
	io_fixture_on_sleep = NULL;
	type("xyz");
	assert_int_equal(rd(&fblock, buf, 2), 2); /* VMIN beyond the request: the request */
	set_raw(1, 0);
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 1);
	assert_int_equal(buf[0], 'z');
	set_raw(0, 5);
	io_fixture_on_sleep = type_c;
	io_fixture_slept_ns = 0;
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 1); /* a byte ends the wait */
	assert_true(io_fixture_slept_ns < 500000000ull);
	io_fixture_on_sleep = NULL;
	set_raw(2, 2); /* inter-byte timer of 0.2 s after the first byte */
	type("q");
	start = io_fixture_clock;
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 1);
	assert_true(io_fixture_clock - start >= 200000000ull);
	assert_true(io_fixture_clock - start < 300000000ull);
}

static void test_signals(void **state)
{
	char buf[16];

	(void)state;
	tt.pgrp = 7;
	type("abc\x03");
	assert_int_equal(io_job.nsig, 1);
	assert_int_equal(io_job.sig_pgrp[0], 7);
	assert_int_equal(io_job.sig[0], SIGINT);
	assert_string_equal(out, "abc^C");
	type("\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 1); /* "abc" was flushed */
	type("\x1c\x1a");
	assert_int_equal(io_job.nsig, 3);
	assert_int_equal(io_job.sig[1], SIGQUIT);
	assert_int_equal(io_job.sig[2], SIGTSTP);
	set_flags(0, 0, NOFLSH);
	type("keep\x03\n");
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "keep\n");
	set_flags(0, ISIG, 0);
	type("\x03\n");
	assert_int_equal(io_job.nsig, 4);
	assert_int_equal(rd(&fnonblock, buf, sizeof(buf)), 2); /* data now */
	tt.pgrp = 0;
	set_flags(0, 0, ISIG);
	type("\x03");
	assert_int_equal(io_job.nsig, 4); /* no foreground group: nobody */
}

static void test_background(void **state)
{
	char buf[16];
	struct termios t;

	(void)state;
	io_job.ctty = &tt;
	io_job.pgrp = 5;
	io_job.sid = 3;
	tt.sid = 3;
	tt.pgrp = 7;
	type("line\n");
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), -EINTR);
	assert_int_equal(io_job.check_sig, SIGTTIN);
	assert_int_equal(io_job.check_fg, 7);
	assert_int_equal(io_job.sig_pgrp[0], 5);
	assert_int_equal(io_job.sig[0], SIGTTIN);
	assert_int_equal(wr("out"), 3); /* no TOSTOP: background writes go */
	assert_int_equal(ctl(TCGETS, &t), 0);
	assert_int_equal(ctl(TCSETS, &t), -EINTR); /* settings: SIGTTOU always */
	assert_int_equal(io_job.check_sig, SIGTTOU);
	assert_int_equal(ctl(TCFLSH, (void *)TCIFLUSH), -EINTR);
	io_job.pgrp = 7; /* now in the foreground */
	t.c_lflag |= TOSTOP;
	assert_int_equal(ctl(TCSETS, &t), 0);
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), 5);
	io_job.pgrp = 5;
	io_job.nsig = 0;
	assert_int_equal(wr("out"), -EINTR);
	assert_int_equal(io_job.sig[0], SIGTTOU);
	io_job.ctty = NULL; /* not its terminal: no checks bite */
	assert_int_equal(wr("out"), 3);
}

static void test_pgrp(void **state)
{
	int32_t pg = 9, got = 0;

	(void)state;
	assert_int_equal(ctl(TIOCSPGRP, &pg), -ENOTTY); /* not the caller's terminal */
	assert_int_equal(ctl(TIOCGPGRP, &got), -ENOTTY);
	io_job.leader = 1;
	io_job.sid = io_job.pgrp = 3;
	assert_int_equal(ctl(TIOCSCTTY, NULL), 0);
	assert_ptr_equal(io_job.ctty, &tt);
	assert_int_equal(ctl(TIOCGSID, &got), 0);
	assert_int_equal(got, 3);
	assert_int_equal(ctl(TIOCGPGRP, &got), 0);
	assert_int_equal(got, 3);
	io_job.groups[0][0] = 9;
	io_job.groups[0][1] = 4; /* group 9 is in session 4 */
	assert_int_equal(ctl(TIOCSPGRP, &pg), -EPERM);
	io_job.groups[1][0] = 9;
	io_job.groups[1][1] = 3;
	assert_int_equal(ctl(TIOCSPGRP, &pg), 0);
	assert_int_equal(ctl(TIOCGPGRP, &got), 0);
	assert_int_equal(got, 9);
	pg = -1;
	assert_int_equal(ctl(TIOCSPGRP, &pg), -EINTR); /* caller 3 is in the background now */
	io_job.pgrp = 9;
	assert_int_equal(ctl(TIOCSPGRP, &pg), -EINVAL);
	assert_int_equal(ctl(TIOCSPGRP, NULL), -EFAULT);
}

static void test_ctty(void **state)
{
	(void)state;
	assert_int_equal(ctl(TIOCSCTTY, NULL), -EPERM); /* not a session leader */
	io_job.leader = 1;
	io_job.sid = io_job.pgrp = 3;
	assert_int_equal(ctl(TIOCSCTTY, NULL), 0);
	assert_int_equal(tt.sid, 3);
	io_job.ctty = NULL;
	io_job.sid = io_job.pgrp = 4; /* another session's leader */
	assert_int_equal(ctl(TIOCSCTTY, NULL), -EPERM);
	io_job.ctty = &tt;
	io_job.sid = io_job.pgrp = 3;
	tt.pgrp = 8;
	tty_hangup(&tt); /* the leader ended */
	assert_int_equal(io_job.nsig, 2);
	assert_int_equal(io_job.sig_pgrp[0], 8);
	assert_int_equal(io_job.sig[0], SIGHUP);
	assert_int_equal(io_job.sig[1], SIGCONT);
	assert_int_equal(tt.sid, 0);
	assert_int_equal(tt.pgrp, 0);
	io_job.ctty = NULL;
	assert_int_equal(ctl(TIOCSCTTY, NULL), 0); /* free again */
	tt.pgrp = 6;
	assert_int_equal(ctl(TIOCNOTTY, NULL), 0);
	assert_null(io_job.ctty);
	assert_int_equal(io_job.sig[2], SIGHUP);
	assert_int_equal(io_job.sig_pgrp[2], 6);
	assert_int_equal(ctl(TIOCNOTTY, NULL), -ENOTTY);
}

static void test_auto_ctty(void **state)
{
	char buf[4];
	struct file f = { .flags = O_RDWR | O_NOCTTY | O_NONBLOCK };

	(void)state;
	io_job.leader = 1;
	io_job.sid = io_job.pgrp = 3;
	tty_auto_ctty(&tt, &f);
	assert_null(io_job.ctty); /* O_NOCTTY */
	f.flags = O_RDWR;
	tty_auto_ctty(&tt, &f);
	assert_ptr_equal(io_job.ctty, &tt);
	assert_int_equal(tt.sid, 3);
	assert_int_equal(tt.pgrp, 3);
	(void)buf;
}

static void test_misc_ioctls(void **state)
{
	int n = -1;
	struct winsize ws = { .ws_row = 50, .ws_col = 132 }, got;

	(void)state;
	type("ab\ncd");
	assert_int_equal(ctl(FIONREAD, &n), 0);
	assert_int_equal(n, 3); /* the complete line only */
	assert_int_equal(ctl(TCFLSH, (void *)TCIFLUSH), 0);
	assert_int_equal(ctl(FIONREAD, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ctl(TCFLSH, (void *)7), -EINVAL);
	tt.pgrp = 4;
	assert_int_equal(ctl(TIOCSWINSZ, &ws), 0);
	assert_int_equal(io_job.nsig, 1);
	assert_int_equal(io_job.sig[0], SIGWINCH);
	assert_int_equal(ctl(TIOCGWINSZ, &got), 0);
	assert_int_equal(got.ws_row, 50);
	assert_int_equal(got.ws_col, 132);
	assert_int_equal(ctl(TIOCSWINSZ, &ws), 0);
	assert_int_equal(io_job.nsig, 1); /* unchanged: no signal */
	type("xy");
	set_raw(1, 0); /* the edited line becomes readable */
	assert_int_equal(ctl(FIONREAD, &n), 0);
	assert_int_equal(n, 2);
}

static void test_interrupted(void **state)
{
	char buf[8];

	(void)state;
	io_fixture_sleep_rc = -EINTR;
	assert_int_equal(rd(&fblock, buf, sizeof(buf)), -EINTR);
	assert_int_equal(io_fixture_sleeps, 1);
}

static void test_dev_tty(void **state)
{
	struct file *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t) "hi\n", .resid = 3 };

	(void)state;
	assert_int_equal(vfs_open(NULL, "/dev/tty", O_RDWR, 0, &cred_root, &f), -ENXIO);
	io_job.ctty = tty_console();
	assert_int_equal(vfs_open(NULL, "/dev/tty", O_RDWR, 0, &cred_root, &f), 0);
	assert_int_equal(fo_write(f, &uio, 0), 3);
	assert_string_equal(arch_host_console, "hi\r\n");
	io_job.ctty = NULL; /* lost it */
	assert_int_equal(fo_ioctl(f, TCGETS, 0), -EIO);
	file_unref(f);
}

static void test_console_input(void **state)
{
	static const unsigned char keys[] = { 0x2a, 0x23, 0xaa, 0x17, 0x1c, 0x9c };
	char buf[16];
	struct file *f;

	(void)state;
	assert_non_null(io_fixture_irq_fns[1]);
	assert_non_null(io_fixture_irq_fns[4]);
	assert_ptr_equal(io_job.hangup, tty_hangup);
	assert_int_equal(vfs_open(NULL, "/dev/console", O_RDWR | O_NONBLOCK, 0, &cred_root, &f), 0);
	arch_host_console_input("se", 2);
	io_fixture_irq_fns[4](4);
	arch_host_kbd_input(keys, sizeof(keys)); /* Shift-h, i, Enter */
	io_fixture_irq_fns[1](1);
	assert_int_equal(
	    fo_read(f, &(struct uio){ .base = (uint64_t)(uintptr_t)buf, .resid = 16 }, 0), 5);
	assert_memory_equal(buf, "seHi\n", 5);
	assert_string_equal(arch_host_console, "seHi\r\n");
	file_unref(f);
}

static size_t keys(struct kbd *k, const unsigned char *sc, size_t n, char *dst)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += kbd_scancode(k, sc[i], dst + len);
	dst[len] = '\0';
	return len;
}

static void test_keyboard(void **state)
{
	struct kbd k = { 0 };
	char s[64];

	(void)state;
	keys(&k, (const unsigned char[]){ 0x1e, 0x9e, 0x02, 0x0e, 0x0f }, 5, s);
	assert_string_equal(s, "a1\x7f\t"); /* press and release a, 1, Backspace, Tab */
	keys(&k, (const unsigned char[]){ 0x36, 0x1e, 0x02, 0xb6, 0x1e }, 5, s);
	assert_string_equal(s, "A!a"); /* right Shift */
	keys(&k, (const unsigned char[]){ 0x3a, 0xba, 0x1e, 0x02, 0x3a, 0xba, 0x1e }, 7, s);
	assert_string_equal(s, "A1a"); /* CapsLock: letters only */
	keys(&k, (const unsigned char[]){ 0x1d, 0x2e, 0x2c, 0x1a, 0x9d, 0x2e }, 6, s);
	assert_string_equal(s, "\x03\x1a\x1b"
			       "c"); /* Ctrl-C, Ctrl-Z, Ctrl-[ */
	keys(&k,
	     (const unsigned char[]){ 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x50, 0xe0, 0x4d, 0xe0, 0x4b },
	     10, s);
	assert_string_equal(s, "\033[A\033[B\033[C\033[D");
	keys(&k,
	     (const unsigned char[]){ 0xe0, 0x47, 0xe0, 0x4f, 0xe0, 0x53, 0xe0, 0x49, 0xe0, 0x51 },
	     10, s);
	assert_string_equal(s, "\033[H\033[F\033[3~\033[5~\033[6~");
	keys(&k, (const unsigned char[]){ 0x38, 0x20, 0xb8, 0x1c, 0x01, 0x3b }, 6, s);
	assert_string_equal(s, "\033d\r\033\033OP"); /* Alt-d, Enter, Esc, F1 */
	keys(&k, (const unsigned char[]){ 0xe0, 0x1d, 0x26, 0xe0, 0x9d, 0x26 }, 6, s);
	assert_string_equal(s, "\x0cl"); /* right Ctrl-L */
	keys(&k, (const unsigned char[]){ 0x48, 0x45, 0xc5, 0x48 }, 4, s);
	assert_string_equal(s, "\033[A8"); /* keypad 8: up, then with NumLock */
	keys(&k, (const unsigned char[]){ 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, 0x10 }, 7, s);
	assert_string_equal(s, "q"); /* Pause is dropped */
	keys(&k, (const unsigned char[]){ 0xe0, 0x2a, 0xe0, 0x48, 0xe0, 0xaa, 0x10 }, 7, s);
	assert_string_equal(s, "\033[Aq"); /* the fake shift does not stick */
}

#define VR 4
#define VC 10

static uint16_t screen[VR * VC];

static char cell(unsigned r, unsigned c)
{
	return (char)(screen[r * VC + c] & 0xff);
}

static void vputs(struct vga_term *t, const char *s)
{
	while (*s)
		vga_term_putc(t, (unsigned char)*s++);
}

static void rowstr(unsigned r, char *dst)
{
	for (unsigned c = 0; c < VC; c++)
		dst[c] = cell(r, c);
	dst[VC] = '\0';
}

static void test_vga_text(void **state)
{
	struct vga_term t;
	char row[VC + 1];

	(void)state;
	vga_term_init(&t, screen, VR, VC);
	vputs(&t, "ab\tc\r\nxy\bZ");
	rowstr(0, row);
	assert_string_equal(row, "ab      c ");
	rowstr(1, row);
	assert_string_equal(row, "xZ        ");
	vputs(&t, "\n");
	assert_int_equal(t.row, 2);
	assert_int_equal(t.col, 2); /* LF alone keeps the column */
	vputs(&t, "\r0123456789");
	assert_int_equal(t.col, VC); /* wrap pending */
	vputs(&t, "W\r\nlast");
	rowstr(3, row);
	assert_string_equal(row, "last      ");
	vputs(&t, "\r\nscrolled");
	rowstr(0, row);
	assert_string_equal(row, "0123456789"); /* the top lines went */
	rowstr(1, row);
	assert_string_equal(row, "W         ");
	rowstr(3, row);
	assert_string_equal(row, "scrolled  ");
	assert_int_equal(screen[3 * VC] >> 8, 0x07);
}

static void test_vga_escapes(void **state)
{
	struct vga_term t;
	char row[VC + 1];

	(void)state;
	vga_term_init(&t, screen, VR, VC);
	vputs(&t, "abcdefghij\r\nklmnop");
	vputs(&t, "\033[2;3H");
	assert_int_equal(t.row, 1);
	assert_int_equal(t.col, 2);
	vputs(&t, "\033[K");
	rowstr(1, row);
	assert_string_equal(row, "kl        ");
	vputs(&t, "\033[A\033[2CX\033[H*\033[3B\033[99C!");
	rowstr(0, row);
	assert_string_equal(row, "*bcdXfghij");
	assert_int_equal(cell(3, 9), '!');
	vputs(&t, "\033[1;4H\033[2P\033[1@");
	rowstr(0, row);
	assert_string_equal(row, "*bc fghij "); /* 2 deleted, 1 inserted */
	vputs(&t, "\033[1;31;44mR\033[0mN\033[7mV");
	assert_int_equal(screen[3] >> 8, 0x1c); /* bright red on blue */
	assert_int_equal(screen[4] >> 8, 0x07);
	assert_int_equal(screen[5] >> 8, 0x70); /* reverse */
	vputs(&t, "\0337\033[4;1H\0338\033[1K");
	rowstr(0, row);
	assert_string_equal(row, "       ij "); /* ESC 8 came back; erased to the cursor */
	vputs(&t, "\033[2J");
	for (unsigned i = 0; i < VR * VC; i++)
		assert_int_equal(screen[i] & 0xff, ' ');
	vputs(&t, "\033[?25l\033[6nok"); /* unknown sequences are swallowed */
	rowstr(0, row);
	assert_string_equal(row, "      ok  ");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_defaults),      T(test_canonical_edit), T(test_canonical_eof),
		T(test_long_line),     T(test_echo),	       T(test_input_modes),
		T(test_output),	       T(test_flow),	       T(test_vmin_vtime),
		T(test_vmin),	       T(test_signals),	       T(test_background),
		T(test_pgrp),	       T(test_ctty),	       T(test_auto_ctty),
		T(test_misc_ioctls),   T(test_interrupted),    T(test_dev_tty),
		T(test_console_input), T(test_keyboard),       T(test_vga_text),
		T(test_vga_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
