/*
 * ipcs: show System V IPC objects, as util-linux's ipcs lays them out.
 *   -q message queues; -s semaphore sets (both without an option);
 *   -l the limits instead of the objects.
 * Objects are found by slot (msgctl MSG_STAT, semctl SEM_STAT); those the
 * caller may not read are left out. Exit 1 when the limits cannot be read.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

static const char *ipcs_owner(unsigned uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		return pw->pw_name;
	snprintf(buf, len, "%u", uid);
	return buf;
}

static void ipcs_queues(const struct ipc_limits *lim)
{
	struct msqid_ds ds;
	char name[16];

	printf("\n------ Message Queues --------\n");
	printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms",
	       "used-bytes", "messages");
	for (unsigned i = 0; i < lim->msgmni; i++) {
		int id = msgctl((int)i, MSG_STAT, &ds);

		if (id < 0)
			continue;
		printf("0x%08x %-10d %-10s %-10o %-12lu %-12lu\n", (unsigned)ds.msg_perm.key, id,
		       ipcs_owner(ds.msg_perm.uid, name, sizeof(name)), ds.msg_perm.mode & 0777u,
		       (unsigned long)ds.msg_cbytes, (unsigned long)ds.msg_qnum);
	}
	printf("\n");
}

static void ipcs_sems(const struct ipc_limits *lim)
{
	struct semid_ds ds;
	char name[16];

	printf("\n------ Semaphore Arrays --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	for (unsigned i = 0; i < lim->semmni; i++) {
		int id = semctl((int)i, 0, SEM_STAT, &ds);

		if (id < 0)
			continue;
		printf("0x%08x %-10d %-10s %-10o %-10lu\n", (unsigned)ds.sem_perm.key, id,
		       ipcs_owner(ds.sem_perm.uid, name, sizeof(name)), ds.sem_perm.mode & 0777u,
		       (unsigned long)ds.sem_nsems);
	}
	printf("\n");
}

static void ipcs_limits(const struct ipc_limits *lim, int q, int s)
{
	if (q) {
		printf("\n------ Messages Limits --------\n");
		printf("max queues system wide = %u\n", lim->msgmni);
		printf("max size of message (bytes) = %u\n", lim->msgmax);
		printf("default max size of queue (bytes) = %u\n", lim->msgmnb);
	}
	if (s) {
		printf("\n------ Semaphore Limits --------\n");
		printf("max number of arrays = %u\n", lim->semmni);
		printf("max semaphores per array = %u\n", lim->semmsl);
		printf("max semaphores system wide = %u\n", lim->semmns);
		printf("max ops per semop call = %u\n", lim->semopm);
		printf("semaphore max value = %u\n", lim->semvmx);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	struct ipc_limits lim;
	int q = 0, s = 0, l = 0, c;

	while ((c = getopt(argc, argv, "qsla")) != -1) {
		switch (c) {
		case 'q':
			q = 1;
			break;
		case 's':
			s = 1;
			break;
		case 'l':
			l = 1;
			break;
		case 'a':
			q = s = 1;
			break;
		default:
			fprintf(stderr, "usage: ipcs [-q] [-s] [-a] [-l]\n");
			return 2;
		}
	}
	if (!q && !s)
		q = s = 1;
	if (sysctl(SYSCTL_IPC, 0, &lim) < 0) {
		fprintf(stderr, "ipcs: sysctl: %s\n", strerror(errno));
		return 1;
	}
	if (l) {
		ipcs_limits(&lim, q, s);
		return 0;
	}
	if (q)
		ipcs_queues(&lim);
	if (s)
		ipcs_sems(&lim);
	return 0;
}
