/* Small stdlib pieces: abs, div, rand, uname, sysconf, mkstemp. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/zero.h>
#include <time.h>
#include <unistd.h>

#include "libc.h"

int abs(int i)
{
	return i < 0 ? -i : i;
}

long labs(long i)
{
	return i < 0 ? -i : i;
}

long long llabs(long long i)
{
	return i < 0 ? -i : i;
}

div_t div(int a, int b)
{
	return (div_t){ a / b, a % b };
}

ldiv_t ldiv(long a, long b)
{
	return (ldiv_t){ a / b, a % b };
}

lldiv_t lldiv(long long a, long long b)
{
	return (lldiv_t){ a / b, a % b };
}

/* A 64-bit linear congruential generator (Knuth's MMIX constants), top 31 bits. */
static unsigned long long seed = 1;

int rand_r(unsigned int *s)
{
	unsigned long long x = *s * 6364136223846793005ull + 1442695040888963407ull;

	*s = (unsigned int)(x >> 32);
	return (int)(x >> 33);
}

int rand(void)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(seed >> 33);
}

void srand(unsigned int s)
{
	seed = s;
}

long random(void)
{
	return rand();
}

void srandom(unsigned int s)
{
	srand(s);
}

int uname(struct utsname *u)
{
	return (int)__ret(__sys_uname(u));
}

int gethostname(char *name, size_t len)
{
	struct utsname u;

	if (uname(&u) < 0)
		return -1;
	if (strlen(u.nodename) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(name, u.nodename);
	return 0;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return 4096;
	case _SC_CLK_TCK:
		return 100;
	case _SC_OPEN_MAX:
		return 64;
	case _SC_NPROCESSORS_ONLN:
		return 1;
	default:
		errno = EINVAL;
		return -1;
	}
}

int getpagesize(void)
{
	return 4096;
}

int mkstemp(char *tmpl)
{
	size_t n = strlen(tmpl);
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned int s = (unsigned int)(getpid() * 2654435761u) ^ (unsigned int)time(NULL);

	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX")) {
		errno = EINVAL;
		return -1;
	}
	for (int tries = 0; tries < 100; tries++) {
		int fd;
		for (size_t i = n - 6; i < n; i++)
			tmpl[i] = chars[rand_r(&s) % 36];
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}
