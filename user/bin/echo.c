/*
 * echo [-n] [-e] [-E] [string...]: the arguments separated by spaces and
 * ended by a newline. -n drops the newline; -e reads backslash escapes
 * (\\ \a \b \c \e \f \n \r \t \v \0nnn \xHH); -E (the default) does not.
 * Options come first and may be clustered (-ne); anything else is text.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int is_option(const char *a)
{
	if (a[0] != '-' || !a[1])
		return 0;
	return strspn(a + 1, "neE") == strlen(a + 1);
}

/* Write s with escapes; returns 1 when \c says to stop all output. */
static int put_escaped(const char *s)
{
	static const char from[] = "\\abefnrtv", to[] = "\\\a\b\033\f\n\r\t\v";

	for (; *s; s++) {
		const char *e;
		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		s++;
		if (*s == 'c')
			return 1;
		if (*s == '0') {
			int v = 0, n = 0;
			while (n < 3 && s[1] >= '0' && s[1] <= '7')
				v = v * 8 + (*++s - '0'), n++;
			putchar(v);
		} else if (*s == 'x' && isxdigit((unsigned char)s[1])) {
			int v = 0, n = 0;
			while (n < 2 && isxdigit((unsigned char)s[1])) {
				int d = (unsigned char)*++s;
				v = v * 16 + (isdigit(d) ? d - '0' : tolower(d) - 'a' + 10), n++;
			}
			putchar(v);
		} else if ((e = strchr(from, *s))) {
			putchar(to[e - from]);
		} else {
			putchar('\\');
			putchar(*s);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int nl = 1, esc = 0, i = 1;

	for (; i < argc && is_option(argv[i]); i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n')
				nl = 0;
			else
				esc = *o == 'e';
		}
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (esc && put_escaped(argv[i]))
			return fflush(stdout) ? 1 : 0;
		if (!esc)
			fputs(argv[i], stdout);
	}
	if (nl)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
