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

/* Does a line end where ';' may not follow (after do, then, |, &&...)? */
static int hist_open_end(const char *s, size_t n)
{
	static const char *const words[] = { "do", "then", "else", "elif", "{", "in",
					     "|",  "&&",   "||",   ";",	   "&", "(" };

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t k = strlen(words[i]);
		int op = !(words[i][0] >= 'a' && words[i][0] <= 'z');

		if (n >= k && !strncmp(s + n - k, words[i], k) &&
		    (op || n == k || s[n - k - 1] == ' ' || s[n - k - 1] == '\t'))
			return 1;
	}
	return n == 0;
}

/* A command typed on several lines, as one line: "a\nb" becomes "a; b".
 * Text with quotes or here-documents keeps its newlines. */
char *sh_hist_join(const char *text)
{
	struct sh_buf b = { 0 };
	const char *line = text, *nl;

	if (strpbrk(text, "'\"\\") || strstr(text, "<<"))
		return sh_strdup(text);
	while ((nl = strchr(line, '\n'))) {
		sh_buf_add(&b, line, (size_t)(nl - line));
		sh_buf_adds(&b, hist_open_end(line, (size_t)(nl - line)) ? " " : "; ");
		line = nl + 1;
	}
	sh_buf_adds(&b, line);
	return sh_buf_take(&b);
}
