/*
 * Host tests of the io module's event queues (modules/io/ev_queue.c,
 * ev_watch.c) over the real VFS and ramfs: the hooks' records for each
 * change, rename cookies, a watched file's merged writes, the limits
 * (exactly EV_QUEUE_MAX records, or what fits in EV_QUEUE_BYTES, then one
 * overflow), the ring wrapping around with every byte intact, messages
 * and their permission, console input, a too small read buffer, EAGAIN,
 * and every queue, watch and vnode reference gone after close (the
 * fixture counts allocations and locks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "io/ev.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static const struct ev_who who_root = { .cred = &cred_root, .pid = 1 };
static const struct ev_who who_user = { .cred = &cred_user, .pid = 2 };

static uint8_t te_buf[EV_RING_BYTES];
static const struct zevent *te_ev[EV_QUEUE_MAX + 2];
static int te_n;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	assert_int_equal(vfs_mknod(NULL, "/d", S_IFDIR | 0755, 0, &cred_root), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static struct file *te_open(void)
{
	struct file *q;

	assert_int_equal(ev_queue_open(EV_NONBLOCK, &who_root, &q), 0);
	return q;
}

/* Read everything (whole records) into te_ev[]; the count. */
static int te_drain(struct file *q)
{
	struct uio uio = { .base = (uint64_t)(uintptr_t)te_buf, .resid = sizeof(te_buf) };
	long n = fo_read(q, &uio, 0);

	te_n = 0;
	if (n == -EAGAIN)
		return 0;
	assert_true(n > 0);
	for (long off = 0; off < n; off += (long)EV_RECLEN(te_ev[te_n - 1]))
		te_ev[te_n++] = (const struct zevent *)(te_buf + off);
	return te_n;
}

static void te_is(int i, unsigned type, int wd, const char *name)
{
	assert_true(i < te_n);
	assert_int_equal(te_ev[i]->type, type);
	assert_int_equal(te_ev[i]->wd, wd);
	assert_string_equal(te_ev[i]->len ? (const char *)(te_ev[i] + 1) : "", name);
}

static void test_dir_hooks(void **state)
{
	struct file *q = te_open();
	int wd = ev_watch_add(q, NULL, "/d", EV_FS_ALL, &who_root);

	(void)state;
	assert_true(wd > 0);
	assert_true(io_put("/d/f", "data", &cred_root) == 4);
	assert_int_equal(vfs_link(NULL, "/d/f", "/d/g", &cred_root), 0);
	assert_int_equal(vfs_rename(NULL, "/d/g", "/d/h", &cred_root), 0);
	assert_int_equal(vfs_remove(NULL, "/d/h", 0, &cred_root), 0);
	assert_int_equal(vfs_mknod(NULL, "/d/s", S_IFDIR | 0755, 0, &cred_root), 0);
	assert_int_equal(vfs_remove(NULL, "/d/s", 1, &cred_root), 0);
	assert_int_equal(vfs_remove(NULL, "/d/nope", 0, &cred_root), -ENOENT); /* no record */
	assert_int_equal(te_drain(q), 7);
	te_is(0, EV_CREATE, wd, "f");
	te_is(1, EV_CREATE, wd, "g");
	te_is(2, EV_RENAME_FROM, wd, "g");
	te_is(3, EV_RENAME_TO, wd, "h");
	assert_true(te_ev[2]->cookie && te_ev[2]->cookie == te_ev[3]->cookie);
	te_is(4, EV_REMOVE, wd, "h");
	te_is(5, EV_CREATE, wd, "s");
	assert_int_equal(te_ev[5]->flags, EVF_ISDIR);
	te_is(6, EV_REMOVE, wd, "s");
	/* A rename over a watched file: its last name went. */
	assert_true(io_put("/d/t", "t", &cred_root) == 1);
	int tw = ev_watch_add(q, NULL, "/d/t", EV_REMOVE, &who_root);
	assert_int_equal(vfs_rename(NULL, "/d/f", "/d/t", &cred_root), 0);
	assert_int_equal(te_drain(q), 4);
	te_is(0, EV_CREATE, wd, "t");
	te_is(1, EV_RENAME_FROM, wd, "f");
	te_is(2, EV_RENAME_TO, wd, "t");
	te_is(3, EV_REMOVE, tw, "");
	file_unref(q);
}

static void test_file_writes_merge(void **state)
{
	struct file *q = te_open(), *f;
	struct uio uio = { .base = (uint64_t)(uintptr_t) "abcdef", .resid = 6 };
	int wd;

	(void)state;
	assert_true(io_put("/d/w", "", &cred_root) == 0);
	wd = ev_watch_add(q, NULL, "/d/w", EV_WRITE | EV_REMOVE, &who_root);
	assert_int_equal(ev_watch_add(q, NULL, "/d/w", EV_WRITE, &who_root), wd);
	assert_int_equal(vfs_open(NULL, "/d/w", O_WRONLY, 0, &cred_root, &f), 0);
	uio.resid = 3;
	assert_int_equal(fo_write(f, &uio, 0), 3);
	uio.resid = 3;
	assert_int_equal(fo_write(f, &uio, 3), 3);
	assert_int_equal(te_drain(q), 1);
	te_is(0, EV_WRITE, wd, "");
	file_unref(f);
	/* The mask is EV_WRITE alone now: the removal says nothing. */
	assert_int_equal(vfs_remove(NULL, "/d/w", 0, &cred_root), 0);
	assert_int_equal(te_drain(q), 0);
	/* Named writes to one entry of a watched directory merge too. */
	wd = ev_watch_add(q, NULL, "/d", EV_WRITE, &who_root);
	assert_int_equal(vfs_open(NULL, "/d/n", O_WRONLY | O_CREAT, 0644, &cred_root, &f), 0);
	static char name_n[] = "/d/n", name_m[] = "/d/m";

	f->path = name_n;
	uio = (struct uio){ .base = (uint64_t)(uintptr_t) "ab", .resid = 1 };
	assert_int_equal(fo_write(f, &uio, 0), 1);
	uio.resid = 1;
	assert_int_equal(fo_write(f, &uio, 1), 1);
	f->path = name_m; /* another name: a record of its own */
	uio = (struct uio){ .base = (uint64_t)(uintptr_t) "c", .resid = 1 };
	assert_int_equal(fo_write(f, &uio, 2), 1);
	f->path = NULL;
	file_unref(f);
	assert_int_equal(te_drain(q), 2);
	te_is(0, EV_WRITE, wd, "n");
	te_is(1, EV_WRITE, wd, "m");
	file_unref(q);
}

static void test_count_limit(void **state)
{
	struct file *q = te_open();
	struct ev_queue *eq = q->priv;

	(void)state;
	for (unsigned i = 0; i < EV_QUEUE_MAX + 10; i++) {
		struct zevent ev = { .type = EV_MSG, .cookie = i };

		assert_int_equal(ev_queue_post(eq, &ev, "x", 1), i < EV_QUEUE_MAX);
	}
	assert_int_equal(te_drain(q), EV_QUEUE_MAX + 1);
	for (int i = 0; i < EV_QUEUE_MAX; i++)
		assert_int_equal(te_ev[i]->cookie, (unsigned)i);
	assert_int_equal(te_ev[EV_QUEUE_MAX]->type, EV_OVERFLOW);
	assert_int_equal(te_drain(q), 0);
	file_unref(q);
}

/* Records of every size, read a few at a time: the ring wraps, bytes stay right. */
static void test_ring_wraps(void **state)
{
	static char payload[EV_MSG_MAX];
	struct file *q = te_open();
	struct ev_queue *eq = q->priv;
	unsigned sent = 0, got = 0;

	(void)state;
	for (int i = 0; i < EV_MSG_MAX; i++)
		payload[i] = (char)(i * 7);
	for (int round = 0; round < 400; round++) {
		for (int k = 0; k < 3; k++, sent++) {
			struct zevent ev = { .type = EV_MSG, .cookie = sent };

			assert_int_equal(ev_queue_post(eq, &ev, payload, sent % EV_MSG_MAX), 1);
		}
		assert_int_equal(te_drain(q), 3);
		for (int k = 0; k < 3; k++, got++) {
			assert_int_equal(te_ev[k]->cookie, got);
			assert_int_equal(te_ev[k]->len, got % EV_MSG_MAX);
			assert_memory_equal(te_ev[k] + 1, payload, te_ev[k]->len);
		}
	}
	file_unref(q);
}

static void test_byte_limit(void **state)
{
	static char big[EV_MSG_MAX];
	struct file *q = te_open();
	int fit = EV_QUEUE_BYTES / (int)(sizeof(struct zevent) + EV_MSG_MAX);

	(void)state;
	for (int i = 0; i < fit + 3; i++) {
		struct zevent ev = { .type = EV_MSG };

		assert_int_equal(ev_queue_post(q->priv, &ev, big, sizeof(big)), i < fit);
	}
	assert_int_equal(te_drain(q), fit + 1);
	assert_int_equal(te_ev[fit]->type, EV_OVERFLOW);
	file_unref(q);
}

static void test_small_buffer_and_eagain(void **state)
{
	struct file *q = te_open();
	struct zevent ev = { .type = EV_MSG };
	char small[16];
	struct uio uio = { .base = (uint64_t)(uintptr_t)small, .resid = sizeof(small) };

	(void)state;
	assert_int_equal(fo_read(q, &uio, 0), -EAGAIN);
	ev_queue_post(q->priv, &ev, "hello", 5);
	assert_int_equal(fo_read(q, &uio, 0), -EINVAL);
	assert_int_equal(te_drain(q), 1); /* still there */
	file_unref(q);
}

static void test_send_and_input(void **state)
{
	struct file *q = te_open();

	(void)state;
	assert_int_equal(ev_queue_send(1, 5, "m", 1, &who_root), -ESRCH);
	assert_int_equal(ev_watch_add(q, NULL, NULL, EV_MSG | EV_INPUT, &who_root), 0);
	assert_int_equal(ev_watch_add(q, NULL, NULL, EV_CREATE, &who_root), -EINVAL);
	assert_int_equal(ev_queue_send(1, 5, "m", 1, &who_user), -EPERM);
	assert_int_equal(ev_queue_send(1, 5, "m", 1, &who_root), 0);
	ev_input("ab", 2);
	assert_int_equal(te_drain(q), 2);
	assert_int_equal(te_ev[0]->type, EV_MSG);
	assert_int_equal(te_ev[0]->cookie, 5);
	assert_int_equal(te_ev[1]->type, EV_INPUT);
	assert_memory_equal(te_ev[1] + 1, "ab", 2);
	file_unref(q);
}

static void test_errors_and_close(void **state)
{
	struct file *q = te_open(), *f, *q2;

	(void)state;
	assert_int_equal(ev_queue_open(0x1, &who_root, &q2), -EINVAL);
	assert_int_equal(ev_watch_add(q, NULL, "/nope", EV_CREATE, &who_root), -ENOENT);
	assert_int_equal(ev_watch_add(q, NULL, "/d", 0, &who_root), -EINVAL);
	assert_int_equal(ev_watch_add(q, NULL, "/d", EV_MSG, &who_root), -EINVAL);
	assert_int_equal(ev_watch_del(q, 42), -EINVAL);
	assert_int_equal(vfs_open(NULL, "/d", O_RDONLY, 0, &cred_root, &f), 0);
	assert_int_equal(ev_watch_add(f, NULL, "/d", EV_CREATE, &who_root), -EINVAL);
	assert_int_equal(ev_watch_del(f, 1), -EINVAL);
	file_unref(f);
	/* Watches of the root and /d, then the last close: all freed (teardown checks). */
	assert_true(ev_watch_add(q, NULL, "/", EV_FS_ALL, &who_root) > 0);
	assert_true(ev_watch_add(q, NULL, "/d", EV_FS_ALL, &who_root) > 0);
	assert_true(io_put("/d/z", "z", &cred_root) == 1);
	assert_int_equal(ev_watch_count(), 2);
	assert_int_equal(ev_nqueue, 1);
	file_unref(q);
	assert_int_equal(ev_watch_count(), 0);
	assert_int_equal(ev_nqueue, 0);
	assert_true(io_put("/d/y", "y", &cred_root) == 1); /* no queue: nothing to post */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dir_hooks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_writes_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ring_wraps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_buffer_and_eagain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_and_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_and_close, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
