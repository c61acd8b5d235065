/**
 * @file core/signal.h
 * @brief Signals: sending, delivery on the way back to user mode, faults.
 * @ingroup core
 *
 * A signal sent to a process sets its pending bit and interrupts a sleep
 * of its thread (the sleeping call returns -EINTR). Delivery happens when
 * the thread is about to return to user mode: an ignored signal is
 * dropped; the default action ends the process (or is nothing, for
 * SIGCHLD, SIGCONT, SIGWINCH); a handler runs on a signal frame pushed on
 * the user stack (or the alternate stack) and comes back through
 * sigreturn, which restores the interrupted frame and mask.
 */
#ifndef CORE_SIGNAL_H_
#define CORE_SIGNAL_H_

#include <stdint.h>

struct proc;
struct thr;
struct trap_frame;

/** What a system-call handler returns when it has set the frame itself (sigreturn). */
#define SYSCALL_KEEP_FRAME (-4096L - 1)

/**
 * @brief Send a signal as kill() does.
 * @param from the sender.
 * @param pid the target: > 0 one process, 0 the sender's group, -1 every
 *        process but init, < -1 the group -pid.
 * @param sig 0 (only check) or a signal number.
 * @return 0, or -ESRCH (no such process), -EPERM (not allowed), -EINVAL.
 */
long signal_kill(struct proc *from, long pid, int sig);

/**
 * @brief Make a signal pending for a process and interrupt its sleep.
 * @param p the target.
 * @param sig a signal number, 1 to NSIG - 1.
 */
void signal_post(struct proc *p, int sig);

/**
 * @brief Tell whether the running thread has a deliverable signal.
 * @return 1 if a signal not blocked is pending.
 */
int signal_pending(void);

/**
 * @brief Deliver pending signals before a return to user mode.
 *
 * Context: the trap path, interrupts off, on the thread that returns.
 * @param tf its user frame (changed to run a handler).
 */
void signal_deliver(struct trap_frame *tf);

/**
 * @brief Return from a signal handler (the implement half of sigreturn()).
 * @param tf the caller's frame: restored from the signal frame at its stack pointer.
 * @return SYSCALL_KEEP_FRAME (the frame is the interrupted context's);
 *         a corrupt signal frame ends the process with SIGSEGV.
 */
long signal_return(struct trap_frame *tf);

/**
 * @brief A user-mode fault: report it and send the signal it means.
 * @param tf the fault's frame (from user mode).
 */
void signal_fault(struct trap_frame *tf);

/**
 * @brief A user-mode fault that means a given signal (SIGBUS: a touch past
 *        the end of a memory object); otherwise as signal_fault().
 * @param tf the fault's frame (from user mode).
 * @param sig the signal, or 0 for the one the trap means.
 */
void signal_fault_as(struct trap_frame *tf, int sig);

/**
 * @brief Arm (or cancel) a process's alarm: SIGALRM after @p seconds.
 * @param p the process.
 * @param seconds 0 cancels.
 * @return the seconds left of the previous alarm (0: none), or -ENODEV without a timer.
 */
long signal_alarm(struct proc *p, uint64_t seconds);

/**
 * @brief Sleep for a time, woken early by a signal.
 * @param ns nanoseconds (> 0).
 * @retval 0 the time passed.
 * @retval -EINTR a signal came first.
 */
long signal_sleep_ns(uint64_t ns);

#endif /* CORE_SIGNAL_H_ */
