/**
 * @file core/mm.h
 * @brief Memory internals: the page daemon thread and the page-fault entry of the trap code.
 * @ingroup core
 */
#ifndef CORE_MM_H_
#define CORE_MM_H_

#include <stdint.h>
#include <kern/page.h>
#include <kern/vm.h>

/**
 * @brief Start the page daemon thread (after `page` registered and threads run).
 * @retval 0 started.
 * @retval -ENODEV no `page` provider.
 * @retval -ENOMEM no memory for the thread.
 */
int page_daemon_start(void);

/**
 * @brief Ask every shrinker that can to write back dirty pages (the page
 *        daemon does, when shrinking alone left memory short).
 *
 * Context: the page daemon's thread (holding no lock).
 * @param want frames wanted.
 * @return pages written.
 */
uint64_t page_writeback(uint64_t want);

/**
 * @brief Count the page daemon thread's passes (each wakeup, reclaiming or not).
 * @return passes since it started.
 */
uint64_t page_daemon_wakeups(void);

/**
 * @brief Handle a page-fault trap on the current space.
 *
 * Context: the trap handler, on the faulting thread.
 * @param addr the faulting address (CR2 on x86).
 * @param access VM_READ / VM_WRITE / VM_EXEC, plus VM_FAULT_USER.
 * @retval 0 resolved: retry the access.
 * @retval -EFAULT a kernel address, no current space, or no region.
 * @retval -EACCES the protection forbids the access.
 * @retval -ENOMEM no frame for the page.
 */
int vm_trap_fault(uint64_t addr, unsigned access);

#endif /* CORE_MM_H_ */
