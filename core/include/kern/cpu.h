/**
 * @file kern/cpu.h
 * @brief Which CPU is running, for modules that keep per-CPU state.
 * @ingroup core
 */
#ifndef KERN_CPU_H_
#define KERN_CPU_H_

/**
 * @brief Return the running CPU's number.
 *
 * Stable only while the caller cannot migrate: with interrupts masked or a
 * spinlock held (the page role's wrappers hold one around every call).
 * @return 0 for the boot CPU; CPUs are numbered densely from there.
 */
unsigned cpu_id(void);

#endif /* KERN_CPU_H_ */
