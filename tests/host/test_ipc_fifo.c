/*
 * Host tests of FIFOs (modules/ipc/fifo.c over pipe.c): the open rules
 * (O_NONBLOCK, ENXIO, O_RDWR), one ring shared by every opener of a vnode
 * and apart from another vnode's, the data going with the last close, and
 * blocking opens that a hook ends the way another thread would (an open
 * of the other side, one that comes and goes at once, or a signal).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <kern/ipc.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "file_fakes.h"
#include "ipc/fifo.h"

/* Two vnodes: only their addresses matter. */
static long vnode_a, vnode_b;
#define VA ((struct vnode *)&vnode_a)
#define VB ((struct vnode *)&vnode_b)

static long fput(struct ipc_fifo *ff, const char *s)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)s, .resid = strlen(s), .user = 0 };

	return fifo_write(ff, &u, O_NONBLOCK);
}

static char buf[64];

static long fget(struct ipc_fifo *ff)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)buf, .resid = sizeof(buf) - 1, .user = 0 };
	long n;

	memset(buf, 0, sizeof(buf));
	n = fifo_read(ff, &u, O_NONBLOCK);
	return n;
}

static void test_nonblocking_rules(void **state)
{
	struct ipc_fifo *r, *w, *rw, *other;

	(void)state;
	assert_int_equal(fifo_open(VA, O_WRONLY | O_NONBLOCK, &w), -ENXIO);
	assert_null(w);
	assert_int_equal(fifo_in_use(), 0);
	assert_int_equal(fifo_open(VA, O_RDONLY | O_NONBLOCK, &r), 0);
	assert_int_equal(fget(r), 0); /* no writer: end of file */
	assert_int_equal(fifo_open(VA, O_WRONLY | O_NONBLOCK, &w), 0);
	assert_ptr_equal(w, r); /* one FIFO per vnode */
	assert_int_equal(fifo_open(VB, O_RDWR, &other), 0);
	assert_ptr_not_equal(other, r);
	assert_int_equal(fifo_in_use(), 2);
	assert_int_equal(fput(w, "hello"), 5);
	assert_int_equal(fget(other), -EAGAIN); /* another vnode, another ring */
	assert_int_equal(fget(r), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(fget(r), -EAGAIN);
	fifo_close(r, O_RDONLY);
	assert_int_equal(fput(w, "x"), -EPIPE); /* no reader left */
	fifo_close(w, O_WRONLY);
	assert_int_equal(fifo_in_use(), 1);
	assert_int_equal(fput(other, "kept?"), 5);
	fifo_close(other, O_RDWR);
	assert_int_equal(fifo_in_use(), 0);
	assert_int_equal(fifo_open(VB, O_RDWR, &rw), 0);
	assert_int_equal(fget(rw), -EAGAIN); /* the data went with the last close */
	fifo_close(rw, O_RDWR);
}

static struct ipc_fifo *hook_end;
static int hook_flags;

/* The other side opens (and stays). */
static int hook_open_peer(const void *wchan)
{
	(void)wchan;
	return fifo_open(VA, hook_flags, &hook_end);
}

/* The other side opens and closes again before the sleeper runs. */
static int hook_open_and_close(const void *wchan)
{
	struct ipc_fifo *ff;
	int rc;

	(void)wchan;
	rc = fifo_open(VA, hook_flags, &ff);
	if (rc == 0)
		fifo_close(ff, hook_flags);
	return rc;
}

static int hook_signal(const void *wchan)
{
	(void)wchan;
	return -EINTR;
}

static void test_blocking_opens(void **state)
{
	struct ipc_fifo *r, *w;

	(void)state;
	fake_sleep_hook = hook_open_peer;
	hook_flags = O_WRONLY | O_NONBLOCK;
	assert_int_equal(fifo_open(VA, O_RDONLY, &r), 0); /* waited for the writer */
	assert_ptr_equal(hook_end, r);
	fifo_close(hook_end, O_WRONLY);
	hook_flags = O_RDONLY | O_NONBLOCK;
	fifo_close(r, O_RDONLY);
	assert_int_equal(fifo_open(VA, O_WRONLY, &w), 0); /* waited for the reader */
	fifo_close(w, O_WRONLY);
	fifo_close(hook_end, O_RDONLY);
	fake_sleep_hook = hook_open_and_close;
	hook_flags = O_WRONLY | O_NONBLOCK;
	assert_int_equal(fifo_open(VA, O_RDONLY, &r), 0); /* a writer came and went */
	fifo_close(r, O_RDONLY);
	fake_sleep_hook = hook_signal;
	assert_int_equal(fifo_open(VA, O_RDONLY, &r), -EINTR);
	assert_null(r);
	assert_int_equal(fifo_in_use(), 0);
	/* The interrupted open left no reader: a writer still finds none. */
	assert_int_equal(fifo_open(VA, O_WRONLY | O_NONBLOCK, &w), -ENXIO);
	fake_sleep_hook = NULL;
}

static void test_out_of_memory(void **state)
{
	struct ipc_fifo *r;

	(void)state;
	fake_mem_fail_after = 1; /* the entry, not its ring */
	assert_int_equal(fifo_open(VA, O_RDWR, &r), -ENOMEM);
	fake_mem_fail_after = -1;
	assert_int_equal(fifo_in_use(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nonblocking_rules),
		cmocka_unit_test(test_blocking_opens),
		cmocka_unit_test(test_out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
