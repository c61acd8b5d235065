/*
 * builtin_table.c: which commands the shell runs itself, and the ones
 * that talk about commands: help, type, command.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"

static const struct sh_builtin bi_table[] = {
	{ ".", bi_dot, "run a file's commands in this shell" },
	{ ":", bi_colon, "do nothing, successfully" },
	{ "[", bi_test, "test a condition (as test, ending with ])" },
	{ "bg", bi_bg, "continue a stopped job in the background" },
	{ "break", bi_break, "leave the innermost (or nth) loop" },
	{ "cd", bi_cd_, "change directory (cd -: the previous one)" },
	{ "command", bi_command, "run a command; -v: say what it is" },
	{ "continue", bi_break, "next round of the innermost (or nth) loop" },
	{ "echo", bi_echo_, "write the arguments (-n: no newline, -e: escapes)" },
	{ "eval", bi_eval, "run the arguments as shell text" },
	{ "exec", bi_colon, "replace the shell with a command, or redirect it" },
	{ "exit", bi_exit_, "leave the shell with a status" },
	{ "export", bi_export, "pass variables to the programs run" },
	{ "false", bi_false_, "do nothing, unsuccessfully" },
	{ "fg", bi_fg, "bring a job to the foreground" },
	{ "help", bi_help, "this list" },
	{ "jobs", bi_jobs, "list the jobs" },
	{ "kill", bi_kill, "send a signal to jobs (%n) or processes" },
	{ "pwd", bi_pwd_, "print the working directory" },
	{ "read", bi_read, "read a line into variables" },
	{ "return", bi_return, "leave a function (with a status)" },
	{ "set", bi_set, "set -e/-x, set -- args, or list variables" },
	{ "shift", bi_shift, "drop the first (n) positional parameters" },
	{ "source", bi_dot, "run a file's commands in this shell" },
	{ "test", bi_test, "test a condition (files, strings, numbers)" },
	{ "true", bi_true_, "do nothing, successfully" },
	{ "type", bi_type, "say what a command name is" },
	{ "umask", bi_umask, "show or set the file creation mask" },
	{ "unset", bi_unset, "remove variables" },
	{ "wait", bi_wait, "wait for jobs or processes to end" },
};
#define BI_COUNT ((int)(sizeof(bi_table) / sizeof(bi_table[0])))

const struct sh_builtin *sh_builtin_find(const char *name)
{
	for (int i = 0; i < BI_COUNT; i++)
		if (!strcmp(bi_table[i].name, name))
			return &bi_table[i];
	return NULL;
}

const struct sh_builtin *sh_builtin_table(int *n)
{
	*n = BI_COUNT;
	return bi_table;
}

/* One-line hints for the programs zero ships (help lists what /bin has). */
static const char *const bi_hints[][2] = {
	{ "basename", "strip directory and suffix from a name" },
	{ "cat", "concatenate files" },
	{ "chmod", "change file modes" },
	{ "chown", "change file owner" },
	{ "clear", "clear the screen" },
	{ "cmp", "compare two files byte by byte" },
	{ "cp", "copy files (-r: trees)" },
	{ "cut", "select fields or characters of lines" },
	{ "date", "print the date and time" },
	{ "df", "file system space" },
	{ "diff", "compare files line by line" },
	{ "dirname", "the directory part of a name" },
	{ "dmesg", "the kernel's log" },
	{ "du", "disk usage of files" },
	{ "echo", "write the arguments" },
	{ "env", "run a program in a changed environment" },
	{ "false", "exit 1" },
	{ "find", "walk file trees" },
	{ "free", "memory in use and free" },
	{ "grep", "print lines matching a pattern" },
	{ "halt", "stop the machine" },
	{ "head", "the first lines of files" },
	{ "kill", "send signals to processes" },
	{ "ln", "make links (-s: symbolic)" },
	{ "ls", "list directories (-l -a -R -i)" },
	{ "lsmod", "the kernel's modules" },
	{ "meminfo", "the kernel's memory statistics" },
	{ "mkdir", "make directories" },
	{ "more", "page through text" },
	{ "mount", "mount a file system" },
	{ "mv", "move or rename files" },
	{ "nice", "run a program at another priority" },
	{ "od", "dump files in octal and other formats" },
	{ "poweroff", "power the machine off" },
	{ "printf", "format and print data" },
	{ "ps", "the processes" },
	{ "pwd", "print the working directory" },
	{ "reboot", "restart the machine" },
	{ "renice", "change a running process's priority" },
	{ "rm", "remove files" },
	{ "rmdir", "remove empty directories" },
	{ "seq", "print a sequence of numbers" },
	{ "sh", "the shell" },
	{ "size", "section sizes of ELF files" },
	{ "sleep", "wait a number of seconds" },
	{ "sort", "sort lines" },
	{ "stat", "file status" },
	{ "sync", "write cached data to disk" },
	{ "tail", "the last lines of files" },
	{ "tee", "copy input to files and output (-a: append)" },
	{ "test", "check files and compare values" },
	{ "top", "a refreshing view of the processes" },
	{ "touch", "change file times, create files" },
	{ "tr", "translate characters" },
	{ "true", "exit 0" },
	{ "umount", "unmount a file system" },
	{ "uname", "the system's name (-a: all)" },
	{ "uniq", "drop repeated lines" },
	{ "uptime", "how long the system has run" },
	{ "wc", "count lines, words, bytes" },
	{ "which", "where a command is" },
	{ "xargs", "build command lines from input" },
	{ "yes", "repeat a line forever" },
};

static const char *bi_hint(const char *name)
{
	for (size_t i = 0; i < sizeof(bi_hints) / sizeof(bi_hints[0]); i++)
		if (!strcmp(bi_hints[i][0], name))
			return bi_hints[i][1];
	return "";
}

static int bi_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void bi_help_dir(const char *dir)
{
	struct sh_vec names = { 0 };
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp)))
		if (d->d_name[0] != '.')
			sh_vec_push(&names, sh_strdup(d->d_name));
	closedir(dp);
	if (names.n)
		qsort(names.v, (size_t)names.n, sizeof(char *), bi_name_cmp);
	dprintf(1, "\nPrograms in %s:\n", dir);
	for (int i = 0; i < names.n; i++)
		dprintf(1, "  %-10s %s\n", names.v[i], bi_hint(names.v[i]));
	sh_vec_free(&names);
}

int bi_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dprintf(1, "Shell builtins (doc/shell.md has the grammar and keys):\n");
	for (int i = 0; i < BI_COUNT; i++)
		dprintf(1, "  %-10s %s\n", bi_table[i].name, bi_table[i].help);
	bi_help_dir("/bin");
	bi_help_dir("/sbin");
	return 0;
}

static const char *const bi_keywords[] = { "if",  "then", "else", "elif", "fi", "while", "until",
					   "for", "in",	  "do",	  "done", "{",	"}",	 "!" };

/* What name is: 0 builtin/keyword/program, 1 not found; verbose: type's text. */
static int bi_describe(const char *name, int verbose)
{
	char *path;

	for (size_t i = 0; i < sizeof(bi_keywords) / sizeof(bi_keywords[0]); i++)
		if (!strcmp(bi_keywords[i], name)) {
			dprintf(1, verbose ? "%s is a shell keyword\n" : "%s\n", name);
			return 0;
		}
	if (sh_func_exists(name)) {
		dprintf(1, verbose ? "%s is a function\n" : "%s\n", name);
		return 0;
	}
	if (sh_builtin_find(name)) {
		dprintf(1, verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	path = sh_path_find(name);
	if (path && (!strchr(name, '/') || sh_access(path, X_OK) == 0)) {
		if (verbose)
			dprintf(1, "%s is %s\n", name, path);
		else
			dprintf(1, "%s\n", path);
		free(path);
		return 0;
	}
	free(path);
	if (verbose)
		sh_err("type: %s: not found", name);
	return 1;
}

int bi_type(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++)
		rc |= bi_describe(argv[i], 1);
	return rc;
}

int bi_command(int argc, char **argv)
{
	const struct sh_builtin *b;
	int i = 1, rc = 0;

	if (i < argc && (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-V"))) {
		int verbose = argv[i][1] == 'V';

		for (i++; i < argc; i++)
			rc |= bi_describe(argv[i], verbose);
		return rc;
	}
	if (i >= argc)
		return 0;
	if ((b = sh_builtin_find(argv[i])))
		return b->fn(argc - i, argv + i);
	return sh_run_argv(argv + i, argv[i]);
}
