/**
 * @file cpio_unpack.h
 * @brief Unpack a cpio "newc" archive into the name space (private to modules/io).
 * @ingroup io
 */
#ifndef IO_CPIO_UNPACK_H_
#define IO_CPIO_UNPACK_H_

#include <stddef.h>

/**
 * @brief Make the files of an archive under "/" (which must be mounted), as root.
 *
 * Context: a thread that may sleep; takes vfs_ns_lock itself.
 * @param image the archive. @param len its size in bytes.
 * @param count out: entries made.
 * @retval 0 every entry made.
 * @retval -EINVAL a malformed entry (logged with its name and the reason);
 *         the entries before it stay.
 * @retval -ENOMEM out of memory.
 */
int cpio_unpack(const void *image, size_t len, unsigned *count);

#endif /* IO_CPIO_UNPACK_H_ */
