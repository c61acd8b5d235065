/*
 * The console terminal: /dev/console (5:1) is one struct tty whose input
 * comes from the serial port and the PS/2 keyboard and whose output goes
 * to every kernel console (serial, and the VGA screen's VT100 terminal)
 * through console_write_raw(). /dev/tty (5:0) is the caller's controlling
 * terminal: it opens only for a process that has one (ENXIO otherwise)
 * and each call goes to the terminal the caller has then (EIO once it
 * has lost it).
 *
 * The interrupt handlers drain their device completely (the serial FIFO,
 * the controller's buffer) in small bursts, each fed to tty_input().
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/console.h>
#include <kern/irq.h>
#include <kern/job.h>
#include <kern/lock.h>
#include <uapi/errno.h>

#include "dev.h"
#include "kbd.h"
#include "tty.h"

#define CONS_BURST 64

static struct tty tty_cons;
static struct kbd tty_cons_kbd; /* only its interrupt handler touches it */
static struct spinlock tty_kbd_lock = SPINLOCK_INIT("kbd");

struct tty *tty_console(void)
{
	return &tty_cons;
}

void tty_console_rx(void)
{
	char buf[CONS_BURST];
	size_t n;
	int c;

	do {
		for (n = 0; n < sizeof(buf) && (c = console_getc()) >= 0; n++)
			buf[n] = (char)c;
		if (n)
			tty_input(&tty_cons, buf, n);
	} while (n == sizeof(buf));
}

void tty_console_kbd(void)
{
	char buf[CONS_BURST];
	size_t n = 0;
	int sc;

	spin_lock(&tty_kbd_lock);
	while ((sc = console_kbd_getc()) >= 0) {
		if (n + KBD_MAXSEQ > sizeof(buf)) {
			tty_input(&tty_cons, buf, n);
			n = 0;
		}
		n += kbd_scancode(&tty_cons_kbd, (uint8_t)sc, buf + n);
	}
	spin_unlock(&tty_kbd_lock);
	if (n)
		tty_input(&tty_cons, buf, n);
}

static void tty_cons_irq(unsigned irq)
{
	(void)irq;
	tty_console_rx();
}

static void tty_kbd_irq(unsigned irq)
{
	(void)irq;
	tty_console_kbd();
}

static long cons_read(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	tty_auto_ctty(&tty_cons, f);
	return tty_read(&tty_cons, f, uio);
}

static long cons_write(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	tty_auto_ctty(&tty_cons, f);
	return tty_write(&tty_cons, f, uio);
}

static long cons_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	if (cmd != TIOCSCTTY && cmd != TIOCNOTTY)
		tty_auto_ctty(&tty_cons, f);
	return tty_ioctl(&tty_cons, f, cmd, arg);
}

static const struct cdev_ops cons_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "console",
	.read = cons_read,
	.write = cons_write,
	.ioctl = cons_ioctl,
};

/* /dev/tty: the caller's controlling terminal, whichever it is now. */
static int ctty_present(void)
{
	return job_ctty() != NULL;
}

static long ctty_read(struct file *f, struct uio *uio, uint64_t off)
{
	struct tty *tp = job_ctty();

	(void)off;
	return tp ? tty_read(tp, f, uio) : -EIO;
}

static long ctty_write(struct file *f, struct uio *uio, uint64_t off)
{
	struct tty *tp = job_ctty();

	(void)off;
	return tp ? tty_write(tp, f, uio) : -EIO;
}

static long ctty_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	struct tty *tp = job_ctty();

	return tp ? tty_ioctl(tp, f, cmd, arg) : -EIO;
}

static const struct cdev_ops ctty_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "tty",
	.read = ctty_read,
	.write = ctty_write,
	.ioctl = ctty_ioctl,
	.present = ctty_present,
};

/* ps's TTY column: the console is the only terminal. */
static long tty_cons_devno(const void *tty)
{
	return tty == &tty_cons ? (long)DEV_MAKE(CONS_MAJOR, CONS_MINOR) : -1;
}

int tty_console_init(void)
{
	int rc, line;

	tty_init(&tty_cons, "console", console_write_raw);
	rc = dev_register(DEV_MAKE(CONS_MAJOR, CONS_MINOR), &cons_ops);
	if (rc == 0)
		rc = dev_register(DEV_MAKE(TTY_MAJOR, TTY_MINOR), &ctty_ops);
	if (rc)
		return rc;
	job_set_hangup(tty_hangup);
	job_set_ttydev(tty_cons_devno);
	line = console_rx_enable();
	if (line >= 0)
		rc = irq_register((unsigned)line, tty_cons_irq);
	line = rc == 0 ? console_kbd_enable() : -1;
	if (line >= 0)
		rc = irq_register((unsigned)line, tty_kbd_irq);
	return rc;
}

void tty_console_reset(void)
{
	struct kbd none = { 0 };

	tty_init(&tty_cons, "console", console_write_raw);
	tty_cons_kbd = none;
}
