/*
 * Host tests of System V message queues (modules/ipc/msg.c over
 * msg_queue.c and ipc_obj.c) through the ipc_ops members, as the system
 * calls reach them: keys and IPC_CREAT|IPC_EXCL, ids not reused at once,
 * message types, MSG_NOERROR and E2BIG, IPC_NOWAIT, a bad buffer losing
 * nothing, permissions and ownership, IPC_SET limits, and sleeps that a
 * hook ends the way another thread would (a send, a removal, a signal).
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

#include "file_fakes.h"
#include "ipc/msg.h"
#include "ipc/msg_queue.h"

static const struct cred root = { 0, 0, 0, 0 }, user = { 1000, 100, 1000, 100 };
static const struct ipc_who root_who = { &root, 1 }, user_who = { &user, 42 };

static long send(int q, long type, const char *text, int flags, const struct ipc_who *who)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)text, .resid = strlen(text), .user = 0 };

	return msg_send(q, type, &u, flags, who);
}

static char got[64];
static long got_type;

static long recv(int q, long want, size_t room, int flags)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)got, .resid = room, .user = 0 };
	long n;

	memset(got, 0, sizeof(got));
	n = msg_recv(q, &got_type, &u, want, flags, &root_who);
	return n;
}

static void test_list_types(void **state)
{
	struct msg m[5] = {
		{ .type = 3 }, { .type = 1 }, { .type = 2 }, { .type = 1 }, { .type = 7 }
	};
	struct msg_list l;

	(void)state;
	msg_list_init(&l);
	assert_null(msg_list_find(&l, 0, 0));
	for (int i = 0; i < 5; i++)
		msg_list_append(&l, &m[i]);
	assert_ptr_equal(*msg_list_find(&l, 0, 0), &m[0]);
	assert_ptr_equal(*msg_list_find(&l, 1, 0), &m[1]);
	assert_ptr_equal(*msg_list_find(&l, 3, 1), &m[1]);  /* MSG_EXCEPT */
	assert_ptr_equal(*msg_list_find(&l, -2, 0), &m[1]); /* lowest type, oldest */
	assert_ptr_equal(*msg_list_find(&l, -9, 0), &m[1]);
	assert_null(msg_list_find(&l, 4, 0));
	/* Unlink the last: the tail moves back, and appending works again. */
	assert_ptr_equal(msg_list_unlink(&l, msg_list_find(&l, 7, 0)), &m[4]);
	msg_list_append(&l, &m[4]);
	assert_ptr_equal(*msg_list_find(&l, 7, 0), &m[4]);
	assert_ptr_equal(msg_list_unlink(&l, &l.head), &m[0]);
	assert_ptr_equal(*msg_list_find(&l, 0, 0), &m[1]);
}

static void test_keys(void **state)
{
	int q, q2;

	(void)state;
	assert_int_equal(msg_get(0x1234, 0600, &root_who), -ENOENT);
	q = msg_get(0x1234, IPC_CREAT | IPC_EXCL | 0600, &root_who);
	assert_true(q >= 0);
	assert_int_equal(msg_get(0x1234, IPC_CREAT | IPC_EXCL | 0600, &root_who), -EEXIST);
	assert_int_equal(msg_get(0x1234, 0, &root_who), q);
	assert_int_equal(msg_get(0x1234, 0400, &user_who), -EACCES);
	assert_int_equal(msg_ctl(q, IPC_RMID, NULL, &root_who), 0);
	q2 = msg_get(0x1234, IPC_CREAT | 0600, &root_who);
	assert_true(q2 >= 0);
	assert_int_not_equal(q2, q); /* the same slot, another sequence */
	assert_int_equal(q2 % IPC_SEQ_MUL, q % IPC_SEQ_MUL);
	assert_int_equal(send(q, 1, "x", 0, &root_who), -EINVAL); /* the old id is dead */
	assert_int_equal(msg_ctl(q2, IPC_RMID, NULL, &root_who), 0);
}

static void test_types_and_sizes(void **state)
{
	int q = msg_get(IPC_PRIVATE, 0600, &root_who);
	struct msqid_ds ds;

	(void)state;
	assert_int_equal(send(q, 3, "three", 0, &root_who), 0);
	assert_int_equal(send(q, 1, "one", 0, &root_who), 0);
	assert_int_equal(send(q, 2, "two", 0, &root_who), 0);
	assert_int_equal(msg_ctl(q, IPC_STAT, &ds, &root_who), 0);
	assert_int_equal(ds.msg_qnum, 3);
	assert_int_equal(ds.msg_cbytes, 11);
	assert_int_equal(ds.msg_lspid, 1);
	assert_int_equal(recv(q, -2, sizeof(got), 0), 3);
	assert_string_equal(got, "one");
	assert_int_equal(recv(q, 0, 2, 0), -E2BIG);
	assert_int_equal(recv(q, 0, 2, MSG_NOERROR), 2);
	assert_string_equal(got, "th");
	assert_int_equal(got_type, 3);
	assert_int_equal(recv(q, 5, sizeof(got), IPC_NOWAIT), -ENOMSG);
	/* A receive into a bad buffer fails and the message stays. */
	{
		struct uio bad = { .base = 16, .resid = 8, .user = 1 };

		assert_int_equal(msg_recv(q, &got_type, &bad, 0, 0, &root_who), -EFAULT);
	}
	assert_int_equal(recv(q, 0, sizeof(got), 0), 3);
	assert_string_equal(got, "two");
	{
		static char big[MSG_MAX + 2];

		memset(big, 'b', MSG_MAX + 1);
		assert_int_equal(send(q, 1, big, 0, &root_who), -EINVAL);
	}
	assert_int_equal(msg_ctl(q, IPC_RMID, NULL, &root_who), 0);
}

static void test_perms(void **state)
{
	int q = msg_get(IPC_PRIVATE, 0640, &root_who);
	struct msqid_ds ds;

	(void)state;
	assert_int_equal(send(q, 1, "x", 0, &user_who), -EACCES);
	assert_int_equal(msg_ctl(q, IPC_STAT, &ds, &user_who), -EACCES);
	assert_int_equal(msg_ctl(q, IPC_RMID, NULL, &user_who), -EPERM);
	assert_int_equal(msg_ctl(q, IPC_STAT, &ds, &root_who), 0);
	ds.msg_perm.gid = 100; /* the user's group may read now */
	assert_int_equal(msg_ctl(q, IPC_SET, &ds, &user_who), -EPERM);
	assert_int_equal(msg_ctl(q, IPC_SET, &ds, &root_who), 0);
	assert_int_equal(msg_ctl(q, IPC_STAT, &ds, &user_who), 0);
	ds.msg_perm.uid = 1000; /* and the user owns it */
	assert_int_equal(msg_ctl(q, IPC_SET, &ds, &root_who), 0);
	ds.msg_qbytes = MSG_MNB + 1; /* more than the default needs root */
	assert_int_equal(msg_ctl(q, IPC_SET, &ds, &user_who), -EPERM);
	ds.msg_qbytes = 4;
	assert_int_equal(msg_ctl(q, IPC_SET, &ds, &user_who), 0);
	assert_int_equal(send(q, 1, "abcd", IPC_NOWAIT, &user_who), 0);
	assert_int_equal(send(q, 1, "e", IPC_NOWAIT, &user_who), -EAGAIN);
	assert_int_equal(msg_ctl(q, IPC_RMID, NULL, &user_who), 0);
}

static int hook_q;

static int hook_send(const void *wchan)
{
	(void)wchan;
	return (int)send(hook_q, 4, "late", 0, &user_who);
}

static int hook_rmid(const void *wchan)
{
	(void)wchan;
	assert_int_equal(msg_ctl(hook_q, IPC_RMID, NULL, &root_who), 0);
	return 0;
}

static int hook_signal(const void *wchan)
{
	(void)wchan;
	return -EINTR;
}

static void test_sleeps(void **state)
{
	struct ipc_limits lim = { 0 };

	(void)state;
	hook_q = msg_get(IPC_PRIVATE, 0666, &root_who);
	fake_sleep_hook = hook_send;
	assert_int_equal(recv(hook_q, 4, sizeof(got), 0), 4);
	assert_string_equal(got, "late");
	fake_sleep_hook = hook_signal;
	assert_int_equal(recv(hook_q, 0, sizeof(got), 0), -EINTR);
	fake_sleep_hook = hook_rmid; /* removed while asleep: EIDRM, then freed */
	assert_int_equal(recv(hook_q, 0, sizeof(got), 0), -EIDRM);
	fake_sleep_hook = NULL;
	msg_usage(&lim);
	assert_int_equal(lim.msq_used, 0);
	assert_int_equal(lim.msg_used, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_types),	cmocka_unit_test(test_keys),
		cmocka_unit_test(test_types_and_sizes), cmocka_unit_test(test_perms),
		cmocka_unit_test(test_sleeps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
