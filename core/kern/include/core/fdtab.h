/**
 * @file core/fdtab.h
 * @brief Descriptor tables: what a process's small integers refer to.
 * @ingroup core
 *
 * A table maps descriptors 0 .. FDTAB_MAX - 1 to referenced open files
 * (struct file, kern/file.h) and holds each descriptor's own flags
 * (FD_CLOEXEC). After fork() the child's table is a copy that shares every
 * struct file with the parent's (offset and status flags included), as
 * POSIX says; dup() and dup2() share one file between two descriptors of
 * one table.
 *
 * Concurrency: every thread of a process uses its table at once, on any
 * CPU. One spinlock per table guards the slots; it is held only to read or
 * change them, never across a sleep or a file's close, so a file is
 * closed (file_unref()) after the slot is cleared and the lock dropped.
 * fdtab_get() returns a referenced file, so a close by another thread
 * while a read runs does not free the file under the reader. Lock order:
 * proc_lock, then a table's lock (core/proc.h).
 */
#ifndef CORE_FDTAB_H_
#define CORE_FDTAB_H_

#include <kern/file.h>

/** Descriptors per process: installing past the last gives -EMFILE. */
#define FDTAB_MAX 256

struct fdtab;

/**
 * @brief Make an empty table.
 *
 * Context: thread, may sleep (allocates).
 * @return the table, or NULL when memory is short.
 */
struct fdtab *fdtab_create(void);

/**
 * @brief Copy a table for fork(): the same files, each referenced once more.
 *
 * Context: thread, may sleep. Other threads of the parent may use @p t
 * meanwhile; the copy is one consistent snapshot.
 * @param t the parent's table.
 * @return the child's table, or NULL when memory is short.
 */
struct fdtab *fdtab_fork(struct fdtab *t);

/**
 * @brief Close every descriptor and free the table (the process is ending).
 *
 * Context: thread, may sleep (the files' close ops). Nobody else may use
 * @p t any more.
 * @param t the table (NULL is ignored).
 */
void fdtab_destroy(struct fdtab *t);

/**
 * @brief Close the descriptors marked FD_CLOEXEC (exec succeeded).
 *
 * Context: thread, may sleep.
 * @param t the table.
 */
void fdtab_exec(struct fdtab *t);

/**
 * @brief Install files at the lowest free descriptors >= @p minfd, all or none.
 *
 * On success the table owns the caller's reference on each file; on
 * failure the caller keeps them. Several at once serve pipe(): either both
 * ends get descriptors or neither does.
 * @param t the table.
 * @param files @p n files.
 * @param n how many (1 or 2).
 * @param minfd lowest descriptor to use, 0 .. FDTAB_MAX - 1.
 * @param fdflags descriptor flags of each (0 or FD_CLOEXEC).
 * @param fds out: the @p n descriptors, in the order of @p files.
 * @retval 0 installed.
 * @retval -EMFILE not enough free descriptors >= @p minfd.
 * @retval -EINVAL @p minfd out of range.
 */
int fdtab_install(struct fdtab *t, struct file *const *files, unsigned n, int minfd,
		  unsigned fdflags, int *fds);

/**
 * @brief Return the file of a descriptor, referenced.
 * @param t the table.
 * @param fd the descriptor.
 * @param out the file (drop it with file_unref()).
 * @retval 0 found.
 * @retval -EBADF @p fd is not open.
 */
int fdtab_get(struct fdtab *t, int fd, struct file **out);

/**
 * @brief Close a descriptor (the file closes when its last reference goes).
 *
 * Context: thread, may sleep.
 * @param t the table.
 * @param fd the descriptor.
 * @retval 0 closed.
 * @retval -EBADF @p fd is not open.
 */
int fdtab_close(struct fdtab *t, int fd);

/**
 * @brief Close a descriptor only if it still refers to @p f.
 *
 * Undoes an install after a later step failed (pipe() could not copy the
 * descriptors out) without closing a descriptor another thread reused.
 * Context: thread, may sleep.
 * @param t the table.
 * @param fd the descriptor.
 * @param f the file it was installed with.
 * @retval 0 closed.
 * @retval -EBADF @p fd no longer refers to @p f.
 */
int fdtab_uninstall(struct fdtab *t, int fd, struct file *f);

/**
 * @brief dup2()/dup3(): make @p newfd refer to @p oldfd's file.
 *
 * What @p newfd referred to is closed, in the same step as far as other
 * threads can see. @p newfd equal to @p oldfd changes nothing.
 * Context: thread, may sleep.
 * @param t the table.
 * @param oldfd an open descriptor.
 * @param newfd the target, 0 .. FDTAB_MAX - 1.
 * @param fdflags descriptor flags of @p newfd (0 or FD_CLOEXEC).
 * @return @p newfd.
 * @retval -EBADF @p oldfd not open, or @p newfd out of range.
 */
int fdtab_dup2(struct fdtab *t, int oldfd, int newfd, unsigned fdflags);

/**
 * @brief dup() and F_DUPFD: a new descriptor >= @p minfd for @p fd's file.
 * @param t the table.
 * @param fd an open descriptor.
 * @param minfd lowest descriptor to use.
 * @param fdflags descriptor flags of the new one.
 * @return the new descriptor.
 * @retval -EBADF @p fd not open.
 * @retval -EINVAL @p minfd out of range.
 * @retval -EMFILE no free descriptor >= @p minfd.
 */
int fdtab_dup(struct fdtab *t, int fd, int minfd, unsigned fdflags);

/**
 * @brief Read a descriptor's flags (F_GETFD).
 * @param t the table.
 * @param fd the descriptor.
 * @return the flags (FD_CLOEXEC or 0).
 * @retval -EBADF @p fd not open.
 */
int fdtab_getfd(struct fdtab *t, int fd);

/**
 * @brief Set a descriptor's flags (F_SETFD).
 * @param t the table.
 * @param fd the descriptor.
 * @param fdflags the new flags (bits other than FD_CLOEXEC are dropped).
 * @retval 0 set.
 * @retval -EBADF @p fd not open.
 */
int fdtab_setfd(struct fdtab *t, int fd, unsigned fdflags);

/**
 * @brief Count the open descriptors (for reports and tests).
 * @param t the table.
 * @return how many descriptors are open.
 */
unsigned fdtab_count(struct fdtab *t);

/**
 * @brief Call @p fn for each open descriptor, ascending, under the table's
 *        spinlock (for /proc/\<pid\>/fd).
 *
 * @p fn must not sleep, allocate or take a lock; it may take a reference
 * (file_ref()) to use the file after the walk.
 * @param t the table.
 * @param fn called with @p arg, the descriptor and its file; nonzero stops.
 * @param arg passed to @p fn.
 * @return 0, or what @p fn returned.
 */
int fdtab_walk(struct fdtab *t, int (*fn)(void *arg, int fd, struct file *f), void *arg);

#endif /* CORE_FDTAB_H_ */
