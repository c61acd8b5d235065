/**
 * @file uapi/fcntl.h
 * @brief Flags of open(), fcntl() and the *at family, shared with user space.
 * @ingroup uapi
 *
 * The values are the traditional Linux x86-64 ones, so that tools and
 * people recognise them.
 */
#ifndef UAPI_FCNTL_H_
#define UAPI_FCNTL_H_

#define O_RDONLY    0x0000  /**< Open for reading only. */
#define O_WRONLY    0x0001  /**< Open for writing only. */
#define O_RDWR	    0x0002  /**< Open for reading and writing. */
#define O_ACCMODE   0x0003  /**< Mask of the access mode. */
#define O_CREAT	    0x0040  /**< Create the file if it does not exist. */
#define O_EXCL	    0x0080  /**< With O_CREAT: fail if it exists. */
#define O_NOCTTY    0x0100  /**< Do not make a terminal the controlling one. */
#define O_TRUNC	    0x0200  /**< Truncate a regular file to length 0. */
#define O_APPEND    0x0400  /**< Every write goes to the end. */
#define O_NONBLOCK  0x0800  /**< Do not block (pipes, FIFOs, terminals). */
#define O_DIRECTORY 0x10000 /**< Fail unless the path names a directory. */
#define O_NOFOLLOW  0x20000 /**< Do not follow a final symbolic link. */
#define O_CLOEXEC   0x80000 /**< Set FD_CLOEXEC on the new descriptor. */

#define F_DUPFD		0 /**< fcntl(): duplicate to the lowest free descriptor >= arg. */
#define F_GETFD		1 /**< fcntl(): read the descriptor flags (FD_CLOEXEC). */
#define F_SETFD		2 /**< fcntl(): set the descriptor flags. */
#define F_GETFL		3 /**< fcntl(): read the status flags (access mode, O_APPEND, O_NONBLOCK). */
#define F_SETFL		4    /**< fcntl(): set O_APPEND and O_NONBLOCK. */
#define F_DUPFD_CLOEXEC 1030 /**< fcntl(): F_DUPFD with FD_CLOEXEC set. */

#define FD_CLOEXEC 1 /**< Descriptor flag: close on exec. */

#define AT_FDCWD (-100) /**< The working directory, for the *at calls. */

#define SEEK_SET 0 /**< lseek(): from the start. */
#define SEEK_CUR 1 /**< lseek(): from the current offset. */
#define SEEK_END 2 /**< lseek(): from the end. */

#endif /* UAPI_FCNTL_H_ */
