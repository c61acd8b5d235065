/* yes [STRING...]: print the strings (or "y") on a line, forever. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[8192];
	size_t len = 0, unit;

	for (int i = 1; i < argc || (argc == 1 && !len); i++) {
		const char *s = argc == 1 ? "y" : argv[i];
		size_t n = strlen(s);
		if (len + n + 2 > sizeof(buf))
			break;
		memcpy(buf + len, s, n);
		len += n;
		buf[len++] = i + 1 < argc ? ' ' : '\n';
		if (argc == 1)
			break;
	}
	/* fill the buffer with whole copies of the line for fewer writes */
	for (unit = len; len + unit <= sizeof(buf); len += unit)
		memcpy(buf + len, buf, unit);
	for (;;) {
		if (write(1, buf, len) < 0) {
			perror("yes: standard output");
			return 1;
		}
	}
}
