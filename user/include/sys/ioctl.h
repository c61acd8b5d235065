/*
 * sys/ioctl.h for zero's libc. TCGETS is the request isatty() asks: a
 * terminal answers it, anything else gives ENOTTY (the Linux value, until
 * the kernel's tty interface puts it in uapi/).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS 0x5401

int ioctl(int fd, unsigned long req, ...);

#endif
