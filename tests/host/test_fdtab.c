/*
 * Host tests of core/kern/file/fdtab.c, the descriptor tables: lowest free
 * descriptor, EMFILE, all-or-none installs, dup/dup2 and their flags, fork
 * sharing files, exec closing the close-on-exec ones, files closed once and
 * never under the table's lock, and threads racing on one table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <core/fdtab.h>
#include <kern/file.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "file_fakes.h"
#include "host_threads.h"

static unsigned closes;

static void tf_close(struct file *f)
{
	int *alive = f->priv;

	assert_int_equal(fake_spins_held(), 0); /* a close may sleep */
	if (alive)
		*alive = 0;
	__atomic_add_fetch(&closes, 1, __ATOMIC_RELAXED);
}

static const struct fileops tf_ops = { .version = FILEOPS_VERSION, .close = tf_close };

static struct file *tf_new(void)
{
	struct file *f = file_alloc(&tf_ops, NULL, O_RDWR);

	assert_non_null(f);
	return f;
}

static int tf_install(struct fdtab *t, struct file *f, int minfd, unsigned fl)
{
	int fd = -1, rc = fdtab_install(t, &f, 1, minfd, fl, &fd);

	return rc ? rc : fd;
}

static int setup(void **state)
{
	(void)state;
	closes = 0;
	fake_mem_fail_after = -1;
	return 0;
}

static void test_lowest_free_and_emfile(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *f = tf_new();

	(void)state;
	for (int i = 0; i < FDTAB_MAX; i++)
		assert_int_equal(tf_install(t, file_ref(f), 0, 0), i);
	assert_int_equal(tf_install(t, f, 0, 0), -EMFILE);
	assert_int_equal(fdtab_count(t), FDTAB_MAX);
	assert_int_equal(fdtab_close(t, 7), 0);
	assert_int_equal(fdtab_close(t, 3), 0);
	assert_int_equal(fdtab_close(t, 3), -EBADF);
	assert_int_equal(tf_install(t, file_ref(f), 0, 0), 3);
	assert_int_equal(tf_install(t, file_ref(f), 4, 0), 7);
	assert_int_equal(tf_install(t, f, FDTAB_MAX, 0), -EINVAL);
	assert_int_equal(tf_install(t, f, -1, 0), -EINVAL);
	assert_int_equal(closes, 0); /* the file lives while a descriptor refers to it */
	fdtab_destroy(t);
	file_unref(f);
	assert_int_equal(closes, 1);
}

static void test_get_refs_and_ebadf(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *f = tf_new(), *g;

	(void)state;
	assert_int_equal(tf_install(t, f, 0, 0), 0);
	assert_int_equal(fdtab_get(t, 0, &g), 0);
	assert_ptr_equal(g, f);
	assert_int_equal(f->refs, 2);
	assert_int_equal(fdtab_close(t, 0), 0);
	assert_int_equal(closes, 0); /* still held by the getter */
	file_unref(g);
	assert_int_equal(closes, 1);
	assert_int_equal(fdtab_get(t, 0, &g), -EBADF);
	assert_null(g);
	assert_int_equal(fdtab_get(t, -1, &g), -EBADF);
	assert_int_equal(fdtab_get(t, FDTAB_MAX, &g), -EBADF);
	assert_int_equal(fdtab_close(t, -5), -EBADF);
	assert_int_equal(fdtab_close(t, 1 << 30), -EBADF);
	fdtab_destroy(t);
}

static void test_install_pair_all_or_none(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *fs[2] = { tf_new(), tf_new() };
	int fds[2] = { -1, -1 };

	(void)state;
	for (int i = 0; i < FDTAB_MAX - 1; i++)
		assert_int_equal(tf_install(t, file_ref(fs[0]), 0, 0), i);
	assert_int_equal(fdtab_install(t, fs, 2, 0, 0, fds), -EMFILE);
	assert_int_equal(fdtab_count(t), FDTAB_MAX - 1);
	assert_int_equal(fdtab_close(t, 10), 0);
	assert_int_equal(fdtab_install(t, fs, 2, 0, FD_CLOEXEC, fds), 0);
	assert_int_equal(fds[0], 10);
	assert_int_equal(fds[1], FDTAB_MAX - 1);
	assert_int_equal(fdtab_getfd(t, 10), FD_CLOEXEC);
	assert_int_equal(fdtab_getfd(t, FDTAB_MAX - 1), FD_CLOEXEC);
	fdtab_destroy(t);
	assert_int_equal(closes, 2);
}

static void test_dup_and_dup2(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *a = tf_new(), *b = tf_new(), *g;

	(void)state;
	assert_int_equal(tf_install(t, a, 0, FD_CLOEXEC), 0);
	assert_int_equal(tf_install(t, b, 0, 0), 1);
	assert_int_equal(fdtab_dup(t, 0, 0, 0), 2);
	assert_int_equal(fdtab_getfd(t, 2), 0); /* dup clears FD_CLOEXEC */
	assert_int_equal(fdtab_dup(t, 0, 10, FD_CLOEXEC), 10);
	assert_int_equal(fdtab_getfd(t, 10), FD_CLOEXEC);
	assert_int_equal(fdtab_dup(t, 5, 0, 0), -EBADF);
	assert_int_equal(fdtab_dup(t, 0, FDTAB_MAX, 0), -EINVAL);
	/* dup2 onto an open descriptor closes what it held. */
	assert_int_equal(fdtab_dup2(t, 0, 1, 0), 1);
	assert_int_equal(closes, 1);
	assert_int_equal(fdtab_get(t, 1, &g), 0);
	assert_ptr_equal(g, a);
	file_unref(g);
	/* Same descriptor: nothing changes, not even the flags. */
	assert_int_equal(fdtab_dup2(t, 0, 0, 0), 0);
	assert_int_equal(fdtab_getfd(t, 0), FD_CLOEXEC);
	assert_int_equal(fdtab_dup2(t, 7, 7, 0), -EBADF);
	assert_int_equal(fdtab_dup2(t, 7, 1, 0), -EBADF);
	assert_int_equal(fdtab_dup2(t, 0, FDTAB_MAX, 0), -EBADF);
	assert_int_equal(fdtab_dup2(t, 0, -1, 0), -EBADF);
	assert_int_equal(fdtab_dup2(t, 0, 200, 0), 200);
	assert_int_equal(a->refs, 5);
	fdtab_destroy(t);
	assert_int_equal(closes, 2);
}

static void test_fd_flags(void **state)
{
	struct fdtab *t = fdtab_create();

	(void)state;
	assert_int_equal(tf_install(t, tf_new(), 0, 0), 0);
	assert_int_equal(fdtab_getfd(t, 0), 0);
	assert_int_equal(fdtab_setfd(t, 0, FD_CLOEXEC | 0x80), 0);
	assert_int_equal(fdtab_getfd(t, 0), FD_CLOEXEC);
	assert_int_equal(fdtab_setfd(t, 0, 0), 0);
	assert_int_equal(fdtab_getfd(t, 0), 0);
	assert_int_equal(fdtab_getfd(t, 1), -EBADF);
	assert_int_equal(fdtab_setfd(t, 1, 0), -EBADF);
	assert_int_equal(fdtab_getfd(t, -1), -EBADF);
	assert_int_equal(fdtab_setfd(t, FDTAB_MAX, 0), -EBADF);
	fdtab_destroy(t);
}

static void test_fork_shares_exec_closes(void **state)
{
	struct fdtab *t = fdtab_create(), *c;
	struct file *a = tf_new(), *b = tf_new(), *g;

	(void)state;
	assert_int_equal(tf_install(t, a, 0, 0), 0);
	assert_int_equal(tf_install(t, b, 0, FD_CLOEXEC), 1);
	c = fdtab_fork(t);
	assert_non_null(c);
	assert_int_equal(fdtab_get(c, 0, &g), 0);
	assert_ptr_equal(g, a); /* the same open file, so the same offset */
	file_unref(g);
	assert_int_equal(fdtab_getfd(c, 1), FD_CLOEXEC);
	assert_int_equal(a->refs, 2);
	fdtab_exec(c);
	assert_int_equal(fdtab_count(c), 1);
	assert_int_equal(fdtab_getfd(c, 1), -EBADF);
	assert_int_equal(closes, 0); /* the parent still has b */
	assert_int_equal(fdtab_close(c, 0), 0);
	assert_int_equal(a->refs, 1);
	fdtab_destroy(c);
	fdtab_destroy(t);
	assert_int_equal(closes, 2);
	fake_mem_fail_after = 0;
	assert_null(fdtab_create());
	fake_mem_fail_after = -1;
	fdtab_destroy(NULL);
}

static void test_fork_out_of_memory(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *a = tf_new();

	(void)state;
	assert_int_equal(tf_install(t, a, 0, 0), 0);
	fake_mem_fail_after = 0;
	assert_null(fdtab_fork(t));
	fake_mem_fail_after = -1;
	assert_int_equal(a->refs, 1);
	fdtab_destroy(t);
}

static void test_uninstall_only_same_file(void **state)
{
	struct fdtab *t = fdtab_create();
	struct file *a = tf_new(), *b = tf_new();

	(void)state;
	assert_int_equal(tf_install(t, a, 0, 0), 0);
	assert_int_equal(fdtab_uninstall(t, 0, b), -EBADF);
	assert_int_equal(fdtab_count(t), 1);
	assert_int_equal(fdtab_uninstall(t, 0, a), 0);
	assert_int_equal(fdtab_count(t), 0);
	assert_int_equal(fdtab_uninstall(t, 0, a), -EBADF);
	assert_int_equal(fdtab_uninstall(t, -1, a), -EBADF);
	file_unref(b);
	fdtab_destroy(t);
	assert_int_equal(closes, 2);
}

/* Threads of one process racing: dup2, dup, get, close on the same slots. */
#define RACE_THREADS 4
#define RACE_ROUNDS  20000
#define RACE_FDS     8

static struct fdtab *race_tab;
static unsigned race_gets;
static int race_alive[RACE_FDS + 1];

static unsigned race_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

static void race_body(int id)
{
	unsigned seed = (unsigned)id + 1;

	for (int i = 0; i < RACE_ROUNDS; i++) {
		int fd = (int)(race_rand(&seed) % RACE_FDS),
		    to = (int)(race_rand(&seed) % RACE_FDS);
		struct file *f;

		switch (race_rand(&seed) % 4) {
		case 0:
			(void)fdtab_dup2(race_tab, fd, to, 0);
			break;
		case 1:
			if (fdtab_close(race_tab, fd) == 0)
				(void)fdtab_dup2(race_tab, RACE_FDS, fd, 0);
			break;
		case 2:
			if (fdtab_get(race_tab, fd, &f) == 0) {
				assert_true(f->refs >= 1);
				__atomic_add_fetch(&race_gets, 1, __ATOMIC_RELAXED);
				file_unref(f);
			}
			break;
		default: {
			int nfd = fdtab_dup(race_tab, RACE_FDS, 0, 0);

			if (nfd >= RACE_FDS)
				assert_int_equal(fdtab_close(race_tab, nfd), 0);
			break;
		}
		}
	}
}

static void test_threads_race(void **state)
{
	struct file *files[RACE_FDS + 1];

	(void)state;
	race_tab = fdtab_create();
	for (int i = 0; i <= RACE_FDS; i++) {
		files[i] = tf_new();
		files[i]->priv = &race_alive[i];
		race_alive[i] = 1;
		assert_int_equal(tf_install(race_tab, files[i], 0, 0), i);
	}
	assert_int_equal(host_run_threads(RACE_THREADS, race_body), 0);
	assert_true(race_gets > 0);
	/* Every reference is a descriptor: the live files' counts add up to
	 * the open descriptors, and every file is either live or closed once. */
	{
		unsigned refs = 0, alive = 0;

		for (int i = 0; i <= RACE_FDS; i++) {
			if (race_alive[i]) {
				alive++;
				refs += files[i]->refs;
			}
		}
		assert_int_equal(refs, fdtab_count(race_tab));
		assert_int_equal(alive + closes, RACE_FDS + 1);
		assert_true(race_alive[RACE_FDS]); /* its slot is never closed */
	}
	fdtab_destroy(race_tab);
	assert_int_equal(closes, RACE_FDS + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_lowest_free_and_emfile, setup),
		cmocka_unit_test_setup(test_get_refs_and_ebadf, setup),
		cmocka_unit_test_setup(test_install_pair_all_or_none, setup),
		cmocka_unit_test_setup(test_dup_and_dup2, setup),
		cmocka_unit_test_setup(test_fd_flags, setup),
		cmocka_unit_test_setup(test_fork_shares_exec_closes, setup),
		cmocka_unit_test_setup(test_fork_out_of_memory, setup),
		cmocka_unit_test_setup(test_uninstall_only_same_file, setup),
		cmocka_unit_test_setup(test_threads_race, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
