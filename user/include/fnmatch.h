/* fnmatch.h for zero's libc: shell pattern matching (POSIX fnmatch). */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#define FNM_NOMATCH   1	       /* the string does not match */
#define FNM_PATHNAME  (1 << 0) /* '/' only matched by '/' */
#define FNM_NOESCAPE  (1 << 1) /* backslash is an ordinary character */
#define FNM_PERIOD    (1 << 2) /* a leading '.' only matched by '.' */
#define FNM_CASEFOLD  (1 << 4) /* ignore case (GNU) */
#define FNM_FILE_NAME FNM_PATHNAME

int fnmatch(const char *pattern, const char *string, int flags);

#endif
