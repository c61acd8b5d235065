/* sys/mount.h for zero's libc: mount() and umount(); flags in uapi/statfs.h. */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <uapi/statfs.h>

#define MNT_FORCE 0x1 /* umount2(): even when busy */

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif
