/*
 * msgq_demo: a client/server over a System V message queue, with a
 * semaphore set (the course's message-queue program). The server takes
 * requests of type 1 from the queue and answers each with a message whose
 * type is the client's pid, so every client receives only its own
 * answers from the one queue. Semaphore 0 says the server is ready: the
 * server raises it to 1 once the queue is there, and a client takes and
 * gives it back in one semop (-1 then +1: it waits until the value is 1
 * and leaves it so). Semaphore 1 counts the clients that are done (the
 * launcher waits for all of them).
 *
 *   msgq_demo server           serve until a client sends "quit"
 *   msgq_demo client text...   send each text, print each answer
 *   msgq_demo                  both: a server and three clients
 * Exit 0 when every answer was right. The key is ftok("/usr/demo", 'Q').
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#define REQUEST 1 /* the type of every request */

struct demo_msg {
	long mtype;
	int pid;
	char text[120];
};

static key_t demo_key(void)
{
	return ftok("/usr/demo", 'Q');
}

/* The set, then the queue, made by the server; a client waits for "ready" between. */
static int demo_open(int make, int *q, int *s)
{
	struct sembuf wait_ready[2] = { { 0, -1, 0 }, { 0, 1, 0 } };
	int flags = make ? IPC_CREAT | 0600 : 0;

	*q = -1;
	*s = semget(demo_key(), make ? 2 : 0, flags);
	if (*s >= 0 && !make && semop(*s, wait_ready, 2) != 0)
		*s = -1;
	if (*s >= 0)
		*q = msgget(demo_key(), flags);
	if (*q < 0 || *s < 0) {
		fprintf(stderr, "msgq_demo: %s: %s\n", *s < 0 ? "semget" : "msgget",
			strerror(errno));
		return -1;
	}
	return 0;
}

/* Remove what an earlier run may have left behind. */
static void demo_clean(void)
{
	int id = semget(demo_key(), 0, 0);

	if (id >= 0)
		semctl(id, 0, IPC_RMID);
	id = msgget(demo_key(), 0);
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
}

static int demo_server(void)
{
	struct sembuf ready = { 0, 1, 0 };
	struct demo_msg m;
	size_t body = sizeof(m) - sizeof(long);
	int q, s, served = 0;

	demo_clean();
	if (demo_open(1, &q, &s) != 0 || semop(s, &ready, 1) != 0)
		return 1;
	for (;;) {
		if (msgrcv(q, &m, body, REQUEST, 0) < 0) {
			fprintf(stderr, "msgq_demo: msgrcv: %s\n", strerror(errno));
			return 1;
		}
		if (strcmp(m.text, "quit") == 0)
			break;
		for (char *p = m.text; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		m.mtype = m.pid;
		if (msgsnd(q, &m, body, 0) != 0)
			return 1;
		served++;
	}
	printf("server: %d request(s) served\n", served);
	fflush(stdout); /* a forked server ends with _exit() */
	msgctl(q, IPC_RMID, NULL);
	semctl(s, 0, IPC_RMID);
	return 0;
}

/* One request and its answer. */
static int demo_ask(int q, const char *text)
{
	struct demo_msg m = { .mtype = REQUEST, .pid = getpid() };
	size_t body = sizeof(m) - sizeof(long);
	char want[sizeof(m.text)];

	snprintf(m.text, sizeof(m.text), "%s", text);
	if (msgsnd(q, &m, body, 0) != 0)
		return 1;
	if (strcmp(text, "quit") == 0)
		return 0;
	if (msgrcv(q, &m, body, getpid(), 0) < 0)
		return 1;
	printf("client %d: \"%s\" -> \"%s\"\n", (int)getpid(), text, m.text);
	for (size_t i = 0; i <= strlen(text); i++)
		want[i] = (char)toupper((unsigned char)text[i]);
	return strcmp(want, m.text) != 0;
}

static int demo_client(int n, char **texts)
{
	struct sembuf done = { 1, 1, 0 };
	int q, s, bad = 0;

	if (demo_open(0, &q, &s) != 0)
		return 1;
	for (int i = 0; i < n; i++)
		bad |= demo_ask(q, texts[i]);
	fflush(stdout);
	return semop(s, &done, 1) != 0 || bad;
}

static int demo_both(void)
{
	static char *texts[][2] = { { "hello", "queue" },
				    { "message", "types" },
				    { "one", "sem" } };
	struct sembuf all_done = { 1, -3, 0 };
	char *quit[] = { "quit" };
	int q, s, status, bad = 0;
	pid_t server, pids[3];

	demo_clean();
	server = fork();
	if (server == 0)
		_exit(demo_server());
	while (demo_key() != -1 && semget(demo_key(), 0, 0) < 0)
		usleep(10000); /* the server makes the set; the clients wait for it */
	for (int i = 0; i < 3; i++)
		if ((pids[i] = fork()) == 0)
			_exit(demo_client(2, texts[i]));
	if (demo_open(0, &q, &s) != 0 || semop(s, &all_done, 1) != 0)
		bad = 1;
	for (int i = 0; i < 3; i++)
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad = 1;
	bad |= demo_ask(q, quit[0]);
	if (waitpid(server, &status, 0) != server || !WIFEXITED(status) || WEXITSTATUS(status))
		bad = 1;
	printf("msgq_demo: %s\n", bad ? "FAILED" : "ok");
	return bad;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "server") == 0)
		return demo_server();
	if (argc >= 3 && strcmp(argv[1], "client") == 0)
		return demo_client(argc - 2, argv + 2);
	if (argc != 1) {
		fprintf(stderr, "usage: msgq_demo [server | client text...]\n");
		return 2;
	}
	return demo_both();
}
