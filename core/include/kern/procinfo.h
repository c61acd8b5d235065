/**
 * @file kern/procinfo.h
 * @brief What the core tells modules about processes, memory and modules
 *        (for procfs): a process's fields, its mappings, its descriptors,
 *        its argument strings; the memory report; the module table.
 * @ingroup core
 *
 * Every accessor copies what it reports: a process may exit meanwhile, and
 * then the next call says -ESRCH. The process table's spinlock is held only
 * to copy fields; a process's space and descriptor table are read under
 * its info lock (core/proc_image.h), which exec and exit take to replace
 * or drop them. proc_maps() and proc_fds() copy what they report into a
 * kernel array under those locks and call their callback once every lock
 * is dropped: it may allocate, sleep and call these accessors again. The
 * caller may hold vfs_ns_lock or a vnode's lock (procfs does); nothing
 * here takes them. Calling context: a thread that may sleep.
 */
#ifndef KERN_PROCINFO_H_
#define KERN_PROCINFO_H_

#include <stddef.h>
#include <stdint.h>

#include <uapi/meminfo.h>
#include <uapi/modinfo.h>

/** Room for a mapping's name in struct proc_map. */
#define PROC_MAP_NAME 128
/** Room for a descriptor's target in proc_fds(). */
#define PROC_FD_TARGET 160

/** A process, as proc_info_get() copies it. */
struct proc_info {
	long pid;	      /**< Process ID. */
	long ppid;	      /**< Parent's (0: none). */
	long pgid;	      /**< Process group. */
	long sid;	      /**< Session. */
	uint32_t uid;	      /**< Real user. */
	uint32_t euid;	      /**< Effective user. */
	uint32_t gid;	      /**< Real group. */
	uint32_t egid;	      /**< Effective group. */
	char state;	      /**< 'R', 'S', 'T' (uapi/procinfo.h letters). */
	unsigned threads;     /**< Live threads. */
	unsigned umask;	      /**< File mode creation mask. */
	char name[16];	      /**< Command name, NUL-terminated. */
	uint64_t start_ns;    /**< When it was made (since boot). */
	uint64_t vsize;	      /**< Bytes of its address space. */
	uint64_t rss;	      /**< Bytes of pages present in it. */
	uint64_t brk_base;    /**< Start of the heap. */
	uint64_t brk;	      /**< The break. */
	uint64_t sig_pending; /**< Signals pending on the process. */
};

/**
 * @brief Copy the fields of a live process.
 * @param pid the process. @param out filled.
 * @retval 0 copied. @retval -ESRCH no live process has that pid.
 */
int proc_info_get(long pid, struct proc_info *out);

/**
 * @brief List the pids of live processes, ascending.
 * @param pids out: up to @p room pids. @param room its size.
 * @return how many live processes there are (may be more than @p room).
 */
long proc_pids(long *pids, long room);

/** @brief The caller's pid. @return it, or 0 in a kernel thread. */
long proc_self_pid(void);

/**
 * @brief Copy a process's argument strings (each with its NUL, as exec got
 *        them; the first PROC_ARGS_MAX bytes, see core/proc_image.h).
 * @param pid the process. @param buf out. @param len room at @p buf.
 * @return bytes copied (0: a process that never exec'd, like the kernel's
 *         first before it runs), or -ESRCH.
 */
long proc_cmdline(long pid, char *buf, size_t len);

/** @name struct proc_map flags
 * @{ */
#define PROC_MAP_SHARED 0x1 /**< Writes are shared ('s' in maps), else private ('p'). */
#define PROC_MAP_GUARD	0x2 /**< A guard region (no access). */
/** @} */

struct vm_object;

/** One mapping of an address space, in address order. */
struct proc_map {
	uint64_t start;		  /**< First byte. */
	uint64_t end;		  /**< One past the last. */
	unsigned prot;		  /**< VM_READ | VM_WRITE | VM_EXEC (kern/prot.h). */
	unsigned flags;		  /**< PROC_MAP_* bits. */
	uint64_t offset;	  /**< Offset in the file or object of @c start. */
	uint64_t dev;		  /**< Device of the file (0: none). */
	uint64_t ino;		  /**< Its inode (0: none). */
	char name[PROC_MAP_NAME]; /**< A path, "[heap]", "[stack]", "[anon]", "[shm:/x]"... */
	/** Its memory object (NULL: none or unknown), to compare only: it may
	 *  be gone by the time the callback runs. */
	const struct vm_object *object;
};

/**
 * @brief Called by proc_maps() for each mapping.
 * @param arg the caller's. @param m the mapping (valid during the call).
 * @return 0 to go on, nonzero to stop (proc_maps() returns it).
 */
typedef int proc_map_fn(void *arg, const struct proc_map *m);

/**
 * @brief Walk the mappings of a process.
 *
 * Mappings come from the vm provider's region walk (kern/vm_walk.h) when
 * it has one, else from probing the regions around what exec laid out
 * (segments, stack, break, mapping base) with vm_describe(). A mapping the
 * provider names keeps its name; others are named by the core: the
 * program's path for its segments, "[heap]", "[stack]", else "[anon]".
 * @param pid the process. @param fn called for each. @param arg for @p fn.
 * @return 0, what @p fn returned, or -ESRCH.
 */
int proc_maps(long pid, proc_map_fn *fn, void *arg);

/**
 * @brief Called by proc_fds() for each open descriptor, ascending.
 * @param arg the caller's. @param fd the descriptor.
 * @param target what it refers to: the path it was opened by, "pipe:[N]",
 *        "anon_inode:[N]"... (NUL-terminated).
 * @return 0 to go on, nonzero to stop (proc_fds() returns it).
 */
typedef int proc_fd_fn(void *arg, int fd, const char *target);

/**
 * @brief Walk the open descriptors of a process.
 * @param pid the process. @param fn called for each. @param arg for @p fn.
 * @return 0, what @p fn returned, or -ESRCH.
 */
int proc_fds(long pid, proc_fd_fn *fn, void *arg);

/** @brief Fill the memory report (what sysctl(SYSCTL_MEMINFO) gives). @param mi out. */
void proc_meminfo(struct meminfo *mi);

/**
 * @brief Copy the module table (what sysctl(SYSCTL_MODULES) gives).
 * @param buf out: up to @p room records. @param room its size.
 * @return how many records there are; -ENOMEM.
 */
long proc_modules(struct modinfo *buf, long room);

#endif /* KERN_PROCINFO_H_ */
