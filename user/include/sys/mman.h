/* sys/mman.h for zero's libc: mmap() over map() with a struct sysmem (uapi/mman.h). */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>
#include <uapi/mman.h>

#define MAP_ANONYMOUS	MAP_ANON
#define MAP_FAILED	((void *)-1)
#define MADV_NORMAL	MEM_NORMAL
#define MADV_SEQUENTIAL MEM_SEQUENTIAL
#define MADV_RANDOM	MEM_RANDOM
#define MADV_WILLNEED	MEM_WILLNEED
#define MADV_DONTNEED	MEM_DONTNEED
#define MADV_DONTFORK	MEM_DONTFORK
#define MADV_DOFORK	MEM_DOFORK

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int madvise(void *addr, size_t len, int advice);
int msync(void *addr, size_t len, int flags);
int mprotect(void *addr, size_t len, int prot);

/* POSIX shared memory objects (FreeBSD's design; user/lib/shm.c). */
#ifndef SHM_ANON
#define SHM_ANON ((const char *)1) /* an unnamed object, shared by descriptor */
#endif
int shm_open(const char *name, int flags, mode_t mode);
int shm_unlink(const char *name);
/* zero: the names of the POSIX objects, each ended by a NUL; bytes stored. */
ssize_t shm_list(char *buf, size_t len);

#endif
