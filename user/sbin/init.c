/*
 * init: the first process. It makes sure descriptors 0, 1 and 2 are open
 * (on /dev/console if the kernel left them closed), runs /etc/rc with
 * /bin/sh when both exist, then follows /etc/inittab, whose lines are
 *
 *   # a comment             (and blank lines: ignored)
 *   once:<command line>     run it, wait for it, report how it ended
 *   respawn:<command line>  start it after the once lines; start it again
 *                           whenever it ends (not faster than once a second)
 *   halt:                   when the last once line is done and nothing
 *                           respawns: power off if every once program
 *                           exited 0, else exit with status 1 (under the
 *                           kernel word halt=exit QEMU leaves with 33 or 35)
 *
 * in file order. $INITTAB names another file (the kernel word
 * init.INITTAB=/etc/inittab.suite sets it). A respawn program starts a
 * session of its own with the console as its controlling terminal (as a
 * getty would), so that the shell there has job control; once programs
 * stay in init's session, without a terminal. A command line is words separated by blanks (no
 * quoting); the first is the program's path. Each program that ends is reported as "init: <command
 * line>: exited <n>" or "init: <command line>: killed by signal <n>". init reaps every orphan the
 * kernel gives it. Without respawn or halt lines it waits for orphans forever.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENTRIES 64
#define MAX_ARGS    32
#define LINE_MAX    512

struct entry {
	char line[LINE_MAX]; /* the command line as written */
	int respawn;
	pid_t pid;	/* running now, or 0 */
	time_t started; /* for the respawn rate limit */
};

static struct entry entries[MAX_ENTRIES];
static int nentries, want_halt, failures;

static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* In the child: a respawn program leads a session on the console. */
static void start_session(void)
{
	if (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) < 0)
		printf("init: no controlling terminal: %s\n", strerror(errno));
}

static pid_t start(const char *line, int respawn)
{
	char copy[LINE_MAX], *argv[MAX_ARGS + 1], *save = NULL;
	int argc = 0;
	pid_t pid;

	strlcpy(copy, line, sizeof(copy));
	for (char *w = strtok_r(copy, " \t", &save); w && argc < MAX_ARGS;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (argc == 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("init: %s: fork: %s\n", line, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (respawn)
			start_session();
		execve(argv[0], argv, environ);
		printf("init: %s: %s\n", argv[0], strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	return pid;
}

static void report(const char *line, int status)
{
	if (WIFSIGNALED(status))
		printf("init: %s: killed by signal %d\n", line, WTERMSIG(status));
	else
		printf("init: %s: exited %d\n", line, WEXITSTATUS(status));
	fflush(stdout);
}

/* One child ended: report it if it is ours, restart it if it respawns. */
static void reaped(pid_t pid, int status)
{
	for (int i = 0; i < nentries; i++) {
		struct entry *e = &entries[i];
		if (e->pid != pid)
			continue;
		e->pid = 0;
		report(e->line, status);
		if (!e->respawn)
			return;
		if (time(NULL) - e->started < 1)
			sleep(1);
		e->started = time(NULL);
		e->pid = start(e->line, 1);
		return;
	}
}

/* Run one command line to its end, reaping whatever else ends meanwhile. */
static void run_once(struct entry *e)
{
	int status;
	pid_t pid;

	e->pid = start(e->line, 0);
	if (e->pid < 0) {
		e->pid = 0;
		failures++;
		return;
	}
	do {
		pid = wait(&status);
		if (pid == e->pid && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
			failures++;
		if (pid > 0)
			reaped(pid, status);
	} while (e->pid != 0 && (pid > 0 || errno == EINTR));
}

static void add(const char *text, int respawn)
{
	struct entry *e;

	if (nentries == MAX_ENTRIES) {
		printf("init: more than %d inittab lines; ignoring '%s'\n", MAX_ENTRIES, text);
		return;
	}
	e = &entries[nentries++];
	strlcpy(e->line, text, sizeof(e->line));
	e->respawn = respawn;
}

static void read_inittab(const char *path)
{
	char buf[LINE_MAX];
	FILE *f = fopen(path, "r");

	if (!f) {
		printf("init: %s: %s\n", path, strerror(errno));
		return;
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *s = buf + strspn(buf, " \t");
		s[strcspn(s, "\r\n")] = '\0';
		if (!*s || *s == '#')
			continue;
		if (!strncmp(s, "once:", 5))
			add(s + 5, 0);
		else if (!strncmp(s, "respawn:", 8))
			add(s + 8, 1);
		else if (!strncmp(s, "halt:", 5))
			want_halt = 1;
		else
			printf("init: %s: unknown line '%s'\n", path, s);
	}
	fclose(f);
}

static void reap_forever(void)
{
	int status;

	for (;;) {
		pid_t pid = wait(&status);
		if (pid > 0)
			reaped(pid, status);
		else if (errno == ECHILD)
			pause();
	}
}

int main(void)
{
	struct stat st;
	int respawns = 0;

	open_console();
	if (!getenv("PATH"))
		setenv("PATH", "/bin:/sbin:/usr/bin", 0);
	if (stat("/etc/rc", &st) == 0 && stat("/bin/sh", &st) == 0)
		add("/bin/sh /etc/rc", 0);
	if (!getenv("TERM"))
		setenv("TERM", "vt100", 0);
	read_inittab(getenv("INITTAB") ? getenv("INITTAB") : "/etc/inittab");
	for (int i = 0; i < nentries; i++)
		if (!entries[i].respawn)
			run_once(&entries[i]);
	for (int i = 0; i < nentries; i++) {
		if (!entries[i].respawn)
			continue;
		respawns++;
		entries[i].started = time(NULL);
		entries[i].pid = start(entries[i].line, 1);
	}
	if (want_halt && !respawns) {
		printf("init: done, %d program(s) failed\n", failures);
		fflush(stdout);
		if (failures)
			return 1;
		halt(HALT_POWEROFF);
		printf("init: halt: %s\n", strerror(errno));
		return 1;
	}
	reap_forever();
}
