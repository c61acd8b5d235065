/**
 * @file core/sys_ipc.h
 * @brief The System V IPC system calls' halves (core/kern/syscall/sys_ipc.c)
 *        and the SYSCTL_IPC report.
 * @ingroup core
 *
 * The verify halves copy every user argument in (and results out) and
 * call the ipc role, whose provider implements the objects.
 */
#ifndef CORE_SYS_IPC_H_
#define CORE_SYS_IPC_H_

#include <stdint.h>

#include <core/sys_file.h>

/** @name Verify halves (numbers 90-97 of syscalls.tbl)
 * @{ */
/** @brief msgget(key, flags). @return the id, or a negative errno. */
long sys_msgget(SYS_HANDLER_ARGS);
/** @brief msgsnd(id, msgp, size, flags). @return 0, or a negative errno. */
long sys_msgsnd(SYS_HANDLER_ARGS);
/** @brief msgrcv(id, msgp, size, type, flags). @return bytes, or a negative errno. */
long sys_msgrcv(SYS_HANDLER_ARGS);
/** @brief msgctl(id, cmd, buf). @return 0 (MSG_STAT: the id), or a negative errno. */
long sys_msgctl(SYS_HANDLER_ARGS);
/** @brief semget(key, nsems, flags). @return the id, or a negative errno. */
long sys_semget(SYS_HANDLER_ARGS);
/** @brief semop(id, sops, nsops). @return 0, or a negative errno. */
long sys_semop(SYS_HANDLER_ARGS);
/** @brief semtimedop(id, sops, nsops, timeout). @return 0, or a negative errno. */
long sys_semtimedop(SYS_HANDLER_ARGS);
/** @brief semctl(id, num, cmd, arg). @return the command's value, or a negative errno. */
long sys_semctl(SYS_HANDLER_ARGS);
/** @} */

/** @name Shared memory (numbers 110-116, core/kern/syscall/sys_shm.c)
 * @{ */
/** @brief shmget(key, size, flags). @return the id, or a negative errno. */
long sys_shmget(SYS_HANDLER_ARGS);
/** @brief shmat(id, addr, flags). @return the address, or a negative errno. */
long sys_shmat(SYS_HANDLER_ARGS);
/** @brief shmdt(addr). @return 0, or a negative errno. */
long sys_shmdt(SYS_HANDLER_ARGS);
/** @brief shmctl(id, cmd, buf). @return 0 (SHM_STAT: the id), or a negative errno. */
long sys_shmctl(SYS_HANDLER_ARGS);
/** @brief shm_open(name or SHM_ANON, flags, mode). @return a descriptor, or a negative errno. */
long sys_shm_open(SYS_HANDLER_ARGS);
/** @brief shm_unlink(name). @return 0, or a negative errno. */
long sys_shm_unlink(SYS_HANDLER_ARGS);
/** @brief shm_list(buf, len): the POSIX names, NUL-ended. @return bytes, or a negative errno. */
long sys_shm_list(SYS_HANDLER_ARGS);
/** @} */

/**
 * @brief sysctl(SYSCTL_IPC, 0, struct ipc_limits *): the limits and usage.
 * @param uarg the user's struct ipc_limits.
 * @return 0, or -EFAULT.
 */
long sysctl_ipc(uint64_t uarg);

#endif /* CORE_SYS_IPC_H_ */
