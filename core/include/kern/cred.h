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

/**
 * @brief The credentials of the process the running thread belongs to.
 *
 * For policies that are not permission checks of a path (a file system's
 * blocks reserved for root): what the VFS checks gets a cred explicitly.
 * Context: any thread.
 * @return the process's credentials (valid while it runs), or NULL for a
 *         kernel thread (which acts as the kernel: no limit applies).
 */
const struct cred *kern_cred_current(void);

#endif /* KERN_CRED_H_ */
