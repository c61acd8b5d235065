/**
 * @file kern/job.h
 * @brief Job control for terminals: process groups, sessions and the
 *        controlling terminal, as the io module's tty layer needs them.
 * @ingroup core
 *
 * A terminal is opaque to the core (a `void *` the tty layer owns). A
 * session leader acquires it as its controlling terminal (TIOCSCTTY, or
 * the first open of a terminal by a leader without one); its processes
 * inherit it across fork. The tty layer keeps the foreground process
 * group; the core answers who the caller is and posts the signals.
 *
 * Context: every function may be called from thread context; those that
 * say so also from an interrupt handler (the line discipline's ^C). None
 * sleeps.
 */
#ifndef KERN_JOB_H_
#define KERN_JOB_H_

/**
 * @brief Return the caller's process group.
 * @return its pgid, or 0 for a kernel thread.
 */
long job_pgrp(void);

/**
 * @brief Return the caller's session.
 * @return its sid, or 0 for a kernel thread.
 */
long job_session(void);

/**
 * @brief Return the caller's controlling terminal.
 * @return the tty layer's pointer, or NULL when it has none.
 */
void *job_ctty(void);

/**
 * @brief Make @p tty the controlling terminal of the caller's session
 *        (TIOCSCTTY, or a session leader's first open of a terminal).
 * @param tty the terminal.
 * @param owner_sid the session that already has @p tty as its terminal
 *        (0: none).
 * @retval 0 done: every process of the session now has @p tty.
 * @retval -EPERM the caller is not a session leader, already has another
 *         terminal, or @p tty belongs to another session.
 */
int job_set_ctty(void *tty, long owner_sid);

/**
 * @brief Take @p tty away from every process that has it (hangup, or its
 *        session leader gave it up).
 * @param tty the terminal.
 */
void job_clear_ctty(void *tty);

/**
 * @brief The caller alone gives up its controlling terminal (TIOCNOTTY by a
 *        process that does not lead its session).
 */
void job_drop_ctty(void);

/**
 * @brief Does the caller lead its session?
 * @return 1 yes, 0 no (or a kernel thread).
 */
int job_session_leader(void);

/**
 * @brief Is there a process in group @p pgid of session @p sid?
 *        (TIOCSPGRP accepts only such a group.)
 * @param pgid the group.
 * @param sid the session.
 * @return 1 yes, 0 no.
 */
int job_pgrp_in_session(long pgid, long sid);

/**
 * @brief Post @p sig to every process of group @p pgid.
 *
 * Context: also from an interrupt handler.
 * @param pgid the group (> 0).
 * @param sig the signal.
 * @return the number of processes signalled.
 */
int job_signal_pgrp(long pgid, int sig);

/**
 * @brief The background check of a read (SIGTTIN) or a write or settings
 *        change (SIGTTOU) on the caller's terminal @p tty whose foreground
 *        group is @p fg_pgid.
 *
 * A caller in the foreground group, or for which @p tty is not the
 * controlling terminal, may go on. Otherwise: SIGTTOU ignored or blocked
 * lets it go on; SIGTTIN ignored or blocked, or an orphaned group, is
 * -EIO; else @p sig goes to the caller's group and the call returns
 * -EINTR (it is restarted once the group continues).
 * @param tty the terminal.
 * @param fg_pgid its foreground group (0: none: the caller may go on).
 * @param sig SIGTTIN or SIGTTOU.
 * @retval 0 go on.
 * @retval -EINTR stopped the group: return this from the call.
 * @retval -EIO refused.
 */
int job_tty_check(void *tty, long fg_pgid, int sig);

/**
 * @brief Set what the core calls when a session leader whose controlling
 *        terminal is a tty ends: the tty layer sends SIGHUP (and SIGCONT)
 *        to its foreground group and forgets the session. The core then
 *        clears the terminal of the session's processes itself.
 * @param fn the hook (NULL: none), called in thread context, never under a
 *        core lock.
 */
void job_set_hangup(void (*fn)(void *tty));

/**
 * @brief Set how the core learns a terminal's device number (for ps's TTY
 *        column, SYSCTL_PROCS).
 * @param fn returns the device number (uapi encoding) of a tty, or -1;
 *        called under the process table's lock: it must not sleep or lock.
 */
void job_set_ttydev(long (*fn)(const void *tty));

#endif /* KERN_JOB_H_ */
