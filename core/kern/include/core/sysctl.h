/**
 * @file core/sysctl.h
 * @brief The sysctl() commands' halves (core/kern/syscall/sys_sysctl.c
 *        dispatches; each command lives in a file of its own).
 * @ingroup core
 *
 * Each function verifies its user arguments and copies its report out;
 * user pointers are checked by copyout (-EFAULT).
 */
#ifndef CORE_SYSCTL_H_
#define CORE_SYSCTL_H_

#include <stdint.h>

struct proc;
struct thr;

/**
 * @brief Return thread slot @p i of @p p if it still holds a live thread of @p p.
 *
 * Reads the slot without the process's thr_lock (callers walk the process
 * table under its spinlock): thread records are never freed, only reused,
 * so the record is checked to still be that slot's thread.
 * @param p a live process.
 * @param i slot index, 0 to PROC_THREADS - 1.
 * @return the thread, or NULL (free slot, ended or reused thread).
 */
struct thr *procs_thread_at(struct proc *p, unsigned i);

/**
 * @brief SYSCTL_PROCS: one struct procinfo per thread of every live process.
 * @param room records the user array holds (0: only count).
 * @param uarr user address of the array.
 * @return the number of records there are (at most @p room were written).
 * @retval -EINVAL @p room is negative.
 * @retval -EFAULT the array is not writable user memory.
 * @retval -ENOMEM no memory for the kernel's copy.
 */
long sysctl_procs(long room, uint64_t uarr);

/**
 * @brief SYSCTL_MODULES: one struct modinfo per module, then per role no module provides.
 * @param room records the user array holds (0: only count).
 * @param uarr user address of the array.
 * @return the number of records (at most @p room were written).
 * @retval -EINVAL @p room is negative.
 * @retval -EFAULT the array is not writable user memory.
 * @retval -ENOMEM no memory for the kernel's copy.
 */
long sysctl_modules(long room, uint64_t uarr);

/**
 * @brief SYSCTL_LOG: the newest bytes of the kernel log, oldest first.
 * @param room bytes the user buffer holds (0: only say how many the log holds).
 * @param ubuf user address of the buffer (no NUL is added).
 * @return the bytes copied (with @p room 0: the bytes the log holds).
 * @retval -EINVAL @p room is negative.
 * @retval -EFAULT the buffer is not writable user memory.
 * @retval -ENOMEM no memory for the kernel's copy.
 */
long sysctl_log(long room, uint64_t ubuf);

/**
 * @brief SYSCTL_MEMINFO: the memory report.
 * @param uarg user address of a struct meminfo.
 * @retval 0 written.
 * @retval -EFAULT not writable user memory.
 * @retval -ENOMEM no memory for the kernel's copy.
 */
long sysctl_meminfo(uint64_t uarg);

#endif /* CORE_SYSCTL_H_ */
