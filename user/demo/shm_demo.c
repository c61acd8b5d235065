/*
 * shm_demo: two processes share memory guarded by semaphores (the
 * course's producer and consumer). The parent writes lines into a System
 * V segment; semaphore 0 ("empty") says the buffer may be written,
 * semaphore 1 ("full") that it holds a line. The child reads each line,
 * reverses it in place and gives the buffer back; the parent checks the
 * answer. Exits 0 when every answer was right.
 *
 *   shm_demo [word...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEMO_SIZE 4096

struct demo_buf {
	int done; /* the producer has no more lines */
	char line[256];
};

static int demo_sem(int sems, int num, int op)
{
	struct sembuf b = { (unsigned short)num, (short)op, 0 };

	return semop(sems, &b, 1);
}

static void demo_consumer(int sems, struct demo_buf *b)
{
	for (;;) {
		size_t n;

		demo_sem(sems, 1, -1); /* wait: full */
		if (b->done)
			break;
		n = strlen(b->line);
		for (size_t i = 0; i < n / 2; i++) {
			char c = b->line[i];

			b->line[i] = b->line[n - 1 - i];
			b->line[n - 1 - i] = c;
		}
		demo_sem(sems, 2, 1); /* answered */
	}
	shmdt(b);
	_exit(0);
}

static int demo_produce(int sems, struct demo_buf *b, const char *word)
{
	size_t n = strlen(word);
	int ok = 1;

	demo_sem(sems, 0, -1); /* wait: empty */
	snprintf(b->line, sizeof(b->line), "%s", word);
	demo_sem(sems, 1, 1);  /* full */
	demo_sem(sems, 2, -1); /* wait for the answer */
	for (size_t i = 0; i < n && i < sizeof(b->line) - 1; i++)
		ok &= b->line[i] == word[n - 1 - i];
	printf("%s -> %s\n", word, b->line);
	demo_sem(sems, 0, 1); /* empty again */
	return ok;
}

int main(int argc, char **argv)
{
	static char *words[] = { "shared", "memory", "semaphores", NULL };
	char **w = argc > 1 ? argv + 1 : words;
	int seg = shmget(IPC_PRIVATE, DEMO_SIZE, 0600), sems = semget(IPC_PRIVATE, 3, 0600);
	unsigned short init[3] = { 1, 0, 0 };
	struct demo_buf *b;
	int ok = 1, st;
	pid_t pid;

	if (seg < 0 || sems < 0 || semctl(sems, 0, SETALL, init) < 0) {
		perror("shm_demo: shmget/semget");
		return 1;
	}
	b = shmat(seg, NULL, 0);
	if (b == (void *)-1) {
		perror("shm_demo: shmat");
		return 1;
	}
	shmctl(seg, IPC_RMID, NULL); /* freed when both have detached */
	pid = fork();
	if (pid == 0)
		demo_consumer(sems, b);
	for (; *w; w++)
		ok &= demo_produce(sems, b, *w);
	demo_sem(sems, 0, -1);
	b->done = 1;
	demo_sem(sems, 1, 1);
	waitpid(pid, &st, 0);
	shmdt(b);
	semctl(sems, 0, IPC_RMID);
	printf("shm_demo: %s\n", ok && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "ok" : "FAILED");
	return ok && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}
