/*
 * Host tests of the ipc module's pipes (modules/ipc/pipe.c, pipe_ring.c)
 * through the fo_*() wrappers, as the system calls reach them: data in
 * order across the ring's wrap, EOF, EPIPE, O_NONBLOCK and PIPE_BUF
 * atomicity, faults in the caller's buffer, running out of memory, and
 * blocking reads and writes whose sleep a hook ends the way the other
 * thread would (writing, reading, closing, or an interruption).
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
#include <uapi/stat.h>

#include "file_fakes.h"
#include "ipc/pipe.h"

static struct file *rd, *wr;
static uint8_t src[3 * PIPE_SIZE], dst[3 * PIPE_SIZE];

static struct uio kuio(void *p, size_t n)
{
	return (struct uio){ .base = (uint64_t)(uintptr_t)p, .resid = n, .user = 0 };
}

static long put(const void *p, size_t n)
{
	struct uio u = kuio((void *)(uintptr_t)p, n);

	return fo_write(wr, &u, 0);
}

static long get(void *p, size_t n)
{
	struct uio u = kuio(p, n);

	return fo_read(rd, &u, 0);
}

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + i / 251);
	memset(dst, 0, sizeof(dst));
	fake_sleep_hook = NULL;
	fake_sleeps = fake_wakeups = 0;
	fake_mem_fail_after = -1;
	assert_int_equal(pipe_create(&rd, &wr, 0), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	file_unref(rd);
	file_unref(wr);
	return 0;
}

static void test_write_read_back(void **state)
{
	struct stat st;
	uint64_t size;
	char buf[16] = { 0 };

	(void)state;
	assert_int_equal(rd->flags & O_ACCMODE, O_RDONLY);
	assert_int_equal(wr->flags & O_ACCMODE, O_WRONLY);
	assert_int_equal(put("hello, pipe", 11), 11);
	assert_int_equal(get(buf, 5), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(fo_stat(rd, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_size, 6);
	assert_int_equal(get(buf, sizeof(buf)), 6); /* what is there, not more */
	assert_memory_equal(buf, ", pipe", 6);
	assert_int_equal(fo_seekable(rd, &size), -ESPIPE);
	assert_int_equal(fo_read(wr, &(struct uio){ .base = 1, .resid = 1 }, 0), -EBADF);
	assert_int_equal(fo_write(rd, &(struct uio){ .base = 1, .resid = 1 }, 0), -EBADF);
	assert_int_equal(fo_ioctl(rd, 0x541b, 0), -ENOTTY);
	assert_int_equal(get(buf, 0), 0);
	assert_int_equal(put(buf, 0), 0);
	assert_int_equal(fake_sleeps, 0);
}

static void test_order_across_wrap(void **state)
{
	size_t w = 0, r = 0;

	(void)state;
	rd->flags |= O_NONBLOCK;
	wr->flags |= O_NONBLOCK;
	/* Writes and reads of sizes that do not divide the ring. */
	while (r < sizeof(src)) {
		size_t n = (w * 13 + 4093) % 30011 + 1;
		long got;

		if (n > sizeof(src) - w)
			n = sizeof(src) - w;
		if (n) {
			got = put(src + w, n);
			assert_true(got > 0 || got == -EAGAIN);
			if (got > 0)
				w += (size_t)got;
		}
		got = get(dst + r, (r * 11) % 40009 + 1);
		assert_true(got > 0);
		r += (size_t)got;
		assert_true(r <= w);
	}
	assert_memory_equal(dst, src, sizeof(src));
	assert_int_equal(get(dst, 1), -EAGAIN);
}

static void test_full_nonblocking_and_atomic(void **state)
{
	(void)state;
	wr->flags |= O_NONBLOCK;
	assert_int_equal(put(src, PIPE_SIZE + 100), PIPE_SIZE); /* a long write moves what fits */
	assert_int_equal(put(src, 1), -EAGAIN);
	assert_int_equal(get(dst, 100), 100);
	/* At most PIPE_BUF bytes go in whole or not at all. */
	assert_int_equal(put(src, 101), -EAGAIN);
	assert_int_equal(put(src, PIPE_BUF), -EAGAIN);
	assert_int_equal(put(src, 100), 100);
	assert_int_equal(get(dst, PIPE_BUF), PIPE_BUF);
	assert_int_equal(put(src, PIPE_BUF + 1), PIPE_BUF); /* longer: not atomic */
	assert_int_equal(fake_sleeps, 0);
}

static void test_eof_after_last_writer(void **state)
{
	(void)state;
	assert_int_equal(put(src, 10), 10);
	file_unref(wr);
	wr = NULL;
	assert_int_equal(get(dst, 100), 10); /* the data first */
	assert_int_equal(get(dst, 100), 0);
	assert_int_equal(get(dst, 100), 0);
	assert_int_equal(fake_sleeps, 0);
}

static void test_epipe_without_reader(void **state)
{
	struct file *wr2 = file_ref(wr);

	(void)state;
	file_unref(rd);
	rd = NULL;
	assert_int_equal(put(src, 10), -EPIPE);
	assert_int_equal(put(src, PIPE_SIZE * 2), -EPIPE);
	file_unref(wr2); /* one of two references: the end stays open */
	assert_int_equal(put(src, 1), -EPIPE);
}

static void test_user_buffers_and_faults(void **state)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)src, .resid = 64, .user = 1 };

	(void)state;
	assert_int_equal(fo_write(wr, &u, 0), 64);
	u = (struct uio){ .base = 16, .resid = 64, .user = 1 }; /* a bad pointer */
	assert_int_equal(fo_write(wr, &u, 0), -EFAULT);
	assert_int_equal(fo_read(rd, &u, 0), -EFAULT);
	u = (struct uio){ .base = (uint64_t)(uintptr_t)dst, .resid = 128, .user = 1 };
	assert_int_equal(fo_read(rd, &u, 0), 64); /* the fault consumed nothing */
	assert_memory_equal(dst, src, 64);
}

static void test_out_of_memory(void **state)
{
	(void)state;
	for (int i = 0; i < 4; i++) {
		struct file *a = (struct file *)1, *b = (struct file *)1;

		fake_mem_fail_after = i;
		assert_int_equal(pipe_create(&a, &b, 0), -ENOMEM);
		assert_null(a);
		assert_null(b);
	}
	fake_mem_fail_after = -1;
	{
		struct file *a, *b;

		assert_int_equal(pipe_create(&a, &b, O_CLOEXEC), -EINVAL);
		assert_int_equal(pipe_create(&a, &b, O_NONBLOCK), 0);
		assert_true(a->flags & O_NONBLOCK);
		file_unref(a);
		file_unref(b);
	}
}

/* What the other thread does while this one sleeps. */
static int hook_action, hook_calls;

static int hook(const void *wchan)
{
	struct file *keep_rd = rd, *keep_wr = wr;

	(void)wchan;
	hook_calls++;
	switch (hook_action) {
	case 0: /* a writer comes */
		assert_int_equal(put(src, 300), 300);
		return 0;
	case 1: /* a reader drains a page */
		assert_int_equal(get(dst, PIPE_BUF), PIPE_BUF);
		return 0;
	case 2: /* the last writer leaves */
		file_unref(keep_wr);
		wr = NULL;
		return 0;
	case 3: /* the last reader leaves */
		file_unref(keep_rd);
		rd = NULL;
		return 0;
	case 4: /* woken for nothing, then a writer comes */
		if (hook_calls == 1)
			return 0;
		hook_action = 0;
		return hook(wchan);
	default: /* a signal */
		return -EINTR;
	}
}

static void test_blocking_read_waits_for_writer(void **state)
{
	(void)state;
	fake_sleep_hook = hook;
	hook_action = 4;
	hook_calls = 0;
	assert_int_equal(get(dst, 1000), 300);
	assert_int_equal(fake_sleeps, 2); /* a spurious wakeup: it checks and sleeps again */
	assert_true(fake_wakeups >= 1);	  /* the writer woke the sleeping reader */
	assert_memory_equal(dst, src, 300);
}

static void test_blocking_write_waits_for_reader(void **state)
{
	(void)state;
	assert_int_equal(put(src, PIPE_SIZE - 10), PIPE_SIZE - 10);
	fake_sleep_hook = hook;
	hook_action = 1;
	/* 100 bytes fit now, but the write is atomic: it waits for room for all. */
	assert_int_equal(put(src, 200), 200);
	assert_int_equal(fake_sleeps, 1);
	assert_true(fake_wakeups >= 1);
	/* A long write sleeps as often as it must and moves everything. */
	fake_sleeps = 0;
	assert_int_equal(put(src, 3 * PIPE_BUF), 3 * PIPE_BUF);
	assert_true(fake_sleeps >= 2);
}

static void test_blocked_reader_sees_eof(void **state)
{
	(void)state;
	fake_sleep_hook = hook;
	hook_action = 2;
	assert_int_equal(get(dst, 10), 0);
	assert_int_equal(fake_sleeps, 1);
	assert_true(fake_wakeups >= 1);
}

static void test_blocked_writer_gets_epipe(void **state)
{
	(void)state;
	assert_int_equal(put(src, PIPE_SIZE), PIPE_SIZE);
	fake_sleep_hook = hook;
	hook_action = 3;
	assert_int_equal(put(src, 10), -EPIPE);
	assert_int_equal(fake_sleeps, 1);
}

static void test_interrupted_sleeps(void **state)
{
	(void)state;
	fake_sleep_hook = hook;
	hook_action = 99;
	assert_int_equal(get(dst, 10), -EINTR);
	assert_int_equal(put(src, PIPE_SIZE - 5), PIPE_SIZE - 5);
	assert_int_equal(put(src, 10), -EINTR); /* atomic: nothing went in */
	assert_int_equal(get(dst, PIPE_SIZE), PIPE_SIZE - 5);
	assert_int_equal(put(src, PIPE_SIZE + 50), PIPE_SIZE); /* the bytes moved, not -EINTR */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_write_read_back),
		T(test_order_across_wrap),
		T(test_full_nonblocking_and_atomic),
		T(test_eof_after_last_writer),
		T(test_epipe_without_reader),
		T(test_user_buffers_and_faults),
		T(test_out_of_memory),
		T(test_blocking_read_waits_for_writer),
		T(test_blocking_write_waits_for_reader),
		T(test_blocked_reader_sees_eof),
		T(test_blocked_writer_gets_epipe),
		T(test_interrupted_sleeps),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
