/*
 * Module arguments: the words after the name on a module2 line, plus the
 * command line's `<module>.<word>` words.
 *
 * GRUB hands a module2 line over with its own quoting (an argument with a
 * blank arrives as "key=a b", quotes and backslashes in it escaped), the
 * same form as the kernel command line, so the boot code splits it with
 * the command-line parser and writes each word back here in one canonical
 * form: `key` or `key=value`, one space apart, a value that holds a blank,
 * a quote or a backslash inside double quotes with `"` and `\` escaped.
 * kmod_arg() reads that form; a value needing no quotes is handed out as
 * it stands, a quoted one without its quotes.
 */
#include <stdbool.h>
#include <stddef.h>

#include <core/cmdline.h>
#include <core/kmod_args.h>
#include <kern/kmod.h>
#include <kern/string.h>
#include <uapi/errno.h>

static bool kmod_arg_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Length of the word at @p: it ends at a blank outside quotes. */
static size_t kmod_arg_word(const char *p)
{
	bool quoted = false;
	size_t n = 0;

	while (p[n] && (quoted || !kmod_arg_blank(p[n]))) {
		if (p[n] == '\\' && p[n + 1])
			n++;
		else if (p[n] == '"')
			quoted = !quoted;
		n++;
	}
	return n;
}

/* A value "..." with nothing escaped inside is handed out without quotes. */
static void kmod_arg_unquote(const char **v, size_t *n)
{
	if (*n < 2 || (*v)[0] != '"' || (*v)[*n - 1] != '"')
		return;
	for (size_t i = 1; i + 1 < *n; i++)
		if ((*v)[i] == '"' || (*v)[i] == '\\')
			return;
	(*v)++;
	*n -= 2;
}

int kmod_arg(const char *args, const char *key, const char **val, size_t *len)
{
	size_t klen = strlen(key);

	for (const char *p = args; p && *p;) {
		size_t n = kmod_arg_word(p);

		if (n >= klen && strncmp(p, key, klen) == 0 && (n == klen || p[klen] == '=')) {
			const char *v = n == klen ? p + n : p + klen + 1;
			size_t vn = n == klen ? 0 : n - klen - 1;

			kmod_arg_unquote(&v, &vn);
			if (val)
				*val = vn ? v : "";
			if (len)
				*len = vn;
			return 1;
		}
		p += n;
		while (kmod_arg_blank(*p))
			p++;
	}
	return 0;
}
KERN_EXPORT(kmod_arg);

int kmod_arg_u64(const char *args, const char *key, uint64_t min, uint64_t max, uint64_t *out)
{
	const char *v;
	size_t n;
	char num[24];
	uint64_t x;
	int rc;

	if (!kmod_arg(args, key, &v, &n))
		return -ENOENT;
	if (n == 0 || n >= sizeof(num))
		return n ? -ERANGE : -EINVAL;
	memcpy(num, v, n);
	num[n] = '\0';
	rc = cmdline_parse_u64(num, &x);
	if (rc == 0 && (x < min || x > max))
		rc = -ERANGE;
	if (rc == 0)
		*out = x;
	return rc;
}
KERN_EXPORT(kmod_arg_u64);

static bool kmod_args_needs_quotes(const char *v)
{
	for (; *v; v++)
		if (kmod_arg_blank(*v) || *v == '"' || *v == '\\' || *v == '\n' || *v == '\r')
			return true;
	return false;
}

/* Append @p n bytes of @p s at buf[*len], keeping room for the NUL. */
static bool kmod_args_put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
	if (n >= size - *len)
		return false;
	memcpy(buf + *len, s, n);
	*len += n;
	return true;
}

static bool kmod_args_put_value(char *buf, size_t size, size_t *len, const char *val)
{
	if (!kmod_args_needs_quotes(val))
		return kmod_args_put(buf, size, len, val, strlen(val));
	if (!kmod_args_put(buf, size, len, "\"", 1))
		return false;
	for (const char *c = val; *c; c++) {
		if ((*c == '"' || *c == '\\') && !kmod_args_put(buf, size, len, "\\", 1))
			return false;
		if (!kmod_args_put(buf, size, len, c, 1))
			return false;
	}
	return kmod_args_put(buf, size, len, "\"", 1);
}

int kmod_args_append(char *buf, size_t size, size_t *len, const char *key, const char *val,
		     bool bare)
{
	size_t at = *len;
	bool ok = size > 0 && *len < size;

	if (!key[0] || kmod_args_needs_quotes(key))
		return -EINVAL;
	ok = ok && (at == 0 || kmod_args_put(buf, size, len, " ", 1));
	ok = ok && kmod_args_put(buf, size, len, key, strlen(key));
	if (ok && !bare)
		ok = kmod_args_put(buf, size, len, "=", 1) &&
		     kmod_args_put_value(buf, size, len, val);
	if (!ok)
		*len = at;
	if (size > 0)
		buf[*len < size ? *len : size - 1] = '\0';
	return ok ? 0 : -E2BIG;
}
