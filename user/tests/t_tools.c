/*
 * In-guest tests of the text and process tools (/bin/echo, tr, sort,
 * grep, wc, seq, test and [, printf, head, tail, cut, uniq, diff, cmp,
 * od, date): each runs through fork and exec with its standard input and
 * output on pipes, alone or in a pipeline, and its exact output and exit
 * status are checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

#define TL_MAX_CMDS 4

static char tl_out[8192];

/* Start argv[0] (a path) with fds in and out; returns its pid. */
static pid_t tl_spawn(char *const argv[], int in, int out, int close_a, int close_b)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if (close_a > 2)
		close(close_a);
	if (close_b > 2)
		close(close_b);
	execv(argv[0], argv);
	_exit(127);
}

/*
 * Run the pipeline cmds[0] | cmds[1] | ... with input on the first one's
 * standard input; the last one's output goes to tl_out (NUL-terminated).
 * Returns the last command's exit status, or -1.
 */
static int tl_pipeline(char *const *cmds[], int n, const char *input)
{
	int inp[2], prev, p[2], st = -1, last = -1;
	pid_t pids[TL_MAX_CMDS];
	size_t len = 0;
	ssize_t k;

	if (pipe(inp) < 0)
		return -1;
	prev = inp[0];
	for (int i = 0; i < n; i++) {
		if (pipe(p) < 0)
			return -1;
		pids[i] = tl_spawn(cmds[i], prev, p[1], p[0], inp[1]);
		close(prev);
		close(p[1]);
		prev = p[0];
	}
	/* A tool that fails early (grep with a bad pattern) may not read it all:
	 * EPIPE then, which is no error of the test (SIGPIPE is ignored). */
	if (input && write(inp[1], input, strlen(input)) != (ssize_t)strlen(input) &&
	    errno != EPIPE)
		return -1;
	close(inp[1]);
	while (len < sizeof(tl_out) - 1 &&
	       (k = read(prev, tl_out + len, sizeof(tl_out) - 1 - len)) > 0)
		len += (size_t)k;
	tl_out[len] = 0;
	close(prev);
	for (int i = 0; i < n; i++) {
		if (waitpid(pids[i], &st, 0) != pids[i])
			return -1;
		if (i == n - 1)
			last = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	}
	return last;
}

/* One command: its status; its output in tl_out. */
static int tl_run(const char *input, char *const argv[])
{
	char *const *cmds[] = { argv };

	return tl_pipeline(cmds, 1, input);
}

#define TL_ARGV(...) ((char *const[]){ __VA_ARGS__, NULL })

static void echo_tr(void)
{
	char *const *cmds[] = { TL_ARGV("/bin/echo", "hello,", "world"),
				TL_ARGV("/bin/tr", "a-z", "A-Z") };

	T_EQ(tl_pipeline(cmds, 2, NULL), 0);
	T_STREQ(tl_out, "HELLO, WORLD\n");
	T_EQ(tl_run("a1b22c333\n", TL_ARGV("/bin/tr", "-d", "[:digit:]")), 0);
	T_STREQ(tl_out, "abc\n");
	T_EQ(tl_run("aaabbbccc  d\n", TL_ARGV("/bin/tr", "-s", "a-c ")), 0);
	T_STREQ(tl_out, "abc d\n");
}

static void sort_lines(void)
{
	T_EQ(tl_run("pear\napple\nfig\nApple\n", TL_ARGV("/bin/sort")), 0);
	T_STREQ(tl_out, "Apple\napple\nfig\npear\n");
	T_EQ(tl_run("10\n9\n-1\n2.5\n", TL_ARGV("/bin/sort", "-n")), 0);
	T_STREQ(tl_out, "-1\n2.5\n9\n10\n");
	T_EQ(tl_run("b:2\na:3\nc:1\nb:2\n", TL_ARGV("/bin/sort", "-t:", "-k2nr", "-u")), 0);
	T_STREQ(tl_out, "a:3\nb:2\nc:1\n");
}

static void grep_count(void)
{
	const char *in = "foo\nbar\nfoobar\nbaz\n";

	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "-c", "foo")), 0);
	T_STREQ(tl_out, "2\n");
	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "-c", "nothing")), 1);
	T_STREQ(tl_out, "0\n");
	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "-n", "-E", "^ba(r|z)$")), 0);
	T_STREQ(tl_out, "2:bar\n4:baz\n");
	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "-o", "o*b")), 0);
	T_STREQ(tl_out, "b\noob\nb\n");
	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "-q", "-x", "bar")), 0);
	T_STREQ(tl_out, "");
	T_EQ(tl_run(in, TL_ARGV("/bin/grep", "a\\{")), 2);
}

static void wc_counts(void)
{
	T_EQ(tl_run("one two\nthree\n", TL_ARGV("/bin/wc")), 0);
	T_STREQ(tl_out, "      2       3      14\n");
	T_EQ(tl_run("one two\nthree\n", TL_ARGV("/bin/wc", "-l")), 0);
	T_STREQ(tl_out, "2\n");
	T_EQ(tl_run("abc\nde\tf\n", TL_ARGV("/bin/wc", "-L", "-w")), 0);
	T_STREQ(tl_out, "      3       9\n");
}

static void seq_numbers(void)
{
	T_EQ(tl_run(NULL, TL_ARGV("/bin/seq", "5")), 0);
	T_STREQ(tl_out, "1\n2\n3\n4\n5\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/seq", "-s", ",", "-w", "8", "11")), 0);
	T_STREQ(tl_out, "08,09,10,11\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/seq", "1", "0.5", "2")), 0);
	T_STREQ(tl_out, "1.0\n1.5\n2.0\n");
}

static void test_status(void)
{
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "7", "-eq", "7")), 0);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "7", "-lt", "3")), 1);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "1", "-eq", "x")), 2);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "-d", "/bin", "-a", "!", "-f", "/bin")), 0);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "-f", "/bin/sort")), 0);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/test", "-z", "x", "-o", "(", "a", "=", "b", ")")), 1);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/[", "abc", "=", "abc", "]")), 0);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/[", "abc", "!=", "abc", "]")), 1);
	T_EQ(tl_run(NULL, TL_ARGV("/bin/[", "abc")), 2); /* missing ] */
}

static void printf_format(void)
{
	T_EQ(tl_run(NULL, TL_ARGV("/bin/printf", "%s=%d\\n", "a", "1", "b", "2")), 0);
	T_STREQ(tl_out, "a=1\nb=2\n");
	T_EQ(tl_run(NULL,
		    TL_ARGV("/bin/printf", "[%5.1f|%-4x|%c|%d]\\n", "3.14159", "255", "xyz", "'A")),
	     0);
	T_STREQ(tl_out, "[  3.1|ff  |x|65]\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/printf", "%b.", "a\\tb\\cdropped")), 0);
	T_STREQ(tl_out, "a\tb");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/printf", "%d\\n", "12x")), 1);
	T_STREQ(tl_out, "12\n");
}

static void pipeline_three(void)
{
	char *const *cmds[] = { TL_ARGV("/bin/seq", "20"), TL_ARGV("/bin/grep", "1"),
				TL_ARGV("/bin/tail", "-n", "3"), TL_ARGV("/bin/wc", "-l") };

	T_EQ(tl_pipeline(cmds, 4, NULL), 0);
	T_STREQ(tl_out, "3\n");
	T_EQ(tl_pipeline(cmds, 3, NULL), 0);
	T_STREQ(tl_out, "17\n18\n19\n");
}

static void head_cut_uniq(void)
{
	T_EQ(tl_run("a\nb\nc\nd\n", TL_ARGV("/bin/head", "-n", "-2")), 0);
	T_STREQ(tl_out, "a\nb\n");
	T_EQ(tl_run("x,y,z\n1,2,3\n", TL_ARGV("/bin/cut", "-d,", "-f", "1,3")), 0);
	T_STREQ(tl_out, "x,z\n1,3\n");
	T_EQ(tl_run("a\na\nb\nc\nc\nc\n", TL_ARGV("/bin/uniq", "-c")), 0);
	T_STREQ(tl_out, "      2 a\n      1 b\n      3 c\n");
}

static int tl_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok;
}

static void diff_cmp(void)
{
	T_CHECK(tl_write_file("/tmp/t_tools.a", "one\ntwo\nthree\nfour\n"));
	T_CHECK(tl_write_file("/tmp/t_tools.b", "one\n2\nthree\nfour\nfive\n"));
	T_EQ(tl_run(NULL, TL_ARGV("/bin/diff", "/tmp/t_tools.a", "/tmp/t_tools.b")), 1);
	T_STREQ(tl_out, "2c2\n< two\n---\n> 2\n4a5\n> five\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/diff", "-u", "-L", "a", "-L", "b", "/tmp/t_tools.a",
				  "/tmp/t_tools.b")),
	     1);
	T_STREQ(tl_out, "--- a\n+++ b\n@@ -1,4 +1,5 @@\n one\n-two\n+2\n three\n four\n+five\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/diff", "/tmp/t_tools.a", "/tmp/t_tools.a")), 0);
	T_STREQ(tl_out, "");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/cmp", "/tmp/t_tools.a", "/tmp/t_tools.b")), 1);
	T_STREQ(tl_out, "/tmp/t_tools.a /tmp/t_tools.b differ: char 5, line 2\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/cmp", "-s", "/tmp/t_tools.a", "/tmp/t_tools.a")), 0);
	unlink("/tmp/t_tools.a");
	unlink("/tmp/t_tools.b");
}

static void od_date(void)
{
	T_EQ(tl_run("ab\n\001", TL_ARGV("/bin/od", "-c")), 0);
	T_STREQ(tl_out, "0000000   a   b  \\n 001\n0000004\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/date", "-d", "@0")), 0);
	T_STREQ(tl_out, "Thu Jan  1 00:00:00 UTC 1970\n");
	T_EQ(tl_run(NULL, TL_ARGV("/bin/date", "-d", "@1234567890", "+%F %T %j %s")), 0);
	T_STREQ(tl_out, "2009-02-13 23:31:30 044 1234567890\n");
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(echo_tr),	      ZTEST(sort_lines),     ZTEST(grep_count),
		ZTEST(wc_counts),     ZTEST(seq_numbers),    ZTEST(test_status),
		ZTEST(printf_format), ZTEST(pipeline_three), ZTEST(head_cut_uniq),
		ZTEST(diff_cmp),      ZTEST(od_date),
	};
	signal(SIGPIPE, SIG_IGN);
	return ztest_main("t_tools", tests, ZTEST_COUNT(tests));
}
