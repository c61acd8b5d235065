/*
 * Host tests of System V semaphores (modules/ipc/sem.c over sem_ops.c and
 * ipc_obj.c) through the ipc_ops members: the all-or-nothing step alone,
 * then semop with IPC_NOWAIT, ERANGE, EFBIG, E2BIG, SEM_UNDO applied at
 * process exit and cleared by SETVAL, GETALL/SETALL, GETNCNT/GETZCNT seen
 * by a "thread" while another sleeps, timeouts (EAGAIN), EINTR and EIDRM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/ipc.h>
#include <uapi/errno.h>

#include "file_fakes.h"
#include "ipc/sem.h"
#include "ipc/sem_ops.h"

static const struct cred root = { 0, 0, 0, 0 }, user = { 1000, 100, 1000, 100 };
static const struct ipc_who root_who = { &root, 1 }, user_who = { &user, 42 };

static long val(int s, int num)
{
	struct ipc_semarg a = { 0 };

	return sem_ctl(s, num, GETVAL, &a, &root_who);
}

static long setval(int s, int num, int v)
{
	struct ipc_semarg a = { .val = v };

	return sem_ctl(s, num, SETVAL, &a, &root_who);
}

static void test_try_all_or_nothing(void **state)
{
	struct sem sems[3] = { { .val = 1 }, { .val = 0 }, { .val = 5 } };
	struct sembuf ops[3] = { { 0, -1, 0 }, { 2, 2, SEM_UNDO }, { 1, -1, 0 } };
	int32_t adj[3] = { 0 };
	unsigned block = 9;

	(void)state;
	assert_int_equal(sem_try(sems, ops, 3, adj, SEM_VMX, &block), -EAGAIN);
	assert_int_equal(block, 2);
	assert_int_equal(sems[0].val, 1); /* rolled back */
	assert_int_equal(sems[2].val, 5);
	assert_int_equal(adj[2], 0);
	sems[1].val = 1;
	assert_int_equal(sem_try(sems, ops, 3, adj, SEM_VMX, &block), 0);
	assert_true(sems[0].val == 0 && sems[1].val == 0 && sems[2].val == 7);
	assert_int_equal(adj[2], -2);
	ops[0] = (struct sembuf){ 2, 0, 0 }; /* wait for zero on 7 */
	assert_int_equal(sem_try(sems, ops, 1, NULL, SEM_VMX, &block), -EAGAIN);
	ops[0] = (struct sembuf){ 2, 10, 0 };
	assert_int_equal(sem_try(sems, ops, 1, NULL, 16, &block), -ERANGE);
	assert_int_equal(sems[2].val, 7);
}

/* The one-operation fast path answers as sem_try() does, for every value
 * and operation near the limits. */
static void test_try_one_matches(void **state)
{
	static const int vals[] = { 0, 1, 2, 5, 15, 16, SEM_VMX - 1, SEM_VMX };
	static const int opv[] = { -SEM_VMX, -17, -6, -2, -1, 0, 1, 2, 11, 16, SEM_VMX };

	(void)state;
	for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		for (unsigned j = 0; j < sizeof(opv) / sizeof(opv[0]); j++)
			for (unsigned vmx = 16; vmx <= SEM_VMX; vmx += SEM_VMX - 16) {
				struct sem a = { .val = (uint16_t)vals[i] }, b = a;
				struct sembuf op = { 0, (short)opv[j], 0 };
				unsigned block = 0;
				int ra = sem_try(&a, &op, 1, NULL, vmx, &block);
				int rb = sem_try_one(&b, opv[j], vmx);

				assert_int_equal(ra, rb);
				assert_int_equal(a.val, b.val);
			}
}

static void test_semop_basics(void **state)
{
	int s = sem_get(IPC_PRIVATE, 2, 0600, &root_who);
	struct sembuf op = { 0, -1, IPC_NOWAIT }, many[SEM_OPM + 1];
	uint16_t arr[2] = { 3, 4 };
	struct ipc_semarg a = { .array = arr, .nsems = 2 };

	(void)state;
	assert_true(s >= 0);
	assert_int_equal(sem_get(IPC_PRIVATE, 0, 0600, &root_who), -EINVAL);
	assert_int_equal(sem_get(IPC_PRIVATE, SEM_MSL + 1, 0600, &root_who), -EINVAL);
	assert_int_equal(sem_op(s, &op, 1, NULL, &root_who), -EAGAIN);
	assert_int_equal(sem_ctl(s, 0, SETALL, &a, &root_who), 0);
	memset(arr, 0, sizeof(arr));
	assert_int_equal(sem_ctl(s, 0, GETALL, &a, &root_who), 0);
	assert_true(arr[0] == 3 && arr[1] == 4);
	assert_int_equal(sem_ctl(s, 0, IPC_SEM_NSEMS, &a, &user_who), 2);
	assert_int_equal(sem_op(s, &op, 1, NULL, &root_who), 0);
	assert_int_equal(val(s, 0), 2);
	assert_int_equal(sem_op(s, &op, 1, NULL, &user_who), -EACCES);
	op.sem_num = 2;
	assert_int_equal(sem_op(s, &op, 1, NULL, &root_who), -EFBIG);
	memset(many, 0, sizeof(many));
	assert_int_equal(sem_op(s, many, SEM_OPM + 1, NULL, &root_who), -E2BIG);
	assert_int_equal(setval(s, 0, SEM_VMX + 1), -ERANGE);
	arr[1] = SEM_VMX + 1;
	assert_int_equal(sem_ctl(s, 0, SETALL, &a, &root_who), -ERANGE);
	assert_int_equal(val(s, 1), 4);
	assert_int_equal(sem_ctl(s, 0, IPC_RMID, &a, &root_who), 0);
}

static void test_undo(void **state)
{
	int s = sem_get(IPC_PRIVATE, 1, 0666, &root_who);
	struct sembuf up = { 0, 3, SEM_UNDO }, down = { 0, -1, SEM_UNDO };
	struct ipc_semarg a = { 0 };
	struct ipc_limits lim = { 0 };

	(void)state;
	assert_int_equal(sem_op(s, &up, 1, NULL, &user_who), 0);
	assert_int_equal(sem_op(s, &down, 1, NULL, &user_who), 0);
	assert_int_equal(val(s, 0), 2);
	sem_usage(&lim);
	assert_int_equal(lim.undo_used, 1);
	sem_proc_exit(7); /* another process: nothing */
	assert_int_equal(val(s, 0), 2);
	sem_proc_exit(42);
	assert_int_equal(val(s, 0), 0);
	assert_int_equal(sem_ctl(s, 0, GETPID, &a, &root_who), 42);
	assert_int_equal(sem_op(s, &up, 1, NULL, &user_who), 0);
	assert_int_equal(setval(s, 0, 1), 0); /* clears the adjustment */
	sem_proc_exit(42);
	assert_int_equal(val(s, 0), 1);
	sem_usage(&lim);
	assert_int_equal(lim.undo_used, 0);
	assert_int_equal(sem_ctl(s, 0, IPC_RMID, &a, &root_who), 0);
}

static int hook_s;
static long hook_ncnt, hook_zcnt;

/* The other thread: sees the sleeper counted, then lets it go. */
static int hook_count_and_post(const void *wchan)
{
	struct ipc_semarg a = { 0 };

	(void)wchan;
	hook_ncnt = sem_ctl(hook_s, 0, GETNCNT, &a, &root_who);
	hook_zcnt = sem_ctl(hook_s, 0, GETZCNT, &a, &root_who);
	return (int)setval(hook_s, 0, hook_ncnt ? 1 : 0);
}

static int hook_timeout(const void *wchan)
{
	(void)wchan;
	return -ETIMEDOUT;
}

static int hook_signal(const void *wchan)
{
	(void)wchan;
	return -EINTR;
}

static int hook_rmid(const void *wchan)
{
	struct ipc_semarg a = { 0 };

	(void)wchan;
	return (int)sem_ctl(hook_s, 0, IPC_RMID, &a, &root_who);
}

static void test_sleeps(void **state)
{
	struct sembuf down = { 0, -1, 0 }, zero = { 0, 0, 0 };
	uint64_t timeout = 1000000;
	struct ipc_semarg a = { 0 };

	(void)state;
	hook_s = sem_get(IPC_PRIVATE, 1, 0600, &root_who);
	fake_sleep_hook = hook_count_and_post;
	assert_int_equal(sem_op(hook_s, &down, 1, NULL, &root_who), 0);
	assert_int_equal(hook_ncnt, 1);
	assert_int_equal(hook_zcnt, 0);
	assert_int_equal(setval(hook_s, 0, 2), 0);
	assert_int_equal(sem_op(hook_s, &zero, 1, NULL, &root_who), 0);
	assert_int_equal(hook_zcnt, 1);
	assert_int_equal(sem_ctl(hook_s, 0, GETZCNT, &a, &root_who), 0);
	fake_sleep_hook = hook_timeout;
	assert_int_equal(sem_op(hook_s, &down, 1, &timeout, &root_who), -EAGAIN);
	fake_sleep_hook = hook_signal;
	assert_int_equal(sem_op(hook_s, &down, 1, NULL, &root_who), -EINTR);
	assert_int_equal(sem_ctl(hook_s, 0, GETNCNT, &a, &root_who), 0);
	fake_sleep_hook = hook_rmid;
	assert_int_equal(sem_op(hook_s, &down, 1, NULL, &root_who), -EIDRM);
	fake_sleep_hook = NULL;
	assert_int_equal(val(hook_s, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_try_all_or_nothing),
		cmocka_unit_test(test_try_one_matches),
		cmocka_unit_test(test_semop_basics),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_sleeps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
