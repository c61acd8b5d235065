/* mmap over map() with a struct sysmem; munmap, madvise, msync, mprotect. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/zero.h>

#include "libc.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	struct sysmem m = { (uint64_t)addr, off, (int64_t)len, prot };
	long r = __sys_map((flags & MAP_ANON) ? -1 : fd, flags, &m);

	if (r < 0) {
		__ret(r);
		return MAP_FAILED;
	}
	return (void *)r;
}

int munmap(void *addr, size_t len)
{
	return (int)__ret(__sys_umap(addr, (long)len));
}

int madvise(void *addr, size_t len, int advice)
{
	struct sysmem m = { (uint64_t)addr, 0, (int64_t)len, 0 };

	return (int)__ret(__sys_mhint(addr, advice, &m));
}

int msync(void *addr, size_t len, int flags)
{
	return (int)__ret(__sys_msync(addr, (long)len, flags));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__ret(__sys_mprotect(addr, (long)len, prot));
}
