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
#include <kern/lock.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/signal.h>

/** Most processes at once (pids are reused after they wrap). */
#define PROC_MAX 256

struct vm_space;
struct vnode;
struct fdtab;
struct trap_frame;

/** Where a process is in its life. */
enum proc_state {
	PROC_FREE = 0,	 /**< Slot unused. */
	PROC_LIVE = 1,	 /**< Running (at least one thread). */
	PROC_ZOMBIE = 2, /**< Exited; waits for its parent's wait(). */
};

/** @name struct proc attn bits: why a thread must stop on its way to user mode
 * (with the pending signals, the one test of the system call's return).
 * @{ */
#define PROC_ATTN_EXIT 0x1 /**< A thread called exit: the others leave. */
#define PROC_ATTN_STOP 0x2 /**< Stopped by job control. */
#define PROC_ATTN_EXEC 0x4 /**< A thread execs: the others leave. */
/** @} */

/** Most threads of one process at once. */
#define PROC_THREADS 32

/** One thread of a process, as throp() sees it. */
struct proc_thread {
	long id;	/**< Thread ID (0: slot free). */
	struct thr *t;	/**< The thread while it runs. */
	int exited;	/**< It ended; @c value waits for THR_JOIN. */
	int detached;	/**< Nobody joins it: the slot frees itself at the end. */
	uint64_t value; /**< Its exit value. */
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
	enum proc_state state;	   /**< Where it is in its life. */
	long pid;		   /**< Process ID (1: init). */
	long pgid;		   /**< Process group. */
	long sid;		   /**< Session. */
	struct proc *parent;	   /**< Parent (init adopts orphans). */
	struct list_node children; /**< Its children, through @c sibling. */
	struct list_node sibling;  /**< In the parent's @c children. */
	int status;		   /**< Wait status word once a zombie (uapi/wait.h). */
	struct cred cred;	   /**< Credentials. */
	unsigned umask;		   /**< File mode creation mask. */
	struct vm_space *vm;	   /**< Address space. */
	uint64_t brk_base;	   /**< Start of the heap (end of the data segment). */
	uint64_t brk;		   /**< Current break. */
	uint64_t map_base; /**< Where map() puts mappings given no address (randomised by exec). */
	struct fdtab *fds; /**< Descriptor table. */
	struct vnode *cwd; /**< Working directory (referenced). */
	struct thr *thr;   /**< Its main thread. */
	long nthr;	   /**< Threads alive. */
	uint64_t sig_pending;		 /**< Signals sent to the process, not yet delivered. */
	struct proc_sigaction sig[NSIG]; /**< Dispositions. */
	int vm_borrowed; /**< A vfork child: @c vm is its parent's until exec or exit. */
	int vfork_done;	 /**< Set (for the waiting parent) when a vfork child execs or exits. */
	struct proc_thread threads[PROC_THREADS]; /**< Its threads (slot 0: the first). */
	struct mutex thr_lock;			  /**< Guards @c threads, @c nthr, @c exiting. */
	int exiting;		  /**< A thread called exit: the others leave too. */
	struct tmr_callout alarm; /**< alarm()'s callout. */
	uint64_t alarm_at;	  /**< When it fires (tmr_now_ns()), 0 when not armed. */
	char name[16];		  /**< Command name (for ps and reports). */
	int stopped;	 /**< Stopped by a job-control signal (until SIGCONT or SIGKILL). */
	int wait_report; /**< A stop (status word) or continue (0xffff) the parent has not
			    seen in wait() yet; 0: none. */
	void *ctty;	 /**< Controlling terminal (the io module's; NULL: none). */
	struct thr
	    *exec_thr; /**< A thread in exec() that waits for the others to leave, or NULL. */
	uint32_t attn; /**< PROC_ATTN_* bits: the way back to user mode must look. */
	struct vm_space *exec_vm; /**< The space exec() is filling (its thread runs on it). */
	struct thr *exec_vm_thr;  /**< The thread that fills it. */
	/* For ps and top (SYSCTL_PROCS), kept by core/kern/proc/thr.c. */
	uint64_t start_ns;    /**< When its first thread was made (tmr_now_ns()). */
	uint64_t dead_cycles; /**< CPU cycles of its threads that ended (THR_EXIT). */
	/** What exec loaded, for /proc (core/proc_image.h; its info lock), or NULL. */
	struct proc_image *image;
};

/**
 * @brief Return the process of the running thread.
 * @return the process, or NULL for a kernel thread.
 */
struct proc *proc_current(void);

/** The running thread, as thr_current() returns it (core/kern/proc/sched.c). */
extern struct thr *sched_cur;

/**
 * @brief proc_current() inline, for the system calls' fast paths (the
 *        calling thread of a system call is a user thread).
 * @return the caller's process.
 */
static inline struct proc *proc_self(void)
{
	return sched_cur->proc;
}

/**
 * @brief Take a free process slot with a fresh pid, as a child of @p parent.
 * @param parent the parent, or NULL for the first process.
 * @return the record (PROC_LIVE, nothing attached yet), or NULL when the table is full.
 */
struct proc *proc_alloc(struct proc *parent);

/**
 * @brief Find a live process.
 * @param pid its pid.
 * @return the record, or NULL.
 */
struct proc *proc_find(long pid);

/**
 * @brief Call @p fn for each live process (under the process table's lock:
 *        @p fn must not sleep).
 * @param fn called with each process and @p arg; a non-zero return stops the walk.
 * @param arg passed to @p fn.
 */
void proc_foreach(int (*fn)(struct proc *p, void *arg), void *arg);

/**
 * @brief Take the process table's lock (a leaf spinlock: nothing under it
 *        sleeps, allocates or takes another lock but a signal posting's).
 */
void proc_table_lock(void);

/** @brief Release the process table's lock. */
void proc_table_unlock(void);

/**
 * @brief Return slot @p i of the process table (read its fields under
 *        proc_table_lock()).
 * @param i 0 to PROC_MAX - 1.
 * @return the record (state PROC_FREE when unused).
 */
struct proc *proc_slot(unsigned i);

/**
 * @brief Return the first process's record (pid 1, init).
 * @return the record (it may be free when nothing was started).
 */
struct proc *proc_init_record(void);

/**
 * @brief Start the first process: the `init=` word's program, else /sbin/init,
 *        with the console on descriptors 0, 1 and 2.
 * @retval 0 its thread runs.
 * @retval -ENOENT there is no root file system.
 * @return another negative errno when it could not be made.
 */
int proc_start_first(void);

/**
 * @brief Make a child of @p p, as fork() does.
 * @param p the parent (the caller's process).
 * @param flags FORK_COW, FORK_VFORK.
 * @param tf the parent's system-call frame (the child returns 0 through a copy).
 * @return the child's pid, or -EAGAIN (table full), -ENOMEM.
 */
long proc_fork(struct proc *p, long flags, const struct trap_frame *tf);

/**
 * @brief End a process (the calling thread's): release what it holds, become
 *        a zombie with @p status, give its children to init, wake its parent.
 * @param p the caller's process.
 * @param status the wait status word (uapi/wait.h).
 */
__attribute__((noreturn)) void proc_exit(struct proc *p, int status);

/**
 * @brief Wait for a child to end (see the wait() call).
 * @param p the caller's process.
 * @param pid which children (-1, > 0, 0, < -1).
 * @param options WNOHANG.
 * @param status out: the child's status word.
 * @return the child's pid; 0 with WNOHANG when none ended; -ECHILD; -EINTR.
 */
long proc_wait(struct proc *p, long pid, int options, int *status);

/**
 * @brief Undo a child fork made that never ran.
 * @param c the child.
 */
void proc_discard(struct proc *c);

/**
 * @brief Sleep until a vfork child execs or exits.
 * @param c the child.
 */
void proc_vfork_wait(struct proc *c);

/**
 * @brief A vfork child stops borrowing its parent's space (at exec); wake the parent.
 * @param p the child.
 */
void proc_vfork_release(struct proc *p);

/**
 * @brief Before exec() replaces the image: make every other thread of @p p
 *        leave (each ends on its way back to user mode, or when its sleep
 *        is interrupted) and wait until the caller is the only one.
 * @param p the caller's process.
 * @retval 0 the caller is alone.
 * @retval -EINTR the process is exiting, or another thread execs: give up.
 */
int proc_exec_single(struct proc *p);

/**
 * @brief A thread of a process in which another thread execs leaves
 *        (called on the way back to user mode).
 * @param p the process.
 */
__attribute__((noreturn)) void proc_exec_leave(struct proc *p);

/**
 * @brief Record a new thread of @p p (its first, or one THR_NEW made).
 * @param p the process.
 * @param t the thread.
 * @return 0, or -EAGAIN when the process has PROC_THREADS threads.
 */
int proc_thread_add(struct proc *p, struct thr *t);

/**
 * @brief End the calling thread of @p p with @p value (THR_EXIT); the last
 *        thread of a process ends the process with status 0.
 * @param p the process.
 * @param value the exit value THR_JOIN returns.
 */
__attribute__((noreturn)) void proc_thread_exit(struct proc *p, uint64_t value);

/**
 * @brief Save what a user thread leaves on the CPU (its vector registers).
 *
 * Context: the context switch (interrupts off); never sleeps.
 * @param t the thread switched away from.
 */
void proc_switch_from(struct thr *t);

/**
 * @brief Make a process's thread current on this CPU: its address space and TLS base.
 *
 * Context: the context switch (interrupts off); never sleeps.
 * @param t the thread about to run.
 */
void proc_switch_to(struct thr *t);

#endif /* CORE_PROC_H_ */
