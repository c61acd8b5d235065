/*
 * uname [-asnrvmopi]: print the system's names (uname(2)). With no option,
 * the kernel name (-s). -a prints -s -n -r -v -m -o in that order; -p
 * (processor) and -i (hardware platform) print the machine name, which is
 * all zero knows of them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define UN_S 0x01
#define UN_N 0x02
#define UN_R 0x04
#define UN_V 0x08
#define UN_M 0x10
#define UN_P 0x20
#define UN_I 0x40
#define UN_O 0x80

static int uname_first = 1;

static void uname_put(const char *s)
{
	printf("%s%s", uname_first ? "" : " ", s);
	uname_first = 0;
}

static int uname_flag(int c)
{
	switch (c) {
	case 'a':
		return UN_S | UN_N | UN_R | UN_V | UN_M | UN_O;
	case 's':
		return UN_S;
	case 'n':
		return UN_N;
	case 'r':
		return UN_R;
	case 'v':
		return UN_V;
	case 'm':
		return UN_M;
	case 'p':
		return UN_P;
	case 'i':
		return UN_I;
	case 'o':
		return UN_O;
	default:
		return -1;
	}
}

int main(int argc, char **argv)
{
	struct utsname u;
	int c, what = 0;

	while ((c = getopt(argc, argv, "asnrvmpio")) != -1) {
		int f = uname_flag(c);

		if (f < 0) {
			fprintf(stderr, "usage: uname [-asnrvmpio]\n");
			return 1;
		}
		what |= f;
	}
	if (optind < argc) {
		fprintf(stderr, "uname: extra operand '%s'\n", argv[optind]);
		return 1;
	}
	if (uname(&u) != 0) {
		fprintf(stderr, "uname: cannot get system name: %s\n", strerror(errno));
		return 1;
	}
	what = what ? what : UN_S;
	if (what & UN_S)
		uname_put(u.sysname);
	if (what & UN_N)
		uname_put(u.nodename);
	if (what & UN_R)
		uname_put(u.release);
	if (what & UN_V)
		uname_put(u.version);
	if (what & UN_M)
		uname_put(u.machine);
	if (what & UN_P)
		uname_put(u.machine);
	if (what & UN_I)
		uname_put(u.machine);
	if (what & UN_O)
		uname_put(u.sysname);
	putchar('\n');
	return 0;
}
