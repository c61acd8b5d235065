/*
 * Host tests of printk against the fake arch console: level filtering,
 * the log ring buffer (including wrap-around), and that interrupts are
 * restored after each message.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <arch/arch.h>
#include <kern/printk.h>
#include <core/debug.h>

extern char arch_host_console[];
extern size_t arch_host_console_len;
extern int arch_host_irq_on;

static int printk_reset(void **state)
{
	(void)state;
	arch_console_init();
	printk_set_console_level(LOG_INFO);
	return 0;
}

static void test_info_reaches_console(void **state)
{
	(void)state;
	assert_int_equal(printk("zero %s %d\n", "boots", 42), 14);
	assert_string_equal(arch_host_console, "zero boots 42\n");
	assert_int_equal(arch_host_irq_on, 1);
}

static void test_level_filters_console_not_log(void **state)
{
	char log[PRINTK_LOG_SIZE + 1];
	size_t n;

	(void)state;
	pr_debug("hidden-debug-line\n");
	assert_int_equal(arch_host_console_len, 0);
	printk_set_console_level(LOG_WARN);
	pr_info("hidden-info-line\n");
	pr_warn("shown-warning\n");
	assert_string_equal(arch_host_console, "shown-warning\n");
	n = printk_log_read(log, PRINTK_LOG_SIZE);
	log[n] = '\0';
	assert_non_null(strstr(log, "hidden-debug-line"));
	assert_non_null(strstr(log, "hidden-info-line"));
	printk_set_console_level(99); /* out of range: ignored */
	pr_info("still-hidden\n");
	assert_null(strstr(arch_host_console, "still-hidden"));
}

static void test_ring_keeps_newest(void **state)
{
	static char log[PRINTK_LOG_SIZE];
	char line[64];
	size_t n;

	(void)state;
	printk_set_console_level(LOG_EMERG);
	for (int i = 0; i < 2000; i++)
		printk("line %05d\n", i); /* 11 bytes each: 22000 > ring size */
	n = printk_log_read(log, sizeof(log));
	assert_int_equal(n, PRINTK_LOG_SIZE);
	snprintf(line, sizeof(line), "line %05d\n", 1999);
	assert_memory_equal(log + n - strlen(line), line, strlen(line));
	assert_null(memmem(log, n, "line 00000", 10));
	assert_int_equal(printk_log_read(log, 5), 5);
}

/* printk_log_tail(): the newest bytes, oldest first, across the wrap. */
static void test_tail_gives_newest(void **state)
{
	static char log[PRINTK_LOG_SIZE];
	size_t held, n;

	(void)state;
	printk_set_console_level(LOG_EMERG);
	for (int i = 0; i < 2000; i++)
		printk("tail %05d\n", i);
	held = printk_log_held();
	assert_int_equal(held, PRINTK_LOG_SIZE);
	n = printk_log_tail(log, 22);
	assert_int_equal(n, 22);
	assert_memory_equal(log, "tail 01998\ntail 01999\n", 22);
	n = printk_log_tail(log, sizeof(log));
	assert_int_equal(n, PRINTK_LOG_SIZE);
	assert_memory_equal(log + n - 11, "tail 01999\n", 11);
	assert_int_equal(printk_log_tail(log, 0), 0);
}

static void test_long_line_is_truncated_safely(void **state)
{
	char big[2000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(printk("%s", big), (int)sizeof(big) - 1);
	assert_true(arch_host_console_len > 100 && arch_host_console_len < sizeof(big));
}

/* A cut message is marked and still ends its line: the next one is not
 * glued on. */
static void test_cut_line_keeps_newline(void **state)
{
	static char log[PRINTK_LOG_SIZE];
	char big[2000];
	size_t n;

	(void)state;
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	printk("%s\n", big);
	printk("next\n");
	arch_host_console[arch_host_console_len] = '\0';
	assert_non_null(strstr(arch_host_console, "yyy[...]\nnext\n"));
	assert_int_equal(strchr(arch_host_console, '\n') - arch_host_console, 510);
	n = printk_log_read(log, sizeof(log));
	assert_non_null(memmem(log, n, "yyy[...]\nnext\n", 14));
	/* A message that just fits is not marked. */
	arch_console_init();
	memset(big, 'z', 510);
	big[510] = '\0';
	printk("%s\n", big);
	arch_host_console[arch_host_console_len] = '\0';
	assert_int_equal(arch_host_console_len, 511);
	assert_null(strstr(arch_host_console, "[...]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_info_reaches_console, printk_reset),
		cmocka_unit_test_setup(test_level_filters_console_not_log, printk_reset),
		cmocka_unit_test_setup(test_ring_keeps_newest, printk_reset),
		cmocka_unit_test_setup(test_tail_gives_newest, printk_reset),
		cmocka_unit_test_setup(test_long_line_is_truncated_safely, printk_reset),
		cmocka_unit_test_setup(test_cut_line_keeps_newline, printk_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
