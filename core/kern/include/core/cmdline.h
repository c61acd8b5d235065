/**
 * @file core/cmdline.h
 * @brief Kernel command line: split into words and look up options.
 * @ingroup core
 *
 * Syntax: words separated by blanks (space, tab, and also CR and LF, which
 * some boot loaders leave behind). A word is `key` or `key=value`; the first
 * first `=`, quoted or escaped or not, splits it (keys never hold a `=`). Double quotes
 * group characters, blanks included, and are removed: `opt="a b"` has the
 * value `a b`. A backslash takes the next byte literally (`x=a\"b` is
 * `a"b`). Empty words (`""`) are kept with an empty key.
 *
 * This is the form GRUB hands over: it strips the quotes of its own script
 * syntax, then wraps each argument that holds a blank in double quotes and
 * puts a backslash before every `"`, `'` and `\` in it. So `crash="no such"`
 * in grub.cfg arrives as `"crash=no such"` (key `crash`, value `no such`).
 * A value wholly inside literal quotes loses them: `mem=\"tlsf\"` (what an
 * extra level of quoting gives) is `mem=tlsf`.
 *
 * The parser copies the line into its own buffer, so the caller's string
 * (for example the multiboot2 tag) need not outlive the parse.
 */
#ifndef CORE_CMDLINE_H_
#define CORE_CMDLINE_H_

#include <stdbool.h>
#include <stdint.h>

/** Most words kept from one command line; later words are dropped. */
#define CMDLINE_MAX_WORDS 32

/** Size in bytes of the parser's copy of the line, NUL included. */
#define CMDLINE_MAX_LEN 1024

/** One word of the command line. */
struct cmdline_word {
	const char *key; /**< Name, NUL-terminated, in the owning cmdline's buf. */
	const char *val; /**< Value after the '=', quotes removed; "" for a bare word. */
};

/**
 * A parsed command line. Self-contained: every pointer points into @c buf,
 * so the structure must not be copied by value (the copy would point into
 * the original).
 */
struct cmdline {
	char buf[CMDLINE_MAX_LEN];		      /**< Parser's copy: keys and values. */
	unsigned nwords;			      /**< Number of valid @c words. */
	struct cmdline_word words[CMDLINE_MAX_WORDS]; /**< Words in command-line order. */
	bool truncated;				      /**< Something did not fit and was dropped. */
};

/**
 * @brief Split a command line into words.
 *
 * Replaces any previous content of @p cl. What fits is always parsed, so the
 * caller may go on after an error. A word cut by the length limit is dropped
 * whole rather than kept with a shortened value (`mem=1024` must never become
 * `mem=10`).
 *
 * @param cl result; owned by the caller, overwritten.
 * @param s NUL-terminated line, or NULL for an empty line. At most
 *          #CMDLINE_MAX_LEN bytes of it are read.
 * @retval 0 parsed completely.
 * @retval -E2BIG the line is longer than #CMDLINE_MAX_LEN - 1 bytes or has
 *         more than #CMDLINE_MAX_WORDS words; the leading words are parsed
 *         and @c truncated is set.
 * @retval -EINVAL a quote is not closed; the rest of the line is part of the
 *         last word (usually its value).
 */
int cmdline_parse(struct cmdline *cl, const char *s);

/**
 * @brief Find the value of an option.
 * @param cl parsed command line.
 * @param key exact key to find (`panic` does not match `panic_on`).
 * @return the value of the last word with that key ("" for a bare word),
 *         pointing into @p cl; NULL if no word has that key.
 */
const char *cmdline_get(const struct cmdline *cl, const char *key);

/**
 * @brief Tell whether a word has the given key.
 * @param cl parsed command line.
 * @param key exact key to find.
 * @return true if some word, bare or with a value, has that key.
 */
bool cmdline_has(const struct cmdline *cl, const char *key);

/**
 * @brief Read an option as an unsigned 64-bit number.
 *
 * Accepted: decimal digits (leading zeros allowed, not octal), or `0x`/`0X`
 * followed by hex digits; then optionally one suffix `K`, `M` or `G` (either
 * case) multiplying by 1024, 1024^2 or 1024^3. Nothing else: no sign, no
 * blanks. The last word with @p key counts.
 *
 * @param cl parsed command line.
 * @param key exact key to find.
 * @param out receives the number on success; untouched on error.
 * @retval 0 success.
 * @retval -ENOENT no word has that key.
 * @retval -EINVAL the value is empty or not a number.
 * @retval -ERANGE the number, with its suffix applied, exceeds UINT64_MAX.
 */
int cmdline_get_u64(const struct cmdline *cl, const char *key, uint64_t *out);

/**
 * @brief Read an option as a number within bounds.
 *
 * Same syntax as cmdline_get_u64(); a number outside [@p min, @p max] is an
 * error, so a caller keeps its default instead of a truncated or wrapped
 * value (`loglevel=4294967296` must not become 0).
 *
 * @param cl parsed command line.
 * @param key exact key to find.
 * @param min smallest accepted value.
 * @param max largest accepted value.
 * @param out receives the number on success; untouched on error.
 * @retval 0 success.
 * @retval -ENOENT no word has that key.
 * @retval -EINVAL the value is empty or not a number.
 * @retval -ERANGE the number is outside [@p min, @p max] (or above UINT64_MAX).
 */
int cmdline_get_range(const struct cmdline *cl, const char *key, uint64_t min, uint64_t max,
		      uint64_t *out);

/**
 * @brief Read a number as the command line writes it (cmdline_get_u64()'s syntax).
 * @param s NUL-terminated text, for example a module argument's value.
 * @param out receives the number on success; untouched on error.
 * @retval 0 success.
 * @retval -EINVAL empty or not a number.
 * @retval -ERANGE above UINT64_MAX.
 */
int cmdline_parse_u64(const char *s, uint64_t *out);

#endif /* CORE_CMDLINE_H_ */
