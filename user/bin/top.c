/*
 * top [-b] [-d secs] [-n count]: a refreshing view of the processes,
 * busiest first, from sysctl(SYSCTL_PROCS), SYSCTL_MEMINFO and
 * SYSCTL_MODULES (which scheduler runs).
 *
 * Every refresh (1 s, -d) shows a header (time, uptime, the process and
 * thread counts by state, the switch rate, memory) and one line per
 * process, sorted by the CPU it used since the last refresh (%CPU; the
 * first screen counts since the process started). `q` quits: the
 * terminal is put in raw mode (termios, VMIN=0 and VTIME as the refresh
 * timer). Where the terminal cannot be set (not a tty, or no termios in
 * the kernel) top falls back to sleeping and a non-blocking read, and
 * `q` needs Enter. -b (batch) prints plain snapshots one after another,
 * without clearing the screen or reading input; -n stops after that many
 * (tests use `top -b -n 2`). ^C also quits and restores the terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/zero.h>
#include <termios.h>
#include <time.h>
#include <uapi/meminfo.h>
#include <uapi/modinfo.h>
#include <uapi/procinfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#define TOP_MAX 512 /* records (threads) read per refresh */
#define SEC	1000000000ULL

struct top_proc {
	struct procinfo pi;
	uint64_t delta_ns; /* CPU since the last refresh */
	uint64_t switches; /* all threads', in total */
};

struct top_state {
	struct procinfo recs[TOP_MAX];
	struct top_proc now[TOP_MAX], prev[TOP_MAX];
	int nnow, nprev;
	uint64_t t_now, t_prev; /* monotonic ns of the snapshots */
	uint64_t sw_now, sw_prev;
	char sched[MODINFO_NAME];
	int batch, raw, nonblock;
	struct termios saved;
	int saved_fl;
};

static struct top_state top;
static volatile sig_atomic_t top_quit;

static void top_on_signal(int sig)
{
	(void)sig;
	top_quit = 1;
}

static uint64_t top_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * SEC + (uint64_t)ts.tv_nsec;
}

static void top_scheduler(void)
{
	static struct modinfo mods[64];
	long n = sysctl(SYSCTL_MODULES, 64, mods);

	snprintf(top.sched, sizeof(top.sched), "?");
	for (long i = 0; i < n && i < 64; i++)
		if ((mods[i].flags & MODINFO_CHOSEN) && strcmp(mods[i].role, "sched") == 0)
			snprintf(top.sched, sizeof(top.sched), "%.*s", MODINFO_NAME - 1,
				 mods[i].name);
}

static uint64_t top_prev_cpu(int pid, uint64_t start, int *found)
{
	for (int i = 0; i < top.nprev; i++) {
		if (top.prev[i].pi.pid == pid && top.prev[i].pi.start_ns == start) {
			*found = 1;
			return top.prev[i].pi.cpu_ns;
		}
	}
	*found = 0;
	return 0;
}

/* One snapshot: processes with their CPU since the last one. */
static int top_sample(void)
{
	long n = sysctl(SYSCTL_PROCS, TOP_MAX, top.recs);

	if (n < 0)
		return -1;
	memcpy(top.prev, top.now, sizeof(top.now[0]) * (size_t)top.nnow);
	top.nprev = top.nnow, top.t_prev = top.t_now, top.sw_prev = top.sw_now;
	top.nnow = 0, top.sw_now = 0, top.t_now = top_clock();
	for (long i = 0; i < n && i < TOP_MAX; i++) {
		const struct procinfo *r = &top.recs[i];
		struct top_proc *p;
		int seen;
		uint64_t before;

		top.sw_now += r->nvcsw + r->nivcsw;
		if (r->thread_index != 0) {
			top.now[top.nnow - 1].switches += r->nvcsw + r->nivcsw;
			continue;
		}
		p = &top.now[top.nnow++];
		p->pi = *r;
		p->switches = r->nvcsw + r->nivcsw;
		before = top_prev_cpu(r->pid, r->start_ns, &seen);
		if (!seen) /* new: since it started */
			before = 0;
		p->delta_ns = r->cpu_ns > before ? r->cpu_ns - before : 0;
	}
	return 0;
}

static uint64_t top_span(const struct top_proc *p)
{
	if (top.t_prev)
		return top.t_now - top.t_prev;
	return top.t_now > p->pi.start_ns ? top.t_now - p->pi.start_ns : 1;
}

static int top_cmp(const void *a, const void *b)
{
	const struct top_proc *x = a, *y = b;
	uint64_t px = x->delta_ns * 1000 / top_span(x), py = y->delta_ns * 1000 / top_span(y);

	if (px != py)
		return px > py ? -1 : 1;
	return x->pi.pid - y->pi.pid;
}

static void top_header(void)
{
	static struct meminfo mi;
	time_t now = time(NULL);
	struct tm tm;
	uint64_t up = top.t_now / SEC, total = 0, fr = 0;
	int nthr = 0, run = 0, sleep = 0;

	localtime_r(&now, &tm);
	for (int i = 0; i < top.nnow; i++) {
		nthr += top.now[i].pi.nthreads;
		run += top.now[i].pi.state == PROCINFO_RUN;
		sleep += top.now[i].pi.state == PROCINFO_SLEEP;
	}
	printf("top - %02d:%02d:%02d up %llu:%02llu:%02llu,  0 users,  load average: 0.00, 0.00, "
	       "0.00\n",
	       tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned long long)(up / 3600),
	       (unsigned long long)(up / 60 % 60), (unsigned long long)(up % 60));
	printf("Tasks: %3d total, %3d running, %3d sleeping,   0 stopped,   0 zombie\n", top.nnow,
	       run, sleep);
	printf(
	    "Threads: %3d total; scheduler %s; %llu switches/s\n", nthr, top.sched,
	    top.t_prev && top.t_now > top.t_prev
		? (unsigned long long)((top.sw_now - top.sw_prev) * SEC / (top.t_now - top.t_prev))
		: 0ULL);
	if (sysctl(SYSCTL_MEMINFO, 0, &mi) == 0) {
		for (int i = 0; i < 2; i++)
			total += mi.zones[i].total_kib, fr += mi.zones[i].free_kib;
		printf("KiB Mem: %9llu total, %9llu free, %9llu used, %9llu buff/cache\n",
		       (unsigned long long)total, (unsigned long long)fr,
		       (unsigned long long)(total - fr - mi.reclaimable_kib),
		       (unsigned long long)mi.reclaimable_kib);
	}
	printf("\n%5s %-8s %3s %3s %1s %5s %9s %4s %s\n", "PID", "USER", "PR", "NI", "S", "%CPU",
	       "TIME+", "NLWP", "COMMAND");
}

static void top_line(const struct top_proc *p)
{
	const struct procinfo *r = &p->pi;
	uint64_t pm = p->delta_ns * 1000 / top_span(p);
	unsigned long long cs = r->cpu_ns / (SEC / 100);
	char user[16];

	if (r->euid == 0)
		snprintf(user, sizeof(user), "root");
	else
		snprintf(user, sizeof(user), "%u", r->euid);
	printf("%5d %-8s %3d %3d %c %3llu.%llu %3llu:%02llu.%02llu %4u %.*s\n", r->pid, user,
	       r->prio, r->nice, r->state, (unsigned long long)(pm / 10),
	       (unsigned long long)(pm % 10), cs / 6000, cs / 100 % 60, cs % 100, r->nthreads,
	       PROCINFO_NAME, r->comm);
}

static int top_rows(void)
{
	struct winsize ws;

	if (!top.batch && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 7)
		return ws.ws_row - 7;
	return top.batch ? TOP_MAX : 17;
}

static void top_show(void)
{
	int rows = top_rows();

	qsort(top.now, (size_t)top.nnow, sizeof(top.now[0]), top_cmp);
	if (!top.batch)
		printf("\033[H\033[2J");
	top_header();
	for (int i = 0; i < top.nnow && i < rows; i++)
		top_line(&top.now[i]);
	if (top.batch)
		putchar('\n');
	fflush(stdout);
}

/* Raw input for `q`: termios if the terminal has it, else a non-blocking read. */
static void top_input_start(void)
{
	struct termios t;

	if (top.batch)
		return;
	if (tcgetattr(0, &top.saved) == 0) {
		t = top.saved;
		t.c_lflag &= ~(ICANON | ECHO);
		t.c_cc[VMIN] = 0;
		t.c_cc[VTIME] = 1;
		top.raw = tcsetattr(0, TCSANOW, &t) == 0;
	}
	if (!top.raw) {
		top.saved_fl = fcntl(0, F_GETFL);
		top.nonblock =
		    top.saved_fl >= 0 && fcntl(0, F_SETFL, top.saved_fl | O_NONBLOCK) == 0;
	}
}

static void top_input_end(void)
{
	if (top.raw)
		tcsetattr(0, TCSANOW, &top.saved);
	if (top.nonblock)
		fcntl(0, F_SETFL, top.saved_fl);
}

/* Wait one refresh period in steps of 0.1 s, watching for `q`. */
static void top_wait(unsigned ms)
{
	for (unsigned waited = 0; waited < ms && !top_quit; waited += 100) {
		char c;

		if ((top.raw || top.nonblock) && read(0, &c, 1) == 1 && (c == 'q' || c == 'Q')) {
			top_quit = 1;
			break;
		}
		if (!top.raw) /* VTIME already waited 0.1 s when it read nothing */
			usleep(100000);
	}
}

static int top_args(int argc, char **argv, unsigned *ms, long *count)
{
	int c;
	char *end;
	double d;

	while ((c = getopt(argc, argv, "bd:n:")) != -1) {
		if (c == 'b') {
			top.batch = 1;
		} else if (c == 'd') {
			d = strtod(optarg, &end);
			if (end == optarg || *end || d < 0.1 || d > 3600)
				return -1;
			*ms = (unsigned)(d * 1000);
		} else if (c == 'n') {
			*count = strtol(optarg, &end, 10);
			if (end == optarg || *end || *count < 1)
				return -1;
		} else {
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned ms = 1000;
	long count = -1;

	if (top_args(argc, argv, &ms, &count) != 0) {
		fprintf(stderr, "usage: top [-b] [-d secs] [-n count]\n");
		return 1;
	}
	signal(SIGINT, top_on_signal);
	signal(SIGTERM, top_on_signal);
	top_scheduler();
	top_input_start();
	for (long i = 0; (count < 0 || i < count) && !top_quit; i++) {
		if (top_sample() != 0) {
			top_input_end();
			fprintf(stderr, "top: sysctl: %s\n", strerror(errno));
			return 1;
		}
		top_show();
		if (count < 0 || i + 1 < count)
			top_wait(ms);
	}
	top_input_end();
	return 0;
}
