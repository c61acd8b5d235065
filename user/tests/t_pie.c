/*
 * In-guest tests of static position-independent programs: this file is
 * linked with `zero-cc -static-pie`, so it runs from wherever exec put it
 * and relocated itself in rcrt0 before main. Its pointers in data (a table
 * of strings and functions), thread-local data, fork and the auxiliary
 * vector must all see the addresses it runs at, and two runs must be
 * placed apart (ASLR) unless the kernel word aslr=off says otherwise.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <uapi/auxv.h>
#include <unistd.h>

#include "ztest.h"

unsigned long getauxval(unsigned long type);
/* ELF64 header fields this test reads (the ELF specification's offsets). */
#define EHDR_TYPE(h)  (*(const uint16_t *)((h) + 16))
#define EHDR_PHOFF(h) (*(const uint64_t *)((h) + 32))
#define ET_DYN	      3
extern char _start[];
extern const char __ehdr_start[];

static int twice(int x)
{
	return 2 * x;
}

static int thrice(int x)
{
	return 3 * x;
}

/* Pointers the linker could only write as load-base-relative relocations. */
static const char *const words[] = { "zero", "one", "two" };
static int (*const ops[])(int) = { twice, thrice };
static const char *const *word_table = words;
static __thread int tls_value = 42;
static __thread const char *tls_word = "thread";

/* Linked at 0, loaded at the PIE base (0x555555554000 + up to 1 GiB). */
static void loaded_high(void)
{
	uintptr_t base = (uintptr_t)__ehdr_start;

	T_CHECK(base >= 0x555555554000ULL && base < 0x555555554000ULL + (1ULL << 30) + 0x1000);
	T_EQ(base & 0xfff, 0);
	T_CHECK((uintptr_t)&loaded_high > base);
	T_EQ(memcmp(__ehdr_start, "\177ELF", 4), 0);
	T_EQ(EHDR_TYPE(__ehdr_start), ET_DYN);
}

static void data_relocated(void)
{
	T_STREQ(words[1], "one");
	T_STREQ(word_table[2], "two");
	T_EQ(ops[0](5), 10);
	T_EQ(ops[1](5), 15);
	T_EQ(strlen(words[0]), 4);
}

static void *tls_thread(void *arg)
{
	(void)arg;
	tls_value++;
	return (void *)(intptr_t)(tls_value == 43 && strcmp(tls_word, "thread") == 0);
}

static void tls_works(void)
{
	pthread_t t;
	void *ok = NULL;

	T_EQ(tls_value, 42);
	T_STREQ(tls_word, "thread");
	tls_value = 7;
	T_EQ(pthread_create(&t, NULL, tls_thread, NULL), 0);
	T_EQ(pthread_join(t, &ok), 0);
	T_EQ((intptr_t)ok, 1);
	T_EQ(tls_value, 7);
}

static void auxv_matches(void)
{
	uintptr_t base = (uintptr_t)__ehdr_start;
	uintptr_t phdr = getauxval(AT_PHDR);

	T_EQ(getauxval(AT_ENTRY), (uintptr_t)_start);
	T_EQ(phdr, base + EHDR_PHOFF(__ehdr_start));
	T_EQ(getauxval(AT_BASE), 0); /* no interpreter */
}

static void fork_copies(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(ops[1](words[2][0] == 't' ? 4 : 0) == 12 ? 0 : 1);
	T_CHECK(pid > 0);
	T_EQ(waitpid(pid, &st, 0), pid);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Run this program again with "base": it prints where it was loaded. */
static uintptr_t child_base(const char *self)
{
	char buf[32] = "";
	int fd[2], st;
	pid_t pid;
	ssize_t n;

	if (pipe(fd) != 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		execl(self, self, "base", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	n = read(fd[0], buf, sizeof(buf) - 1);
	close(fd[0]);
	waitpid(pid, &st, 0);
	return n > 0 ? (uintptr_t)strtoull(buf, NULL, 16) : 0;
}

static const char *self_path = "/usr/tests/t_pie";

/* Three runs all at one base would mean no randomisation (odds 2^-36). */
static void bases_random(void)
{
	uintptr_t a = child_base(self_path), b = child_base(self_path), c = child_base(self_path);

	T_CHECK(a != 0 && b != 0 && c != 0);
	T_CHECK(a != b || b != c);
	T_EQ(a & 0xfff, 0);
}

int main(int argc, char **argv)
{
	static const struct ztest tests[] = {
		ZTEST(loaded_high),  ZTEST(data_relocated), ZTEST(tls_works),
		ZTEST(auxv_matches), ZTEST(fork_copies),    ZTEST(bases_random),
	};

	if (argc == 2 && strcmp(argv[1], "base") == 0) {
		printf("%lx\n", (unsigned long)(uintptr_t)__ehdr_start);
		return 0;
	}
	return ztest_main("t_pie", tests, ZTEST_COUNT(tests));
}
