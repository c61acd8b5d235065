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

#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>
#include <kern/file.h>
#include <uapi/ipc.h>
#include <uapi/msg.h>
#include <uapi/sem.h>
#include <uapi/shm.h>

/** The version of struct ipc_ops this core speaks (3: shared memory; 4: shm_stat, obj_name). */
#define IPC_OPS_VERSION 4

struct vnode;
struct vm_space;
struct vm_object;
struct io_attr;
struct stat;
/** The shared state of one open FIFO vnode (the provider's; opaque to others). */
struct ipc_fifo;

/** Who calls a System V IPC operation: for permission checks and pids. */
struct ipc_who {
	const struct cred *cred; /**< The caller's credentials. */
	long pid;		 /**< The caller's process ID (for lspid, sempid, SEM_UNDO). */
};

/** semctl's argument, in kernel memory (the core copies it in and out). */
struct ipc_semarg {
	int val;	     /**< SETVAL: the value. */
	uint16_t *array;     /**< GETALL/SETALL: @c nsems values. */
	unsigned nsems;	     /**< GETALL/SETALL: entries at @c array. */
	struct semid_ds *ds; /**< IPC_STAT/SEM_STAT out, IPC_SET in. */
};

/** semctl command of the core: the set's size, no permission needed (SETALL's copy-in). */
#define IPC_SEM_NSEMS (-1)

/** Largest array GETALL/SETALL move (the provider's semmsl is at most this). */
#define IPC_SEM_ARRAY_MAX 1024

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
	/**
	 * @brief Open one end of a FIFO (any file system's S_IFIFO vnode).
	 *
	 * Every opener of @p vp shares one ring, made at the first open and
	 * freed at the last close. O_RDONLY waits until a writer opens, and
	 * O_WRONLY until a reader does (the wait ends with -EINTR on a
	 * signal); O_RDONLY|O_NONBLOCK and O_RDWR never wait.
	 * @param vp the vnode (the caller holds a reference while it is open).
	 * @param flags access mode and O_NONBLOCK.
	 * @param out the FIFO, to pass to the other fifo_* members.
	 * @retval 0 open.
	 * @retval -ENXIO O_WRONLY|O_NONBLOCK and no reader.
	 * @retval -EINTR a signal ended the wait.
	 * @retval -ENOMEM out of memory.
	 */
	int (*fifo_open)(struct vnode *vp, int flags, struct ipc_fifo **out);
	/**
	 * @brief Read from a FIFO (as ipc_ops::pipe's read end reads).
	 * @param ff the FIFO.
	 * @param uio destination.
	 * @param flags the open file's status flags (O_NONBLOCK, read now).
	 * @return bytes, 0 at end of file (no writer), -EAGAIN, -EINTR, -EFAULT.
	 */
	long (*fifo_read)(struct ipc_fifo *ff, struct uio *uio, int flags);
	/**
	 * @brief Write to a FIFO (as a pipe's write end writes).
	 * @param ff the FIFO.
	 * @param uio source.
	 * @param flags the open file's status flags.
	 * @return bytes, or -EPIPE (no reader: the core sends SIGPIPE), -EAGAIN, -EINTR, -EFAULT.
	 */
	long (*fifo_write)(struct ipc_fifo *ff, struct uio *uio, int flags);
	/**
	 * @brief Close one end of a FIFO (the access mode it was opened with).
	 * @param ff the FIFO.
	 * @param flags the open flags.
	 */
	void (*fifo_close)(struct ipc_fifo *ff, int flags);
	/**
	 * @brief Find or make a message queue (msgget).
	 * @param key IPC_PRIVATE or a key.
	 * @param flags IPC_CREAT, IPC_EXCL and the mode bits.
	 * @param who the caller.
	 * @return the id, or -ENOENT, -EEXIST, -EACCES, -ENOSPC (msgmni), -ENOMEM.
	 */
	int (*msgget)(int32_t key, int flags, const struct ipc_who *who);
	/**
	 * @brief Send a message (msgsnd).
	 * @param id the queue.
	 * @param type the message type (> 0).
	 * @param text the message text (uio->resid bytes).
	 * @param flags IPC_NOWAIT.
	 * @param who the caller.
	 * @return 0, or -EINVAL, -EACCES, -EAGAIN, -EIDRM, -EINTR, -EFAULT, -ENOMEM.
	 */
	long (*msgsnd)(int id, long type, struct uio *text, int flags, const struct ipc_who *who);
	/**
	 * @brief Receive a message (msgrcv).
	 * @param id the queue.
	 * @param type out: the message's type.
	 * @param text where the text goes (at most uio->resid bytes).
	 * @param want 0: the first message; > 0 the first of that type; < 0
	 *        the first of the lowest type at most -want.
	 * @param flags IPC_NOWAIT, MSG_NOERROR, MSG_EXCEPT.
	 * @param who the caller.
	 * @return bytes of text, or -E2BIG, -ENOMSG, -EIDRM, -EINTR, -EACCES, -EINVAL, -EFAULT.
	 */
	long (*msgrcv)(int id, long *type, struct uio *text, long want, int flags,
		       const struct ipc_who *who);
	/**
	 * @brief Control a queue (msgctl: IPC_STAT, MSG_STAT, IPC_SET, IPC_RMID).
	 * @param id the queue (MSG_STAT: a slot index).
	 * @param cmd the command.
	 * @param ds in (IPC_SET) or out (IPC_STAT, MSG_STAT), kernel memory.
	 * @param who the caller.
	 * @return 0 (MSG_STAT: the id), or -EINVAL, -EACCES, -EPERM.
	 */
	int (*msgctl)(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who);
	/**
	 * @brief Find or make a semaphore set (semget).
	 * @param key IPC_PRIVATE or a key.
	 * @param nsems semaphores (0 when only finding).
	 * @param flags IPC_CREAT, IPC_EXCL and the mode bits.
	 * @param who the caller.
	 * @return the id, or -EINVAL, -ENOENT, -EEXIST, -EACCES, -ENOSPC, -ENOMEM.
	 */
	int (*semget)(int32_t key, int nsems, int flags, const struct ipc_who *who);
	/**
	 * @brief Do semaphore operations, all or none (semop, semtimedop).
	 * @param id the set.
	 * @param ops the operations, kernel memory.
	 * @param nsops how many (1 to semopm).
	 * @param timeout_ns NULL: wait as long as needed; else the most nanoseconds.
	 * @param who the caller.
	 * @return 0, or -EAGAIN (IPC_NOWAIT, timeout), -EIDRM, -EINTR, -EFBIG,
	 *         -ERANGE, -E2BIG, -EINVAL, -EACCES, -ENOMEM.
	 */
	int (*semop)(int id, const struct sembuf *ops, unsigned nsops, const uint64_t *timeout_ns,
		     const struct ipc_who *who);
	/**
	 * @brief Control a set (semctl: every command of uapi/sem.h, IPC_SEM_NSEMS).
	 * @param id the set (SEM_STAT: a slot index).
	 * @param num the semaphore for the one-semaphore commands.
	 * @param cmd the command.
	 * @param arg its argument, kernel memory.
	 * @param who the caller.
	 * @return the command's value, or -EINVAL, -EACCES, -EPERM, -ERANGE, -EIDRM.
	 */
	long (*semctl)(int id, int num, int cmd, struct ipc_semarg *arg, const struct ipc_who *who);
	/**
	 * @brief A process ends: apply and drop its SEM_UNDO adjustments.
	 * @param pid the process.
	 */
	void (*proc_exit)(long pid);
	/**
	 * @brief Report the limits and usage (sysctl SYSCTL_IPC, ipcs -l).
	 * @param lim out.
	 */
	void (*limits)(struct ipc_limits *lim);
	/* Version 3: System V shared memory and POSIX shm objects. */
	/**
	 * @brief Find or make a segment (shmget).
	 * @param key IPC_PRIVATE or a key.
	 * @param size bytes (shmmin..shmmax to make; at most the size to find).
	 * @param flags IPC_CREAT, IPC_EXCL and the mode bits.
	 * @param who the caller.
	 * @return the id, or -EINVAL, -ENOENT, -EEXIST, -EACCES, -ENOSPC, -ENOMEM.
	 */
	int (*shmget)(int32_t key, uint64_t size, int flags, const struct ipc_who *who);
	/**
	 * @brief Attach a segment to the caller's space (shmat).
	 * @param id the segment.
	 * @param addr in: 0 or the address (SHM_RND rounds it); out: where it is.
	 * @param flags SHM_RDONLY, SHM_RND.
	 * @param vm the caller's space.
	 * @param who the caller.
	 * @return 0, or -EINVAL, -EACCES, -ENOMEM, -EIDRM.
	 */
	int (*shmat)(int id, uint64_t *addr, int flags, struct vm_space *vm,
		     const struct ipc_who *who);
	/**
	 * @brief Detach the segment attached at an address (shmdt).
	 * @param addr the address shmat returned.
	 * @param vm the caller's space.
	 * @param who the caller.
	 * @return 0 or -EINVAL (nothing attached there).
	 */
	int (*shmdt)(uint64_t addr, struct vm_space *vm, const struct ipc_who *who);
	/**
	 * @brief Control a segment (shmctl: IPC_STAT, SHM_STAT, IPC_SET, IPC_RMID).
	 * @param id the segment (SHM_STAT: a slot index).
	 * @param cmd the command.
	 * @param ds in (IPC_SET) or out, kernel memory.
	 * @param who the caller.
	 * @return 0 (SHM_STAT: the id), or -EINVAL, -EACCES, -EPERM.
	 */
	int (*shmctl)(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who);
	/**
	 * @brief A process forked (its space copied): the child inherits its attachments.
	 * @param parent the parent's pid.
	 * @param child the child's pid.
	 * @return 0 or -ENOMEM (the child then has none).
	 */
	int (*proc_fork)(long parent, long child);
	/**
	 * @brief A process exec'd (its old space is gone): drop its attachments.
	 * @param pid the process.
	 */
	void (*proc_exec)(long pid);
	/**
	 * @brief Open or make a POSIX shm object (shm_open).
	 * @param name the name (kernel string), or NULL for SHM_ANON.
	 * @param flags O_RDONLY or O_RDWR, O_CREAT, O_EXCL, O_TRUNC.
	 * @param mode permission bits for a new object (umask applied by the core).
	 * @param who the caller.
	 * @param out the open file (one reference).
	 * @return 0, or -EINVAL (bad name or flags), -ENAMETOOLONG, -ENOENT,
	 *         -EEXIST, -EACCES, -ENOMEM.
	 */
	int (*shm_open)(const char *name, int flags, unsigned mode, const struct ipc_who *who,
			struct file **out);
	/**
	 * @brief Remove a POSIX shm name; the object lives while it is open or mapped.
	 * @param name the name (kernel string).
	 * @param who the caller.
	 * @return 0, or -EINVAL, -ENAMETOOLONG, -ENOENT, -EACCES.
	 */
	int (*shm_unlink)(const char *name, const struct ipc_who *who);
	/**
	 * @brief The memory object of an open shm file, for mmap.
	 * @param f an open file.
	 * @param out the object, with a reference for the caller.
	 * @return 0, or -ENODEV when @p f is not a shm object.
	 */
	int (*shm_object)(struct file *f, struct vm_object **out);
	/**
	 * @brief fchmod, fchown and ftruncate of an open shm file.
	 * @param f an open file.
	 * @param a what to change (IO_ATTR_MODE, _UID, _GID, _SIZE).
	 * @param cred the caller's credentials.
	 * @return 0, or -EINVAL (not a shm file, or a size on a read-only one),
	 *         -EPERM, -EFBIG.
	 */
	int (*shm_setattr)(struct file *f, const struct io_attr *a, const struct cred *cred);
	/**
	 * @brief List the names of POSIX shm objects (ls /dev/shm).
	 * @param buf out: names without their '/', each ended by a NUL.
	 * @param len room at @p buf in bytes.
	 * @return bytes stored (names that do not fit are left out).
	 */
	long (*shm_list)(char *buf, uint64_t len);
	/* Version 4: /dev/shm and the names in /proc/<pid>/maps. */
	/**
	 * @brief The attributes of a named POSIX shm object (ls -l /dev/shm).
	 *
	 * Fills what fstat of a descriptor of it would: S_IFREG and its mode,
	 * owner, size, inode number (st_dev is the provider's), times.
	 * @param name the name with its '/' (kernel string).
	 * @param st out.
	 * @return 0, or -ENOENT (no such name), -EINVAL, -ENAMETOOLONG.
	 */
	int (*shm_stat)(const char *name, struct stat *st);
	/**
	 * @brief A name for a memory object the provider made, for maps.
	 *
	 * "[shm:/name]" for a POSIX object ("[shm:/name (deleted)]" once
	 * unlinked but still open, "[shm:anon]" for SHM_ANON), "[sysv-shm:
	 * key=0x... id=N]" for a System V segment (" (deleted)" once removed).
	 * An object no descriptor holds any more is not known. The object is
	 * only compared with the provider's own, never dereferenced: a pointer
	 * to an object already freed is safe and finds nothing (or, at worst,
	 * a new object at the same address).
	 * @param obj the object.
	 * @param buf out: the name, NUL-terminated (cut to @p len).
	 * @param len room at @p buf.
	 * @return the name's length, or -ENOENT (not one of the provider's named objects).
	 */
	int (*obj_name)(const struct vm_object *obj, char *buf, size_t len);
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

/** @brief See ipc_ops::fifo_open. @param vp vnode. @param flags open flags.
 *  @param out the FIFO. @return 0 or a negative errno (-ENXIO without a provider). */
int ipc_fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out);
/** @brief See ipc_ops::fifo_read. @param ff FIFO. @param uio destination.
 *  @param flags status flags. @return bytes or a negative errno. */
long ipc_fifo_read(struct ipc_fifo *ff, struct uio *uio, int flags);
/** @brief See ipc_ops::fifo_write. @param ff FIFO. @param uio source.
 *  @param flags status flags. @return bytes or a negative errno. */
long ipc_fifo_write(struct ipc_fifo *ff, struct uio *uio, int flags);
/** @brief See ipc_ops::fifo_close. @param ff FIFO. @param flags open flags. */
void ipc_fifo_close(struct ipc_fifo *ff, int flags);
/** @brief See ipc_ops::msgget. @param key key. @param flags flags. @param who caller.
 *  @return id or a negative errno (-ENOSYS without a provider). */
int ipc_msgget(int32_t key, int flags, const struct ipc_who *who);
/** @brief See ipc_ops::msgsnd. @param id queue. @param type type. @param text text.
 *  @param flags flags. @param who caller. @return 0 or a negative errno. */
long ipc_msgsnd(int id, long type, struct uio *text, int flags, const struct ipc_who *who);
/** @brief See ipc_ops::msgrcv. @param id queue. @param type out: type. @param text text.
 *  @param want type wanted. @param flags flags. @param who caller.
 *  @return bytes or a negative errno. */
long ipc_msgrcv(int id, long *type, struct uio *text, long want, int flags,
		const struct ipc_who *who);
/** @brief See ipc_ops::msgctl. @param id queue. @param cmd command. @param ds buffer.
 *  @param who caller. @return 0, an id, or a negative errno. */
int ipc_msgctl(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who);
/** @brief See ipc_ops::semget. @param key key. @param nsems count. @param flags flags.
 *  @param who caller. @return id or a negative errno. */
int ipc_semget(int32_t key, int nsems, int flags, const struct ipc_who *who);
/** @brief See ipc_ops::semop. @param id set. @param ops operations. @param nsops count.
 *  @param timeout_ns NULL or the timeout. @param who caller. @return 0 or a negative errno. */
int ipc_semop(int id, const struct sembuf *ops, unsigned nsops, const uint64_t *timeout_ns,
	      const struct ipc_who *who);
/** @brief See ipc_ops::semctl. @param id set. @param num semaphore. @param cmd command.
 *  @param arg argument. @param who caller. @return the value or a negative errno. */
long ipc_semctl(int id, int num, int cmd, struct ipc_semarg *arg, const struct ipc_who *who);
/** @brief See ipc_ops::proc_exit (called by the core's process exit). @param pid the process. */
void ipc_proc_exit(long pid);
/** @brief See ipc_ops::limits. @param lim out (all zero without a provider). */
void ipc_limits(struct ipc_limits *lim);

/** @brief See ipc_ops::shmget. @param key key. @param size bytes. @param flags flags.
 *  @param who caller. @return id or a negative errno (-ENOSYS without a provider). */
int ipc_shmget(int32_t key, uint64_t size, int flags, const struct ipc_who *who);
/** @brief See ipc_ops::shmat. @param id segment. @param addr in/out address.
 *  @param flags flags. @param vm space. @param who caller. @return 0 or a negative errno. */
int ipc_shmat(int id, uint64_t *addr, int flags, struct vm_space *vm, const struct ipc_who *who);
/** @brief See ipc_ops::shmdt. @param addr address. @param vm space. @param who caller.
 *  @return 0 or a negative errno. */
int ipc_shmdt(uint64_t addr, struct vm_space *vm, const struct ipc_who *who);
/** @brief See ipc_ops::shmctl. @param id segment. @param cmd command. @param ds buffer.
 *  @param who caller. @return 0, an id, or a negative errno. */
int ipc_shmctl(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who);
/** @brief See ipc_ops::proc_fork (the core's fork calls it). @param parent pid.
 *  @param child pid. @return 0 or -ENOMEM. */
int ipc_proc_fork(long parent, long child);
/** @brief See ipc_ops::proc_exec (the core's exec calls it). @param pid the process. */
void ipc_proc_exec(long pid);
/** @brief See ipc_ops::shm_open. @param name name or NULL (SHM_ANON). @param flags flags.
 *  @param mode mode. @param who caller. @param out the file. @return 0 or a negative errno. */
int ipc_shm_open(const char *name, int flags, unsigned mode, const struct ipc_who *who,
		 struct file **out);
/** @brief See ipc_ops::shm_unlink. @param name name. @param who caller.
 *  @return 0 or a negative errno. */
int ipc_shm_unlink(const char *name, const struct ipc_who *who);
/** @brief See ipc_ops::shm_object. @param f file. @param out object (referenced).
 *  @return 0 or -ENODEV. */
int ipc_shm_object(struct file *f, struct vm_object **out);
/** @brief See ipc_ops::shm_setattr. @param f file. @param a attributes. @param cred caller.
 *  @return 0 or a negative errno (-EINVAL for a file that is not a shm object). */
int ipc_shm_setattr(struct file *f, const struct io_attr *a, const struct cred *cred);
/** @brief See ipc_ops::shm_list. @param buf out. @param len room. @return bytes stored. */
long ipc_shm_list(char *buf, uint64_t len);
/** @brief See ipc_ops::shm_stat. @param name name with its '/'. @param st out.
 *  @return 0 or a negative errno (-ENOENT without a provider). */
int ipc_shm_stat(const char *name, struct stat *st);
/**
 * @brief See ipc_ops::obj_name: the name of a shm object or segment.
 *
 * Context: a thread that may sleep, holding no vm lock (the provider
 * takes its tables' mutexes).
 * @param obj a memory object (only compared, never dereferenced).
 * @param buf out. @param len room.
 * @return the length, or -ENOENT (not named; always without a provider).
 */
int ipc_obj_name(const struct vm_object *obj, char *buf, size_t len);

#endif /* KERN_IPC_H_ */
