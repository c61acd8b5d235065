/*
 * /dev/console (5:1): output to the kernel consoles, input from the serial
 * port with a cooked line discipline.
 *
 * Input is interrupt-driven: the serial port's interrupt drains the UART
 * (console_getc()) into the line being edited, echoing as it goes; Enter
 * (CR becomes NL) or ^D completes the line and moves it to the ready queue,
 * which read() takes from, one line per call at most. Backspace and DEL
 * erase a character, ^U the whole line; ^D on an empty line is end of file
 * (read returns 0 once). A read with nothing ready sleeps until a line is
 * complete, or says EAGAIN under O_NONBLOCK.
 *
 * Locking: cons_lock, a spinlock (it masks interrupts, since the handler
 * shares the queues), guards the edit line and the ready queue; it is a
 * leaf. Bytes are copied to the reader's buffer after it is dropped. A
 * reader checks for a line and sleeps with interrupts off, so on this CPU
 * no wakeup falls between the two; another CPU's handler could still slip
 * in between the unlock and the sleep, which the SDK offers no
 * sleep-and-unlock for yet, so the sleep also has a short timeout after
 * which the reader looks again.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/console.h>
#include <kern/file.h>
#include <kern/irq.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>

#include "dev.h"

#define CONS_LINE     256	/* longest line, with its newline */
#define CONS_QUEUE    1024	/* ready bytes (and end-of-file marks) */
#define CONS_EOF      0x100	/* a ^D on an empty line, in the queue */
#define CONS_BACKSTOP 50000000u /* ns: the longest a lost wakeup can delay a reader */
#define CONS_ERASE    0x7f
#define CONS_BS	      0x08
#define CONS_KILL     0x15
#define CONS_EOF_CHAR 0x04
#define CONS_ROWS     25
#define CONS_COLS     80

static struct spinlock cons_lock = SPINLOCK_INIT("console");
static char cons_line[CONS_LINE];
static size_t cons_linelen;
static uint16_t cons_queue[CONS_QUEUE];
static size_t cons_head, cons_tail; /* free-running; tail - head queued */
static int cons_wchan;

static void cons_push(uint16_t c)
{
	if (cons_tail - cons_head < CONS_QUEUE)
		cons_queue[cons_tail++ % CONS_QUEUE] = c;
}

/* The edited line is done: queue it (whole, or not at all when full). */
static void cons_commit(int eof)
{
	if (CONS_QUEUE - (cons_tail - cons_head) >= cons_linelen + 1) {
		for (size_t i = 0; i < cons_linelen; i++)
			cons_push((unsigned char)cons_line[i]);
		if (eof && cons_linelen == 0)
			cons_push(CONS_EOF);
	}
	cons_linelen = 0;
}

static void cons_erase(size_t n)
{
	for (; n > 0 && cons_linelen > 0; n--) {
		cons_linelen--;
		console_write("\b \b", 3);
	}
}

/* One received byte; returns 1 when a line became ready. Under cons_lock. */
static int cons_input(int c)
{
	char ch = (char)c;

	if (c == '\r')
		ch = '\n';
	if (ch == '\n') {
		cons_line[cons_linelen++] = '\n';
		console_write("\n", 1);
		cons_commit(0);
		return 1;
	}
	if (c == CONS_ERASE || c == CONS_BS) {
		cons_erase(1);
	} else if (c == CONS_KILL) {
		cons_erase(cons_linelen);
	} else if (c == CONS_EOF_CHAR) {
		cons_commit(1);
		return 1;
	} else if (cons_linelen < CONS_LINE - 1) {
		cons_line[cons_linelen++] = ch;
		console_write(&ch, 1);
	}
	return 0;
}

void cons_rx(void)
{
	int c, ready = 0;

	spin_lock(&cons_lock);
	while ((c = console_getc()) >= 0)
		ready |= cons_input(c);
	spin_unlock(&cons_lock);
	if (ready)
		thr_wakeup(&cons_wchan);
}

static void cons_irq(unsigned irq)
{
	(void)irq;
	cons_rx();
}

/* Take at most one line (up to @p max bytes) from the queue. Under cons_lock. */
static size_t cons_take(char *buf, size_t max)
{
	size_t n = 0;

	if (cons_queue[cons_head % CONS_QUEUE] == CONS_EOF) {
		cons_head++;
		return 0;
	}
	while (n < max && cons_head != cons_tail) {
		uint16_t c = cons_queue[cons_head % CONS_QUEUE];

		if (c == CONS_EOF)
			break;
		buf[n++] = (char)c;
		cons_head++;
		if (c == '\n')
			break;
	}
	return n;
}

static long cons_read(struct file *f, struct uio *uio, uint64_t off)
{
	char buf[CONS_LINE];
	size_t n;
	uint64_t irq;

	(void)off;
	if (uio->resid == 0)
		return 0;
	irq = arch_irq_save();
	spin_lock(&cons_lock);
	while (cons_head == cons_tail) {
		spin_unlock(&cons_lock);
		if (f->flags & O_NONBLOCK) {
			arch_irq_restore(irq);
			return -EAGAIN;
		}
		thr_sleep(&cons_wchan, CONS_BACKSTOP);
		spin_lock(&cons_lock);
	}
	n = cons_take(buf, uio->resid < sizeof(buf) ? uio->resid : sizeof(buf));
	spin_unlock(&cons_lock);
	arch_irq_restore(irq);
	return n ? uio_move(buf, n, uio, 1) : 0;
}

static long cons_write(struct file *f, struct uio *uio, uint64_t off)
{
	char buf[256];
	long done = 0;

	(void)f;
	(void)off;
	while (uio->resid > 0) {
		long m = uio_move(buf, sizeof(buf), uio, 0);

		if (m < 0)
			return done ? done : m;
		console_write(buf, (size_t)m);
		done += m;
	}
	return done;
}

static long cons_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	struct termios t = {
		.c_iflag = ICRNL,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B115200 | CS8 | CREAD | CLOCAL,
		.c_lflag = ICANON | ECHO | ECHOE,
		.c_cc = { [VERASE] = CONS_ERASE,
			  [VKILL] = CONS_KILL,
			  [VEOF] = CONS_EOF_CHAR,
			  [VMIN] = 1 },
	};
	struct winsize ws = { .ws_row = CONS_ROWS, .ws_col = CONS_COLS };

	(void)f;
	switch (cmd) {
	case TCGETS:
		return copyout(arg, &t, sizeof(t));
	case TIOCGWINSZ:
		return copyout(arg, &ws, sizeof(ws));
	default:
		return -ENOTTY;
	}
}

static const struct cdev_ops cons_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "console",
	.read = cons_read,
	.write = cons_write,
	.ioctl = cons_ioctl,
};

int cons_init(void)
{
	int rc = dev_register(DEV_MAKE(CONS_MAJOR, CONS_MINOR), &cons_ops);
	int line;

	if (rc)
		return rc;
	line = console_rx_enable();
	if (line >= 0)
		rc = irq_register((unsigned)line, cons_irq);
	return rc;
}

void cons_reset(void)
{
	spin_lock(&cons_lock);
	cons_head = cons_tail = cons_linelen = 0;
	spin_unlock(&cons_lock);
}
