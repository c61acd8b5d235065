/*
 * In-guest test of orphans: children still running when their parent
 * exits go to init; and when the parent is the first process itself, its
 * exit must still end the run (QEMU leaves with its status) rather than
 * hang on children nobody can reap.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

static void orphans_reparented(void)
{
	int st;
	pid_t mid = fork();

	if (mid == 0) { /* a parent that leaves a sleeping child behind */
		if (fork() == 0)
			for (;;)
				pause();
		_exit(0);
	}
	T_CHECK(waitpid(mid, &st, 0) == mid && WIFEXITED(st));
}

static void leave_children_running(void)
{
	for (int i = 0; i < 4; i++)
		if (fork() == 0)
			for (;;)
				pause();
	T_CHECK(1);
}

int main(void)
{
	static const struct ztest tests[] = { ZTEST(orphans_reparented),
					      ZTEST(leave_children_running) };

	return ztest_main("t_orphan", tests, ZTEST_COUNT(tests));
}
