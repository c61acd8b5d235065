/*
 * Host tests of the io module's devices: /dev/null, zero, full and kmsg,
 * and /dev/console — raw output, the cooked line discipline (echo, erase,
 * kill, end of file, CR to NL), O_NONBLOCK, a read that sleeps until a
 * line arrives, and the terminal ioctls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <kern/printk.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>

#include "io/dev.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static int setup(void **state)
{
	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static struct file *dev_open(const char *path, int flags)
{
	struct file *f;

	assert_int_equal(vfs_open(NULL, path, flags, 0, &cred_root, &f), 0);
	return f;
}

static long rd(struct file *f, char *buf, size_t len, uint64_t off)
{
	struct uio uio = { .base = (uint64_t)(uintptr_t)buf, .resid = len };

	return fo_read(f, &uio, off);
}

static long wr(struct file *f, const char *s, size_t len)
{
	struct uio uio = { .base = (uint64_t)(uintptr_t)s, .resid = len };

	return fo_write(f, &uio, 0);
}

static void test_mem_devices(void **state)
{
	char buf[1000];
	struct file *f;
	struct stat st;

	(void)state;
	f = dev_open("/dev/null", O_RDWR);
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 0);
	assert_int_equal(wr(f, "abc", 3), 3);
	assert_int_equal(fo_stat(f, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(st.st_rdev, DEV_MAKE(1, 3));
	assert_int_equal(fo_seekable(f, &(uint64_t){ 0 }), -ESPIPE);
	file_unref(f);
	f = dev_open("/dev/zero", O_RDWR);
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(rd(f, buf, sizeof(buf), 0), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(wr(f, "abc", 3), 3);
	file_unref(f);
	f = dev_open("/dev/full", O_RDWR);
	assert_int_equal(wr(f, "abc", 3), -ENOSPC);
	assert_int_equal(rd(f, buf, 10, 0), 10);
	file_unref(f);
	printk("kmsg-marker 42\n");
	f = dev_open("/dev/kmsg", O_RDWR);
	memset(buf, 0, sizeof(buf));
	assert_true(rd(f, buf, sizeof(buf) - 1, 0) > 0);
	assert_non_null(strstr(buf, "kmsg-marker 42"));
	assert_int_equal(wr(f, "from user", 9), 9);
	assert_non_null(strstr(io_fixture_log, "from user\n"));
	file_unref(f);
	/* a node with no driver behind it */
	assert_int_equal(vfs_mknod(NULL, "/dev/none", S_IFCHR | 0600, DEV_MAKE(99, 1), &cred_root),
			 0);
	assert_int_equal(vfs_open(NULL, "/dev/none", O_RDONLY, 0, &cred_root, &f), -ENXIO);
	assert_int_equal(vfs_mknod(NULL, "/dev/blk", S_IFBLK | 0600, DEV_MAKE(8, 0), &cred_root),
			 0);
	assert_int_equal(vfs_open(NULL, "/dev/blk", O_RDONLY, 0, &cred_root, &f), -ENXIO);
}

static void type(const char *s)
{
	arch_host_console_input(s, strlen(s));
	io_fixture_irq_fns[4](4);
}

static void test_console_output(void **state)
{
	struct file *f = dev_open("/dev/console", O_WRONLY);

	(void)state;
	assert_non_null(io_fixture_irq_fns[4]); /* the serial port */
	assert_int_equal(wr(f, "to the console\n", 15), 15);
	assert_string_equal(arch_host_console, "to the console\r\n"); /* ONLCR */
	assert_null(strstr(io_fixture_log, "to the console"));	      /* raw: not logged */
	file_unref(f);
}

static void test_console_cooked(void **state)
{
	char buf[64];
	struct file *f = dev_open("/dev/console", O_RDONLY | O_NONBLOCK);

	(void)state;
	assert_int_equal(rd(f, buf, sizeof(buf), 0), -EAGAIN);
	type("ab");
	assert_int_equal(rd(f, buf, sizeof(buf), 0), -EAGAIN); /* no line yet */
	type("\x7f"
	     "c\r");
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "ac\n", 3);
	assert_string_equal(arch_host_console, "ab\b \bc\r\n"); /* the echo */
	type("junk\x15ok\x08K\n");
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "oK\n", 3);
	type("one\ntwo\n");
	assert_int_equal(rd(f, buf, 2, 0), 2); /* part of a line, then the rest */
	assert_memory_equal(buf, "on", 2);
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 2);
	assert_memory_equal(buf, "e\n", 2);
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 4);
	type("\x04");
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 0); /* end of file, once */
	assert_int_equal(rd(f, buf, sizeof(buf), 0), -EAGAIN);
	type("part\x04");
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 4); /* ^D ends a line without NL */
	assert_memory_equal(buf, "part", 4);
	file_unref(f);
}

static void arrive(void)
{
	type("late\n");
}

static void test_console_blocking(void **state)
{
	char buf[64];
	struct file *f = dev_open("/dev/console", O_RDONLY);

	(void)state;
	io_fixture_on_sleep = arrive;
	assert_int_equal(rd(f, buf, sizeof(buf), 0), 5);
	assert_memory_equal(buf, "late\n", 5);
	assert_int_equal(io_fixture_sleeps, 1);
	file_unref(f);
}

static void test_console_ioctl(void **state)
{
	struct termios t;
	struct winsize ws;
	struct file *f = dev_open("/dev/console", O_RDWR);

	(void)state;
	assert_int_equal(fo_ioctl(f, TCGETS, (uint64_t)(uintptr_t)&t), 0);
	assert_true(t.c_lflag & ICANON);
	assert_true(t.c_lflag & ECHO);
	assert_int_equal(t.c_cc[VERASE], 0x7f);
	assert_int_equal(t.c_cc[VEOF], 4);
	assert_int_equal(fo_ioctl(f, TIOCGWINSZ, (uint64_t)(uintptr_t)&ws), 0);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(fo_ioctl(f, TCGETS, 0), -EFAULT);
	assert_int_equal(fo_ioctl(f, 0x1234, 0), -ENOTTY);
	file_unref(f);
	f = dev_open("/dev/null", O_RDWR);
	assert_int_equal(fo_ioctl(f, TCGETS, (uint64_t)(uintptr_t)&t), -ENOTTY); /* not a tty */
	file_unref(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mem_devices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console_cooked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console_blocking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console_ioctl, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
