/**
 * @file uapi/ioctl.h
 * @brief Terminal and block-device ioctl() requests and their structures, shared with user space.
 * @ingroup uapi
 *
 * The request numbers and the layout of struct termios are Linux's
 * (x86-64), so that programs and tools recognise them. Only what the
 * console answers today is here: TCGETS (so isatty() works) and
 * TIOCGWINSZ; the full terminal layer comes with its own issue.
 */
#ifndef UAPI_IOCTL_H_
#define UAPI_IOCTL_H_

#include <stdint.h>

#define TCGETS	   0x5401 /**< Read the terminal settings (struct termios). */
#define TCSETS	   0x5402 /**< Set the terminal settings now. */
#define TCSETSW	   0x5403 /**< Set them after the output drained. */
#define TCSETSF	   0x5404 /**< Set them after the output drained; discard pending input. */
#define TCFLSH	   0x540B /**< Discard queued data (arg: TCIFLUSH, TCOFLUSH, TCIOFLUSH). */
#define TIOCSCTTY  0x540E /**< Make the terminal the caller's controlling terminal. */
#define TIOCGPGRP  0x540F /**< Read the foreground process group (pid_t *). */
#define TIOCSPGRP  0x5410 /**< Set the foreground process group (const pid_t *). */
#define TIOCGWINSZ 0x5413 /**< Read the window size (struct winsize). */
#define TIOCSWINSZ 0x5414 /**< Set the window size (SIGWINCH to the foreground group). */
#define FIONREAD   0x541B /**< Bytes ready to read (int *). */
#define TIOCNOTTY  0x5422 /**< Give up the controlling terminal. */
#define TIOCGSID   0x5429 /**< Read the terminal's session (pid_t *). */

#define BLKGETSIZE   0x1260	/**< Block device: size in 512-byte sectors (unsigned long *). */
#define BLKSSZGET    0x1268	/**< Block device: sector size in bytes (int *). */
#define BLKGETSIZE64 0x80081272 /**< Block device: size in bytes (uint64_t *). */

#define TCIFLUSH  0 /**< TCFLSH: discard pending input. */
#define TCOFLUSH  1 /**< TCFLSH: discard pending output. */
#define TCIOFLUSH 2 /**< TCFLSH: both. */

#define NCCS 19 /**< Control characters in struct termios. */

#define VINTR	 0  /**< c_cc index: interrupt character (^C). */
#define VQUIT	 1  /**< c_cc index: quit character (^\). */
#define VERASE	 2  /**< c_cc index: erase character (DEL). */
#define VKILL	 3  /**< c_cc index: kill-line character (^U). */
#define VEOF	 4  /**< c_cc index: end-of-file character (^D). */
#define VTIME	 5  /**< c_cc index: non-canonical read timeout (tenths of a second). */
#define VMIN	 6  /**< c_cc index: non-canonical read minimum. */
#define VSTART	 8  /**< c_cc index: start output (^Q). */
#define VSTOP	 9  /**< c_cc index: stop output (^S). */
#define VSUSP	 10 /**< c_cc index: suspend character (^Z). */
#define VEOL	 11 /**< c_cc index: additional end-of-line character. */
#define VREPRINT 12 /**< c_cc index: reprint the line (^R). */
#define VWERASE	 14 /**< c_cc index: erase a word (^W). */
#define VLNEXT	 15 /**< c_cc index: take the next character literally (^V). */

#define IGNBRK	0000001 /**< c_iflag: ignore a break. */
#define BRKINT	0000002 /**< c_iflag: a break sends SIGINT. */
#define IGNPAR	0000004 /**< c_iflag: ignore parity errors. */
#define INPCK	0000020 /**< c_iflag: check parity. */
#define ISTRIP	0000040 /**< c_iflag: strip the eighth bit. */
#define INLCR	0000100 /**< c_iflag: newline becomes carriage return on input. */
#define IGNCR	0000200 /**< c_iflag: ignore carriage return on input. */
#define ICRNL	0000400 /**< c_iflag: carriage return becomes newline on input. */
#define IXON	0002000 /**< c_iflag: ^S/^Q flow control of output. */
#define IXANY	0004000 /**< c_iflag: any character restarts output. */
#define IXOFF	0010000 /**< c_iflag: flow control of input. */
#define IMAXBEL 0020000 /**< c_iflag: ring the bell when the input line is full. */
#define IUTF8	0040000 /**< c_iflag: input is UTF-8 (erase takes whole characters). */

#define OPOST 0000001 /**< c_oflag: post-process output. */
#define ONLCR 0000004 /**< c_oflag: newline becomes CR-NL on output. */
#define OCRNL 0000010 /**< c_oflag: carriage return becomes newline on output. */

#define CSIZE	0000060 /**< c_cflag: mask of the character size. */
#define CS7	0000040 /**< c_cflag: 7 data bits. */
#define CS8	0000060 /**< c_cflag: 8 data bits. */
#define CSTOPB	0000100 /**< c_cflag: two stop bits. */
#define CREAD	0000200 /**< c_cflag: the receiver is on. */
#define PARENB	0000400 /**< c_cflag: parity. */
#define HUPCL	0002000 /**< c_cflag: hang up on the last close. */
#define CLOCAL	0004000 /**< c_cflag: no modem control. */
#define CBAUD	0010017 /**< c_cflag: mask of the speed. */
#define B0	0000000 /**< c_cflag speed: hang up. */
#define B9600	0000015 /**< c_cflag speed: 9600 baud. */
#define B19200	0000016 /**< c_cflag speed: 19200 baud. */
#define B38400	0000017 /**< c_cflag speed: 38400 baud. */
#define B57600	0010001 /**< c_cflag speed: 57600 baud. */
#define B115200 0010002 /**< c_cflag speed: 115200 baud. */

#define ISIG	0000001 /**< c_lflag: INTR, QUIT and SUSP send signals. */
#define ICANON	0000002 /**< c_lflag: canonical (line) input. */
#define ECHO	0000010 /**< c_lflag: echo input. */
#define ECHOE	0000020 /**< c_lflag: erase echoes as backspace-space-backspace. */
#define ECHOK	0000040 /**< c_lflag: echo a newline after the kill character. */
#define ECHONL	0000100 /**< c_lflag: echo newline even without ECHO. */
#define NOFLSH	0000200 /**< c_lflag: do not flush the queues on a signal character. */
#define TOSTOP	0000400 /**< c_lflag: background writes send SIGTTOU. */
#define ECHOCTL 0001000 /**< c_lflag: echo control characters as ^X. */
#define ECHOKE	0004000 /**< c_lflag: the kill character erases the line on the screen. */
#define IEXTEN	0100000 /**< c_lflag: the extended characters (WERASE, LNEXT, REPRINT). */

/** Terminal settings (TCGETS, TCSETS*); the layout is Linux's. */
struct termios {
	uint32_t c_iflag;   /**< Input modes. */
	uint32_t c_oflag;   /**< Output modes. */
	uint32_t c_cflag;   /**< Control modes. */
	uint32_t c_lflag;   /**< Local modes. */
	uint8_t c_line;	    /**< Line discipline (0). */
	uint8_t c_cc[NCCS]; /**< Control characters. */
};

/** Window size (TIOCGWINSZ). */
struct winsize {
	uint16_t ws_row;    /**< Rows. */
	uint16_t ws_col;    /**< Columns. */
	uint16_t ws_xpixel; /**< Width in pixels (0: unknown). */
	uint16_t ws_ypixel; /**< Height in pixels (0: unknown). */
};

#endif /* UAPI_IOCTL_H_ */
