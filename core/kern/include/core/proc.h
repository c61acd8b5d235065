/**
 * @file core/proc.h
 * @brief Processes: what the threads of one program share (the Zero book's
 *        struct proc, section 5.1.1.3, grown for Unix).
 * @ingroup core
 *
 * Lock order: proc_lock (the process table, parent/child links, states)
 * before a process's own fd table lock; neither is held across a sleep
 * except where a function says so.
 */
#ifndef CORE_PROC_H_
#define CORE_PROC_H_

#include <stdint.h>

#include <kern/cred.h>
#include <kern/list.h>
#include <kern/thr.h>
#include <uapi/signal.h>

/** Most processes at once (pids are reused after they wrap). */
#define PROC_MAX 256

struct vm_space;
struct vnode;
struct fdtab;

/** Where a process is in its life. */
enum proc_state {
	PROC_FREE = 0,	 /**< Slot unused. */
	PROC_LIVE = 1,	 /**< Running (at least one thread). */
	PROC_ZOMBIE = 2, /**< Exited; waits for its parent's wait(). */
};

/** A signal's disposition. */
struct proc_sigaction {
	uint64_t handler;  /**< SIG_DFL_HANDLER, SIG_IGN_HANDLER or a user address. */
	uint64_t flags;	   /**< SA_* bits. */
	uint64_t mask;	   /**< Blocked while the handler runs. */
	uint64_t restorer; /**< User address the handler returns to. */
};

/** A process. */
struct proc {
	enum proc_state state;		 /**< Where it is in its life. */
	long pid;			 /**< Process ID (1: init). */
	long pgid;			 /**< Process group. */
	long sid;			 /**< Session. */
	struct proc *parent;		 /**< Parent (init adopts orphans). */
	struct list_node children;	 /**< Its children, through @c sibling. */
	struct list_node sibling;	 /**< In the parent's @c children. */
	int status;			 /**< Wait status word once a zombie (uapi/wait.h). */
	struct cred cred;		 /**< Credentials. */
	unsigned umask;			 /**< File mode creation mask. */
	struct vm_space *vm;		 /**< Address space. */
	uint64_t brk_base;		 /**< Start of the heap (end of the data segment). */
	uint64_t brk;			 /**< Current break. */
	struct fdtab *fds;		 /**< Descriptor table. */
	struct vnode *cwd;		 /**< Working directory (referenced). */
	struct thr *thr;		 /**< Its main thread. */
	long nthr;			 /**< Threads alive. */
	uint64_t sig_pending;		 /**< Signals sent to the process, not yet delivered. */
	struct proc_sigaction sig[NSIG]; /**< Dispositions. */
	int vfork_done;			 /**< Set when a vfork child execs or exits. */
	char name[16];			 /**< Command name (for ps and reports). */
};

/**
 * @brief Return the process of the running thread.
 * @return the process, or NULL for a kernel thread.
 */
struct proc *proc_current(void);

#endif /* CORE_PROC_H_ */
