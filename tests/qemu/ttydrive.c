/*
 * ttydrive: type at zero's serial console as a person would, and check what
 * comes back. QEMU runs with its serial port on a pipe pair
 * (-chardev pipe,path=BASE: BASE.in is what the guest receives, BASE.out
 * what it sends); this program follows a script:
 *
 *   expect TEXT     wait until TEXT appears in the output after the last
 *                   match (fixed text, C escapes), at most the timeout
 *   send TEXT       type TEXT (C escapes: \n \r \t \e \\ \xHH; ^X is not
 *                   special: write \x03 for ^C)
 *   sleep MS        wait MS milliseconds, reading output meanwhile
 *   timeout S       the time limit of the following expects (default 30 s)
 *   keys TEXT       type TEXT on the PS/2 keyboard (the QEMU monitor's
 *                   sendkey; letters, digits, blanks, \n, \t, \b, common
 *                   punctuation and control characters)
 *   screen TEXT     wait until TEXT shows on the VGA text screen (read
 *                   through the monitor), at most the timeout
 *   monitor CMD     send CMD to QEMU's monitor (`nmi`: zero's thread report)
 *   mark NAME       print "ttydrive: NAME at MS ms" on stderr: the time since
 *                   the program started (benchmarks time the prompt so)
 *   # ...           a comment (and blank lines)
 *
 * Like a terminal, it answers the cursor-position query ESC [ 6 n with
 * ESC [ 24 ; 80 R (resize at login asks it).
 *
 * Everything the guest sends is copied to LOG. When the script is done it
 * keeps copying until the guest closes its end (QEMU exits), so that the log
 * holds the end of the run. Exit status: 0 the script passed, 1 an expect
 * timed out (the message says which line and what was awaited), 2 usage or
 * I/O errors.
 *
 * When an expect times out and there is a monitor, it sends `nmi` (zero
 * prints its thread report on the serial line: who sleeps where) and copies
 * 3 s more of output to LOG before it exits.
 *
 * Usage: ttydrive BASE SCRIPT LOG [MONITOR]   (MONITOR: QEMU's monitor socket,
 * for keys and screen)
 *        ttydrive -m MONITOR COMMAND          (send one monitor command: the
 * test harness's `nmi` to a hung guest)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ttydrive.h"

#define DRIVE_WINDOW (1 << 20)

struct drive {
	double start; /* when the program started */
	int in, out;  /* to the guest, from the guest */
	FILE *log;
	char *seen; /* output since the last match */
	size_t len;
	int eof;
	double timeout;
	int mon;	 /* the QEMU monitor, -1: none */
	char dump[4096]; /* where QEMU writes the screen */
};

static double drive_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read what the guest sent within @wait seconds; 0 on EOF. */
static int drive_pump(struct drive *d, double wait)
{
	struct pollfd p = { .fd = d->out, .events = POLLIN };
	char buf[4096];
	ssize_t n;
	int ms = wait <= 0 ? 0 : (int)(wait * 1000) + 1;

	if (d->eof || poll(&p, 1, ms) <= 0)
		return !d->eof;
	n = read(d->out, buf, sizeof(buf));
	if (n <= 0) {
		d->eof = 1;
		return 0;
	}
	fwrite(buf, 1, (size_t)n, d->log);
	fflush(d->log);
	if (memmem(buf, (size_t)n, "\033[6n", 4) && write(d->in, "\033[24;80R", 8) != 8)
		return 0;
	if (d->len + (size_t)n > DRIVE_WINDOW) { /* keep the newest half */
		memmove(d->seen, d->seen + d->len / 2, d->len - d->len / 2);
		d->len -= d->len / 2;
	}
	memcpy(d->seen + d->len, buf, (size_t)n);
	d->len += (size_t)n;
	return 1;
}

static int drive_hex(int c)
{
	return c >= '0' && c <= '9'		    ? c - '0'
	       : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10
						    : -1;
}

/* Decode C escapes of @s in place; returns the length. */
static size_t drive_unescape(char *s)
{
	size_t o = 0;

	for (size_t i = 0; s[i]; i++) {
		char c = s[i];

		if (c == '\\' && s[i + 1]) {
			c = s[++i];
			if (c == 'n')
				c = '\n';
			else if (c == 'r')
				c = '\r';
			else if (c == 't')
				c = '\t';
			else if (c == 'e')
				c = 27;
			else if (c == 'b')
				c = 8;
			else if (c == 'x' && drive_hex(s[i + 1]) >= 0 && drive_hex(s[i + 2]) >= 0) {
				c = (char)(drive_hex(s[i + 1]) * 16 + drive_hex(s[i + 2]));
				i += 2;
			}
		}
		s[o++] = c;
	}
	s[o] = '\0';
	return o;
}

static int drive_expect(struct drive *d, const char *text, size_t n, int line)
{
	double end = drive_now() + d->timeout;

	for (;;) {
		char *hit = memmem(d->seen, d->len, text, n);

		if (hit) {
			size_t used = (size_t)(hit - d->seen) + n;

			memmove(d->seen, d->seen + used, d->len - used);
			d->len -= used;
			return 0;
		}
		if (d->eof || drive_now() >= end) {
			fprintf(stderr, "ttydrive: script line %d: '%s' not seen within %.0f s%s\n",
				line, text, d->timeout,
				d->eof ? " (the guest closed the line)" : "");
			return 1;
		}
		drive_pump(d, end - drive_now());
	}
}

static int drive_screen(struct drive *d, const char *text, int line)
{
	static char screen[82 * 25 + 1];
	double end = drive_now() + d->timeout;

	while (d->mon >= 0 && mon_screen(d->mon, d->dump, screen, sizeof(screen)) == 0) {
		if (strstr(screen, text))
			return 0;
		if (drive_now() >= end) {
			fprintf(stderr,
				"ttydrive: script line %d: '%s' not on the screen within %.0f s\n",
				line, text, d->timeout);
			fprintf(stderr, "%s", screen);
			return 1;
		}
		drive_pump(d, 0.2);
	}
	fprintf(stderr, "ttydrive: script line %d: no monitor to read the screen\n", line);
	return 2;
}

static int drive_send(struct drive *d, const char *text, size_t n)
{
	while (n > 0) {
		ssize_t w = write(d->in, text, n);

		if (w < 0 && errno != EINTR)
			return 2;
		if (w > 0) {
			text += w;
			n -= (size_t)w;
		}
		drive_pump(d, 0);
	}
	return 0;
}

static void drive_sleep(struct drive *d, double secs)
{
	double end = drive_now() + secs;

	while (drive_now() < end && !d->eof)
		drive_pump(d, end - drive_now());
}

/* One script line; 0 to go on. */
static int drive_line(struct drive *d, char *s, int line)
{
	char *arg = s + strcspn(s, " ");
	size_t n;

	if (*arg)
		*arg++ = '\0';
	n = drive_unescape(arg);
	if (!strcmp(s, "expect"))
		return drive_expect(d, arg, n, line);
	if (!strcmp(s, "send"))
		return drive_send(d, arg, n);
	if (!strcmp(s, "sleep")) {
		drive_sleep(d, atof(arg) / 1000);
		return 0;
	}
	if (!strcmp(s, "keys")) {
		if (d->mon < 0 || mon_keys(d->mon, arg, n) != 0)
			return 2;
		drive_pump(d, 0);
		return 0;
	}
	if (!strcmp(s, "screen"))
		return drive_screen(d, arg, line);
	if (!strcmp(s, "monitor")) {
		if (d->mon < 0 || mon_command(d->mon, arg) != 0)
			return 2;
		drive_pump(d, 0);
		return 0;
	}
	if (!strcmp(s, "mark")) {
		fprintf(stderr, "ttydrive: %s at %.0f ms\n", arg, (drive_now() - d->start) * 1000);
		return 0;
	}
	if (!strcmp(s, "timeout")) {
		d->timeout = atof(arg);
		return 0;
	}
	fprintf(stderr, "ttydrive: script line %d: unknown command '%s'\n", line, s);
	return 2;
}

static int drive_open(struct drive *d, const char *base, const char *logpath)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s.out", base);
	d->out = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "%s.in", base);
	d->in = d->out < 0 ? -1 : open(path, O_WRONLY);
	d->log = fopen(logpath, "w");
	d->seen = malloc(DRIVE_WINDOW);
	d->timeout = 30;
	d->start = drive_now();
	if (d->in < 0 || d->out < 0 || !d->log || !d->seen) {
		perror("ttydrive");
		return 2;
	}
	return 0;
}

/* ttydrive -m: one command to QEMU's monitor. */
static int drive_monitor(const char *path, const char *cmd)
{
	int fd = mon_open(path);

	if (fd < 0 || mon_command(fd, cmd) != 0) {
		perror("ttydrive: monitor");
		return 2;
	}
	usleep(200000); /* let QEMU read it before the socket closes */
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct drive d = { 0 };
	char buf[8192];
	FILE *script;
	int rc = 0, line = 0;

	if (argc == 4 && !strcmp(argv[1], "-m"))
		return drive_monitor(argv[2], argv[3]);
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: ttydrive BASE SCRIPT LOG [MONITOR]\n");
		return 2;
	}
	d.mon = -1;
	if (argc == 5) {
		d.mon = mon_open(argv[4]);
		snprintf(d.dump, sizeof(d.dump), "%s.screen", argv[4]);
		if (d.mon < 0) {
			perror("ttydrive: monitor");
			return 2;
		}
	}
	script = fopen(argv[2], "r");
	if (!script || drive_open(&d, argv[1], argv[3]) != 0)
		return 2;
	while (rc == 0 && fgets(buf, sizeof(buf), script)) {
		char *s = buf + strspn(buf, " \t");

		line++;
		s[strcspn(s, "\n")] = '\0';
		if (*s && *s != '#')
			rc = drive_line(&d, s, line);
	}
	if (rc == 1 && d.mon >= 0 && mon_command(d.mon, "nmi") == 0) /* the thread report */
		drive_sleep(&d, 3);
	d.timeout = 60;
	while (drive_pump(&d, d.timeout)) /* the rest of the run, until QEMU ends */
		;
	return rc;
}
