/*
 * dirname: the directory part of each name ("." if it has none).
 *   -z ends each line with NUL. Exit 1 on a missing operand.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void dirname_one(char *s, char end)
{
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/') /* trailing slashes */
		n--;
	while (n > 0 && s[n - 1] != '/') /* the last component */
		n--;
	while (n > 1 && s[n - 1] == '/') /* the slashes before it */
		n--;
	if (n == 0)
		fputs(".", stdout);
	else
		fwrite(s, 1, n, stdout);
	putchar(end);
}

int main(int argc, char **argv)
{
	char end = '\n';
	int c;

	while ((c = getopt(argc, argv, "z")) != -1) {
		if (c != 'z') {
			fprintf(stderr, "usage: dirname [-z] NAME...\n");
			return 1;
		}
		end = 0;
	}
	if (optind >= argc) {
		fprintf(stderr, "dirname: missing operand\n");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		dirname_one(argv[i], end);
	return 0;
}
