/**
 * @file kern/printk.h
 * @brief Kernel log: printk with levels, the console and the log buffer.
 * @ingroup core
 *
 * Every message goes into a ring buffer (read later by `dmesg`) and, when
 * its level is at or below the console level, to the consoles. The
 * command-line word `loglevel=N` sets the console level; `quiet` sets it
 * to LOG_WARN.
 */
#ifndef KERN_PRINTK_H_
#define KERN_PRINTK_H_

#include <stdarg.h>
#include <stddef.h>

#define LOG_EMERG  0 /**< The system is unusable. */
#define LOG_ERR	   3 /**< An error condition. */
#define LOG_WARN   4 /**< A warning. */
#define LOG_NOTICE 5 /**< Normal but significant. */
#define LOG_INFO   6 /**< Informational (the default of printk()). */
#define LOG_DEBUG  7 /**< Debugging detail. */

/** Size of the kernel log ring buffer in bytes. */
#define PRINTK_LOG_SIZE 16384

/**
 * @brief Log a formatted message at LOG_INFO.
 * @param fmt printf-style format (see fmt.h for the conversions).
 * @return number of characters formatted.
 */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * @brief Log a formatted message at a level.
 * @param level LOG_EMERG (0) to LOG_DEBUG (7).
 * @param fmt printf-style format.
 * @return number of characters formatted.
 */
int printk_level(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * @brief Log a message at a level with a va_list.
 * @param level LOG_EMERG (0) to LOG_DEBUG (7).
 * @param fmt printf-style format.
 * @param ap arguments.
 * @return number of characters formatted.
 */
int vprintk_level(int level, const char *fmt, va_list ap);

/** Log at LOG_ERR. */
#define pr_err(...) printk_level(LOG_ERR, __VA_ARGS__)
/** Log at LOG_WARN. */
#define pr_warn(...) printk_level(LOG_WARN, __VA_ARGS__)
/** Log at LOG_INFO. */
#define pr_info(...) printk_level(LOG_INFO, __VA_ARGS__)
/** Log at LOG_DEBUG. */
#define pr_debug(...) printk_level(LOG_DEBUG, __VA_ARGS__)

/**
 * @brief Copy the oldest bytes of the log buffer that are still held.
 *
 * What /dev/kmsg reads. Context: any; the copy is not atomic against a
 * printk on another CPU, which may overwrite the oldest bytes meanwhile.
 * @param buf destination.
 * @param len size of @p buf in bytes (PRINTK_LOG_SIZE gets all of it).
 * @return number of bytes copied (no NUL is added).
 */
size_t printk_log_read(char *buf, size_t len);

/**
 * @brief Copy the newest bytes of the log buffer, oldest first (what dmesg shows).
 *
 * Context: any; never sleeps, takes no lock. Bytes a printk on another CPU
 * overwrote while they were copied are dropped from the front, so what is
 * returned is always a true piece of the log (possibly starting mid-line).
 * @param buf destination.
 * @param len size of @p buf in bytes; with less room than the log holds,
 *        the newest @p len bytes are copied.
 * @return number of bytes copied (no NUL is added).
 */
size_t printk_log_tail(char *buf, size_t len);

/**
 * @brief Count the bytes the log buffer holds now.
 * @return at most PRINTK_LOG_SIZE.
 */
size_t printk_log_held(void);

#endif /* KERN_PRINTK_H_ */
