/**
 * @file core/sys_event.h
 * @brief The event-queue system calls' verify halves
 *        (core/kern/syscall/sys_event.c; numbers 120-123 of syscalls.tbl).
 * @ingroup core
 *
 * Each copies its user arguments in, checks them and calls the event
 * wrappers (kern/event.h), whose provider (the io module) keeps the queues.
 */
#ifndef CORE_SYS_EVENT_H_
#define CORE_SYS_EVENT_H_

#include <stdint.h>

#include <core/sys_file.h>

/** @brief evopen(flags): a new event queue. @return a descriptor, or a negative errno. */
long sys_evopen(SYS_HANDLER_ARGS);
/** @brief evwatch(fd, path or NULL, mask). @return the watch number, or a negative errno. */
long sys_evwatch(SYS_HANDLER_ARGS);
/** @brief evunwatch(fd, wd). @return 0, or a negative errno. */
long sys_evunwatch(SYS_HANDLER_ARGS);
/** @brief evsend(pid, type, data, len). @return 0, or a negative errno. */
long sys_evsend(SYS_HANDLER_ARGS);
/**
 * @brief sysctl(SYSCTL_EVENT, 0, arg): the event-queue limits and use.
 * @param uarg a user struct ev_limits *.
 * @retval 0 copied out.
 * @retval -EFAULT a bad pointer.
 */
long sysctl_event(uint64_t uarg);

#endif /* CORE_SYS_EVENT_H_ */
