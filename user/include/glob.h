/* glob.h for zero's libc: pathname pattern expansion (POSIX glob). */
#ifndef _GLOB_H
#define _GLOB_H

#include <stddef.h>

typedef struct {
	size_t gl_pathc; /* matches found */
	char **gl_pathv; /* them, NULL-terminated, after gl_offs NULLs */
	size_t gl_offs;	 /* NULL slots to reserve first (GLOB_DOOFFS) */
} glob_t;

#define GLOB_ERR      (1 << 0) /* stop at an unreadable directory */
#define GLOB_MARK     (1 << 1) /* '/' after directories */
#define GLOB_NOSORT   (1 << 2) /* leave the matches unsorted */
#define GLOB_DOOFFS   (1 << 3) /* reserve gl_offs slots */
#define GLOB_NOCHECK  (1 << 4) /* no match: the pattern itself */
#define GLOB_APPEND   (1 << 5) /* add to the matches of a former call */
#define GLOB_NOESCAPE (1 << 6) /* backslash is an ordinary character */

#define GLOB_NOSPACE 1 /* out of memory */
#define GLOB_ABORTED 2 /* a directory could not be read (GLOB_ERR or errfunc) */
#define GLOB_NOMATCH 3 /* nothing matched */

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
	 glob_t *restrict g);
void globfree(glob_t *g);

#endif
