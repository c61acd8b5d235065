/*
 * resize: learn the size of the terminal at the other end of the serial
 * line and tell the tty (TIOCSWINSZ). It saves the cursor, moves it as
 * far as it goes (ESC [ 999;999 H), asks where it is (ESC [ 6 n), puts it
 * back (ESC 8) and reads the ESC [ rows ; cols R reply in raw mode, with a
 * 0.2 s timeout per byte. With no reply (the VGA screen, a dumb terminal)
 * it prints nothing and leaves the size alone. With -p it prints the size
 * it set. Exit 0 when the size was set, 1 otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define RESIZE_ASK "\0337\033[999;999H\033[6n\0338"
#define RESIZE_MAX 32

/* Read the reply ESC [ r ; c R into @rows and @cols; -1 without one. */
static int resize_reply(unsigned *rows, unsigned *cols)
{
	char buf[RESIZE_MAX];
	size_t n = 0;

	while (n + 1 < sizeof(buf)) {
		ssize_t k = read(0, buf + n, 1);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1; /* the timer ran out */
		if (buf[n++] == 'R')
			break;
	}
	buf[n] = '\0';
	for (size_t i = 0; i + 1 < n; i++) /* skip what came before the reply */
		if (buf[i] == '\033' && buf[i + 1] == '[' &&
		    sscanf(buf + i + 2, "%u;%uR", rows, cols) == 2)
			return *rows > 0 && *cols > 0 ? 0 : -1;
	return -1;
}

int main(int argc, char **argv)
{
	struct termios old, raw;
	struct winsize ws;
	unsigned rows = 0, cols = 0;
	int print = argc > 1 && strcmp(argv[1], "-p") == 0, rc;

	if (argc > 1 + print) {
		fprintf(stderr, "usage: resize [-p]\n");
		return 2;
	}
	if (tcgetattr(0, &old) < 0 || ioctl(0, TIOCGWINSZ, &ws) < 0) {
		fprintf(stderr, "resize: standard input: %s\n", strerror(errno));
		return 1;
	}
	raw = old;
	cfmakeraw(&raw);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 2;
	if (tcsetattr(0, TCSAFLUSH, &raw) < 0) {
		fprintf(stderr, "resize: standard input: %s\n", strerror(errno));
		return 1;
	}
	rc = write(1, RESIZE_ASK, sizeof(RESIZE_ASK) - 1) < 0 ? -1 : resize_reply(&rows, &cols);
	tcsetattr(0, TCSAFLUSH, &old);
	if (rc < 0)
		return 1;
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (ioctl(0, TIOCSWINSZ, &ws) < 0) {
		fprintf(stderr, "resize: standard input: %s\n", strerror(errno));
		return 1;
	}
	if (print)
		printf("%u %u\n", rows, cols);
	return 0;
}
