/**
 * @file kern/cred.h
 * @brief Credentials: who a process acts as, for permission checks.
 * @ingroup core
 */
#ifndef KERN_CRED_H_
#define KERN_CRED_H_

#include <stdint.h>

/** The user and group IDs of a process (real and effective). */
struct cred {
	uint32_t uid;  /**< Real user ID. */
	uint32_t gid;  /**< Real group ID. */
	uint32_t euid; /**< Effective user ID: permission checks use it (0: root). */
	uint32_t egid; /**< Effective group ID. */
};

#endif /* KERN_CRED_H_ */
