/*
 * ttydrive's other hand: the QEMU monitor (ttydrive_mon.c), to type on the
 * PS/2 keyboard (sendkey) and to read the VGA text screen (pmemsave of
 * 0xb8000).
 */
#ifndef TESTS_QEMU_TTYDRIVE_H_
#define TESTS_QEMU_TTYDRIVE_H_

#include <stddef.h>

/* Connect to QEMU's monitor socket (waits up to 10 s for it); -1 on error. */
int mon_open(const char *path);
/* Send one monitor command line (no newline in @cmd); 0, or -1. */
int mon_command(int fd, const char *cmd);
/* Type @n bytes of @text on the keyboard; 0, or -1 for a byte with no key. */
int mon_keys(int fd, const char *text, size_t n);
/* Read the 80x25 text screen into @out (rows joined by '\n', trailing blanks
 * kept); @tmp is a file QEMU may write. 0, or -1. */
int mon_screen(int fd, const char *tmp, char *out, size_t len);

#endif
