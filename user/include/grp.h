/* grp.h for zero's libc: the group database, read from /etc/group. */
#ifndef _GRP_H
#define _GRP_H

#include <sys/types.h>

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem; /* NULL-terminated list of member names */
};

/* The entry is static: the next call overwrites it. NULL if none (errno 0). */
struct group *getgrgid(gid_t gid);
struct group *getgrnam(const char *name);

#endif
