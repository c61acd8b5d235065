/*
 * ps [-eAfl] [-L] [-p pid,...] [-o col,...] | ps aux: the processes, from
 * sysctl(SYSCTL_PROCS) (uapi/procinfo.h: one record per thread).
 *
 * Selection: by default the processes of ps's own session; -e or -A all;
 * -p a list of pids. Formats (procps' columns):
 *   default  PID TTY TIME CMD
 *   -f       UID PID PPID C STIME TTY TIME CMD
 *   -l       S UID PID PPID C PRI NI SZ TTY TIME CMD
 *   aux      USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND (all processes)
 *   -o list  any of pid,ppid,pgid,sid,tid,state,cls,pri,ni,time,rtime,
 *            switches,wait,nlwp,comm (comma-separated)
 * -L lists threads (one line each, with LWP and NLWP columns; -o tid
 * for the thread id). Without -L, a process's run time, wait time and
 * switches are the sums over its threads. TIME is CPU time [DD-]HH:MM:SS;
 * rtime and wait are milliseconds; switches is voluntary/involuntary; C
 * and %CPU are CPU time over time since the process started. PRI is the
 * kernel's run-queue index (0 is best), cls the class (RT, TS, B, IDL).
 * The kernel does not track controlling terminals yet: TTY is "?". SZ,
 * VSZ and RSS are known for ps itself only (0 for the others).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/zero.h>
#include <time.h>
#include <uapi/procinfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#define PS_MAXCOL 24
#define MS	  1000000ULL
#define SEC	  1000000000ULL

enum ps_col {
	C_PID,
	C_PPID,
	C_PGID,
	C_SID,
	C_TID,
	C_STATE,
	C_CLS,
	C_PRI,
	C_NI,
	C_TIME,
	C_RTIME,
	C_SWITCHES,
	C_WAIT,
	C_NLWP,
	C_COMM,
	C_UID,
	C_USER,
	C_C,
	C_PCPU,
	C_PMEM,
	C_STIME,
	C_TTY,
	C_SZ,
	C_VSZ,
	C_RSS,
	C_STAT,
	C_START,
	C_NCOL
};

struct ps_coldef {
	const char *name;   /* for -o */
	const char *header; /* printed */
	int width;	    /* negative: left-aligned */
};

static const struct ps_coldef ps_cols[C_NCOL] = {
	[C_PID] = { "pid", "PID", 5 },	      [C_PPID] = { "ppid", "PPID", 5 },
	[C_PGID] = { "pgid", "PGID", 5 },     [C_SID] = { "sid", "SID", 5 },
	[C_TID] = { "tid", "LWP", 5 },	      [C_STATE] = { "state", "S", 1 },
	[C_CLS] = { "cls", "CLS", -3 },	      [C_PRI] = { "pri", "PRI", 3 },
	[C_NI] = { "ni", "NI", 3 },	      [C_TIME] = { "time", "TIME", 8 },
	[C_RTIME] = { "rtime", "RTIME", 8 },  [C_SWITCHES] = { "switches", "SWITCHES", 11 },
	[C_WAIT] = { "wait", "WAIT", 8 },     [C_NLWP] = { "nlwp", "NLWP", 4 },
	[C_COMM] = { "comm", "CMD", 0 },      [C_UID] = { "uid", "UID", 5 },
	[C_USER] = { "user", "USER", -8 },    [C_C] = { "c", "C", 2 },
	[C_PCPU] = { "pcpu", "%CPU", 4 },     [C_PMEM] = { "pmem", "%MEM", 4 },
	[C_STIME] = { "stime", "STIME", -5 }, [C_TTY] = { "tty", "TTY", -8 },
	[C_SZ] = { "sz", "SZ", 5 },	      [C_VSZ] = { "vsz", "VSZ", 6 },
	[C_RSS] = { "rss", "RSS", 5 },	      [C_STAT] = { "stat", "STAT", -4 },
	[C_START] = { "start", "START", -5 },
};

struct ps_opts {
	int all, threads, bsd;
	int cols[PS_MAXCOL];
	int ncols;
	int pids[64];
	int npids;
};

static uint64_t ps_now_ns; /* since boot */
static time_t ps_boot;	   /* wall-clock time of boot */

/* The process's sums over its records (run, wait, switches), in place of record @p r's. */
static struct procinfo ps_total(const struct procinfo *recs, long n, long i)
{
	struct procinfo t = recs[i];

	t.run_ns = t.wait_ns = t.nvcsw = t.nivcsw = 0;
	for (long j = i; j < n && recs[j].pid == recs[i].pid; j++) {
		t.run_ns += recs[j].run_ns;
		t.wait_ns += recs[j].wait_ns;
		t.nvcsw += recs[j].nvcsw;
		t.nivcsw += recs[j].nivcsw;
	}
	return t;
}

static void ps_time(char *buf, size_t len, uint64_t ns)
{
	unsigned long long s = ns / SEC;

	if (s >= 86400)
		snprintf(buf, len, "%llu-%02llu:%02llu:%02llu", s / 86400, s / 3600 % 24,
			 s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}

/* CPU use in 1/1000 of the time since the process started. */
static unsigned ps_permille(const struct procinfo *p)
{
	uint64_t age = ps_now_ns > p->start_ns ? ps_now_ns - p->start_ns : 0;

	return age ? (unsigned)(p->cpu_ns * 1000 / age) : 0;
}

static const char *ps_class(int cls)
{
	static const char *const names[] = { "RT", "TS", "B", "IDL" };

	return cls >= 0 && cls < 4 ? names[cls] : "?";
}

static void ps_stime(char *buf, size_t len, uint64_t start_ns)
{
	time_t t = ps_boot + (time_t)(start_ns / SEC);
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, len, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

static void ps_cell_num(char *buf, size_t len, int col, const struct procinfo *p)
{
	switch (col) {
	case C_PID:
		snprintf(buf, len, "%d", p->pid);
		break;
	case C_PPID:
		snprintf(buf, len, "%d", p->ppid);
		break;
	case C_PGID:
		snprintf(buf, len, "%d", p->pgid);
		break;
	case C_SID:
		snprintf(buf, len, "%d", p->sid);
		break;
	case C_TID:
		snprintf(buf, len, "%lld", (long long)p->tid);
		break;
	case C_PRI:
		snprintf(buf, len, "%d", p->prio);
		break;
	case C_NI:
		snprintf(buf, len, "%d", p->nice);
		break;
	case C_NLWP:
		snprintf(buf, len, "%u", p->nthreads);
		break;
	case C_UID:
		snprintf(buf, len, "%u", p->euid);
		break;
	default:
		snprintf(buf, len, "?");
	}
}

static void ps_cell_stat(char *buf, size_t len, int col, const struct procinfo *p, int thr)
{
	unsigned pm = ps_permille(p);

	switch (col) {
	case C_STATE:
		snprintf(buf, len, "%c", thr ? p->tstate : p->state);
		break;
	case C_STAT:
		snprintf(buf, len, "%c%s%s", thr ? p->tstate : p->state,
			 p->sid == p->pid ? "s" : "", p->nthreads > 1 ? "l" : "");
		break;
	case C_C:
		snprintf(buf, len, "%u", pm / 10);
		break;
	case C_PCPU:
		snprintf(buf, len, "%u.%u", pm / 10, pm % 10);
		break;
	case C_PMEM:
		snprintf(buf, len, "0.0");
		break;
	case C_SZ:
		snprintf(buf, len, "%llu", (unsigned long long)(p->vsize / 4096));
		break;
	case C_VSZ:
		snprintf(buf, len, "%llu", (unsigned long long)(p->vsize / 1024));
		break;
	case C_RSS:
		snprintf(buf, len, "%llu", (unsigned long long)p->rss_pages * 4);
		break;
	default:
		ps_cell_num(buf, len, col, p);
	}
}

/* A terminal's name from its device number (the Linux encoding). */
static void ps_tty(char *buf, size_t len, int32_t dev)
{
	unsigned ma = ((unsigned)dev >> 8) & 0xfff,
		 mi = ((unsigned)dev & 0xff) | (((unsigned)dev >> 12) & 0xfff00);

	if (dev < 0)
		snprintf(buf, len, "?");
	else if (ma == 5 && mi == 1)
		snprintf(buf, len, "console");
	else if (ma == 4)
		snprintf(buf, len, "tty%u", mi);
	else
		snprintf(buf, len, "%u,%u", ma, mi);
}

static void ps_cell(char *buf, size_t len, int col, const struct procinfo *p, int thr)
{
	switch (col) {
	case C_CLS:
		snprintf(buf, len, "%s", ps_class(p->cls));
		break;
	case C_TIME:
		ps_time(buf, len, thr ? p->run_ns : p->cpu_ns);
		break;
	case C_RTIME:
		snprintf(buf, len, "%llu", (unsigned long long)(p->run_ns / MS));
		break;
	case C_WAIT:
		snprintf(buf, len, "%llu", (unsigned long long)(p->wait_ns / MS));
		break;
	case C_SWITCHES:
		snprintf(buf, len, "%llu/%llu", (unsigned long long)p->nvcsw,
			 (unsigned long long)p->nivcsw);
		break;
	case C_COMM:
		snprintf(buf, len, "%.*s", PROCINFO_NAME, p->comm);
		break;
	case C_USER:
		if (p->euid == 0)
			snprintf(buf, len, "root");
		else
			snprintf(buf, len, "%u", p->euid);
		break;
	case C_STIME:
	case C_START:
		ps_stime(buf, len, p->start_ns);
		break;
	case C_TTY:
		ps_tty(buf, len, p->tty);
		break;
	default:
		ps_cell_stat(buf, len, col, p, thr);
	}
}

static void ps_row(const struct ps_opts *o, const struct procinfo *p, int header)
{
	for (int i = 0; i < o->ncols; i++) {
		const struct ps_coldef *d = &ps_cols[o->cols[i]];
		char buf[64];
		int last = i == o->ncols - 1;

		if (header)
			snprintf(buf, sizeof(buf), "%s", d->header);
		else
			ps_cell(buf, sizeof(buf), o->cols[i], p, o->threads);
		if (last && d->width <= 0)
			printf("%s", buf);
		else if (d->width < 0)
			printf("%-*s", -d->width, buf);
		else
			printf("%*s", d->width, buf);
		putchar(last ? '\n' : ' ');
	}
}

static void ps_set(struct ps_opts *o, const int *cols, int n)
{
	memcpy(o->cols, cols, (size_t)n * sizeof(*cols));
	o->ncols = n;
}

static int ps_col_named(const char *name)
{
	for (int c = 0; c < C_NCOL; c++)
		if (ps_cols[c].name && strcmp(ps_cols[c].name, name) == 0)
			return c;
	if (strcmp(name, "s") == 0 || strcmp(name, "stat") == 0)
		return C_STATE;
	if (strcmp(name, "cmd") == 0 || strcmp(name, "command") == 0)
		return C_COMM;
	if (strcmp(name, "lwp") == 0)
		return C_TID;
	return -1;
}

/* Split a comma (or blank) list with @p fn applied to each item. */
static int ps_list(char *s, int (*fn)(struct ps_opts *, const char *), struct ps_opts *o)
{
	for (char *tok = strtok(s, ", "); tok; tok = strtok(NULL, ", "))
		if (fn(o, tok) != 0)
			return -1;
	return 0;
}

static int ps_add_col(struct ps_opts *o, const char *name)
{
	int c = ps_col_named(name);

	if (c < 0) {
		fprintf(stderr,
			"ps: unknown column '%s' (pid,ppid,pgid,sid,tid,state,cls,pri,"
			"ni,time,rtime,switches,wait,nlwp,comm)\n",
			name);
		return -1;
	}
	if (o->ncols == PS_MAXCOL)
		return -1;
	o->cols[o->ncols++] = c;
	return 0;
}

static int ps_add_pid(struct ps_opts *o, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v <= 0 || o->npids == 64) {
		fprintf(stderr, "ps: bad process ID '%s'\n", s);
		return -1;
	}
	o->pids[o->npids++] = (int)v;
	return 0;
}

static void ps_bsd(struct ps_opts *o)
{
	static const int aux[] = { C_USER, C_PID,  C_PCPU,  C_PMEM, C_VSZ, C_RSS,
				   C_TTY,  C_STAT, C_START, C_TIME, C_COMM };

	o->all = o->bsd = 1;
	ps_set(o, aux, (int)(sizeof(aux) / sizeof(aux[0])));
}

static int ps_usage(void)
{
	fprintf(stderr, "usage: ps [-eAflL] [-p pid,...] [-o col,...] | ps aux\n");
	return 1;
}

static int ps_parse(int argc, char **argv, struct ps_opts *o)
{
	static const int dflt[] = { C_PID, C_TTY, C_TIME, C_COMM };
	static const int full[] = { C_UID, C_PID, C_PPID, C_C, C_STIME, C_TTY, C_TIME, C_COMM };
	static const int lng[] = { C_STATE, C_UID, C_PID, C_PPID, C_C,	 C_PRI,
				   C_NI,    C_SZ,  C_TTY, C_TIME, C_COMM };
	int c, f = 0, l = 0;

	if (argc > 1 && argv[1][0] != '-' && strspn(argv[1], "auxw") == strlen(argv[1])) {
		ps_bsd(o);
		return argc > 2 ? ps_usage() : 0;
	}
	while ((c = getopt(argc, argv, "eAflLp:o:")) != -1) {
		if (c == 'e' || c == 'A')
			o->all = 1;
		else if (c == 'f')
			f = 1;
		else if (c == 'l')
			l = 1;
		else if (c == 'L')
			o->threads = 1;
		else if (c == 'p' && ps_list(optarg, ps_add_pid, o) == 0)
			continue;
		else if (c == 'o' && ps_list(optarg, ps_add_col, o) == 0)
			continue;
		else
			return ps_usage();
	}
	if (optind < argc)
		return ps_usage();
	int custom = o->ncols > 0;

	if (o->ncols == 0 && l)
		ps_set(o, lng, (int)(sizeof(lng) / sizeof(lng[0])));
	else if (o->ncols == 0 && f)
		ps_set(o, full, (int)(sizeof(full) / sizeof(full[0])));
	else if (o->ncols == 0)
		ps_set(o, dflt, (int)(sizeof(dflt) / sizeof(dflt[0])));
	if (o->threads && !custom && o->ncols + 2 <= PS_MAXCOL) { /* -o says its own */
		memmove(o->cols + 3, o->cols + 1, (size_t)(o->ncols - 1) * sizeof(int));
		o->cols[1] = C_TID;
		o->cols[2] = C_NLWP;
		o->ncols += 2;
	}
	return 0;
}

static int ps_selected(const struct ps_opts *o, const struct procinfo *p, int my_sid)
{
	if (o->npids) {
		for (int i = 0; i < o->npids; i++)
			if (o->pids[i] == p->pid)
				return 1;
		return 0;
	}
	return o->all || p->sid == my_sid;
}

/* The records, in a buffer grown until they fit; NULL on failure. */
static struct procinfo *ps_fetch(long *n)
{
	long room = 64;

	for (;;) {
		struct procinfo *buf = malloc((size_t)room * sizeof(*buf));

		if (buf == NULL)
			return NULL;
		*n = sysctl(SYSCTL_PROCS, room, buf);
		if (*n >= 0 && *n <= room)
			return buf;
		free(buf);
		if (*n < 0)
			return NULL;
		room = *n + 16;
	}
}

static void ps_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ps_now_ns = (uint64_t)ts.tv_sec * SEC + (uint64_t)ts.tv_nsec;
	ps_boot = time(NULL) - ts.tv_sec;
}

int main(int argc, char **argv)
{
	struct ps_opts o = { 0 };
	struct procinfo *recs;
	int my_sid = -1, found = 0;
	long n;

	if (ps_parse(argc, argv, &o) != 0)
		return 1;
	recs = ps_fetch(&n);
	if (recs == NULL) {
		fprintf(stderr, "ps: sysctl: %s\n", strerror(errno));
		return 1;
	}
	for (long i = 0; i < n; i++) /* its session, as the kernel reports it */
		if (recs[i].pid == getpid())
			my_sid = recs[i].sid;
	ps_clock();
	ps_row(&o, NULL, 1);
	for (long i = 0; i < n; i++) {
		struct procinfo p;

		if ((!o.threads && recs[i].thread_index != 0) || !ps_selected(&o, &recs[i], my_sid))
			continue;
		p = o.threads ? recs[i] : ps_total(recs, n, i);
		ps_row(&o, &p, 0);
		found++;
	}
	free(recs);
	return o.npids && !found ? 1 : 0;
}
