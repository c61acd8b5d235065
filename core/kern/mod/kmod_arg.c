/* Reading module arguments: the words after the name on a module2 line,
 * plus the command line's `<module>.<word>` words. */
#include <stddef.h>

#include <kern/kmod.h>
#include <kern/string.h>

int kmod_arg(const char *args, const char *key, const char **val, size_t *len)
{
	size_t klen = strlen(key);

	for (const char *p = args; p && *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ' ')
			n++;
		if (n >= klen && strncmp(p, key, klen) == 0 && (n == klen || p[klen] == '=')) {
			if (val)
				*val = n == klen ? "" : p + klen + 1;
			if (len)
				*len = n == klen ? 0 : n - klen - 1;
			return 1;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}
KERN_EXPORT(kmod_arg);
