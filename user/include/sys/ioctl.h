/*
 * sys/ioctl.h for zero's libc: the requests and their structures are the
 * kernel's (uapi/ioctl.h): TCGETS/TCSETS*, TIOC*PGRP, TIOCGWINSZ...
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <uapi/ioctl.h>

int ioctl(int fd, unsigned long req, ...);

#endif
