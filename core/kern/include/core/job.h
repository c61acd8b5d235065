/**
 * @file core/job.h
 * @brief Job control inside the core: stop and continue, orphaned groups,
 *        the calls setpgid, setsid, getpgid, getsid (proc/job.c).
 * @ingroup core
 */
#ifndef CORE_JOB_H_
#define CORE_JOB_H_

struct proc;

/** The wait status word of a continued child (WIFCONTINUED). */
#define JOB_CONTINUED 0xffff

/**
 * @brief Stop @p p (a job-control signal's default action): tell the parent,
 *        then park the calling thread until SIGCONT or SIGKILL.
 * @param p the caller's process.
 * @param sig the stop signal.
 */
void job_stop(struct proc *p, int sig);

/**
 * @brief Park the calling thread while its process is stopped.
 * @param p the caller's process.
 */
void job_park(struct proc *p);

/**
 * @brief Continue @p p if it is stopped (SIGCONT, SIGKILL); tell the parent.
 *        Takes no lock: called from signal_post() under any of them.
 * @param p the process.
 * @param report tell the parent (SIGCONT) or not (SIGKILL).
 */
void job_continue(struct proc *p, int report);

/**
 * @brief Is process group @p pgid orphaned (no member has a parent in
 *        another group of the same session)?
 * @param pgid the group.
 * @return 1 orphaned (or empty), 0 not.
 */
int job_pgrp_orphaned(long pgid);

/**
 * @brief What job control does when @p p ends: a session leader hangs up
 *        its terminal; groups that this exit orphans and that hold a stopped
 *        process get SIGHUP and SIGCONT. Called after the exit reparented
 *        the children.
 * @param p the ended process.
 * @param pgids the groups of its children before they were reparented.
 * @param n how many.
 */
void job_exit(struct proc *p, const long *pgids, int n);

/**
 * @brief Call the tty layer's hangup hook (job_set_hangup()) for @p tty.
 * @param tty the terminal of a session leader that ended.
 */
void job_hangup(void *tty);

/**
 * @brief Return the device number of terminal @p tty, as the hook says.
 * @param tty the terminal, or NULL.
 * @return its device number, or -1 (none, or no hook).
 */
long job_ttydev(const void *tty);

#endif /* CORE_JOB_H_ */
