/* Host threads for racing tests (host_threads.h). */
#include <pthread.h>
#include <stdint.h>

#include "host_threads.h"

#define HOST_THREADS_MAX 16

struct host_thread {
	pthread_t th;
	void (*fn)(int i);
	int i;
};

static void *host_thread_body(void *arg)
{
	struct host_thread *t = arg;

	t->fn(t->i);
	return NULL;
}

int host_run_threads(int n, void (*fn)(int i))
{
	struct host_thread t[HOST_THREADS_MAX];
	int started = 0, rc = 0;

	if (n > HOST_THREADS_MAX)
		return -1;
	for (; started < n; started++) {
		t[started] = (struct host_thread){ .fn = fn, .i = started };
		if (pthread_create(&t[started].th, NULL, host_thread_body, &t[started]) != 0) {
			rc = -1;
			break;
		}
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i].th, NULL);
	return rc;
}
