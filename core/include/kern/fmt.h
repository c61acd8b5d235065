/**
 * @file kern/fmt.h
 * @brief printf-style text formatting for printk, panic and the console.
 * @ingroup core
 *
 * One formatting engine serves two front ends: a bounded buffer with C99
 * `snprintf` semantics, and a per-character callback for consoles that have
 * no buffer.
 *
 * Supported conversions: `%d %i %u %x %X %o %c %s %p %%`; length modifiers
 * `hh h l ll z t j`; flags `- 0 + space #`; field width and precision, both
 * also as `*`. Differences from ISO C, chosen for a kernel:
 * - no floating point and no `%n` (nothing is ever written through an
 *   argument);
 * - an unknown or incomplete conversion is printed literally, from the `%`
 *   through the offending character (`"%q"` prints `%q`);
 * - a NULL `%s` argument prints `(null)`, cut by the precision like any string;
 * - `%p` prints `0x` and lowercase hex, also for NULL (`0x0`);
 * - length modifiers on `%c`, `%s` and `%p` are ignored (no wide characters);
 * - widths and precisions are clamped to #FMT_FIELD_MAX, so a bad `*`
 *   argument cannot make the console print for hours.
 */
#ifndef KERN_FMT_H_
#define KERN_FMT_H_

#include <stdarg.h>
#include <stddef.h>

/** Largest field width or precision honoured; larger values are clamped. */
#define FMT_FIELD_MAX 4096

/**
 * @brief Format into a bounded buffer, taking the arguments from a va_list.
 *
 * The output is cut to fit, and is always NUL-terminated when @p size is not 0.
 *
 * @param buf destination of at least @p size bytes; may be NULL when @p size is 0.
 * @param size capacity of @p buf in bytes, including the terminating NUL.
 * @param fmt format string (see the file description); must not be NULL.
 * @param ap arguments for @p fmt; the caller still owns @p ap and must va_end() it.
 * @return length in bytes the complete output has, excluding the NUL, even
 *         when it was cut (saturated at INT_MAX). Output was cut if the
 *         result is >= @p size.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/**
 * @brief Format into a bounded buffer.
 *
 * Same as fmt_vsnprintf() with the arguments given directly.
 *
 * @param buf destination of at least @p size bytes; may be NULL when @p size is 0.
 * @param size capacity of @p buf in bytes, including the terminating NUL.
 * @param fmt format string (see the file description); must not be NULL.
 * @param ... arguments for @p fmt.
 * @return length in bytes the complete output has, excluding the NUL
 *         (saturated at INT_MAX).
 */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * @brief Format and hand each output character to a callback.
 *
 * No NUL is emitted. The callback runs in the caller's context, once per
 * character, in order.
 *
 * @param emit called with each output character and @p arg; must not be NULL.
 * @param arg opaque pointer passed through to @p emit; may be NULL.
 * @param fmt format string (see the file description); must not be NULL.
 * @param ap arguments for @p fmt; the caller still owns @p ap and must va_end() it.
 * @return number of characters passed to @p emit (saturated at INT_MAX).
 */
int fmt_vcbprintf(void (*emit)(char c, void *arg), void *arg, const char *fmt, va_list ap);

#endif /* KERN_FMT_H_ */
