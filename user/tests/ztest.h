/**
 * @file ztest.h
 * @brief The in-guest test harness: checks, test functions, a main.
 * @ingroup ztest
 *
 * An in-guest test is a program in `user/tests/` built with zero-cc. Each
 * test is a function `static void name(void)` making checks with
 * T_CHECK(); ztest_main() runs them in order and prints, for each,
 * `ztest: ok - <prog>/<name>` or `ztest: not ok - <prog>/<name>` (after
 * one `ztest: FAIL file:line: ...` line per failed check), then
 * `<prog>: N passed, N failed`, and returns 0 only if every test passed,
 * so the program's exit status is the verdict (`init=/usr/tests/<prog>`
 * under `halt=exit` leaves QEMU with 33 or 35). Output goes straight to
 * descriptor 1, unbuffered, so a crash loses nothing.
 *
 * @code
 * #include "ztest.h"
 * static void adds(void) { T_CHECK(1 + 1 == 2); }
 * int main(void)
 * {
 *         static const struct ztest tests[] = { ZTEST(adds) };
 *         return ztest_main("t_math", tests, ZTEST_COUNT(tests));
 * }
 * @endcode
 */
#ifndef USER_TESTS_ZTEST_H_
#define USER_TESTS_ZTEST_H_

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/** @defgroup ztest In-guest test harness
 *  @brief Programs in user/tests/ that check the system from user space. */

/** One test: its function and name. */
struct ztest {
	void (*fn)(void); /**< The test; it calls T_CHECK(). */
	const char *name; /**< Its name in the report. */
};

/** @brief A struct ztest initializer for function @p fn. @param fn the test function. */
#define ZTEST(fn)                                                                                  \
	{                                                                                          \
		fn, #fn                                                                            \
	}
/** @brief The number of tests in array @p a. @param a an array of struct ztest. */
#define ZTEST_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/** Failed checks in the test running now (reset before each test). */
static int ztest_failed_checks;

/**
 * @brief Record one check; print a line if it failed.
 * @param ok   the check's result (nonzero: passed).
 * @param file source file of the check.
 * @param line its line.
 * @param fmt  printf format describing it, then its arguments.
 * @return @p ok (so a test can stop after a failed check).
 */
static inline __attribute__((format(printf, 4, 5))) int ztest_check(int ok, const char *file,
								    int line, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return 1;
	ztest_failed_checks++;
	dprintf(1, "ztest: FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vdprintf(1, fmt, ap);
	va_end(ap);
	dprintf(1, "\n");
	return 0;
}

/**
 * @brief T_EQ(): record whether @p a equals @p b (each evaluated once).
 * @param a,b the values; @param ea,eb their source text; @param file,line where.
 * @return whether they are equal.
 */
static inline int ztest_eq(long a, long b, const char *ea, const char *eb, const char *file,
			   int line)
{
	return ztest_check(a == b, file, line, "%s == %s (%ld != %ld)", ea, eb, a, b);
}

/**
 * @brief T_STREQ(): record whether strings @p a and @p b are equal (NULL never is).
 * @param a,b the strings; @param ea,eb their source text; @param file,line where.
 * @return whether they are equal.
 */
static inline int ztest_streq(const char *a, const char *b, const char *ea, const char *eb,
			      const char *file, int line)
{
	return ztest_check(a && b && strcmp(a, b) == 0, file, line, "%s == %s (\"%s\" != \"%s\")",
			   ea, eb, a ? a : "(null)", b ? b : "(null)");
}

/** @brief Check that @p cond holds. @param cond the condition. */
#define T_CHECK(cond) ztest_check(!!(cond), __FILE__, __LINE__, "%s", #cond)
/** @brief Check that two integers are equal, printing both if not. @param a,b the values. */
#define T_EQ(a, b) ztest_eq((long)(a), (long)(b), #a, #b, __FILE__, __LINE__)
/** @brief Check that two strings are equal, printing both if not. @param a,b the strings. */
#define T_STREQ(a, b) ztest_streq((a), (b), #a, #b, __FILE__, __LINE__)
/**
 * @brief Check that a call failed with -1 and errno @p err.
 * @param expr the call; @param err the errno value expected.
 */
#define T_ERRNO(expr, err)                                                                         \
	do {                                                                                       \
		errno = 0;                                                                         \
		long r_ = (long)(expr);                                                            \
		ztest_check(r_ == -1 && errno == (err), __FILE__, __LINE__,                        \
			    "%s fails with %s (got %ld, errno %d)", #expr, #err, r_, errno);       \
	} while (0)

/**
 * @brief Run the tests in order and report.
 * @param prog  the program's name in the report.
 * @param tests the tests.
 * @param n     how many.
 * @return 0 if every test passed, 1 otherwise (main's exit status).
 */
static inline int ztest_main(const char *prog, const struct ztest *tests, int n)
{
	int passed = 0, failed = 0;

	for (int i = 0; i < n; i++) {
		ztest_failed_checks = 0;
		tests[i].fn();
		fflush(stdout);
		if (ztest_failed_checks)
			failed++;
		else
			passed++;
		dprintf(1, "ztest: %s - %s/%s\n", ztest_failed_checks ? "not ok" : "ok", prog,
			tests[i].name);
	}
	dprintf(1, "%s: %d passed, %d failed\n", prog, passed, failed);
	return failed || !n ? 1 : 0;
}

/**
 * @brief Run a program with its standard output and error captured.
 * @param argv the program (argv[0] a path) and its arguments, NULL-terminated.
 * @param out where the output goes, NUL-terminated (what does not fit is dropped).
 * @param room the size of @p out, > 0.
 * @return its exit status, 128 + the signal that killed it, or -1 (no pipe
 *         or no child to wait for).
 */
static inline int ztest_run(char *const argv[], char *out, size_t room)
{
	int p[2], st;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (len < room - 1 && (n = read(p[0], out + len, room - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = 0;
	for (char rest[256]; read(p[0], rest, sizeof(rest)) > 0;)
		; /* more than out holds: read on, or the child blocks on a full pipe */
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#endif /* USER_TESTS_ZTEST_H_ */
