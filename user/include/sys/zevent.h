/*
 * sys/zevent.h for zero's libc: Zero event queues (uapi/event.h;
 * doc/events.md). Each call returns -1 and sets errno on failure.
 */
#ifndef _SYS_ZEVENT_H
#define _SYS_ZEVENT_H

#include <stddef.h>
#include <sys/types.h>
#include <uapi/event.h>

/* A new event queue (flags: EV_NONBLOCK, EV_CLOEXEC); a descriptor. */
int evopen(int flags);
/* Watch path (a file, or a directory and its entries) for the EV_FS_ALL
 * events in mask; path NULL: take EV_MSG/EV_INPUT and own the queue. The
 * watch number (0 for path NULL). */
int evwatch(int fd, const char *path, unsigned mask);
/* Drop watch wd of queue fd. */
int evunwatch(int fd, int wd);
/* Send len bytes (at most EV_MSG_MAX) with a message type to process pid's queues. */
int evsend(pid_t pid, unsigned type, const void *data, size_t len);

#endif
