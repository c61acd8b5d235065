/*
 * ipcrm: remove System V IPC objects.
 *   -q id / -s id      the message queue / semaphore set with that id;
 *   -Q key / -S key    the one with that key (decimal, 0x hex or 0 octal).
 * Options may repeat; each object is removed in the order given. Exit 1
 * if any could not be found or removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <unistd.h>

static int ipcrm_number(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

/* Remove one object: what is q, s, Q or S, arg its id or key. */
static int ipcrm_one(int what, const char *arg)
{
	int byq = what == 'q' || what == 'Q', bykey = what == 'Q' || what == 'S';
	const char *kind = byq ? "msqid" : "semid";
	long n;
	int id, rc;

	if (ipcrm_number(arg, &n) != 0 || (bykey && n == IPC_PRIVATE)) {
		fprintf(stderr, "ipcrm: invalid %s: %s\n", bykey ? "key" : "id", arg);
		return 1;
	}
	id = (int)n;
	if (bykey) {
		id = byq ? msgget((key_t)n, 0) : semget((key_t)n, 0, 0);
		if (id < 0) {
			fprintf(stderr, "ipcrm: key %s: %s\n", arg, strerror(errno));
			return 1;
		}
	}
	rc = byq ? msgctl(id, IPC_RMID, NULL) : semctl(id, 0, IPC_RMID);
	if (rc < 0) {
		fprintf(stderr, "ipcrm: %s %d: %s\n", kind, id, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, any = 0, c;

	while ((c = getopt(argc, argv, "q:s:Q:S:")) != -1) {
		if (c == '?') {
			fprintf(stderr, "usage: ipcrm [-q id] [-s id] [-Q key] [-S key]...\n");
			return 2;
		}
		status |= ipcrm_one(c, optarg);
		any = 1;
	}
	if (!any || optind < argc) {
		fprintf(stderr, "usage: ipcrm [-q id] [-s id] [-Q key] [-S key]...\n");
		return 2;
	}
	return status;
}
