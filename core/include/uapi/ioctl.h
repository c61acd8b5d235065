/**
 * @file uapi/ioctl.h
 * @brief Terminal ioctl() requests and their structures, shared with user space.
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
#define TCSETS	   0x5402 /**< Set the terminal settings now (not yet supported). */
#define TIOCGWINSZ 0x5413 /**< Read the window size (struct winsize). */

#define NCCS 19 /**< Control characters in struct termios. */

#define VINTR  0 /**< c_cc index: interrupt character. */
#define VQUIT  1 /**< c_cc index: quit character. */
#define VERASE 2 /**< c_cc index: erase character. */
#define VKILL  3 /**< c_cc index: kill-line character. */
#define VEOF   4 /**< c_cc index: end-of-file character. */
#define VTIME  5 /**< c_cc index: non-canonical read timeout. */
#define VMIN   6 /**< c_cc index: non-canonical read minimum. */

#define ICRNL	0000400 /**< c_iflag: carriage return becomes newline on input. */
#define OPOST	0000001 /**< c_oflag: post-process output. */
#define ONLCR	0000004 /**< c_oflag: newline becomes CR-NL on output. */
#define CS8	0000060 /**< c_cflag: 8 data bits. */
#define CREAD	0000200 /**< c_cflag: the receiver is on. */
#define CLOCAL	0004000 /**< c_cflag: no modem control. */
#define B115200 0010002 /**< c_cflag: 115200 baud. */
#define ISIG	0000001 /**< c_lflag: INTR and QUIT send signals. */
#define ICANON	0000002 /**< c_lflag: canonical (line) input. */
#define ECHO	0000010 /**< c_lflag: echo input. */
#define ECHOE	0000020 /**< c_lflag: erase echoes as backspace-space-backspace. */
#define ECHOK	0000040 /**< c_lflag: echo a newline after the kill character. */

/** Terminal settings (TCGETS). */
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
