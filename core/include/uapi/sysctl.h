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
};

#endif /* UAPI_SYSCTL_H_ */
