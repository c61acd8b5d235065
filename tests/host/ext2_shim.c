/*
 * The journal's thread calls for host programs that run ext2
 * (tests/host/ext2_fixture.c, tests/fuzz/fuzz_ext2.c; the buf role is
 * tests/host/buf_role_shim.c): there is one host thread, no commit thread
 * runs (the caller sets ext2_commit_secs to 0), and a wait nobody can end
 * aborts the program.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <kern/cred.h>
#include <kern/lock.h>
#include <kern/thr.h>

static void ext2_shim_die(const char *what)
{
	fprintf(stderr, "ext2 host shim: %s\n", what);
	abort();
}

/* Who the caller is, for ext2's reserved blocks: NULL (the kernel: no
 * limit) unless a test sets it. */
const struct cred *ext2_shim_cred;

const struct cred *kern_cred_current(void)
{
	return ext2_shim_cred;
}

static int ext2_shim_thr;
struct thr *thr_current(void)
{
	return (struct thr *)&ext2_shim_thr;
}
struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class, long nice)
{
	(void)name, (void)entry, (void)arg, (void)class, (void)nice;
	ext2_shim_die("thr_create: no threads here");
	return NULL;
}
int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns)
{
	(void)wchan, (void)m, (void)timeout_ns;
	ext2_shim_die("thr_sleep_mutex: a wait nobody can end (one thread)");
	return 0;
}
void thr_sleep_ns(uint64_t ns)
{
	(void)ns;
	ext2_shim_die("thr_sleep_ns: a sleep in a one-thread program");
}
