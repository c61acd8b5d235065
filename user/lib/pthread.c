/*
 * Threads: pthread_create() mallocs one block for the thread's control
 * structure, its TLS block (laid out as the main thread's, tls.c) and its
 * stack, and starts it with throp(THR_NEW) at __thread_start (asm.S), which
 * aligns the stack and calls thread_main(). pthread_join() waits with
 * THR_JOIN and frees the block. A detached thread's block cannot be freed
 * while it runs on its stack; it stays allocated (a known leak until the
 * kernel can free a stack for us at THR_EXIT).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/zero.h>

#include "libc.h"

#define DEFAULT_STACK (256 * 1024)

struct __pthread {
	long tid;
	void *(*fn)(void *);
	void *arg;
	void *result;
	int detached;
	void *block; /* what to free after the join (NULL: the main thread) */
	const void *keys[PTHREAD_KEYS_MAX];
};

extern void __thread_start(void);
static struct __pthread main_thread;
static void (*destructors[PTHREAD_KEYS_MAX])(void *);
static unsigned char key_used[PTHREAD_KEYS_MAX];
static volatile int key_lock;

pthread_t pthread_self(void)
{
	struct __tcb *tcb;

	__asm__("mov %%fs:0, %0" : "=r"(tcb));
	return tcb->thread ? tcb->thread : &main_thread;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

static void run_destructors(struct __pthread *t)
{
	for (int round = 0; round < 4; round++)
		for (int k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void *v = (void *)t->keys[k];
			if (v && destructors[k]) {
				t->keys[k] = NULL;
				destructors[k](v);
			}
		}
}

void pthread_exit(void *ret)
{
	struct __pthread *t = pthread_self();

	t->result = ret;
	run_destructors(t);
	if (t == &main_thread)
		exit(0);
	for (;;)
		__sys_throp(THR_EXIT, 0, NULL);
}

__attribute__((used, noreturn)) void __thread_main(struct __pthread *t);

void __thread_main(struct __pthread *t)
{
	pthread_exit(t->fn(t->arg));
}

int pthread_create(pthread_t *restrict out, const pthread_attr_t *restrict attr,
		   void *(*fn)(void *), void *restrict arg)
{
	size_t stack = attr && attr->stacksize ? attr->stacksize : DEFAULT_STACK;
	size_t tls = (__tls_size() + 15) & ~(size_t)15;
	char *block = malloc(sizeof(struct __pthread) + tls + stack + 16);
	struct __pthread *t = (struct __pthread *)block;
	struct __tcb *tcb;
	struct thrarg ta;
	long tid;

	if (!block)
		return EAGAIN;
	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->arg = arg;
	t->block = block;
	t->detached = attr && attr->detached;
	tcb = __tls_setup(block + sizeof(*t));
	tcb->thread = t;
	ta.entry = (uint64_t)__thread_start;
	ta.arg = (uint64_t)t;
	ta.stack = ((uint64_t)(block + sizeof(*t) + tls + stack)) & ~(uint64_t)15;
	ta.tls = (uint64_t)tcb;
	tid = __sys_throp(THR_NEW, 0, &ta);
	if (tid < 0) {
		free(block);
		return (int)-tid;
	}
	t->tid = tid;
	if (t->detached)
		__sys_throp(THR_DETACH, tid, NULL);
	*out = t;
	return 0;
}

int pthread_join(pthread_t t, void **ret)
{
	uint64_t val;
	long r;

	if (t == pthread_self())
		return EDEADLK;
	if (t->detached)
		return EINVAL;
	do
		r = __sys_throp(THR_JOIN, t->tid, &val);
	while (r == -EINTR);
	if (r < 0)
		return (int)-r;
	if (ret)
		*ret = t->result;
	free(t->block);
	return 0;
}

int pthread_detach(pthread_t t)
{
	long r;

	if (t->detached)
		return EINVAL;
	r = __sys_throp(THR_DETACH, t == &main_thread ? 0 : t->tid, NULL);
	if (r < 0)
		return (int)-r;
	t->detached = 1;
	return 0;
}

int pthread_attr_init(pthread_attr_t *a)
{
	a->stacksize = 0;
	a->detached = 0;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	(void)a;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->stacksize = size;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->detached = state == PTHREAD_CREATE_DETACHED;
	return 0;
}

int pthread_key_create(pthread_key_t *k, void (*destructor)(void *))
{
	int r = EAGAIN;

	__lock(&key_lock);
	for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++)
		if (!key_used[i]) {
			key_used[i] = 1;
			destructors[i] = destructor;
			*k = i;
			r = 0;
			break;
		}
	__unlock(&key_lock);
	return r;
}

int pthread_key_delete(pthread_key_t k)
{
	if (k >= PTHREAD_KEYS_MAX || !key_used[k])
		return EINVAL;
	key_used[k] = 0;
	destructors[k] = NULL;
	return 0;
}

void *pthread_getspecific(pthread_key_t k)
{
	return k < PTHREAD_KEYS_MAX ? (void *)pthread_self()->keys[k] : NULL;
}

int pthread_setspecific(pthread_key_t k, const void *v)
{
	if (k >= PTHREAD_KEYS_MAX || !key_used[k])
		return EINVAL;
	pthread_self()->keys[k] = v;
	return 0;
}
