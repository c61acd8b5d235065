/**
 * @file uapi/ipc.h
 * @brief System V IPC, common part: keys, flags, control commands, struct
 *        ipc_perm and the limits sysctl(SYSCTL_IPC) reports.
 * @ingroup uapi
 *
 * The layouts follow Linux x86-64's (ipc64_perm, msqid64_ds, semid64_ds),
 * so programs written for it build unchanged.
 */
#ifndef UAPI_IPC_H_
#define UAPI_IPC_H_

#include <stdint.h>

#define IPC_PRIVATE 0	    /**< Key: always a new object, found by id only. */
#define IPC_CREAT   0001000 /**< get: create the object if the key has none. */
#define IPC_EXCL    0002000 /**< get with IPC_CREAT: fail with EEXIST if it exists. */
#define IPC_NOWAIT  0004000 /**< msgsnd/msgrcv/semop: EAGAIN (ENOMSG) instead of blocking. */

#define IPC_RMID 0 /**< ctl: remove the object; sleepers get EIDRM. */
#define IPC_SET	 1 /**< ctl: change owner, group, mode (and msg_qbytes). */
#define IPC_STAT 2 /**< ctl: describe the object. */

/** Ids are slot + sequence * IPC_SEQ_MUL (a removed id is not reused at once). */
#define IPC_SEQ_MUL 32768

/** Owner, creator and access mode of an IPC object. */
struct ipc_perm {
	int32_t key;	    /**< The key it was made with (IPC_PRIVATE: 0). */
	uint32_t uid;	    /**< Owner's user ID. */
	uint32_t gid;	    /**< Owner's group ID. */
	uint32_t cuid;	    /**< Creator's user ID. */
	uint32_t cgid;	    /**< Creator's group ID. */
	uint16_t mode;	    /**< Access bits (read 4, write/alter 2) for owner, group, others. */
	uint16_t pad1;	    /**< Padding. */
	uint16_t seq;	    /**< The slot's sequence number. */
	uint16_t pad2;	    /**< Padding. */
	uint64_t reserved1; /**< Unused. */
	uint64_t reserved2; /**< Unused. */
};

/** The System V IPC limits and usage: sysctl(SYSCTL_IPC, 0, struct ipc_limits *). */
struct ipc_limits {
	uint32_t msgmax;     /**< Largest message, bytes. */
	uint32_t msgmnb;     /**< Default (and largest without root) bytes on one queue. */
	uint32_t msgmni;     /**< Most message queues. */
	uint32_t semmsl;     /**< Most semaphores in one set. */
	uint32_t semmni;     /**< Most semaphore sets. */
	uint32_t semmns;     /**< Most semaphores in all sets. */
	uint32_t semopm;     /**< Most operations in one semop. */
	uint32_t semvmx;     /**< Largest semaphore value. */
	uint32_t msq_used;   /**< Message queues in use. */
	uint32_t msg_used;   /**< Messages queued in all queues. */
	uint32_t sem_used;   /**< Semaphore sets in use. */
	uint32_t undo_used;  /**< SEM_UNDO records held by processes. */
	uint32_t fifo_used;  /**< FIFO vnodes open. */
	uint32_t shmmax;     /**< Largest segment, bytes. */
	uint32_t shmmin;     /**< Smallest segment, bytes. */
	uint32_t shmmni;     /**< Most segments. */
	uint32_t shmall;     /**< Most pages in all segments. */
	uint32_t shm_used;   /**< Segments in use (removed ones still attached included). */
	uint32_t shm_pages;  /**< Pages of all segments' sizes. */
	uint32_t pshm_used;  /**< POSIX shm objects alive (named or not). */
	uint32_t shm_attach; /**< Attachments of segments by processes. */
};

#endif /* UAPI_IPC_H_ */
