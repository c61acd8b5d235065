/*
 * renice [-n] N [[-p] pid...] [-g pgrp...] [-u user...]: set the nice value
 * of processes, process groups or users' processes to N (util-linux's
 * renice; -n before N is optional). Each -p, -g or -u applies to the
 * operands after it (-p by default). For each it prints
 * "<id> (<kind>) old priority <a>, new priority <b>". Users are uid
 * numbers or "root". Exit status 1 if any operand failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *const renice_kind[] = { "process ID", "process group ID", "user ID" };

static int renice_id(const char *s, int which, long *out)
{
	char *end;

	if (which == PRIO_USER && strcmp(s, "root") == 0) {
		*out = 0;
		return 0;
	}
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end != '\0' || *out < 0 ? -1 : 0;
}

static int renice_one(int which, const char *arg, int prio)
{
	long who;
	int old;

	if (renice_id(arg, which, &who) != 0) {
		fprintf(stderr, "renice: bad %s: '%s'\n", renice_kind[which], arg);
		return 1;
	}
	errno = 0;
	old = getpriority(which, (id_t)who);
	if (old == -1 && errno) {
		fprintf(stderr, "renice: failed to get priority for %ld (%s): %s\n", who,
			renice_kind[which], strerror(errno));
		return 1;
	}
	if (setpriority(which, (id_t)who, prio) != 0) {
		fprintf(stderr, "renice: failed to set priority for %ld (%s): %s\n", who,
			renice_kind[which], strerror(errno));
		return 1;
	}
	errno = 0;
	prio = getpriority(which, (id_t)who);
	printf("%ld (%s) old priority %d, new priority %d\n", who, renice_kind[which], old, prio);
	return 0;
}

static int renice_usage(void)
{
	fprintf(stderr, "usage: renice [-n] N [-p] pid... | -g pgrp... | -u user...\n");
	return 1;
}

int main(int argc, char **argv)
{
	int i = 1, which = PRIO_PROCESS, status = 0, ops = 0;
	char *end;
	long prio;

	if (i < argc && strcmp(argv[i], "-n") == 0)
		i++;
	if (i >= argc)
		return renice_usage();
	prio = strtol(argv[i], &end, 10);
	if (end == argv[i] || *end != '\0')
		return renice_usage();
	for (i++; i < argc; i++) {
		if (strcmp(argv[i], "-p") == 0)
			which = PRIO_PROCESS;
		else if (strcmp(argv[i], "-g") == 0)
			which = PRIO_PGRP;
		else if (strcmp(argv[i], "-u") == 0)
			which = PRIO_USER;
		else {
			status |= renice_one(which, argv[i], (int)prio);
			ops++;
		}
	}
	return ops ? status : renice_usage();
}
