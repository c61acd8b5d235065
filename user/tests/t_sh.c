/*
 * t_sh: /bin/sh from the outside. Each test runs `sh -c TEXT` (or a
 * script file) with its standard output and error on one pipe and checks
 * what came out, byte for byte, and the exit status. Only echo, cat, true
 * and false (and the shell's builtins) are used: they exist on zero.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ztest.h"

static char out[4096];
/* /bin/sh and PATH=/bin on zero; T_SH and T_PATH try another shell on a host. */
static const char *sh_path = "/bin/sh";
static char sh_env_path[256] = "PATH=/bin";

/* Run /bin/sh with argv (NULL-terminated); output in out; the exit status. */
static int sh_run(char *const argv[])
{
	int fds[2], st = -1;
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	out[0] = 0;
	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[1]);
		execve(sh_path, argv, (char *[]){ sh_env_path, "HOME=/", NULL });
		_exit(99);
	}
	close(fds[1]);
	while (len < sizeof(out) - 1 && (got = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = 0;
	close(fds[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int sh_c(const char *text)
{
	return sh_run((char *[]){ "sh", "-c", (char *)text, NULL });
}

static int write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	close(fd);
	if (chmod(path, mode) < 0 && errno != ENOSYS) /* ENOSYS: open's mode it is */
		return -1;
	return 0;
}

static void pipelines(void)
{
	T_EQ(sh_c("echo a b | cat"), 0);
	T_STREQ(out, "a b\n");
	T_EQ(sh_c("echo one | cat | cat | cat"), 0);
	T_STREQ(out, "one\n");
	T_EQ(sh_c("echo x | false"), 1);
	T_EQ(sh_c("! false | true"), 1);
}

static void redirections(void)
{
	T_EQ(sh_c("echo hello > /tmp/t_sh1; cat < /tmp/t_sh1; echo more >> /tmp/t_sh1; "
		  "cat /tmp/t_sh1"),
	     0);
	T_STREQ(out, "hello\nhello\nmore\n");
	T_EQ(sh_c("{ echo a; echo b; } > /tmp/t_sh2; cat /tmp/t_sh2; echo c 3>/tmp/t_sh3 1>&3; "
		  "cat /tmp/t_sh3"),
	     0);
	T_STREQ(out, "a\nb\nc\n");
	T_EQ(sh_c("cat < /nonexistent/f; echo $?"), 0);
	T_STREQ(out, "sh: /nonexistent/f: No such file or directory\n1\n");
}

static void dup_stderr(void)
{
	T_EQ(sh_c("(echo out; echo err 1>&2) 2>&1 | cat"), 0);
	T_STREQ(out, "out\nerr\n");
	T_EQ(sh_c("echo e 2>/tmp/t_sh4 1>&2; cat /tmp/t_sh4; (echo hidden 1>&2) 2>/tmp/t_sh5"), 0);
	T_STREQ(out, "e\n");
}

static void and_or_lists(void)
{
	T_EQ(sh_c("true && echo a; false && echo b; false || echo c; true || echo d"), 0);
	T_STREQ(out, "a\nc\n");
	T_EQ(sh_c("false; echo $?; true; echo $?; (exit 7); echo $?"), 0);
	T_STREQ(out, "1\n0\n7\n");
	T_EQ(sh_c("exit 3"), 3);
	T_EQ(sh_c("false"), 1);
}

static void subshells(void)
{
	T_EQ(sh_c("cd /; (cd /tmp; pwd); pwd; X=1; (X=2); echo $X"), 0);
	T_STREQ(out, "/tmp\n/\n1\n");
	T_EQ(sh_c("cd /tmp && cd / && cd - && echo $OLDPWD $PWD"), 0);
	T_STREQ(out, "/tmp\n/ /tmp\n");
}

static void variables(void)
{
	T_EQ(sh_c("X=hello; Y=\"$X world\"; echo \"$Y\" ${Z:-dflt} ${#X} ${X:+set}"), 0);
	T_STREQ(out, "hello world dflt 5 set\n");
	T_EQ(sh_c("S='a   b'; for w in $S; do echo \"[$w]\"; done; echo \"$S\""), 0);
	T_STREQ(out, "[a]\n[b]\na   b\n");
	T_EQ(sh_c("set -- 'x y' z; echo $#; for a in \"$@\"; do echo \"<$a>\"; done"), 0);
	T_STREQ(out, "2\n<x y>\n<z>\n");
	T_EQ(sh_c("echo 'a  b' \"c\\\"d\" e\\ f '$X'"), 0);
	T_STREQ(out, "a  b c\"d e f $X\n");
	T_EQ(sh_run((char *[]){ "sh", "-c", "echo $0 $1 $2 $#", "name", "p1", "p2", NULL }), 0);
	T_STREQ(out, "name p1 p2 2\n");
}

static void exports(void)
{
	T_EQ(sh_c("X=1; export X; sh -c 'echo x=$X'; Y=2 sh -c 'echo y=$Y'; sh -c 'echo z=$Y.'; "
		  "unset X; sh -c 'echo x=$X.'"),
	     0);
	T_STREQ(out, "x=1\ny=2\nz=.\nx=.\n");
}

static void substitution(void)
{
	T_EQ(sh_c("echo \"[$(echo a; echo b)]\" `echo q` $(echo $(echo nested))"), 0);
	T_STREQ(out, "[a\nb] q nested\n");
	T_EQ(sh_c("X=$(false); echo $?"), 0);
	T_STREQ(out, "1\n");
}

static void globbing(void)
{
	T_EQ(sh_c("cd /tmp && : > g_a.c && : > g_b.c && : > g_c.h && "
		  "echo g_*.c; echo g_?.h; echo g_[ab].c; echo 'g_*.c' \"g_*\" nomatch*"),
	     0);
	T_STREQ(out, "g_a.c g_b.c\ng_c.h\ng_a.c g_b.c\ng_*.c g_* nomatch*\n");
	T_EQ(sh_c("cd /tmp && for f in g_*; do echo $f; done"), 0);
	T_STREQ(out, "g_a.c\ng_b.c\ng_c.h\n");
}

static void control_flow(void)
{
	T_EQ(sh_c("for i in 1 2 3; do if [ $i = 2 ]; then echo two; elif test $i -gt 2; then "
		  "echo big; else echo $i; fi; done"),
	     0);
	T_STREQ(out, "1\ntwo\nbig\n");
	T_EQ(sh_c("n=; while [ \"$n\" != xxx ]; do n=${n}x; echo $n; done; "
		  "until true; do echo never; done"),
	     0);
	T_STREQ(out, "x\nxx\nxxx\n");
	T_EQ(sh_c("for i in a b c d; do if [ $i = b ]; then continue; fi; "
		  "if [ $i = d ]; then break; fi; echo $i; done"),
	     0);
	T_STREQ(out, "a\nc\n");
	T_EQ(sh_c("if [ -d /tmp ] && [ ! -f /tmp ] && [ -n x -a -z '' ]; then echo yes; fi"), 0);
	T_STREQ(out, "yes\n");
}

static void scripts(void)
{
	T_EQ(write_file("/tmp/t_sh_script", "#!/bin/sh\necho script $1 $#\nexit 4\n", 0755), 0);
	T_EQ(sh_c("/tmp/t_sh_script a b; echo $?"), 0);
	T_STREQ(out, "script a 2\n4\n");
	T_EQ(sh_run((char *[]){ "sh", "/tmp/t_sh_script", "x", NULL }), 4);
	T_STREQ(out, "script x 1\n");
	T_EQ(write_file("/tmp/t_sh_plain", "echo plain $1\n", 0755), 0);
	T_EQ(sh_c("/tmp/t_sh_plain p"), 0);
	T_STREQ(out, "plain p\n");
	T_EQ(write_file("/tmp/t_sh_lib", "LIBVAR=fromlib\n", 0644), 0);
	T_EQ(sh_c(". /tmp/t_sh_lib; echo $LIBVAR"), 0);
	T_STREQ(out, "fromlib\n");
}

static void errors(void)
{
	T_EQ(sh_c("nosuch; echo $?"), 0);
	T_STREQ(out, "sh: nosuch: not found\n127\n");
	T_EQ(sh_c("nosuch"), 127);
	T_EQ(write_file("/tmp/t_sh_noexec", "echo should not run\n", 0644), 0);
	T_EQ(sh_c("/tmp/t_sh_noexec; echo $?; /tmp; echo $?"), 0);
	T_STREQ(out,
		"sh: /tmp/t_sh_noexec: Permission denied\n126\nsh: /tmp: Is a directory\n126\n");
	T_EQ(sh_c("if true"), 2);
	T_STREQ(out, "sh: syntax error: unexpected end of file\n");
	T_EQ(sh_c("echo a | | b"), 2);
	T_STREQ(out, "sh: syntax error near unexpected '|'\n");
}

static void heredocs(void)
{
	T_EQ(sh_c("x=v; cat <<E\nline $x $((1+2))\nE\ncat <<'Q'\nraw $x\nQ\n"), 0);
	T_STREQ(out, "line v 3\nraw $x\n");
	T_EQ(sh_c("while read a b; do echo \"$b-$a\"; done <<E\n1 2\n3 4\nE"), 0);
	T_STREQ(out, "2-1\n4-3\n");
}

static void case_and_functions(void)
{
	T_EQ(sh_c("for x in a.c b.h zz; do case $x in *.c) echo c;; *.h|*.hh) echo h;; *) echo "
		  "other;; "
		  "esac; done"),
	     0);
	T_STREQ(out, "c\nh\nother\n");
	T_EQ(sh_c("f() { echo \"f $1 $#\"; return 4; }; f a b; echo $?; "
		  "g() { for i in 1 2 3; do [ $i = 2 ] && return 9; echo $i; done; }; g; echo $?; "
		  "set -- x; f y; echo $1"),
	     0);
	T_STREQ(out, "f a 2\n4\n1\n9\nf y 1\nx\n");
}

static void background(void)
{
	T_EQ(sh_c("echo bg > /tmp/t_sh_bg & wait $!; echo $?; cat /tmp/t_sh_bg"), 0);
	T_STREQ(out, "0\nbg\n");
	T_EQ(sh_c("(exit 5) & p=$!; wait $p; echo $?; [ -n \"$p\" ] && echo pid"), 0);
	T_STREQ(out, "5\npid\n");
	T_EQ(sh_c("true & false & wait; echo all"), 0);
	T_STREQ(out, "all\n");
}

static void from_stdin(void)
{
	T_EQ(sh_c("echo 'echo hi; X=2' > /tmp/t_sh_in; echo 'echo $X' >> /tmp/t_sh_in; "
		  "sh < /tmp/t_sh_in"),
	     0);
	T_STREQ(out, "hi\n2\n");
	T_EQ(sh_c("type cd; command -v true"), 0);
	T_STREQ(out, "cd is a shell builtin\ntrue\n");
}

int main(void)
{
	if (getenv("T_SH"))
		sh_path = getenv("T_SH");
	if (getenv("T_PATH"))
		snprintf(sh_env_path, sizeof(sh_env_path), "PATH=%s", getenv("T_PATH"));
	static const struct ztest tests[] = {
		ZTEST(pipelines), ZTEST(redirections),	     ZTEST(dup_stderr), ZTEST(and_or_lists),
		ZTEST(subshells), ZTEST(variables),	     ZTEST(exports),	ZTEST(substitution),
		ZTEST(globbing),  ZTEST(control_flow),	     ZTEST(scripts),	ZTEST(errors),
		ZTEST(heredocs),  ZTEST(case_and_functions), ZTEST(background), ZTEST(from_stdin),
	};

	return ztest_main("t_sh", tests, ZTEST_COUNT(tests));
}
