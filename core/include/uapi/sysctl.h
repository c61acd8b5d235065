/**
 * @file uapi/sysctl.h
 * @brief sysctl(cmd, parm, arg): kernel state for tools (Zero book 6.2.2).
 * @ingroup uapi
 */
#ifndef UAPI_SYSCTL_H_
#define UAPI_SYSCTL_H_

/** sysctl() commands. */
enum sysctl_cmd {
	SYSCTL_MEMINFO = 1, /**< arg = struct meminfo * (uapi/meminfo.h): the memory report. */
	SYSCTL_PROCS = 2, /**< parm = room, arg = struct procinfo[] (uapi/procinfo.h): processes and
			     threads. */
	SYSCTL_MODULES =
	    3,		/**< parm = room, arg = struct modinfo[] (uapi/modinfo.h): the modules. */
	SYSCTL_LOG = 4, /**< parm = room in bytes, arg = char *: the kernel log (dmesg). */
	SYSCTL_MOUNTS = 5, /**< parm = room, arg = struct mntinfo[] (uapi/statfs.h): the mounts. */
	SYSCTL_IPC = 14,   /**< arg = struct ipc_limits * (uapi/ipc.h): System V IPC limits. */
	SYSCTL_EVENT =
	    16, /**< arg = struct ev_limits * (uapi/event.h): event-queue limits and use. */
};

#endif /* UAPI_SYSCTL_H_ */
