/**
 * @file uapi/wait.h
 * @brief Status words of wait() and its options, shared with user space.
 * @ingroup uapi
 *
 * wait(pid, status, options, rusage): pid -1 any child, > 0 that child,
 * 0 the caller's group, < -1 the group -pid (the Zero book's PROC_WAIT).
 * The status word is the traditional one: exit code in bits 8-15, the
 * terminating signal in bits 0-6, 0x80 for a core dump, 0x7f for stopped.
 */
#ifndef UAPI_WAIT_H_
#define UAPI_WAIT_H_

#define WNOHANG	   1 /**< Do not block when no child has changed state. */
#define WUNTRACED  2 /**< Also report stopped children. */
#define WCONTINUED 8 /**< Also report stopped children that were continued (SIGCONT). */

/** @brief Exit code of an exited child. @param s status word. */
#define WEXITSTATUS(s) (((s)&0xff00) >> 8)
/** @brief Signal that ended a child. @param s status word. */
#define WTERMSIG(s) ((s)&0x7f)
/** @brief Signal that stopped a child. @param s status word. */
#define WSTOPSIG(s) WEXITSTATUS(s)
/** @brief Did the child exit normally? @param s status word. */
#define WIFEXITED(s) (WTERMSIG(s) == 0)
/** @brief Is the child stopped? @param s status word. */
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)
/** @brief Did a signal end the child? @param s status word. */
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
/** @brief Was the child continued (reported under WCONTINUED)? @param s status word. */
#define WIFCONTINUED(s) ((s) == 0xffff)
/** @brief Did the ended child dump core? @param s status word. */
#define WCOREDUMP(s) ((s)&0x80)

#endif /* UAPI_WAIT_H_ */
