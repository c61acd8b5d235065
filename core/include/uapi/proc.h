/**
 * @file uapi/proc.h
 * @brief Flags and commands of the process calls: exit, fork, pctl, throp, halt.
 * @ingroup uapi
 */
#ifndef UAPI_PROC_H_
#define UAPI_PROC_H_

#include <stdint.h>

#define HALT_REBOOT   0x1 /**< halt(): restart after the shutdown. */
#define HALT_POWEROFF 0x2 /**< halt(): power off (QEMU exits; status 33 under halt=exit). */

#define EXIT_DUMPACCT 0x1 /**< exit(): write accounting information (accepted, not kept). */

#define FORK_COW 0x1 /**< fork(): the child's memory is copied on write (the default). */
#define FORK_VFORK                                                                                 \
	0x2 /**< fork(): the child borrows the parent's address space; the                         \
		 parent waits until the child execs or exits. */

/** pctl() commands (the Zero book, section 6.2.8). */
enum pctl_cmd {
	PROC_GETPID = 0,    /**< getpid(). */
	PROC_GETPGRP = 1,   /**< getpgrp(). */
	PROC_WAIT = 2,	    /**< parm = pid as for wait(); arg = int * status. */
	PROC_USLEEP = 3,    /**< parm = microseconds. */
	PROC_NANOSLEEP = 4, /**< parm = nanoseconds. */
	PROC_SETNAME = 5,   /**< arg = the command name (for ps). */
};

/** throp() commands (the Zero book, section 6.2.7). */
enum throp_cmd {
	THR_NEW = 0,	/**< arg = struct thrarg *: start a thread; returns its id. */
	THR_JOIN = 1,	/**< parm = thread id, arg = uint64_t * for its exit value. */
	THR_DETACH = 2, /**< parm = thread id (0: the caller). */
	THR_EXIT = 3,	/**< parm = the exit value. */
	THR_SELF = 4,	/**< Returns the caller's thread id. */
};

/** How THR_NEW starts a thread. */
struct thrarg {
	uint64_t entry; /**< Function the thread runs (user address). */
	uint64_t arg;	/**< Its argument (in RDI). */
	uint64_t stack; /**< Top of its stack (16-byte aligned). */
	uint64_t tls;	/**< FS base of the thread (its TLS block), 0 for none. */
};

#endif /* UAPI_PROC_H_ */
