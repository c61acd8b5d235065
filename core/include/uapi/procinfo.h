/**
 * @file uapi/procinfo.h
 * @brief What sysctl(SYSCTL_PROCS) reports about processes and their threads
 *        (read by `ps` and `top`).
 * @ingroup uapi
 *
 * The call fills an array of struct procinfo, **one record per thread**.
 * The records of one process are consecutive; the first of them has
 * @c thread_index 0 and every record repeats the process's fields, so a
 * tool that lists processes takes the records with @c thread_index 0 and a
 * tool that lists threads (`ps -L`) takes them all.
 *
 * @code
 * struct procinfo pi[256];
 * long n = sysctl(SYSCTL_PROCS, 256, pi);     // -1 and errno on failure
 * for (long i = 0; i < n && i < 256; i++)
 *         if (pi[i].thread_index == 0)
 *                 printf("%d %s\n", pi[i].pid, pi[i].comm);
 * @endcode
 *
 * The call returns the number of records there are (which may be more
 * than @c room: then only the first @c room were written; call again with
 * more room). `room` 0 only counts. The snapshot is taken process by
 * process, so a process that forks or exits meanwhile may or may not
 * appear. Zombies are not listed yet (the process-table walk the kernel
 * offers visits live processes only).
 *
 * Times are nanoseconds. Run and wait times and the switch counts are kept
 * by the kernel's context switch itself, so they mean the same under every
 * scheduler module (zero, stride...).
 */
#ifndef UAPI_PROCINFO_H_
#define UAPI_PROCINFO_H_

#include <stdint.h>

/** Size of the name fields, with the NUL. */
#define PROCINFO_NAME 16

/** @name Process and thread states (the @c state and @c tstate letters)
 * @{ */
#define PROCINFO_RUN   'R' /**< Running or ready to run. */
#define PROCINFO_SLEEP 'S' /**< Sleeping (waiting for an event or a time). */
#define PROCINFO_STOP  'T' /**< Stopped by a signal (job control). */
#define PROCINFO_ZOMB  'Z' /**< Ended, not yet waited for. */
/** @} */

/** One thread of one process, with its process's fields. */
struct procinfo {
	/* The process. */
	int32_t pid;   /**< Process ID. */
	int32_t ppid;  /**< Parent's process ID (0: none). */
	int32_t pgid;  /**< Process group. */
	int32_t sid;   /**< Session. */
	uint32_t uid;  /**< Real user ID. */
	uint32_t gid;  /**< Real group ID. */
	uint32_t euid; /**< Effective user ID. */
	uint32_t egid; /**< Effective group ID. */
	int32_t tty;   /**< Controlling terminal's device number, -1: none or not known. */
	char state; /**< Process state: 'R' if a thread runs or is ready, else 'S' (or 'T', 'Z'). */
	char tstate;		  /**< This thread's state letter. */
	uint16_t nthreads;	  /**< Threads of the process (records that share its pid). */
	uint16_t thread_index;	  /**< 0 for the process's first record, 1, 2... for the others. */
	uint16_t reserved;	  /**< 0. */
	char comm[PROCINFO_NAME]; /**< Command name (the program's file name), NUL-terminated. */
	uint64_t start_ns;	  /**< When the process was made, since boot. */
	uint64_t cpu_ns; /**< CPU time of the whole process: its threads, live and ended. */
	uint64_t vsize;	 /**< Bytes of its address space (the caller's own process only; else 0). */
	uint64_t rss_pages; /**< Pages present in its address space (the caller's only; else 0). */
	/* The thread. */
	int64_t tid;	    /**< Thread ID. */
	int32_t cls;	    /**< Scheduling class: 0 real-time, 1 user, 2 batch, 3 idle. */
	int32_t prio;	    /**< Priority: run-queue index, 0 (best) to 255. */
	int32_t nice;	    /**< Nice value, -20 (most favoured) to 19. */
	uint32_t reserved2; /**< 0. */
	uint64_t run_ns;    /**< Time on a CPU. */
	uint64_t wait_ns;   /**< Time ready to run but not running (from enqueue to pick). */
	uint64_t nvcsw;	    /**< Voluntary switches: it slept. */
	uint64_t nivcsw;    /**< Involuntary switches: it was preempted (or yielded). */
};

#endif /* UAPI_PROCINFO_H_ */
