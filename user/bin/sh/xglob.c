/*
 * xglob.c: pathname expansion for expand.c, through glob(3): the matches
 * sorted, none (the word then stays as it was written) if nothing matches.
 */
#include <glob.h>

#include "sh.h"

int sh_glob(const char *pattern, struct sh_vec *out)
{
	glob_t g;
	int n = 0;

	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++, n++)
		sh_vec_push(out, sh_strdup(g.gl_pathv[i]));
	globfree(&g);
	return n;
}
