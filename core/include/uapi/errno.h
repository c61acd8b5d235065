/**
 * @file uapi/errno.h
 * @brief Error numbers shared by the kernel and user space.
 * @ingroup uapi
 *
 * The values follow the traditional Unix numbering so that tools and
 * people recognise them. Kernel functions return them negated
 * (`-EINVAL`); the system call gate returns them positive with CF set.
 */
#ifndef UAPI_ERRNO_H_
#define UAPI_ERRNO_H_

#define EPERM	     1	 /**< Operation not permitted. */
#define ENOENT	     2	 /**< No such file or directory. */
#define ESRCH	     3	 /**< No such process. */
#define EINTR	     4	 /**< Interrupted system call. */
#define EIO	     5	 /**< Input/output error. */
#define ENXIO	     6	 /**< No such device or address. */
#define E2BIG	     7	 /**< Argument list too long. */
#define ENOEXEC	     8	 /**< Exec format error (also: bad module file). */
#define EBADF	     9	 /**< Bad file descriptor. */
#define ECHILD	     10	 /**< No child processes. */
#define EAGAIN	     11	 /**< Resource temporarily unavailable. */
#define ENOMEM	     12	 /**< Out of memory. */
#define EACCES	     13	 /**< Permission denied. */
#define EFAULT	     14	 /**< Bad address. */
#define EBUSY	     16	 /**< Device or resource busy. */
#define EEXIST	     17	 /**< File exists (also: role already provided). */
#define EXDEV	     18	 /**< Cross-device link. */
#define ENODEV	     19	 /**< No such device. */
#define ENOTDIR	     20	 /**< Not a directory. */
#define EISDIR	     21	 /**< Is a directory. */
#define EINVAL	     22	 /**< Invalid argument. */
#define ENFILE	     23	 /**< Too many open files in system. */
#define EMFILE	     24	 /**< Too many open files. */
#define ENOTTY	     25	 /**< Inappropriate ioctl for device. */
#define ETXTBSY	     26	 /**< Text file busy (a running program's file opened for writing). */
#define EFBIG	     27	 /**< File too large. */
#define ENOSPC	     28	 /**< No space left on device. */
#define ESPIPE	     29	 /**< Illegal seek. */
#define EROFS	     30	 /**< Read-only file system. */
#define EMLINK	     31	 /**< Too many links. */
#define EPIPE	     32	 /**< Broken pipe. */
#define EDOM	     33	 /**< Argument out of domain. */
#define ERANGE	     34	 /**< Result out of range. */
#define EDEADLK	     35	 /**< Resource deadlock would occur (also: dependency cycle). */
#define ENAMETOOLONG 36	 /**< File name too long. */
#define ENOSYS	     38	 /**< Function not implemented. */
#define ENOTEMPTY    39	 /**< Directory not empty. */
#define ELOOP	     40	 /**< Too many levels of symbolic links. */
#define ENOMSG	     42	 /**< No message of desired type. */
#define EIDRM	     43	 /**< Identifier removed. */
#define ENOTSUP	     95	 /**< Operation not supported. */
#define EOVERFLOW    75	 /**< Value too large for defined data type. */
#define ETIMEDOUT    110 /**< Timed out. */
#define EUCLEAN	     117 /**< Structure needs cleaning (corrupt file system). */

#endif /* UAPI_ERRNO_H_ */
