/*
 * Helpers of the io module's host tests: files by path through the VFS,
 * and emptying the name space between tests.
 */
#ifndef TESTS_HOST_IO_UTIL_H_
#define TESTS_HOST_IO_UTIL_H_

#include <stddef.h>

#include <kern/cred.h>

/** Root, a user and another user. */
extern const struct cred cred_root, cred_user, cred_other;

/** @brief Write @p data to @p path (created 0644 as @p c, truncated); return fo_write's result. */
long io_put(const char *path, const char *data, const struct cred *c);
/** @brief Read up to @p len bytes of @p path into @p buf (NUL-terminated); return the count or
 * -errno. */
long io_get(const char *path, char *buf, size_t len, const struct cred *c);
/** @brief Start a test: devices, a fresh root from @p image (may be NULL). @return mount_root's
 * result. */
int io_setup_root(const void *image, size_t len);
/** @brief End a test: remove every file, unmount, check no memory and no lock is left. */
void io_teardown_root(void);

#endif
