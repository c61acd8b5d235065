/**
 * @file kern/thr.h
 * @brief Threads and processes: struct thr and struct proc after the Zero
 *        book (section 5.1.1.3), adapted to x86-64.
 * @ingroup core
 */
#ifndef KERN_THR_H_
#define KERN_THR_H_

#include <stdint.h>

#include <kern/list.h>
#include <kern/tmr.h>

#define THR_CLASS_RT	0  /**< Thread class: real-time (never adjusted, runs first). */
#define THR_CLASS_USER	1  /**< Thread class: user / timeshare. */
#define THR_CLASS_BATCH 2  /**< Thread class: batch. */
#define THR_CLASS_IDLE	3  /**< Thread class: idle (runs when nothing else can). */
#define THR_NCLASS	4  /**< Number of thread classes. */
#define THR_NPRIO	64 /**< Priorities per class. */
#define THR_NQUEUE	(THR_NCLASS * THR_NPRIO) /**< Run queues: one FIFO per priority. */

#define THR_NICE_MIN (-20) /**< Most favourable nice value. */
#define THR_NICE_MAX 19	   /**< Least favourable nice value. */

/** Where a thread is in its life. */
enum thr_state {
	THR_FREE = 0,	  /**< Slot unused. */
	THR_READY = 1,	  /**< On a run queue. */
	THR_RUNNING = 2,  /**< On a CPU. */
	THR_SLEEPING = 3, /**< Waiting on a wait channel (or a timeout). */
	THR_ZOMBIE = 4,	  /**< Finished; its stack is freed by the reaper. */
};

struct mutex;
struct proc;
struct trap_frame;
struct vm_space;

/** A thread: machine context, stacks, state and scheduling parameters. */
struct thr {
	uint64_t ksp;	    /**< Saved kernel stack pointer (arch_switch() context). */
	uint64_t kstk;	    /**< Lowest address of the kernel stack (above its guard page). */
	uint64_t kstk_size; /**< Kernel stack size in bytes. */
	uint64_t ustk;	    /**< User-mode stack pointer (0 for kernel threads). */
	struct trap_frame
	    *utf;	  /**< The frame of its last entry from user mode (NULL: kernel thread). */
	uint64_t tls;	  /**< User TLS base (FS), loaded when it runs. */
	uint64_t sigmask; /**< Signals blocked (bit n-1 for signal n). */
	uint64_t sigalt_sp;   /**< Alternate signal stack: lowest address (0: none). */
	uint64_t sigalt_size; /**< Its size in bytes. */
	int on_sigalt;	      /**< Running a handler on the alternate stack. */
	uint64_t
	    sigmask_suspended; /**< The mask sigsuspend() replaced, restored after the handler. */
	int in_sigsuspend; /**< In sigsuspend(): the next signal frame saves sigmask_suspended. */
	long sys_restart;  /**< A system call that said EINTR: its number + 1 until the signal
			      is dealt with (restarted unless a handler without SA_RESTART runs). */
	enum thr_state state;	       /**< Where it is in its life. */
	uintptr_t wchan;	       /**< Wait channel while sleeping. */
	struct mutex *wmutex;	       /**< The mutex it waits to take, or NULL (thr_report()). */
	struct proc *proc;	       /**< Owner process (NULL for kernel threads). */
	struct list_node link;	       /**< In its queue (run, sleep or zombie queue). */
	struct list_node all;	       /**< In the list of every thread (thr_report()). */
	long id;		       /**< Thread ID. */
	long nice;		       /**< Priority adjustment, THR_NICE_MIN to THR_NICE_MAX. */
	long class;		       /**< Thread class, THR_CLASS_RT to THR_CLASS_IDLE. */
	long prio;		       /**< Priority: queue index 0 (highest) to THR_NQUEUE - 1. */
	long runtime;		       /**< Ticks run in total. */
	long slice;		       /**< Ticks left in the current time slice. */
	struct tmr_callout timeout;    /**< Callout of a timed sleep. */
	int wake_reason;	       /**< 0 woken, -ETIMEDOUT deadline passed. */
	uint64_t sched[4];	       /**< Scratch for the scheduling policy (stride pass...). */
	void (*entry)(void *arg);      /**< Kernel thread body. */
	void *arg;		       /**< Its argument. */
	char name[16];		       /**< Name for ps and reports. */
	_Alignas(16) uint8_t fpu[512]; /**< Saved floating-point and vector state (user threads). */
	/* Scheduler statistics, kept by the core's switch whatever the policy
	 * (core/kern/proc/sched.c): raw cycle-counter deltas, a few adds per
	 * switch; sched_stats() turns them into nanoseconds for reports. */
	uint64_t run_cycles;  /**< Cycles on a CPU, up to @c stamp. */
	uint64_t wait_cycles; /**< Cycles ready but not running (from enqueue to pick). */
	uint64_t stamp;	      /**< Cycle counter at its last switch in or out, or its enqueue. */
	uint64_t nvcsw;	      /**< Switches away because it slept or ended (voluntary). */
	uint64_t nivcsw;      /**< Switches away while still ready (preempted or yielded). */
};

/** A thread's scheduler statistics in nanoseconds (see sched_stats()). */
struct thr_stats {
	uint64_t run_ns;  /**< Time on a CPU, the current run included. */
	uint64_t wait_ns; /**< Time ready but not running, the current wait included. */
	uint64_t nvcsw;	  /**< Voluntary switches (it slept or ended). */
	uint64_t nivcsw;  /**< Involuntary switches (preempted or yielded). */
};

/**
 * @brief Create a kernel thread, ready to run.
 * @param name for reports (truncated to 15 bytes).
 * @param entry its body; returning from it ends the thread.
 * @param arg passed to @p entry.
 * @param class THR_CLASS_RT, THR_CLASS_USER, THR_CLASS_BATCH or THR_CLASS_IDLE.
 * @param nice THR_NICE_MIN to THR_NICE_MAX.
 * @return the thread, or NULL when out of memory.
 */
struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class,
		       long nice);

/**
 * @brief Return the thread running on this CPU.
 * @return the thread (the boot thread before others exist).
 */
struct thr *thr_current(void);

/** @brief End the running thread; its stack is freed later. */
__attribute__((noreturn)) void thr_exit(void);

/** @brief Give up the CPU; the thread stays ready. */
void thr_yield(void);

/**
 * @brief Sleep until thr_wakeup() on @p wchan, or until @p timeout_ns passes.
 *
 * Call with interrupts disabled after checking the condition, so that a
 * wakeup between the check and the sleep is not lost; interrupts are
 * disabled again on return.
 * @param wchan wait channel: any address naming what is waited for.
 * @param timeout_ns nanoseconds (0: no timeout). Without a `tmr` provider a
 *        timeout cannot be armed and expires at once: the call yields and
 *        returns -ETIMEDOUT.
 * @retval 0 woken by thr_wakeup().
 * @retval -ETIMEDOUT the timeout passed first (or could not be armed).
 */
int thr_sleep(const void *wchan, uint64_t timeout_ns);

/**
 * @brief Release a mutex and sleep on @p wchan as one step; take it again after.
 *
 * The wait of a condition guarded by @p m: check the condition with @p m
 * held, then call this. A thread that changes the condition under @p m
 * and then calls thr_wakeup(@p wchan) always finds the sleeper queued, on
 * one CPU or several, so no wakeup is lost. Context: a thread that may
 * sleep, holding @p m; any interrupt state (it is restored on return).
 * @param wchan wait channel.
 * @param m a mutex the caller holds; held again on return, whatever the result.
 * @param timeout_ns nanoseconds (0: no timeout).
 * @retval 0 woken by thr_wakeup().
 * @retval -ETIMEDOUT the timeout passed first.
 * @return another negative errno when the sleep was interrupted (-EINTR,
 *         once signals interrupt sleeps).
 */
int thr_sleep_mutex(const void *wchan, struct mutex *m, uint64_t timeout_ns);

/**
 * @brief An interruptible sleep: one a signal ends, even one sent just
 *        before it began.
 *
 * The wait of a system call that returns EINTR (a pipe, a futex, a
 * message queue, a terminal): like thr_sleep_mutex() (or thr_sleep() when
 * @p m is NULL), but once the thread is queued, interrupts off, it looks
 * for a signal pending for its process (or the process ending) and
 * returns -EINTR at once if there is one. A signal sent before that look
 * is seen by it; one sent after finds the thread queued and wakes it. The
 * plain sleeps do not look: a signal sent while the thread ran towards
 * its sleep (preempted on the way) was lost until another wakeup.
 * @param wchan wait channel.
 * @param m a mutex the caller holds, released during the sleep and held
 *        again on return; or NULL (then call with interrupts off after
 *        checking the condition, as for thr_sleep()).
 * @param timeout_ns nanoseconds (0: no timeout).
 * @retval 0 woken by thr_wakeup().
 * @retval -ETIMEDOUT the timeout passed first.
 * @retval -EINTR a signal was pending, or came during the sleep.
 */
int thr_sleep_sig(const void *wchan, struct mutex *m, uint64_t timeout_ns);

/**
 * @brief Make every thread sleeping on @p wchan ready.
 * @param wchan wait channel.
 * @return number of threads woken.
 */
unsigned thr_wakeup(const void *wchan);

/**
 * @brief Change a thread's nice value and let the running policy re-place it.
 *
 * Under the scheduler's lock the policy takes the thread off its queue
 * (dequeue), sets it up again from its class and the new nice (setup: the
 * Zero scheduler's priority, the stride scheduler's tickets) and, if it is
 * ready, queues it again. A sleeping thread keeps its place on its sleep
 * queue. Context: any thread; never sleeps.
 * @param t the thread (alive: not freed while the call runs).
 * @param nice the new value; clamped to THR_NICE_MIN..THR_NICE_MAX.
 */
void thr_set_nice(struct thr *t, long nice);

/**
 * @brief Read a thread's scheduler statistics (kept by the core under every policy).
 *
 * Context: any; never sleeps. The values are a snapshot: the thread may
 * run on while they are read.
 * @param t the thread.
 * @param st out: its run and wait times and switch counts.
 */
void sched_stats(const struct thr *t, struct thr_stats *st);

/**
 * @brief Convert cycle-counter cycles to nanoseconds (no overflow for any 64-bit count).
 * @param cycles a count of arch cycles.
 * @return nanoseconds, or 0 while the counter's rate is unknown (no calibration yet).
 */
uint64_t sched_cycles_ns(uint64_t cycles);

/**
 * @brief Sleep for a time (a timed sleep on a private channel).
 * @param ns nanoseconds; without a `tmr` provider the call only yields.
 */
void thr_sleep_ns(uint64_t ns);

#endif /* KERN_THR_H_ */
