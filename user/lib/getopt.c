/* POSIX getopt(): short options, clusters (-ab), arguments (-ofile, -o file), "--". */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int optpos; /* index in argv[optind] of the next option letter */

static int complain(const char *argv0, const char *what, int c, const char *optstring)
{
	if (opterr && optstring[0] != ':')
		fprintf(stderr, "%s: %s -- '%c'\n", argv0, what, c);
	return optstring[0] == ':' && what[0] == 'o' ? ':' : '?';
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	const char *arg, *o;
	int c;

	if (optind == 0)
		optind = 1, optpos = 0; /* a reset */
	if (optind >= argc || !(arg = argv[optind]) || arg[0] != '-' || !arg[1])
		return -1;
	if (!optpos && !strcmp(arg, "--")) {
		optind++;
		return -1;
	}
	if (!optpos)
		optpos = 1;
	optopt = c = (unsigned char)arg[optpos++];
	o = c != ':' ? strchr(optstring + (optstring[0] == ':'), c) : NULL;
	if (!arg[optpos])
		optind++, optpos = 0;
	if (!o)
		return complain(argv[0], "invalid option", c, optstring);
	if (o[1] != ':')
		return c;
	if (optpos) {
		optarg = (char *)arg + optpos;
		optind++, optpos = 0;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		return complain(argv[0], "option requires an argument", c, optstring);
	}
	return c;
}
