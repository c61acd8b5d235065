/**
 * @file uapi/shm.h
 * @brief System V shared memory (struct shmid_ds, shmat flags, shmctl
 *        commands; Linux x86-64 layout) and the POSIX shm_open extension
 *        SHM_ANON.
 * @ingroup uapi
 */
#ifndef UAPI_SHM_H_
#define UAPI_SHM_H_

#include <stdint.h>

#include <uapi/ipc.h>

#define SHM_RDONLY 010000 /**< shmat: attach read-only (a write faults: SIGSEGV). */
#define SHM_RND	   020000 /**< shmat: round the address down to SHMLBA. */
#define SHM_REMAP  040000 /**< shmat: replace what maps the address (else EINVAL). */
#define SHMLBA	   4096	  /**< The attach address granularity (one page). */

#define SHM_STAT 13 /**< shmctl: IPC_STAT by slot index; returns the id. */

#define SHM_DEST 01000 /**< shm_perm.mode: removed, freed at the last detach. */

/** A segment, as shmctl(IPC_STAT) describes it. */
struct shmid_ds {
	struct ipc_perm shm_perm; /**< Owner and mode (key IPC_PRIVATE once removed). */
	uint64_t shm_segsz;	  /**< Size in bytes. */
	int64_t shm_atime;	  /**< Last shmat, seconds since 1970 (0: never). */
	int64_t shm_dtime;	  /**< Last shmdt. */
	int64_t shm_ctime;	  /**< Made or last changed. */
	int32_t shm_cpid;	  /**< Creator's pid. */
	int32_t shm_lpid;	  /**< Pid of the last shmat or shmdt. */
	uint64_t shm_nattch;	  /**< Attachments now. */
	uint64_t reserved1;	  /**< Unused. */
	uint64_t reserved2;	  /**< Unused. */
};

/** shm_open path: an unnamed object, shared only through its descriptor. */
#define SHM_ANON ((const char *)1)

/** Longest POSIX shm name, the leading '/' included. */
#define SHM_NAME_MAX 255

#endif /* UAPI_SHM_H_ */
