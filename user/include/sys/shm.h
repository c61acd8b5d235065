/* sys/shm.h for zero's libc: System V shared memory (uapi/shm.h). */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <uapi/shm.h>

typedef unsigned long shmatt_t;

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
