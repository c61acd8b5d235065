/*
 * kill [-s SIGNAL | -SIGNAL | -n NUMBER] PID...: send a signal (TERM by
 * default) to processes; a negative PID is a process group (after "--"
 * or a signal option). kill -l [SIGNAL...] lists the signal names, or
 * gives the name of a number (an exit status 128+N too) and the number of
 * a name.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	int num;
} kl_sigs[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },	    { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT },   { "BUS", SIGBUS },	 { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 },   { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM },   { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP },   { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "WINCH", SIGWINCH },
};
#define KL_NSIGS ((int)(sizeof(kl_sigs) / sizeof(kl_sigs[0])))

/* A signal by name (with or without SIG) or number; -1 if unknown. */
static int kl_parse(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (end != s && !*end)
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (int i = 0; i < KL_NSIGS; i++)
		if (!strcasecmp(s, kl_sigs[i].name))
			return kl_sigs[i].num;
	return -1;
}

static const char *kl_name(int n)
{
	for (int i = 0; i < KL_NSIGS; i++)
		if (kl_sigs[i].num == n)
			return kl_sigs[i].name;
	return NULL;
}

static int kl_list(char **args, int n)
{
	int status = 0;

	if (!n)
		for (int i = 0; i < KL_NSIGS; i++)
			printf("%s\n", kl_sigs[i].name);
	for (int i = 0; i < n; i++) {
		char *end;
		long v = strtol(args[i], &end, 10);
		const char *name;
		if (end != args[i] && !*end) {
			if ((name = kl_name(v > 128 ? (int)(v - 128) : (int)v))) {
				printf("%s\n", name);
				continue;
			}
		} else if (kl_parse(args[i]) > 0) {
			printf("%d\n", kl_parse(args[i]));
			continue;
		}
		fprintf(stderr, "kill: '%s': invalid signal\n", args[i]);
		status = 1;
	}
	return status;
}

/* The signal options; returns the index of the first PID, or -1 after -l. */
static int kl_options(int argc, char **argv, int *sig)
{
	int i = 1;

	if (i < argc && (!strcmp(argv[i], "-l") || !strcmp(argv[i], "-L")))
		return -1;
	if (i < argc && (!strcmp(argv[i], "-s") || !strcmp(argv[i], "-n"))) {
		if (i + 1 >= argc || (*sig = kl_parse(argv[i + 1])) < 0) {
			fprintf(stderr, "kill: '%s': invalid signal\n",
				i + 1 < argc ? argv[i + 1] : "");
			exit(1);
		}
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
		if ((*sig = kl_parse(argv[i] + 1)) < 0) {
			fprintf(stderr, "kill: '%s': invalid signal\n", argv[i] + 1);
			exit(1);
		}
		i++;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	return i;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, status = 0, i = kl_options(argc, argv, &sig);

	if (i < 0)
		return kl_list(argv + 2, argc - 2);
	if (i >= argc) {
		fprintf(stderr, "kill: no process ID specified\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (end == argv[i] || *end) {
			fprintf(stderr, "kill: invalid process id: '%s'\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
