/*
 * In-guest tests of the terminal layer on the console: isatty, the
 * default settings, a tcsetattr round trip, a VMIN=0/VTIME=1 read that
 * times out with 0 bytes, the window size, /dev/tty without and with a
 * controlling terminal, setsid + TIOCSCTTY, tcsetpgrp, and job control
 * with the core: a child in a background group that reads the terminal
 * is stopped by SIGTTIN, continued (WCONTINUED), then killed; and the
 * stty tool's settings, size and listing.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ztest.h"

/* A step of a child's test: its number is the exit status when it fails. */
#define STEP(n, cond)                                                                              \
	do {                                                                                       \
		if (!(cond))                                                                       \
			_exit(n);                                                                  \
	} while (0)

static void is_a_tty(void)
{
	int fd = open("/dev/null", O_RDWR);

	T_CHECK(isatty(0));
	T_CHECK(isatty(1));
	T_CHECK(fd >= 0);
	errno = 0;
	T_CHECK(!isatty(fd));
	T_EQ(errno, ENOTTY);
	close(fd);
}

static void defaults(void)
{
	struct termios t;

	T_EQ(tcgetattr(0, &t), 0);
	T_CHECK(t.c_lflag & ICANON);
	T_CHECK(t.c_lflag & ECHO);
	T_CHECK(t.c_lflag & ISIG);
	T_CHECK(t.c_lflag & IEXTEN);
	T_CHECK(t.c_iflag & ICRNL);
	T_EQ(t.c_oflag, OPOST | ONLCR);
	T_EQ(t.c_cflag & CBAUD, B115200);
	T_EQ(t.c_cc[VINTR], 3);
	T_EQ(t.c_cc[VERASE], 0x7f);
	T_EQ(t.c_cc[VKILL], 0x15);
	T_EQ(t.c_cc[VEOF], 4);
	T_EQ(t.c_cc[VSUSP], 0x1a);
	T_EQ(t.c_cc[VMIN], 1);
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void setattr_and_timeout(void)
{
	struct termios old, t, back;
	struct timespec start;
	char c;
	long n, ms;

	T_EQ(tcgetattr(0, &old), 0);
	t = old;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	T_EQ(tcsetattr(0, TCSANOW, &t), 0);
	T_EQ(tcgetattr(0, &back), 0);
	T_EQ(back.c_lflag, t.c_lflag);
	T_EQ(back.c_cc[VMIN], 0);
	T_EQ(back.c_cc[VTIME], 1);
	clock_gettime(CLOCK_MONOTONIC, &start);
	n = read(0, &c, 1);
	ms = ms_since(&start);
	T_EQ(n, 0); /* nobody types: the 0.1 s timer ends the read */
	T_CHECK(ms >= 80 && ms < 2000);
	T_EQ(tcsetattr(0, TCSANOW, &old), 0);
	T_EQ(tcgetattr(0, &back), 0);
	T_EQ(back.c_lflag, old.c_lflag);
	T_ERRNO(tcsetattr(0, 9, &old), EINVAL);
}

static void window_size(void)
{
	struct winsize old, ws = { .ws_row = 40, .ws_col = 100 }, got;

	T_EQ(ioctl(0, TIOCGWINSZ, &old), 0);
	T_CHECK(old.ws_row > 0 && old.ws_col > 0);
	T_EQ(ioctl(0, TIOCSWINSZ, &ws), 0);
	T_EQ(ioctl(0, TIOCGWINSZ, &got), 0);
	T_EQ(got.ws_row, 40);
	T_EQ(got.ws_col, 100);
	T_EQ(ioctl(0, TIOCSWINSZ, &old), 0);
	T_ERRNO(ioctl(0, TIOCGWINSZ, (void *)8), EFAULT);
}

static void no_ctty(void)
{
	T_ERRNO(open("/dev/tty", O_RDWR), ENXIO);
	T_ERRNO(tcgetpgrp(0), ENOTTY); /* not our controlling terminal */
}

/* In a new session: take the console, use /dev/tty, set the foreground. */
static void session_child(void)
{
	int fd;
	pid_t me = getpid();

	STEP(1, setsid() == me);
	STEP(2, open("/dev/tty", O_RDWR) < 0 && errno == ENXIO);
	STEP(3, ioctl(0, TIOCSCTTY, 0) == 0);
	fd = open("/dev/tty", O_RDWR);
	STEP(4, fd >= 0);
	STEP(5, isatty(fd));
	STEP(6, tcgetsid(fd) == me);
	STEP(7, tcgetpgrp(0) == me);
	STEP(8, tcsetpgrp(fd, me) == 0);
	STEP(9, tcsetpgrp(0, 1) < 0 && errno == EPERM); /* init's group: another session */
	STEP(10, write(fd, "", 0) == 0);
	_exit(0);
}

static void ctty_session(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		session_child();
	T_CHECK(pid > 0);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(WIFEXITED(st));
	T_EQ(WEXITSTATUS(st), 0);
	T_ERRNO(open("/dev/tty", O_RDWR), ENXIO); /* still none here */
}

/* The session leader's part: a background reader stops, continues, dies. */
static void job_leader(void)
{
	int st;
	char c;
	pid_t bg;

	STEP(20, setsid() > 0);
	STEP(21, ioctl(0, TIOCSCTTY, 0) == 0);
	bg = fork();
	if (bg == 0) {
		setpgid(0, 0);
		(void)read(0, &c, 1); /* background: SIGTTIN stops us */
		_exit(99);
	}
	STEP(22, bg > 0);
	setpgid(bg, bg);
	STEP(23, waitpid(bg, &st, WUNTRACED) == bg);
	STEP(24, WIFSTOPPED(st));
	STEP(25, WSTOPSIG(st) == SIGTTIN);
	STEP(26, kill(bg, SIGCONT) == 0);
	/* Continued; or, if it ran first, stopped again by its restarted read,
	 * whose report replaces the continue's (as on Linux). */
	STEP(27, waitpid(bg, &st, WCONTINUED | WUNTRACED) == bg);
	STEP(28, WIFCONTINUED(st) || (WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN));
	if (WIFCONTINUED(st)) /* the read, restarted, stops it again */
		STEP(29, waitpid(bg, &st, WUNTRACED) == bg);
	STEP(30, WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
	STEP(31, kill(bg, SIGKILL) == 0);
	STEP(32, waitpid(bg, &st, 0) == bg);
	STEP(33, WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	_exit(0);
}

static void background_read_stops(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		job_leader();
	T_CHECK(pid > 0);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(WIFEXITED(st));
	T_EQ(WEXITSTATUS(st), 0);
}

/* Run /bin/stty with @args (NULL-terminated) on the console; its output in @out. */
static int run_stty(const char *const *args, char *out, size_t len)
{
	int p[2], st = -1;
	size_t n = 0;
	ssize_t k;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char *argv[12] = { "stty" };

		for (int i = 0; args[i] && i < 10; i++)
			argv[i + 1] = (char *)args[i];
		dup2(p[1], 1);
		close(p[0]);
		execv("/bin/stty", argv);
		_exit(127);
	}
	close(p[1]);
	while (n + 1 < len && (k = read(p[0], out + n, len - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void stty_tool(void)
{
	struct termios old, t;
	struct winsize oldws, ws;
	char out[2048];

	T_EQ(tcgetattr(0, &old), 0);
	T_EQ(ioctl(0, TIOCGWINSZ, &oldws), 0);
	T_EQ(run_stty((const char *[]){ "-echo", "-icanon", "min", "0", "time", "3", NULL }, out,
		      sizeof(out)),
	     0);
	T_EQ(tcgetattr(0, &t), 0);
	T_CHECK(!(t.c_lflag & (ECHO | ICANON)));
	T_EQ(t.c_cc[VMIN], 0);
	T_EQ(t.c_cc[VTIME], 3);
	T_EQ(run_stty((const char *[]){ NULL }, out, sizeof(out)), 0); /* what differs from sane */
	T_CHECK(strstr(out, "min = 0; time = 3;") != NULL);
	T_CHECK(strstr(out, "-icanon") != NULL && strstr(out, "-echo") != NULL);
	T_CHECK(strstr(out, "onlcr") == NULL);
	T_EQ(run_stty((const char *[]){ "sane", "intr", "^X", "rows", "30", "cols", NULL }, out,
		      sizeof(out)),
	     1); /* cols lacks its value */
	T_EQ(run_stty((const char *[]){ "sane", "intr", "^X", "rows", "30", "cols", "90", NULL },
		      out, sizeof(out)),
	     0);
	T_EQ(tcgetattr(0, &t), 0);
	T_CHECK((t.c_lflag & (ECHO | ICANON)) == (ECHO | ICANON));
	T_EQ(t.c_cc[VINTR], 0x18);
	T_EQ(run_stty((const char *[]){ "size", NULL }, out, sizeof(out)), 0);
	T_STREQ(out, "30 90\n");
	T_EQ(run_stty((const char *[]){ "-a", NULL }, out, sizeof(out)), 0);
	T_CHECK(strstr(out, "speed 115200 baud; rows 30; columns 90; line = 0;") != NULL);
	T_CHECK(strstr(out, "intr = ^X; quit = ^\\; erase = ^?;") != NULL);
	T_CHECK(strstr(out, "isig icanon iexten echo") != NULL);
	T_EQ(run_stty((const char *[]){ "bogus", NULL }, out, sizeof(out)), 1);
	T_EQ(tcsetattr(0, TCSANOW, &old), 0);
	T_EQ(ioctl(0, TIOCSWINSZ, &oldws), 0);
	(void)ws;
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(is_a_tty),
		ZTEST(defaults),
		ZTEST(setattr_and_timeout),
		ZTEST(window_size),
		ZTEST(no_ctty),
		ZTEST(ctty_session),
		ZTEST(background_read_stops),
		ZTEST(stty_tool),
	};

	return ztest_main("t_tty", tests, ZTEST_COUNT(tests));
}
