/*
 * sys/sem.h for zero's libc: System V semaphores (uapi/sem.h). As POSIX
 * says, the program defines union semun itself when it needs semctl's
 * fourth argument.
 */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <time.h>
#include <uapi/sem.h>

int semget(key_t key, int nsems, int flags);
int semop(int id, struct sembuf *sops, size_t nsops);
int semtimedop(int id, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int id, int num, int cmd, ...);

#endif
