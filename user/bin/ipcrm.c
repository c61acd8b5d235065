/*
 * ipcrm: remove System V IPC objects.
 *   -q id / -s id / -m id   the message queue / semaphore set / shared
 *                           memory segment with that id;
 *   -Q key / -S key / -M key  the one with that key (decimal, 0x hex or 0 octal).
 * Options may repeat; each object is removed in the order given. Exit 1
 * if any could not be found or removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

static int ipcrm_number(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

/* The id of the object with a key (what is Q, S or M). */
static int ipcrm_key(int what, long n)
{
	if (what == 'Q')
		return msgget((key_t)n, 0);
	if (what == 'S')
		return semget((key_t)n, 0, 0);
	return shmget((key_t)n, 0, 0);
}

/* Remove one object: what is q, s, m, Q, S or M, arg its id or key. */
static int ipcrm_one(int what, const char *arg)
{
	int kind = what | 0x20, bykey = what != kind;
	const char *name = kind == 'q' ? "msqid" : kind == 's' ? "semid" : "shmid";
	long n;
	int id, rc;

	if (ipcrm_number(arg, &n) != 0 || (bykey && n == IPC_PRIVATE)) {
		fprintf(stderr, "ipcrm: invalid %s: %s\n", bykey ? "key" : "id", arg);
		return 1;
	}
	id = (int)n;
	if (bykey) {
		id = ipcrm_key(what, n);
		if (id < 0) {
			fprintf(stderr, "ipcrm: key %s: %s\n", arg, strerror(errno));
			return 1;
		}
	}
	rc = kind == 'q'   ? msgctl(id, IPC_RMID, NULL)
	     : kind == 's' ? semctl(id, 0, IPC_RMID)
			   : shmctl(id, IPC_RMID, NULL);
	if (rc < 0) {
		fprintf(stderr, "ipcrm: %s %d: %s\n", name, id, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, any = 0, c;

	while ((c = getopt(argc, argv, "q:s:m:Q:S:M:")) != -1) {
		if (c == '?') {
			fprintf(
			    stderr,
			    "usage: ipcrm [-q id] [-s id] [-m id] [-Q key] [-S key] [-M key]...\n");
			return 2;
		}
		status |= ipcrm_one(c, optarg);
		any = 1;
	}
	if (!any || optind < argc) {
		fprintf(stderr,
			"usage: ipcrm [-q id] [-s id] [-m id] [-Q key] [-S key] [-M key]...\n");
		return 2;
	}
	return status;
}
