/* Shared memory: System V shmget shmat shmdt shmctl; POSIX shm_open shm_unlink (and shm_list). */
#include <errno.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/zero.h>

#include "libc.h"

long __sys_shmget(long key, unsigned long size, long flags);
long __sys_shmat(long id, const void *addr, long flags);
long __sys_shmdt(const void *addr);
long __sys_shmctl(long id, long cmd, void *buf);
long __sys_shm_open(const char *name, long flags, long mode);
long __sys_shm_unlink(const char *name);
long __sys_shm_list(char *buf, long len);

int shmget(key_t key, size_t size, int flags)
{
	return (int)__ret(__sys_shmget(key, size, flags));
}

void *shmat(int id, const void *addr, int flags)
{
	long r = __sys_shmat(id, addr, flags);

	if (r < 0 && r > -4096) {
		__ret(r);
		return (void *)-1;
	}
	return (void *)r;
}

int shmdt(const void *addr)
{
	return (int)__ret(__sys_shmdt(addr));
}

int shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return (int)__ret(__sys_shmctl(id, cmd, buf));
}

int shm_open(const char *name, int flags, mode_t mode)
{
	return (int)__ret(__sys_shm_open(name, flags, mode));
}

int shm_unlink(const char *name)
{
	return (int)__ret(__sys_shm_unlink(name));
}

ssize_t shm_list(char *buf, size_t len)
{
	return (ssize_t)__ret(__sys_shm_list(buf, (long)len));
}
