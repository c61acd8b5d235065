/*
 * more [file...]: show the files (or standard input) a screen at a time.
 * The screen's height comes from TIOCGWINSZ (24 lines by default); the
 * keys are read from /dev/tty (or standard error's terminal) without
 * waiting for a newline: space shows the next page, Enter the next line,
 * q quits. The prompt is "--More--" with the part of the file shown so
 * far, "(NN%)", when its size is known. When standard output is not a
 * terminal more copies its input like cat.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static int mo_rows = 24, mo_cols = 80, mo_keyfd = -1;
static struct termios mo_saved;
static int mo_raw;

static void mo_restore(void)
{
	if (mo_raw)
		tcsetattr(mo_keyfd, TCSANOW, &mo_saved);
	mo_raw = 0;
}

static void mo_on_signal(int sig)
{
	mo_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void mo_setup(void)
{
	struct winsize ws;
	struct termios t;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1) {
		mo_rows = ws.ws_row;
		mo_cols = ws.ws_col ? ws.ws_col : 80;
	}
	mo_keyfd = open("/dev/tty", O_RDONLY);
	if (mo_keyfd < 0 && isatty(2))
		mo_keyfd = 2;
	if (mo_keyfd < 0 || tcgetattr(mo_keyfd, &mo_saved) < 0)
		return;
	t = mo_saved;
	t.c_lflag &= ~(unsigned)(ICANON | ECHO);
	t.c_cc[VMIN] = 1, t.c_cc[VTIME] = 0;
	if (tcsetattr(mo_keyfd, TCSANOW, &t) == 0) {
		mo_raw = 1;
		atexit(mo_restore);
		signal(SIGINT, mo_on_signal);
		signal(SIGTERM, mo_on_signal);
	}
}

/* Show the prompt, wait for a key: lines to show next, 0 to quit. */
static int mo_prompt(long long shown, long long size)
{
	char c = 'q';

	if (size > 0)
		printf("--More--(%lld%%)", shown * 100 / size);
	else
		fputs("--More--", stdout);
	fflush(stdout);
	for (;;) {
		if (mo_keyfd < 0 || read(mo_keyfd, &c, 1) != 1)
			c = 'q';
		if (c == ' ' || c == '\r' || c == '\n' || c == 'q' || c == 'Q')
			break;
	}
	fputs("\r\033[K", stdout);
	if (c == 'q' || c == 'Q')
		return 0;
	return c == ' ' ? mo_rows - 1 : 1;
}

/* Screen rows a line takes (with its wrap at the width). */
static int mo_height(const char *s, ssize_t n)
{
	long col = 0, rows = 1;

	for (ssize_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			continue;
		col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		if (col > mo_cols)
			rows++, col = s[i] == '\t' ? 0 : 1;
	}
	return (int)rows;
}

/* Page through f; returns 0 when the user quit. */
static int mo_page(FILE *f, long long size, int *left)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long long shown = 0;

	while ((n = getline(&line, &cap, f)) > 0) {
		if (*left <= 0 && !(*left = mo_prompt(shown, size))) {
			free(line);
			return 0;
		}
		fwrite(line, 1, (size_t)n, stdout);
		shown += n;
		*left -= mo_height(line, n);
	}
	free(line);
	return 1;
}

static int mo_cat(FILE *f)
{
	char buf[8192];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int tty = isatty(1), status = 0, left, nfiles = argc - 1;

	if (tty)
		mo_setup();
	left = mo_rows - 1;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *p = nfiles ? argv[i + 1] : "-";
		FILE *f = strcmp(p, "-") ? fopen(p, "r") : stdin;
		struct stat st;
		if (!f) {
			fprintf(stderr, "more: cannot open %s: %s\n", p, strerror(errno));
			status = 1;
			continue;
		}
		if (!tty) {
			status |= mo_cat(f);
		} else {
			long long size =
			    !fstat(fileno(f), &st) && S_ISREG(st.st_mode) ? st.st_size : 0;
			if (nfiles > 1) {
				printf("::::::::::::::\n%s\n::::::::::::::\n", p);
				left -= 3;
			}
			if (!mo_page(f, size, &left))
				i = nfiles;
		}
		if (f != stdin)
			fclose(f);
	}
	mo_restore();
	return fflush(stdout) ? 1 : status;
}
