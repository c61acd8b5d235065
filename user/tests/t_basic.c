/*
 * In-guest tests of the basic calls as libc sees them: getpid, write to
 * stdout, a bad pointer to write (EFAULT), an unknown call number (ENOSYS),
 * a bad descriptor (EBADF), uname.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/zero.h>
#include <unistd.h>

#include "ztest.h"

static void pids(void)
{
	pid_t p = getpid();

	T_CHECK(p > 0);
	T_EQ(getpid(), p);
	T_CHECK(getppid() >= 0);
}

static void write_stdout(void)
{
	static const char msg[] = "t_basic: a line written with write()\n";

	T_EQ(write(1, msg, sizeof(msg) - 1), sizeof(msg) - 1);
	T_EQ(write(1, msg, 0), 0);
}

static void bad_pointers(void)
{
	T_ERRNO(write(1, NULL, 10), EFAULT);
	T_ERRNO(write(1, (void *)0xffff800000000000ul, 10), EFAULT); /* kernel half */
	T_ERRNO(write(1, (void *)0x0000800000000000ul, 10), EFAULT); /* non-canonical */
	T_ERRNO(write(1, (void *)0x10000, 10), EFAULT);		     /* unmapped, low */
}

static void unknown_call(void)
{
	T_EQ(__syscall(999, 0, 0, 0, 0, 0, 0), -ENOSYS);
	T_ERRNO(syscall(999), ENOSYS);
	T_ERRNO(syscall(SYS_NR), ENOSYS);
}

static void bad_descriptor(void)
{
	T_ERRNO(write(-1, "x", 1), EBADF);
	T_ERRNO(write(1000, "x", 1), EBADF);
	T_ERRNO(close(-1), EBADF);
}

static void names(void)
{
	struct utsname u;

	if (!T_CHECK(uname(&u) == 0))
		return;
	T_STREQ(u.sysname, "zero");
	T_STREQ(u.machine, "x86_64");
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(pids),	     ZTEST(write_stdout),   ZTEST(bad_pointers),
		ZTEST(unknown_call), ZTEST(bad_descriptor), ZTEST(names),
	};
	return ztest_main("t_basic", tests, ZTEST_COUNT(tests));
}
