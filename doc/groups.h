/**
 * @file groups.h
 * @brief The group tree of zero's API documentation.
 *
 * Every public header puts itself in one of these groups with @@ingroup.
 */

/**
 * @defgroup uapi User-space ABI
 * @brief What user programs and the kernel share: system call numbers,
 *        errno values, structures passed through system calls.
 */

/**
 * @defgroup core Core
 * @brief The kernel image: boot, traps, printk, panic, command line,
 *        module registry, threads, scheduling and the system call gate.
 */

/**
 * @defgroup arch Architecture (x86-64)
 * @ingroup core
 * @brief Everything x86-specific, reached through `<arch/...>` headers and
 *        `arch_*` functions; a port is one new folder under core/arch/.
 */

/**
 * @defgroup loader Module loader
 * @ingroup core
 * @brief The boot-time ELF64 linker for GRUB modules and its checks.
 */

/**
 * @defgroup modules Module roles
 * @brief One interface per role, a versioned `struct <role>_ops` each; the
 *        core owns the header and a module implements it.
 */

/** @defgroup page page: physical pages and the page daemon
 *  @ingroup modules */
/** @defgroup vm vm: address spaces, page faults, copy-on-write, mmap
 *  @ingroup modules */
/** @defgroup mem mem: the kernel allocator (magazines over slabs)
 *  @ingroup modules */
/** @defgroup tmr tmr: timers and the clock
 *  @ingroup modules */
/** @defgroup sched sched: scheduling policy
 *  @ingroup modules */
/** @defgroup io io: devices, console, disk, files
 *  @ingroup modules */
/** @defgroup buf buf: the block buffer cache
 *  @ingroup modules */
/** @defgroup ext2 ext2: the ext2 file system (revision 1)
 *  @ingroup modules */
/** @defgroup procfs procfs: the proc file system (/proc)
 *  @ingroup modules */
/** @defgroup ipc ipc: pipes, signals, message queues, semaphores, shared memory
 *  @ingroup modules */
