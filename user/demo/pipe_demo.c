/*
 * pipe_demo: a parent and a child talk through two pipes (the course's
 * pipe program). The parent sends lines down one pipe; the child turns
 * each to upper case and sends it back up the other; the parent checks
 * every answer. With no argument it sends a few fixed lines, else its
 * arguments. Exit 0 when every answer came back right.
 *
 *   pipe_demo [word...]
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child: read lines from in, write them upper-cased to out, until EOF. */
static int child_loop(int in, int out)
{
	char buf[256];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		if (write(out, buf, (size_t)n) != n)
			return 1;
	}
	return n < 0;
}

/* The parent: send one word, read the answer, compare. */
static int parent_ask(int to, int from, const char *word)
{
	char want[256], got[256];
	size_t len = strlen(word);
	ssize_t n, have = 0;

	if (len >= sizeof(want))
		return 1;
	for (size_t i = 0; i <= len; i++)
		want[i] = (char)toupper((unsigned char)word[i]);
	if (write(to, word, len) != (ssize_t)len)
		return 1;
	while (have < (ssize_t)len && (n = read(from, got + have, len - (size_t)have)) > 0)
		have += n;
	got[have] = 0;
	printf("parent: sent \"%s\", child answered \"%s\"\n", word, got);
	return strcmp(got, want) != 0;
}

int main(int argc, char **argv)
{
	static const char *words[] = { "hello", "pipes between", "a parent and a child" };
	int down[2], up[2], status, bad = 0;
	pid_t pid;

	if (pipe(down) != 0 || pipe(up) != 0) {
		fprintf(stderr, "pipe_demo: pipe: %s\n", strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "pipe_demo: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		_exit(child_loop(down[0], up[1]));
	}
	close(down[0]);
	close(up[1]);
	for (int i = 1; i < argc; i++)
		bad |= parent_ask(down[1], up[0], argv[i]);
	for (int i = 0; argc == 1 && i < 3; i++)
		bad |= parent_ask(down[1], up[0], words[i]);
	close(down[1]); /* the child sees end of file and ends */
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		bad = 1;
	printf("pipe_demo: %s\n", bad ? "FAILED" : "ok");
	return bad;
}
