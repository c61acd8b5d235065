/**
 * @file core/sys_cred.h
 * @brief setuid() and setgid() (core/kern/syscall/sys_cred.c).
 * @ingroup core
 */
#ifndef CORE_SYS_CRED_H_
#define CORE_SYS_CRED_H_

#include <core/sys_file.h>

/** @brief setuid(uid): root sets real and effective IDs; others only the
 *  effective one, to the real one. @return 0, -EPERM or -EINVAL. */
long sys_setuid(SYS_HANDLER_ARGS);
/** @brief setgid(gid): as setuid for the group IDs. @return 0, -EPERM or -EINVAL. */
long sys_setgid(SYS_HANDLER_ARGS);

#endif /* CORE_SYS_CRED_H_ */
