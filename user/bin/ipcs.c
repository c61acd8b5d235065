/*
 * ipcs: show System V IPC objects, as util-linux's ipcs lays them out.
 *   -q message queues; -s semaphore sets; -m shared memory segments and
 *   the POSIX shm objects' names (all three without an option);
 *   -l the limits instead of the objects.
 * Objects are found by slot (msgctl MSG_STAT, semctl SEM_STAT); those the
 * caller may not read are left out. Exit 1 when the limits cannot be read.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
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

/* The POSIX objects (what `ls /dev/shm` would list). */
static void ipcs_pshm(void)
{
	static char names[8192];
	ssize_t n = shm_list(names, sizeof(names));

	printf("------ POSIX Shared Memory Objects --------\n");
	for (ssize_t off = 0; off < n; off += (ssize_t)strlen(names + off) + 1)
		printf("/%s\n", names + off);
	printf("\n");
}

static void ipcs_shm(const struct ipc_limits *lim)
{
	struct shmid_ds ds;
	char name[16];

	printf("\n------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-6s\n", "key", "shmid", "owner", "perms",
	       "bytes", "nattch", "status");
	for (unsigned i = 0; i < lim->shmmni; i++) {
		int id = shmctl((int)i, SHM_STAT, &ds);

		if (id < 0)
			continue;
		printf("0x%08x %-10d %-10s %-10o %-10lu %-10lu %-6s\n", (unsigned)ds.shm_perm.key,
		       id, ipcs_owner(ds.shm_perm.uid, name, sizeof(name)),
		       ds.shm_perm.mode & 0777u, (unsigned long)ds.shm_segsz,
		       (unsigned long)ds.shm_nattch, ds.shm_perm.mode & SHM_DEST ? "dest" : "");
	}
	printf("\n");
	ipcs_pshm();
}

static void ipcs_limits(const struct ipc_limits *lim, int q, int s, int m)
{
	if (m) {
		printf("\n------ Shared Memory Limits --------\n");
		printf("max number of segments = %u\n", lim->shmmni);
		printf("max seg size (kbytes) = %u\n", lim->shmmax / 1024);
		printf("max total shared memory (kbytes) = %u\n", lim->shmall * 4);
		printf("min seg size (bytes) = %u\n", lim->shmmin);
	}
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
	int q = 0, s = 0, m = 0, l = 0, c;

	while ((c = getopt(argc, argv, "qsmla")) != -1) {
		switch (c) {
		case 'q':
			q = 1;
			break;
		case 's':
			s = 1;
			break;
		case 'm':
			m = 1;
			break;
		case 'l':
			l = 1;
			break;
		case 'a':
			q = s = m = 1;
			break;
		default:
			fprintf(stderr, "usage: ipcs [-q] [-s] [-m] [-a] [-l]\n");
			return 2;
		}
	}
	if (!q && !s && !m)
		q = s = m = 1;
	if (sysctl(SYSCTL_IPC, 0, &lim) < 0) {
		fprintf(stderr, "ipcs: sysctl: %s\n", strerror(errno));
		return 1;
	}
	if (l) {
		ipcs_limits(&lim, q, s, m);
		return 0;
	}
	if (q)
		ipcs_queues(&lim);
	if (s)
		ipcs_sems(&lim);
	if (m)
		ipcs_shm(&lim);
	return 0;
}
