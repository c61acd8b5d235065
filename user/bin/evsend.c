/*
 * evsend [-t type] pid text...: send the words of text, joined by spaces,
 * as one Zero event message (doc/events.md) to the event queues of
 * process pid that take messages (watch -m, or any evwatch(fd, NULL,
 * EV_MSG)). The message type (default 0) travels with it. Exit status 0
 * when sent, 1 when not (ESRCH: no such queue; EPERM: another user's),
 * 2 after a bad option.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/zevent.h>
#include <unistd.h>

static void es_usage(void)
{
	fprintf(stderr, "usage: evsend [-t type] pid text...\n"
			"  Send text as a message to the event queues of process pid.\n"
			"  -t type  the message type, a number (default 0)\n");
	exit(2);
}

static long es_number(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0) {
		fprintf(stderr, "evsend: %s: not a %s\n", s, what);
		es_usage();
	}
	return v;
}

int main(int argc, char **argv)
{
	char msg[EV_MSG_MAX];
	size_t len = 0;
	long type = 0, pid;
	int c;

	while ((c = getopt(argc, argv, "t:")) != -1) {
		if (c != 't')
			es_usage();
		type = es_number(optarg, "type");
	}
	if (argc - optind < 2)
		es_usage();
	pid = es_number(argv[optind++], "pid");
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (len + n + (i > optind) > sizeof(msg)) {
			fprintf(stderr, "evsend: message longer than %d bytes\n", EV_MSG_MAX);
			return 1;
		}
		if (i > optind)
			msg[len++] = ' ';
		memcpy(msg + len, argv[i], n);
		len += n;
	}
	if (evsend((pid_t)pid, (unsigned)type, msg, len) < 0) {
		fprintf(stderr, "evsend: %ld: %s\n", pid, strerror(errno));
		return 1;
	}
	return 0;
}
