/**
 * @file uapi/msg.h
 * @brief System V message queues: msgsnd/msgrcv flags, msgctl commands,
 *        struct msqid_ds (Linux x86-64 layout).
 * @ingroup uapi
 */
#ifndef UAPI_MSG_H_
#define UAPI_MSG_H_

#include <stdint.h>

#include <uapi/ipc.h>

#define MSG_NOERROR 0010000 /**< msgrcv: cut a long message instead of E2BIG. */
#define MSG_EXCEPT  0020000 /**< msgrcv with type > 0: the first message of another type. */
#define MSG_STAT    11	    /**< msgctl: IPC_STAT by slot index; returns the id. */

/** A message queue, as msgctl(IPC_STAT) describes it. */
struct msqid_ds {
	struct ipc_perm msg_perm; /**< Owner and mode. */
	int64_t msg_stime;	  /**< Last msgsnd, seconds since 1970 (0: never). */
	int64_t msg_rtime;	  /**< Last msgrcv. */
	int64_t msg_ctime;	  /**< Made or last changed by IPC_SET. */
	uint64_t msg_cbytes;	  /**< Bytes on the queue. */
	uint64_t msg_qnum;	  /**< Messages on the queue. */
	uint64_t msg_qbytes;	  /**< Most bytes the queue holds. */
	int32_t msg_lspid;	  /**< Last sender. */
	int32_t msg_lrpid;	  /**< Last receiver. */
	uint64_t reserved4;	  /**< Unused. */
	uint64_t reserved5;	  /**< Unused. */
};

#endif /* UAPI_MSG_H_ */
