/*
 * hist.c: the history of command lines, in memory: the last HIST_MAX,
 * without repeating the line just before.
 */
#include <stdlib.h>
#include <string.h>

#include "exec.h"

#define HIST_MAX 200
static char *hist[HIST_MAX];
static int hist_n, hist_head; /* entries; index of the next slot */

void sh_hist_add(const char *line)
{
	const char *last = sh_hist_get(1);

	if (!*line || (last && !strcmp(last, line)))
		return;
	free(hist[hist_head]);
	hist[hist_head] = sh_strdup(line);
	hist_head = (hist_head + 1) % HIST_MAX;
	if (hist_n < HIST_MAX)
		hist_n++;
}

/* back = 1: the newest line; NULL past the oldest. */
const char *sh_hist_get(int back)
{
	if (back < 1 || back > hist_n)
		return NULL;
	return hist[(hist_head - back + HIST_MAX) % HIST_MAX];
}

int sh_hist_count(void)
{
	return hist_n;
}
