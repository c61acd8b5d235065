/* pwd.h for zero's libc: the user database, read from /etc/passwd. */
#ifndef _PWD_H
#define _PWD_H

#include <sys/types.h>

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

/* The entry is static: the next call overwrites it. NULL if none (errno 0). */
struct passwd *getpwuid(uid_t uid);
struct passwd *getpwnam(const char *name);

#endif
