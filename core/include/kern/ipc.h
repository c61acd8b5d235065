/**
 * @file kern/ipc.h
 * @brief The `ipc` role: pipes now; FIFOs, System V message queues,
 *        semaphores and shared memory, and POSIX shm objects later
 *        (DESIGN.md section 12).
 * @ingroup ipc
 *
 * The core asks the provider for the objects; each is an open file (struct
 * file, kern/file.h) with the provider's own fileops, so the descriptor
 * calls (read, write, close, fstat...) reach it through the fo_*()
 * wrappers and the core never looks inside.
 *
 * Calling context of every member: a thread that may sleep; the core holds
 * no lock around them (the provider locks its objects: write it as if
 * several CPUs called it at once).
 */
#ifndef KERN_IPC_H_
#define KERN_IPC_H_

#include <stdint.h>

#include <kern/file.h>

/** The version of struct ipc_ops this core speaks. */
#define IPC_OPS_VERSION 1

/** Bytes a pipe write moves as one piece, never interleaved with another writer's. */
#define PIPE_BUF 4096

/** Operations of an `ipc` provider. */
struct ipc_ops {
	uint32_t version; /**< Must be IPC_OPS_VERSION. */
	/**
	 * @brief Make a pipe: two open files sharing one buffer (POSIX pipe()).
	 *
	 * The read end has status flags O_RDONLY, the write end O_WRONLY, each
	 * with O_NONBLOCK when asked. Reads block while the pipe is empty and
	 * a writer is left (0 at end of file when none is), writes while it is
	 * full and a reader is left (-EPIPE when none is: the core sends
	 * SIGPIPE); a write of at most PIPE_BUF bytes is atomic; with
	 * O_NONBLOCK either gives -EAGAIN instead of blocking. A blocked read
	 * or write ends with -EINTR (or the bytes moved so far) when its sleep
	 * is interrupted. fstat reports S_IFIFO; lseek gives -ESPIPE.
	 * @param rd out: the read end, one reference.
	 * @param wr out: the write end, one reference.
	 * @param flags 0 or O_NONBLOCK (O_CLOEXEC is the core's, on the descriptors).
	 * @retval 0 made.
	 * @retval -ENOMEM out of memory (nothing is left allocated).
	 * @retval -EINVAL a flag other than O_NONBLOCK.
	 */
	int (*pipe)(struct file **rd, struct file **wr, int flags);
};

/**
 * @brief Make the running module's table the `ipc` provider.
 * @param ops the table; must stay valid while the provider is loaded.
 * @retval 0 registered.
 * @retval -EINVAL NULL table, wrong version, a mandatory member NULL, or a
 *         member outside the module's text.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int ipc_register(const struct ipc_ops *ops);

/**
 * @brief Make a pipe (see ipc_ops::pipe).
 *
 * Context: a thread that may sleep.
 * @param rd out: the read end (NULL on failure).
 * @param wr out: the write end (NULL on failure).
 * @param flags 0 or O_NONBLOCK.
 * @return 0, or a negative errno (-ENOSYS without an ipc provider).
 */
int ipc_pipe(struct file **rd, struct file **wr, int flags);

#endif /* KERN_IPC_H_ */
