/* errno.h for zero's libc: the values are the kernel's (uapi/errno.h). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

#define EWOULDBLOCK EAGAIN
#define EOPNOTSUPP  ENOTSUP

/* errno is per thread: the main thread's and each pthread's TLS block. */
int *__errno_location(void);
#define errno (*__errno_location())

#endif
