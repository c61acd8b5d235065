/*
 * In-guest tests of FIFOs and System V IPC: FIFO open rules (O_NONBLOCK,
 * ENXIO, blocking opens and EINTR), FIFO data between processes, message
 * types, MSG_NOERROR, E2BIG, IPC_NOWAIT, blocked senders and receivers
 * with EIDRM and EINTR, permissions as another user, semop atomicity,
 * wait-for-zero, GETNCNT/GETZCNT, SEM_UNDO at exit, semtimedop, EFAULT for
 * each pointer, the limits, ipcs/ipcrm, and the demos in /usr/demo. The
 * last test checks that nothing was left behind (queues, sets, undo
 * records, FIFOs).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <time.h>
#include <uapi/procinfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define FIFO_T	"/tmp/t_ipc.fifo"
#define BAD_PTR ((void *)8)

static struct ipc_limits ti_start;
static volatile int ti_signals;

static void ti_on_signal(int sig)
{
	(void)sig;
	ti_signals++;
}

/*
 * SIGUSR1 interrupts (no SA_RESTART): a child sends it every ms
 * milliseconds until ti_poke_stop(), so a call that blocks a little late
 * is still interrupted.
 */
static pid_t ti_poke_later(int ms)
{
	struct sigaction sa;
	pid_t parent = getpid(), pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ti_on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		for (;;) {
			usleep((useconds_t)ms * 1000);
			kill(parent, SIGUSR1);
		}
	}
	return pid;
}

/* End the poker; 0 once it is gone. */
static int ti_poke_stop(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) ? 0 : -1;
}

/* Wait for pid; its exit status, or -1 if it did not exit normally. */
static int ti_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static long ti_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Wait (up to a second) until process pid sleeps. */
static void ti_until_asleep(pid_t pid)
{
	static struct procinfo pi[64];

	for (int tries = 0; tries < 200; tries++) {
		long n = sysctl(SYSCTL_PROCS, 64, pi);

		for (long i = 0; i < n && i < 64; i++)
			if (pi[i].pid == pid && pi[i].state == 'S')
				return;
		usleep(5000);
	}
}

static void fifo_open_rules(void)
{
	struct stat st;
	int r, w, rw;

	unlink(FIFO_T);
	T_EQ(mkfifo(FIFO_T, 0600), 0);
	T_EQ(stat(FIFO_T, &st), 0);
	T_CHECK(S_ISFIFO(st.st_mode));
	T_ERRNO(open(FIFO_T, O_WRONLY | O_NONBLOCK), ENXIO); /* no reader */
	r = open(FIFO_T, O_RDONLY | O_NONBLOCK);	     /* at once */
	T_CHECK(r >= 0);
	T_EQ(fstat(r, &st), 0);
	T_CHECK(S_ISFIFO(st.st_mode));
	w = open(FIFO_T, O_WRONLY | O_NONBLOCK); /* a reader is there now */
	T_CHECK(w >= 0);
	T_EQ(write(w, "abc", 3), 3);
	{
		char buf[8];

		T_EQ(read(r, buf, sizeof(buf)), 3);
		T_ERRNO(read(r, buf, sizeof(buf)), EAGAIN); /* empty, a writer left */
		close(w);
		T_EQ(read(r, buf, sizeof(buf)), 0); /* no writer: end of file */
	}
	close(r);
	rw = open(FIFO_T, O_RDWR); /* never waits */
	T_CHECK(rw >= 0);
	T_EQ(write(rw, "x", 1), 1);
	close(rw);
	T_EQ(mknod(FIFO_T ".2", S_IFIFO | 0600, 0), 0);
	T_EQ(stat(FIFO_T ".2", &st), 0);
	T_CHECK(S_ISFIFO(st.st_mode));
	T_EQ(unlink(FIFO_T ".2"), 0);
}

/* The reader opens first and waits; the writer's open lets it go. */
static void fifo_blocking_open(void)
{
	struct timespec t0;
	char buf[16];
	pid_t pid;
	int w;

	pid = fork();
	if (pid == 0) {
		int r = open(FIFO_T, O_RDONLY);
		ssize_t n = r < 0 ? -1 : read(r, buf, sizeof(buf));

		_exit(n == 5 && memcmp(buf, "hello", 5) == 0 && read(r, buf, 1) == 0 ? 0 : 1);
	}
	ti_until_asleep(pid);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	w = open(FIFO_T, O_WRONLY); /* the child waits as a reader: no wait here */
	T_CHECK(w >= 0);
	T_CHECK(ti_ms_since(&t0) < 1000);
	T_EQ(write(w, "hello", 5), 5);
	close(w); /* the child sees end of file */
	T_EQ(ti_wait(pid), 0);
}

static void fifo_open_eintr(void)
{
	pid_t poker;

	ti_signals = 0;
	poker = ti_poke_later(50);
	T_ERRNO(open(FIFO_T, O_RDONLY), EINTR); /* no writer ever comes */
	T_EQ(ti_poke_stop(poker), 0);
	T_CHECK(ti_signals >= 1);
	poker = ti_poke_later(50);
	T_ERRNO(open(FIFO_T, O_WRONLY), EINTR); /* nor a reader */
	T_EQ(ti_poke_stop(poker), 0);
	/* The interrupted opens left no end behind: a writer still finds no reader. */
	T_ERRNO(open(FIFO_T, O_WRONLY | O_NONBLOCK), ENXIO);
}

/* 200 KiB through the FIFO from a child (more than the ring holds), then EPIPE. */
static void fifo_data(void)
{
	static char buf[4096];
	unsigned long sum = 0, want = 0, got = 0;
	pid_t pid = fork();
	ssize_t n;
	int r, w;

	if (pid == 0) {
		w = open(FIFO_T, O_WRONLY);
		for (int i = 0; i < 50 && w >= 0; i++) {
			for (unsigned j = 0; j < sizeof(buf); j++)
				buf[j] = (char)(i * 7 + j);
			if (write(w, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				_exit(1);
		}
		_exit(w < 0);
	}
	r = open(FIFO_T, O_RDONLY);
	T_CHECK(r >= 0);
	while ((n = read(r, buf, sizeof(buf))) > 0) {
		for (ssize_t j = 0; j < n; j++)
			sum += (unsigned char)buf[j];
		got += (unsigned long)n;
	}
	for (int i = 0; i < 50; i++)
		for (unsigned j = 0; j < sizeof(buf); j++)
			want += (unsigned char)(char)(i * 7 + j);
	T_EQ(got, 50 * sizeof(buf));
	T_EQ(sum, want);
	T_EQ(ti_wait(pid), 0);
	w = open(FIFO_T, O_WRONLY | O_NONBLOCK);
	T_CHECK(w >= 0);
	close(r); /* the last reader goes */
	signal(SIGPIPE, SIG_IGN);
	T_ERRNO(write(w, "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(w);
}

struct ti_msg {
	long mtype;
	char mtext[64];
};

static int ti_send(int q, long type, const char *text)
{
	struct ti_msg m = { .mtype = type };

	strcpy(m.mtext, text);
	return msgsnd(q, &m, strlen(text) + 1, IPC_NOWAIT);
}

static long ti_recv(int q, long type, int flags, char *text)
{
	struct ti_msg m;
	ssize_t n = msgrcv(q, &m, sizeof(m.mtext), type, flags | IPC_NOWAIT);

	if (n >= 0 && text)
		memcpy(text, m.mtext, (size_t)n);
	return n < 0 ? -1 : m.mtype;
}

static void msg_types(void)
{
	int q = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	struct ti_msg m;
	char t[64];

	T_CHECK(q >= 0);
	T_EQ(ti_send(q, 3, "three"), 0);
	T_EQ(ti_send(q, 1, "one"), 0);
	T_EQ(ti_send(q, 2, "two"), 0);
	T_EQ(ti_send(q, 1, "uno"), 0);
	T_EQ(msgctl(q, IPC_STAT, &ds), 0);
	T_EQ(ds.msg_qnum, 4);
	T_EQ(ds.msg_cbytes, 6 + 4 + 4 + 4);
	T_EQ(ds.msg_lspid, getpid());
	T_EQ(ti_recv(q, 2, 0, t), 2); /* a type: the first of it */
	T_STREQ(t, "two");
	T_EQ(ti_recv(q, -3, 0, t), 1); /* < 0: the lowest type first, oldest first */
	T_STREQ(t, "one");
	T_EQ(ti_recv(q, 1, MSG_EXCEPT, t), 3);
	T_STREQ(t, "three");
	T_EQ(ti_recv(q, 0, 0, t), 1);
	T_STREQ(t, "uno");
	T_ERRNO(msgrcv(q, &m, sizeof(m.mtext), 0, IPC_NOWAIT), ENOMSG);
	T_EQ(ti_send(q, 5, "a long message"), 0);
	T_ERRNO(msgrcv(q, &m, 4, 0, IPC_NOWAIT), E2BIG); /* it stays */
	T_EQ(msgrcv(q, &m, 4, 0, IPC_NOWAIT | MSG_NOERROR), 4);
	T_CHECK(memcmp(m.mtext, "a lo", 4) == 0 && m.mtype == 5);
	m.mtype = 0;
	T_ERRNO(msgsnd(q, &m, 1, 0), EINVAL); /* types are > 0 */
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
	T_ERRNO(msgctl(q, IPC_STAT, &ds), EINVAL);
}

static void msg_keys(void)
{
	key_t key = ftok("/usr/tests/t_ipc", 'k');
	int q, q2;

	T_CHECK(key != -1 && key != IPC_PRIVATE);
	T_ERRNO(ftok("/no/such/file", 1), ENOENT);
	T_ERRNO(msgget(key, 0600), ENOENT);
	q = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	T_CHECK(q >= 0);
	T_ERRNO(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	T_EQ(msgget(key, 0), q);
	T_EQ(msgget(key, IPC_CREAT | 0600), q);
	q2 = msgget(IPC_PRIVATE, 0600);
	T_CHECK(q2 >= 0 && q2 != q);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
	T_ERRNO(msgctl(q, IPC_RMID, NULL), EINVAL);
	q = msgget(key, IPC_CREAT | 0600); /* the slot again, with a new id */
	T_CHECK(q >= 0);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
	T_EQ(msgctl(q2, IPC_RMID, NULL), 0);
}

/* A receiver asleep in a child; how its msgrcv ended is its exit status. */
static pid_t ti_sleeping_receiver(int q)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct ti_msg m;
		ssize_t n = msgrcv(q, &m, sizeof(m.mtext), 0, 0);

		_exit(n >= 0 ? 100 : errno);
	}
	ti_until_asleep(pid);
	return pid;
}

static void msg_blocking(void)
{
	struct msqid_ds ds;
	struct ti_msg m = { .mtype = 1 };
	int q = msgget(IPC_PRIVATE, 0600);
	pid_t pid;

	pid = ti_sleeping_receiver(q);
	T_EQ(ti_send(q, 9, "wake"), 0);
	T_EQ(ti_wait(pid), 100);
	pid = ti_sleeping_receiver(q);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
	T_EQ(ti_wait(pid), EIDRM);
	q = msgget(IPC_PRIVATE, 0600);
	T_EQ(msgctl(q, IPC_STAT, &ds), 0);
	ds.msg_qbytes = 8;
	T_EQ(msgctl(q, IPC_SET, &ds), 0);
	T_EQ(msgsnd(q, &m, 8, 0), 0);
	T_ERRNO(msgsnd(q, &m, 1, IPC_NOWAIT), EAGAIN); /* full */
	pid = fork();
	if (pid == 0)
		_exit(msgsnd(q, &m, 4, 0) == 0 ? 0 : errno); /* waits for room */
	ti_until_asleep(pid);
	T_EQ(msgrcv(q, &m, 8, 0, 0), 8);
	T_EQ(ti_wait(pid), 0);
	T_EQ(msgctl(q, IPC_STAT, &ds), 0);
	T_EQ(ds.msg_qnum, 1);
	ti_signals = 0;
	pid = ti_poke_later(50);
	T_ERRNO(msgsnd(q, &m, 8, 0), EINTR);
	T_EQ(ti_poke_stop(pid), 0);
	T_EQ(msgrcv(q, &m, 8, 0, 0), 4);
	pid = ti_poke_later(50);
	T_ERRNO(msgrcv(q, &m, 8, 0, 0), EINTR);
	T_EQ(ti_poke_stop(pid), 0);
	T_CHECK(ti_signals >= 2);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
}

/* In a child as uid 1000: what the objects made by root (0600, 0644) allow. */
static int ti_as_user(int q600, int q644, int s600)
{
	struct ti_msg m = { .mtype = 1 };
	struct msqid_ds ds;
	struct sembuf op = { 0, 1, 0 };
	int bad = 0;

	if (setuid(1000) != 0 || geteuid() != 1000 || setuid(0) != -1 || errno != EPERM)
		return 1;
	bad |= !(msgsnd(q600, &m, 1, IPC_NOWAIT) == -1 && errno == EACCES) << 1;
	bad |= !(msgrcv(q600, &m, 8, 0, IPC_NOWAIT) == -1 && errno == EACCES) << 2;
	bad |= !(msgctl(q600, IPC_STAT, &ds) == -1 && errno == EACCES) << 3;
	bad |= !(msgctl(q600, IPC_RMID, NULL) == -1 && errno == EPERM) << 4;
	bad |= !(msgctl(q644, IPC_STAT, &ds) == 0) << 5; /* others may read */
	bad |= !(msgsnd(q644, &m, 1, IPC_NOWAIT) == -1 && errno == EACCES) << 6;
	bad |= !(semop(s600, &op, 1) == -1 && errno == EACCES) << 7;
	bad |= !(semctl(s600, 0, GETVAL) == -1 && errno == EACCES) << 8;
	bad |= !(semctl(s600, 0, IPC_RMID) == -1 && errno == EPERM) << 9;
	bad |= !(msgget(IPC_PRIVATE, 0600) >= 0) << 10; /* its own queue */
	return bad ? 2 : 0;
}

static void perm_checks(void)
{
	int q600 = msgget(IPC_PRIVATE, 0600), q644 = msgget(IPC_PRIVATE, 0644);
	int s600 = semget(IPC_PRIVATE, 1, 0600), mine;
	struct msqid_ds ds;
	pid_t pid;

	T_CHECK(q600 >= 0 && q644 >= 0 && s600 >= 0);
	pid = fork();
	if (pid == 0)
		_exit(ti_as_user(q600, q644, s600));
	T_EQ(ti_wait(pid), 0);
	/* The child's own queue: root may remove it; its owner and creator are 1000. */
	for (int i = 0; i < 128; i++) {
		mine = msgctl(i, MSG_STAT, &ds);
		if (mine >= 0 && ds.msg_perm.cuid == 1000) {
			T_EQ(ds.msg_perm.uid, 1000);
			T_EQ(ds.msg_perm.mode, 0600);
			T_EQ(msgctl(mine, IPC_RMID, NULL), 0);
		}
	}
	T_EQ(msgctl(q600, IPC_RMID, NULL), 0);
	T_EQ(msgctl(q644, IPC_RMID, NULL), 0);
	T_EQ(semctl(s600, 0, IPC_RMID), 0);
}

static void sem_atomic(void)
{
	int s = semget(IPC_PRIVATE, 3, 0600);
	unsigned short vals[3] = { 1, 0, 7 }, got[3] = { 0 };
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT } };
	struct sembuf same[2] = { { 2, -7, 0 }, { 2, 3, 0 } };
	struct sembuf big = { 0, 1, 0 };

	T_CHECK(s >= 0);
	T_EQ(semctl(s, 0, SETALL, vals), 0);
	T_ERRNO(semop(s, two, 2), EAGAIN); /* the second cannot: the first is undone */
	T_EQ(semctl(s, 0, GETVAL), 1);
	T_EQ(semctl(s, 1, GETVAL), 0);
	T_EQ(semop(s, same, 2), 0); /* in order: 7 - 7 + 3 */
	T_EQ(semctl(s, 2, GETVAL), 3);
	T_EQ(semctl(s, 0, GETALL, got), 0);
	T_CHECK(got[0] == 1 && got[1] == 0 && got[2] == 3);
	T_EQ(semctl(s, 2, GETPID), getpid());
	T_ERRNO(semctl(s, 0, SETVAL, 32768), ERANGE);
	T_EQ(semctl(s, 0, SETVAL, 32767), 0);
	T_ERRNO(semop(s, &big, 1), ERANGE);
	big.sem_num = 3;
	T_ERRNO(semop(s, &big, 1), EFBIG);
	T_ERRNO(semctl(s, 3, GETVAL), EINVAL);
	T_ERRNO(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
	T_ERRNO(semctl(s, 0, GETVAL), EINVAL);
}

/* A child waits in semop(op); poll until the count cmd shows it. */
static pid_t ti_sem_sleeper(int s, short op, int cmd)
{
	struct sembuf sb = { 0, op, 0 };
	pid_t pid = fork();

	if (pid == 0)
		_exit(semop(s, &sb, 1) == 0 ? 0 : errno);
	for (int i = 0; i < 200 && semctl(s, 0, cmd) != 1; i++)
		usleep(5000);
	return pid;
}

static void sem_waits(void)
{
	int s = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid;

	T_EQ(semctl(s, 0, SETVAL, 1), 0);
	pid = ti_sem_sleeper(s, 0, GETZCNT); /* wait for zero */
	T_EQ(semctl(s, 0, GETZCNT), 1);
	T_EQ(semctl(s, 0, GETNCNT), 0);
	T_EQ(semctl(s, 0, SETVAL, 0), 0);
	T_EQ(ti_wait(pid), 0);
	T_EQ(semctl(s, 0, GETZCNT), 0);
	pid = ti_sem_sleeper(s, -2, GETNCNT); /* wait to take 2 */
	T_EQ(semctl(s, 0, GETNCNT), 1);
	T_EQ(semctl(s, 0, SETVAL, 1), 0); /* not enough yet */
	usleep(20000);
	T_EQ(semctl(s, 0, GETNCNT), 1);
	T_EQ(semctl(s, 0, SETVAL, 3), 0);
	T_EQ(ti_wait(pid), 0);
	T_EQ(semctl(s, 0, GETVAL), 1);
	T_EQ(semctl(s, 0, GETPID), pid);
	pid = ti_sem_sleeper(s, -5, GETNCNT);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
	T_EQ(ti_wait(pid), EIDRM);
}

static void sem_undo_exit(void)
{
	int s = semget(IPC_PRIVATE, 2, 0600);
	struct ipc_limits lim;
	pid_t pid;

	T_EQ(semctl(s, 1, SETVAL, 5), 0);
	pid = fork();
	if (pid == 0) {
		struct sembuf ops[3] = { { 0, 2, SEM_UNDO }, { 1, -4, SEM_UNDO }, { 0, 1, 0 } };

		_exit(semop(s, ops, 3) == 0 && semctl(s, 0, GETVAL) == 3 ? 0 : 1);
	}
	T_EQ(ti_wait(pid), 0);
	T_EQ(semctl(s, 0, GETVAL), 1); /* +2 undone, +1 (no SEM_UNDO) kept */
	T_EQ(semctl(s, 1, GETVAL), 5); /* -4 undone */
	T_EQ(semctl(s, 0, GETPID), pid);
	pid = fork();
	if (pid == 0) {
		struct sembuf op = { 0, 1, SEM_UNDO };

		/* SETVAL drops the adjustment: nothing is undone at exit. */
		_exit(semop(s, &op, 1) == 0 && semctl(s, 0, SETVAL, 10) == 0 ? 0 : 1);
	}
	T_EQ(ti_wait(pid), 0);
	T_EQ(semctl(s, 0, GETVAL), 10);
	T_EQ(sysctl(SYSCTL_IPC, 0, &lim), 0);
	T_EQ(lim.undo_used, ti_start.undo_used);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
}

static void sem_timed(void)
{
	int s = semget(IPC_PRIVATE, 1, 0600);
	struct sembuf op = { 0, -1, 0 };
	struct timespec to = { 0, 60 * 1000000L }, t0, zero = { 0, 0 }, bad = { 0, 1000000000L };
	long ms;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	T_ERRNO(semtimedop(s, &op, 1, &to), EAGAIN);
	ms = ti_ms_since(&t0);
	T_CHECK(ms >= 50 && ms < 2000);
	T_ERRNO(semtimedop(s, &op, 1, &zero), EAGAIN);
	T_ERRNO(semtimedop(s, &op, 1, &bad), EINVAL);
	ti_signals = 0;
	pid = ti_poke_later(50);
	T_ERRNO(semop(s, &op, 1), EINTR);
	T_EQ(ti_poke_stop(pid), 0);
	T_CHECK(ti_signals >= 1);
	T_EQ(semctl(s, 0, GETNCNT), 0);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
}

#define TI_WORKERS 3
#define TI_ROUNDS  10000

/* A worker: TI_ROUNDS times take the mutex (sem 0), bump the counter (sem 1), give it back. */
static int ti_worker(int s)
{
	struct sembuf take = { 0, -1, SEM_UNDO }, bump = { 1, 1, 0 }, give = { 0, 1, SEM_UNDO };

	for (int i = 0; i < TI_ROUNDS; i++)
		if (semop(s, &take, 1) || semop(s, &bump, 1) || semop(s, &give, 1))
			return 1;
	return 0;
}

/* Processes contend on a semaphore mutex and ping-pong on two more: no lost wakeups. */
static void sem_stress(void)
{
	int s = semget(IPC_PRIVATE, 4, 0600), bad = 0;
	struct sembuf ping = { 2, -1, 0 }, pong = { 3, 1, 0 };
	pid_t pids[TI_WORKERS + 1];

	T_EQ(semctl(s, 0, SETVAL, 1), 0);
	for (int i = 0; i < TI_WORKERS; i++)
		if ((pids[i] = fork()) == 0)
			_exit(ti_worker(s));
	if ((pids[TI_WORKERS] = fork()) == 0) {
		for (int i = 0; i < TI_ROUNDS; i++)
			if (semop(s, &ping, 1) || semop(s, &pong, 1))
				_exit(1);
		_exit(0);
	}
	for (int i = 0; i < TI_ROUNDS && !bad; i++) {
		struct sembuf go = { 2, 1, 0 }, back = { 3, -1, 0 };

		bad = semop(s, &go, 1) || semop(s, &back, 1);
	}
	T_EQ(bad, 0);
	for (int i = 0; i <= TI_WORKERS; i++)
		T_EQ(ti_wait(pids[i]), 0);
	T_EQ(semctl(s, 1, GETVAL), TI_WORKERS * TI_ROUNDS);
	T_EQ(semctl(s, 0, GETVAL), 1);
	T_EQ(semctl(s, 0, GETNCNT), 0);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
}

static void efault_checks(void)
{
	int q = msgget(IPC_PRIVATE, 0600), s = semget(IPC_PRIVATE, 2, 0600);
	struct sembuf op = { 0, 1, 0 };
	struct msqid_ds ds;
	struct ti_msg m;

	T_ERRNO(msgsnd(q, BAD_PTR, 4, 0), EFAULT);
	T_EQ(ti_send(q, 1, "kept"), 0);
	T_ERRNO(msgrcv(q, BAD_PTR, 16, 0, 0), EFAULT);
	T_EQ(msgctl(q, IPC_STAT, &ds), 0);
	T_EQ(ds.msg_qnum, 1); /* the message stayed */
	T_ERRNO(msgctl(q, IPC_STAT, BAD_PTR), EFAULT);
	T_ERRNO(msgctl(q, IPC_SET, BAD_PTR), EFAULT);
	T_ERRNO(msgctl(0, MSG_STAT, BAD_PTR), EFAULT);
	T_EQ(msgrcv(q, &m, 16, 0, 0), 5);
	T_ERRNO(semop(s, BAD_PTR, 1), EFAULT);
	T_ERRNO(semtimedop(s, &op, 1, BAD_PTR), EFAULT);
	T_ERRNO(semctl(s, 0, IPC_STAT, BAD_PTR), EFAULT);
	T_ERRNO(semctl(s, 0, IPC_SET, BAD_PTR), EFAULT);
	T_ERRNO(semctl(s, 0, GETALL, BAD_PTR), EFAULT);
	T_ERRNO(semctl(s, 0, SETALL, BAD_PTR), EFAULT);
	T_ERRNO(sysctl(SYSCTL_IPC, 0, BAD_PTR), EFAULT);
	T_EQ(semctl(s, 0, GETVAL), 0);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0);
	T_EQ(semctl(s, 0, IPC_RMID), 0);
}

static void limits(void)
{
	struct ipc_limits lim;
	static struct {
		long mtype;
		char text[9000];
	} big = { .mtype = 1 };
	struct sembuf ops[65];
	int q, s;

	T_EQ(sysctl(SYSCTL_IPC, 0, &lim), 0);
	T_EQ(lim.msgmax, 8192);
	T_EQ(lim.msgmnb, 16384);
	T_EQ(lim.semmsl, 250);
	T_EQ(lim.semopm, 64);
	T_EQ(lim.semvmx, 32767);
	q = msgget(IPC_PRIVATE, 0600);
	s = semget(IPC_PRIVATE, 1, 0600);
	T_EQ(sysctl(SYSCTL_IPC, 0, &lim), 0);
	T_EQ(lim.msq_used, ti_start.msq_used + 1);
	T_EQ(lim.sem_used, ti_start.sem_used + 1);
	T_EQ(msgsnd(q, &big, lim.msgmax, IPC_NOWAIT), 0);
	T_ERRNO(msgsnd(q, &big, lim.msgmax + 1, IPC_NOWAIT), EINVAL);
	T_ERRNO(semget(IPC_PRIVATE, (int)lim.semmsl + 1, 0600), EINVAL);
	memset(ops, 0, sizeof(ops));
	T_ERRNO(semop(s, ops, lim.semopm + 1), E2BIG);
	T_ERRNO(semop(s, ops, 0), EINVAL);
	T_EQ(msgctl(q, IPC_RMID, NULL), 0); /* with its message */
	T_EQ(semctl(s, 0, IPC_RMID), 0);
}

static char ti_out[4096];

/* Run argv with stdout (and stderr) into ti_out; its exit status. */
static int ti_run(char *const argv[])
{
	return ztest_run(argv, ti_out, sizeof(ti_out));
}

static void tools(void)
{
	int q = msgget(0x7a11, IPC_CREAT | 0640), s = semget(0x7a12, 4, IPC_CREAT | 0604);
	char idq[32], line[128];

	T_EQ(ti_send(q, 1, "12345"), 0);
	T_EQ(ti_run((char *[]){ "/bin/ipcs", "-q", NULL }), 0);
	T_CHECK(strstr(ti_out, "------ Message Queues --------") != NULL);
	T_CHECK(
	    strstr(ti_out, "key        msqid      owner      perms      used-bytes   messages") !=
	    NULL);
	snprintf(line, sizeof(line), "0x00007a11 %-10d %-10s %-10o %-12lu %-12lu\n", q, "root",
		 0640, 6ul, 1ul);
	T_CHECK(strstr(ti_out, line) != NULL);
	T_CHECK(strstr(ti_out, "Semaphore") == NULL);
	T_EQ(ti_run((char *[]){ "/bin/ipcs", "-s", NULL }), 0);
	snprintf(line, sizeof(line), "0x00007a12 %-10d %-10s %-10o %-10lu\n", s, "root", 0604, 4ul);
	T_CHECK(strstr(ti_out, line) != NULL);
	T_EQ(ti_run((char *[]){ "/bin/ipcs", "-l", NULL }), 0);
	T_CHECK(strstr(ti_out, "max size of message (bytes) = 8192\n") != NULL);
	T_CHECK(strstr(ti_out, "semaphore max value = 32767\n") != NULL);
	snprintf(idq, sizeof(idq), "%d", q);
	T_EQ(ti_run((char *[]){ "/bin/ipcrm", "-q", idq, "-S", "0x7a12", NULL }), 0);
	{
		struct msqid_ds ds;

		T_ERRNO(msgctl(q, IPC_STAT, &ds), EINVAL);
	}
	T_ERRNO(semget(0x7a12, 0, 0), ENOENT);
	T_EQ(ti_run((char *[]){ "/bin/ipcrm", "-q", idq, NULL }), 1);
	T_CHECK(strstr(ti_out, "ipcrm: msqid") != NULL && strstr(ti_out, "Invalid argument"));
	T_EQ(ti_run((char *[]){ "/bin/ipcrm", "-Q", "0x7a11", NULL }), 1);
	T_EQ(ti_run((char *[]){ "/bin/mkfifo", "-m", "640", FIFO_T ".3", NULL }), 0);
	T_EQ(ti_run((char *[]){ "/bin/mknod", FIFO_T ".4", "p", NULL }), 0);
	{
		struct stat st;

		T_CHECK(stat(FIFO_T ".3", &st) == 0 && S_ISFIFO(st.st_mode) &&
			(st.st_mode & 0777) == 0640);
		T_CHECK(stat(FIFO_T ".4", &st) == 0 && S_ISFIFO(st.st_mode));
	}
	T_EQ(ti_run((char *[]){ "/bin/mkfifo", FIFO_T ".3", NULL }), 1);
	T_CHECK(strstr(ti_out, "mkfifo: cannot create fifo") != NULL);
	unlink(FIFO_T ".3");
	unlink(FIFO_T ".4");
}

static void demos(void)
{
	T_EQ(ti_run((char *[]){ "/usr/demo/pipe_demo", NULL }), 0);
	T_CHECK(strstr(ti_out, "pipe_demo: ok") != NULL);
	T_EQ(ti_run((char *[]){ "/usr/demo/fifo_demo", NULL }), 0);
	T_CHECK(strstr(ti_out, "fifo_demo: ok") != NULL);
	T_EQ(ti_run((char *[]){ "/usr/demo/msgq_demo", NULL }), 0);
	T_CHECK(strstr(ti_out, "server: 6 request(s) served") != NULL);
	T_CHECK(strstr(ti_out, "msgq_demo: ok") != NULL);
	T_EQ(access("/usr/demo/msgq_demo.c", R_OK), 0);
}

/* Nothing left behind by the tests above (or the demos). */
static void no_leaks(void)
{
	struct ipc_limits lim;

	unlink(FIFO_T);
	T_EQ(sysctl(SYSCTL_IPC, 0, &lim), 0);
	T_EQ(lim.msq_used, ti_start.msq_used);
	T_EQ(lim.msg_used, ti_start.msg_used);
	T_EQ(lim.sem_used, ti_start.sem_used);
	T_EQ(lim.undo_used, ti_start.undo_used);
	T_EQ(lim.fifo_used, 0);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(fifo_open_rules), ZTEST(fifo_blocking_open),
		ZTEST(fifo_open_eintr), ZTEST(fifo_data),
		ZTEST(msg_types),	ZTEST(msg_keys),
		ZTEST(msg_blocking),	ZTEST(perm_checks),
		ZTEST(sem_atomic),	ZTEST(sem_waits),
		ZTEST(sem_undo_exit),	ZTEST(sem_timed),
		ZTEST(sem_stress),	ZTEST(efault_checks),
		ZTEST(limits),		ZTEST(tools),
		ZTEST(demos),		ZTEST(no_leaks),
	};

	sysctl(SYSCTL_IPC, 0, &ti_start);
	return ztest_main("t_ipc", tests, ZTEST_COUNT(tests));
}
