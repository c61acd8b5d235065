/*
 * System V semaphores of the ipc module (sem.c): the ipc_ops members
 * semget, semop (and semtimedop), semctl, proc_exit, and the limits.
 */
#ifndef IPC_SEM_H_
#define IPC_SEM_H_

#include <stdint.h>

#include <kern/ipc.h>

#define SEM_MSL 250   /* semmsl: most semaphores in a set */
#define SEM_MNI 128   /* semmni: most sets */
#define SEM_MNS 32000 /* semmns: most semaphores in all sets */
#define SEM_OPM 64    /* semopm: most operations in one semop */
#define SEM_VMX 32767 /* semvmx: largest value */

_Static_assert(SEM_MSL <= IPC_SEM_ARRAY_MAX, "GETALL/SETALL must move a whole set");

int sem_get(int32_t key, int nsems, int flags, const struct ipc_who *who);
int sem_op(int id, const struct sembuf *ops, unsigned nsops, const uint64_t *timeout_ns,
	   const struct ipc_who *who);
long sem_ctl(int id, int num, int cmd, struct ipc_semarg *arg, const struct ipc_who *who);

/* A process ends: apply its SEM_UNDO adjustments and drop them. */
void sem_proc_exit(long pid);

/* Sets and undo records in use, into lim. */
void sem_usage(struct ipc_limits *lim);

#endif /* IPC_SEM_H_ */
