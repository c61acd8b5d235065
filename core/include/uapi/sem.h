/**
 * @file uapi/sem.h
 * @brief System V semaphores: struct sembuf, semop flags, semctl commands,
 *        struct semid_ds (Linux x86-64 layout).
 * @ingroup uapi
 */
#ifndef UAPI_SEM_H_
#define UAPI_SEM_H_

#include <stdint.h>

#include <uapi/ipc.h>

#define SEM_UNDO 0x1000 /**< semop: undo this operation when the process exits. */

#define GETPID	 11 /**< semctl: pid of the last semop on the semaphore. */
#define GETVAL	 12 /**< semctl: its value. */
#define GETALL	 13 /**< semctl: every value into an unsigned short array. */
#define GETNCNT	 14 /**< semctl: processes waiting for the value to grow. */
#define GETZCNT	 15 /**< semctl: processes waiting for it to be zero. */
#define SETVAL	 16 /**< semctl: set its value (clears its SEM_UNDO adjustments). */
#define SETALL	 17 /**< semctl: set every value from an array. */
#define SEM_STAT 18 /**< semctl: IPC_STAT by slot index; returns the id. */

/** One semaphore operation. */
struct sembuf {
	uint16_t sem_num; /**< Index in the set. */
	int16_t sem_op;	  /**< > 0 add; < 0 wait until it can subtract; 0 wait for zero. */
	int16_t sem_flg;  /**< IPC_NOWAIT, SEM_UNDO. */
};

/** A semaphore set, as semctl(IPC_STAT) describes it. */
struct semid_ds {
	struct ipc_perm sem_perm; /**< Owner and mode. */
	int64_t sem_otime;	  /**< Last semop, seconds since 1970 (0: never). */
	uint64_t reserved1;	  /**< Unused. */
	int64_t sem_ctime;	  /**< Made or last changed. */
	uint64_t reserved2;	  /**< Unused. */
	uint64_t sem_nsems;	  /**< Semaphores in the set. */
	uint64_t reserved3;	  /**< Unused. */
	uint64_t reserved4;	  /**< Unused. */
};

#endif /* UAPI_SEM_H_ */
