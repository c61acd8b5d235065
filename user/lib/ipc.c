/* System V IPC: msgget msgsnd msgrcv msgctl semget semop semtimedop semctl, and ftok. */
#include <errno.h>
#include <stdarg.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/zero.h>

#include "libc.h"

long __sys_msgget(long key, long flags);
long __sys_msgsnd(long id, const void *msgp, unsigned long size, long flags);
long __sys_msgrcv(long id, void *msgp, unsigned long size, long type, long flags);
long __sys_msgctl(long id, long cmd, void *buf);
long __sys_semget(long key, long nsems, long flags);
long __sys_semop(long id, void *sops, unsigned long nsops);
long __sys_semtimedop(long id, void *sops, unsigned long nsops, const void *timeout);
long __sys_semctl(long id, long num, long cmd, unsigned long arg);

key_t ftok(const char *path, int id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return (key_t)-1;
	return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
		       ((unsigned)(id & 0xff) << 24));
}

int msgget(key_t key, int flags)
{
	return (int)__ret(__sys_msgget(key, flags));
}

int msgsnd(int id, const void *msgp, size_t size, int flags)
{
	return (int)__ret(__sys_msgsnd(id, msgp, size, flags));
}

ssize_t msgrcv(int id, void *msgp, size_t size, long type, int flags)
{
	return __ret(__sys_msgrcv(id, msgp, size, type, flags));
}

int msgctl(int id, int cmd, struct msqid_ds *buf)
{
	return (int)__ret(__sys_msgctl(id, cmd, buf));
}

int semget(key_t key, int nsems, int flags)
{
	return (int)__ret(__sys_semget(key, nsems, flags));
}

int semop(int id, struct sembuf *sops, size_t nsops)
{
	return (int)__ret(__sys_semop(id, sops, nsops));
}

int semtimedop(int id, struct sembuf *sops, size_t nsops, const struct timespec *timeout)
{
	return (int)__ret(__sys_semtimedop(id, sops, nsops, timeout));
}

/* The fourth argument, a union semun of one word, is passed as that word. */
int semctl(int id, int num, int cmd, ...)
{
	unsigned long arg = 0;
	va_list ap;

	va_start(ap, cmd);
	if (cmd != IPC_RMID && cmd != GETVAL && cmd != GETPID && cmd != GETNCNT && cmd != GETZCNT)
		arg = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)__ret(__sys_semctl(id, num, cmd, arg));
}
