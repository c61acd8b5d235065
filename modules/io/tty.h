/**
 * @file tty.h
 * @brief The terminal layer of modules/io: a POSIX line discipline, the
 *        termios and job-control ioctls, and the console terminal.
 * @ingroup io
 *
 * A struct tty is one terminal: its settings (struct termios), window
 * size, session and foreground process group, and an input ring of
 * TTY_BUF entries that a driver fills from its receive interrupt with
 * tty_input(). In canonical mode the ring holds the complete lines that
 * read() takes (head to canon) and then the line being edited (canon to
 * tail); in non-canonical mode everything up to tail is readable. Output
 * (write() and the echo) goes through the output processing of c_oflag
 * to the driver's raw write.
 *
 * Locking: tty::lock, a spinlock (the receive interrupt takes it), guards
 * every member below it; it is a leaf except for the driver's output
 * call, which takes only the console's own serialisation. It is never
 * held across a copy to or from user memory, a sleep or a call into the
 * process layer (kern/job.h): the echo and the signals of one burst of
 * input are gathered under it and sent after. tty::rlock serialises the
 * readers (so one read takes one line whole), tty::wlock the writers,
 * tty::ctl the session changes; each of those mutexes is taken before
 * tty::lock, never under it.
 *
 * Sleeping: a reader checks for input with tty::lock held and interrupts
 * off, drops the lock and sleeps with interrupts still off, so on its own
 * CPU no wakeup falls in between. The SDK has no sleep that releases a
 * spinlock, so a receive interrupt on another CPU could slip its wakeup in
 * between; every sleep therefore also has a short timeout (TTY_BACKSTOP)
 * after which the reader looks again.
 */
#ifndef IO_TTY_H_
#define IO_TTY_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/lock.h>
#include <uapi/ioctl.h>

/** Entries of the input ring (at least 4 KiB of input). */
#define TTY_BUF 4096
/** Ring entry flag: this byte ends a line (NL, EOL or EOF). */
#define TTY_DELIM 0x100
/** Ring entry flag: an EOF character, which ends a line but is not read. */
#define TTY_EOFMARK 0x200
/** Longest a lost wakeup can delay a reader or writer, in nanoseconds. */
#define TTY_BACKSTOP 50000000ull
/** Size of the buffer that gathers echo and output (bytes). */
#define TTY_OBUF 512

/** One terminal. */
struct tty {
	const char *name; /**< For reports ("console"). */
	/** @brief The driver's raw output (any context; may be called with
	 *  tty::lock held). @param s bytes. @param n how many. */
	void (*out)(const char *s, size_t n);
	struct mutex rlock;	/**< Serialises readers. */
	struct mutex wlock;	/**< Serialises writers. */
	struct mutex ctl;	/**< Serialises session changes. */
	struct spinlock lock;	/**< Guards what follows. */
	struct termios t;	/**< The settings. */
	struct winsize ws;	/**< The window size. */
	long sid;		/**< The session it is the terminal of (0: none). */
	long pgrp;		/**< Its foreground process group (0: none). */
	uint16_t ring[TTY_BUF]; /**< Input: bytes with TTY_DELIM / TTY_EOFMARK. */
	size_t head;		/**< Next entry read (free-running). */
	size_t canon;		/**< End of the complete lines (free-running). */
	size_t tail;		/**< End of the input (free-running). */
	int lnext;		/**< The next byte is taken literally (^V). */
	int stopped;		/**< Output stopped by the STOP character (^S). */
	int prompted; /**< Its session read it once (logged: the boot reached a prompt). */
};

/** What a burst of input produced, sent once tty::lock is dropped. */
struct tty_burst {
	char echo[TTY_OBUF]; /**< Echo bytes, output-processed. */
	size_t nec;	     /**< How many. */
	int sig;	     /**< A signal for the foreground group (0: none). */
	long pgrp;	     /**< That group. */
	int wake;	     /**< Readers (1) and writers (2) to wake. */
};

/**
 * @brief Set up a terminal with the defaults of a Linux console.
 * @param tp the terminal. @param name its name. @param out its driver's raw output.
 */
void tty_init(struct tty *tp, const char *name, void (*out)(const char *s, size_t n));

/**
 * @brief Feed received bytes to the line discipline: echo, editing,
 *        signals, wakeups.
 *
 * Context: any, the receive interrupt typically; takes tty::lock.
 * @param tp the terminal. @param s the bytes. @param n how many.
 */
void tty_input(struct tty *tp, const char *s, size_t n);

/**
 * @brief Process one received byte. Under tty::lock (tty_input's work).
 * @param tp the terminal. @param c the byte. @param b where echo and signals gather.
 */
void tty_ldisc_byte(struct tty *tp, unsigned char c, struct tty_burst *b);

/**
 * @brief Output processing of c_oflag (OPOST, ONLCR, OCRNL) of one byte.
 * @param t the settings. @param c the byte. @param dst room for 2 bytes.
 * @return the bytes put at @p dst.
 */
size_t tty_opost(const struct termios *t, char c, char *dst);

/**
 * @brief Discard the pending input. Under tty::lock.
 * @param tp the terminal.
 */
void tty_flush_input(struct tty *tp);

/**
 * @brief Readable entries (complete lines in canonical mode). Under tty::lock.
 * @param tp the terminal.
 * @return how many entries read() may take now.
 */
size_t tty_ready(const struct tty *tp);

/**
 * @brief read() of a terminal: the line discipline's reading side.
 * @param tp the terminal. @param f the open file (O_NONBLOCK). @param uio out.
 * @return bytes, 0 (end of file, or a VMIN/VTIME timeout), or -errno
 *         (-EAGAIN, -EINTR, -EIO, -EFAULT).
 */
long tty_read(struct tty *tp, struct file *f, struct uio *uio);

/**
 * @brief write() of a terminal, with output processing.
 * @param tp the terminal. @param f the open file. @param uio in.
 * @return bytes or -errno.
 */
long tty_write(struct tty *tp, struct file *f, struct uio *uio);

/**
 * @brief ioctl() of a terminal: termios, window size, job control, FIONREAD.
 * @param tp the terminal. @param f the open file. @param cmd the request.
 * @param arg its argument.
 * @return a value or -errno (-ENOTTY for a request it does not know).
 */
long tty_ioctl(struct tty *tp, struct file *f, unsigned long cmd, uint64_t arg);

/**
 * @brief The background check of kern/job.h for the caller and @p tp.
 * @param tp the terminal. @param sig SIGTTIN or SIGTTOU.
 * @return 0 go on, or -EINTR / -EIO to return.
 */
int tty_bg_check(struct tty *tp, int sig);

/**
 * @brief A session leader without a terminal acquires @p tp when it uses
 *        a file of it opened without O_NOCTTY (the device switch has no
 *        open hook yet, so the first read, write or ioctl stands for the
 *        open).
 * @param tp the terminal. @param f the file.
 */
void tty_auto_ctty(struct tty *tp, struct file *f);

/**
 * @brief The hangup hook (job_set_hangup): SIGHUP and SIGCONT to the
 *        foreground group, session and group forgotten.
 * @param tty the terminal (a struct tty).
 */
void tty_hangup(void *tty);

/** Device number of /dev/tty: major. */
#define TTY_MAJOR 5
/** Device number of /dev/tty: minor. */
#define TTY_MINOR 0

/**
 * @brief Register /dev/console (5:1) and /dev/tty (5:0), start the serial
 *        and keyboard input and the hangup hook.
 * @return 0 or -errno.
 */
int tty_console_init(void);

/** @brief Drain the serial port into the console terminal (its interrupt). */
void tty_console_rx(void);

/** @brief Drain the keyboard into the console terminal (its interrupt). */
void tty_console_kbd(void);

/** @brief Back to the defaults, queues empty (host tests). */
void tty_console_reset(void);

/** @brief The console terminal (host tests). @return it. */
struct tty *tty_console(void);

#endif /* IO_TTY_H_ */
