/**
 * @file kern/uaccess.h
 * @brief Copying to and from user memory, never trusting it.
 * @ingroup core
 *
 * Every user pointer a system call gets goes through these. An address that
 * is NULL, not canonical, in the kernel half, unmapped, or not writable
 * (for copyout) gives -EFAULT: the copy runs under an exception fixup, so a
 * fault on a user page either is resolved by vm (demand-zero, copy-on-write)
 * or ends the copy cleanly; it never panics. SMAP stays on outside these
 * routines (where the CPU has it).
 *
 * Context: a thread that may sleep (a copy may fault a page in).
 */
#ifndef KERN_UACCESS_H_
#define KERN_UACCESS_H_

#include <stddef.h>
#include <stdint.h>

/**
 * @brief Copy @p len bytes from user address @p uaddr into the kernel.
 * @param dst kernel destination, @p len bytes.
 * @param uaddr user source address.
 * @param len bytes to copy (0 copies nothing and succeeds).
 * @retval 0 copied.
 * @retval -EFAULT part of [uaddr, uaddr + len) is not readable user memory.
 */
int copyin(void *dst, uint64_t uaddr, size_t len);

/**
 * @brief Copy @p len bytes from the kernel to user address @p uaddr.
 * @param uaddr user destination address.
 * @param src kernel source, @p len bytes.
 * @param len bytes to copy.
 * @retval 0 copied.
 * @retval -EFAULT part of the range is not writable user memory (what was
 *         copied before the bad page stays written).
 */
int copyout(uint64_t uaddr, const void *src, size_t len);

/**
 * @brief Copy a NUL-terminated string from user space.
 * @param dst kernel destination, @p max bytes.
 * @param uaddr user address of the string.
 * @param max size of @p dst in bytes, with the NUL; > 0.
 * @return the string's length (without the NUL) on success.
 * @retval -EFAULT the string runs into memory that is not readable.
 * @retval -ENAMETOOLONG no NUL in the first @p max bytes.
 */
long copyinstr(char *dst, uint64_t uaddr, size_t max);

/**
 * @brief Tell whether a range lies entirely in user space (canonical, low half).
 * @param uaddr start address.
 * @param len length in bytes.
 * @return 1 if [uaddr, uaddr + len) is inside user space, else 0.
 */
int uaccess_ok(uint64_t uaddr, size_t len);

#endif /* KERN_UACCESS_H_ */
