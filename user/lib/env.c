/*
 * The environment: environ starts as exec's envp; setenv() and putenv()
 * move it to a malloc'd array the first time they add a name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static char **owned; /* environ, when it is our array */
static size_t cap;

/* The slot of name (len bytes) in environ, or the NULL at its end. */
static char **slot(const char *name, size_t len)
{
	char **e = environ;

	for (; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return e;
	return e;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e = slot(name, len);

	return e && *e ? *e + len + 1 : NULL;
}

static int add(char *s, size_t len, int overwrite)
{
	char **e = slot(s, len);
	size_t n;

	if (e && *e) {
		if (overwrite)
			*e = s;
		return 0;
	}
	n = environ ? (size_t)(e - environ) : 0;
	if (environ != owned || n + 2 > cap) {
		size_t ncap = n + 2 > cap * 2 ? n + 16 : cap * 2;
		char **ne = malloc(ncap * sizeof(char *));
		if (!ne)
			return -1;
		if (n)
			memcpy(ne, environ, n * sizeof(char *));
		if (owned == environ)
			free(owned);
		environ = owned = ne;
		cap = ncap;
	}
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

static int bad_name(const char *name)
{
	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nl, vl;
	char *s;

	if (bad_name(name))
		return -1;
	if (!overwrite && getenv(name))
		return 0;
	nl = strlen(name);
	vl = strlen(value);
	s = malloc(nl + vl + 2);
	if (!s)
		return -1;
	memcpy(s, name, nl);
	s[nl] = '=';
	memcpy(s + nl + 1, value, vl + 1);
	if (add(s, nl, 1) < 0) {
		free(s);
		return -1;
	}
	return 0;
}

int putenv(char *s)
{
	char *eq = strchr(s, '=');

	if (!eq || eq == s) {
		errno = EINVAL;
		return -1;
	}
	return add(s, (size_t)(eq - s), 1);
}

int unsetenv(const char *name)
{
	size_t len;
	char **e;

	if (bad_name(name))
		return -1;
	len = strlen(name);
	while ((e = slot(name, len)) && *e)
		for (; *e; e++)
			e[0] = e[1];
	return 0;
}

int clearenv(void)
{
	if (owned == environ)
		free(owned);
	environ = owned = NULL;
	cap = 0;
	return 0;
}
