/*
 * watch [-r] [-m] [-i] [-n count] [path...]: print Zero events (the Zero
 * book 3.3; doc/events.md), one line each, as they come:
 *   create /tmp/x    remove /tmp/x    write /tmp/x    attrib /tmp/x
 *   rename /tmp/a -> /tmp/b           overflow
 *   message 12 7: text                input: "ab\n"
 * A path is a file or a directory (its entries are watched); -r also
 * watches the directories below, and those made while it runs. -m prints
 * the messages other processes send it (evsend), -i the console's input
 * bytes. -n stops after count lines. The exit status is 0, or 1 after an
 * error, 2 after a bad option.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/zevent.h>
#include <unistd.h>

#define WT_BUF (EV_QUEUE_BYTES + 4096)

struct wt_watch {
	int wd;
	char *path;
};

static struct wt_watch wt_watches[EV_WATCH_MAX];
static int wt_nwatch;
static int wt_fd, wt_recursive;
static long wt_left = -1; /* lines still to print (-n), -1: no end */

/* The rename half waiting for its other half. */
static struct {
	unsigned cookie;
	char from[4096];
} wt_pending;

static void wt_usage(void)
{
	fprintf(stderr, "usage: watch [-r] [-m] [-i] [-n count] [path...]\n"
			"  Print the events of the paths, one line each (create, remove,\n"
			"  write, rename, attrib, overflow).\n"
			"  -r        watch the directories below each path too\n"
			"  -m        print messages sent to this process (evsend)\n"
			"  -i        print console input\n"
			"  -n count  stop after count lines\n");
	exit(2);
}

static int wt_add(const char *path)
{
	int wd = evwatch(wt_fd, path, EV_FS_ALL);

	if (wd < 0) {
		fprintf(stderr, "watch: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < wt_nwatch; i++)
		if (wt_watches[i].wd == wd)
			return 0;
	wt_watches[wt_nwatch].wd = wd;
	wt_watches[wt_nwatch++].path = strdup(path);
	return 0;
}

/* path and, with -r, every directory below it. */
static int wt_add_tree(const char *path)
{
	struct dirent *de;
	struct stat st;
	char sub[4096];
	int rc = wt_add(path);
	DIR *d;

	if (rc || !wt_recursive || stat(path, &st) || !S_ISDIR(st.st_mode))
		return rc;
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			 de->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode) && wt_add_tree(sub))
			rc = 1;
	}
	closedir(d);
	return rc;
}

/* The path an event names: its watch's, and the entry's name. */
static void wt_path(const struct zevent *ev, char *out, size_t len)
{
	const char *base = "?";

	for (int i = 0; i < wt_nwatch; i++)
		if (wt_watches[i].wd == ev->wd)
			base = wt_watches[i].path;
	if (ev->len == 0)
		snprintf(out, len, "%s", base);
	else
		snprintf(out, len, "%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/",
			 (const char *)(ev + 1));
}

/* Print one line, then count it against -n. */
static void wt_line(const char *line)
{
	printf("%s\n", line);
	fflush(stdout);
	if (wt_left > 0 && --wt_left == 0)
		exit(0);
}

/* Print the words a b [c [d]] as one line. */
static void wt_words(const char *a, const char *b, const char *c, const char *d)
{
	char line[3 * 4096];

	snprintf(line, sizeof(line), "%s %s%s%s%s%s", a, b, c ? " " : "", c ? c : "", d ? " " : "",
		 d ? d : "");
	wt_line(line);
}

static void wt_flush_rename(void)
{
	if (wt_pending.cookie)
		wt_words("rename", wt_pending.from, "->", NULL);
	wt_pending.cookie = 0;
}

/* The bytes of a message or input, quoted as C would. */
static void wt_data(const char *what, const struct zevent *ev)
{
	const unsigned char *p = (const unsigned char *)(ev + 1);
	char buf[4 * EV_MSG_MAX + 3], *o = buf;

	*o++ = '"';
	for (uint32_t i = 0; i < ev->len; i++) {
		if (p[i] == '\n')
			o += sprintf(o, "\\n");
		else if (p[i] == '"' || p[i] == '\\')
			o += sprintf(o, "\\%c", p[i]);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			o += sprintf(o, "\\%03o", p[i]);
		else
			*o++ = (char)p[i];
	}
	*o++ = '"';
	*o = '\0';
	wt_words(what, buf, NULL, NULL);
}

static void wt_message(const struct zevent *ev)
{
	char head[64];

	snprintf(head, sizeof(head), "message %d %u:", ev->pid, ev->cookie);
	wt_data(head, ev);
}

static void wt_rename(const struct zevent *ev, const char *path)
{
	if (ev->type == EV_RENAME_FROM) {
		wt_flush_rename();
		wt_pending.cookie = ev->cookie;
		snprintf(wt_pending.from, sizeof(wt_pending.from), "%s", path);
		return;
	}
	if (wt_pending.cookie == ev->cookie) {
		wt_pending.cookie = 0;
		wt_words("rename", wt_pending.from, "->", path);
	} else {
		wt_flush_rename();
		wt_words("rename", "->", path, NULL);
	}
	if (wt_recursive && (ev->flags & EVF_ISDIR))
		wt_add_tree(path);
}

static void wt_event(const struct zevent *ev)
{
	static const struct {
		unsigned type;
		const char *name;
	} names[] = { { EV_CREATE, "create" },
		      { EV_REMOVE, "remove" },
		      { EV_WRITE, "write" },
		      { EV_ATTRIB, "attrib" } };
	char path[4096];

	if (ev->type & EV_RENAME) {
		wt_path(ev, path, sizeof(path));
		wt_rename(ev, path);
		return;
	}
	wt_flush_rename();
	if (ev->type == EV_OVERFLOW)
		wt_line("overflow");
	else if (ev->type == EV_MSG)
		wt_message(ev);
	else if (ev->type == EV_INPUT)
		wt_data("input:", ev);
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ev->type == names[i].type) {
			wt_path(ev, path, sizeof(path));
			wt_words(names[i].name, path, NULL, NULL);
			if (ev->type == EV_CREATE && wt_recursive && (ev->flags & EVF_ISDIR))
				wt_add_tree(path);
		}
}

static int wt_loop(void)
{
	static char buf[WT_BUF] __attribute__((aligned(8)));

	for (;;) {
		ssize_t n = read(wt_fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "watch: read: %s\n", n ? strerror(errno) : "end of file");
			return 1;
		}
		for (ssize_t off = 0; off < n;) {
			const struct zevent *ev = (const struct zevent *)(buf + off);

			wt_event(ev);
			off += (ssize_t)EV_RECLEN(ev);
		}
		wt_flush_rename();
	}
}

int main(int argc, char **argv)
{
	unsigned self = 0;
	int c, rc = 0;
	char *end;

	while ((c = getopt(argc, argv, "rmin:")) != -1) {
		switch (c) {
		case 'r':
			wt_recursive = 1;
			break;
		case 'm':
			self |= EV_MSG;
			break;
		case 'i':
			self |= EV_INPUT;
			break;
		case 'n':
			wt_left = strtol(optarg, &end, 10);
			if (*end || wt_left <= 0) {
				fprintf(stderr, "watch: %s: not a count\n", optarg);
				wt_usage();
			}
			break;
		default:
			wt_usage();
		}
	}
	if (optind == argc && !self)
		wt_usage();
	if ((wt_fd = evopen(EV_CLOEXEC)) < 0) {
		fprintf(stderr, "watch: evopen: %s\n", strerror(errno));
		return 1;
	}
	if (self && evwatch(wt_fd, NULL, self) < 0) {
		fprintf(stderr, "watch: evwatch: %s\n", strerror(errno));
		return 1;
	}
	for (int i = optind; i < argc; i++)
		if (wt_add_tree(argv[i]))
			rc = 1;
	if (rc && wt_nwatch == 0 && !self)
		return 1;
	return wt_loop() | rc;
}
