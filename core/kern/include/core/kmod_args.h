/**
 * @file core/kmod_args.h
 * @brief Writing a module's argument string in the form kmod_arg() reads.
 * @ingroup core
 */
#ifndef CORE_KMOD_ARGS_H_
#define CORE_KMOD_ARGS_H_

#include <stdbool.h>
#include <stddef.h>

/**
 * @brief Append one word to a module's argument string.
 *
 * Writes ` key` (bare) or ` key=value` (no leading space into an empty
 * string); a value holding a blank, a quote or a backslash is put inside
 * double quotes with `"` and `\` escaped by a backslash, which kmod_arg()
 * understands. The string stays NUL-terminated.
 *
 * @param buf the argument string, NUL-terminated at @p *len.
 * @param size bytes of @p buf, NUL included.
 * @param len length of the string so far; advanced past the new word.
 * @param key the word's key: non-empty, without blanks, quotes or
 *        backslashes (kmod_arg() matches keys as written).
 * @param val its value, without quoting; ignored when @p bare.
 * @param bare write the key alone (a word without '=').
 * @retval 0 appended.
 * @retval -EINVAL the key is empty or holds a blank, a quote or a
 *         backslash: the string is left as it was.
 * @retval -E2BIG no room: the string is left as it was.
 */
int kmod_args_append(char *buf, size_t size, size_t *len, const char *key, const char *val,
		     bool bare);

#endif /* CORE_KMOD_ARGS_H_ */
