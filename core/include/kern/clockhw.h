/**
 * @file kern/clockhw.h
 * @brief Clock hardware, for the `tmr` provider: a cycle counter and a periodic interrupt.
 * @ingroup tmr
 */
#ifndef KERN_CLOCKHW_H_
#define KERN_CLOCKHW_H_

#include <stdint.h>

/**
 * @brief Measure the cycle counter's rate against a fixed-rate timer.
 * @return cycles per second (the TSC against the PIT on x86).
 */
uint64_t clockhw_calibrate(void);

/**
 * @brief Read the cycle counter.
 * @return cycles.
 */
uint64_t clockhw_cycles(void);

/**
 * @brief Start a periodic interrupt.
 * @param hz rate, 10 to 10000.
 * @param tick called from the interrupt, interrupts disabled.
 * @param use_pit non-zero to skip the local APIC timer.
 * @return the source used ("lapic" or "pit"), or NULL if none could start.
 */
const char *clockhw_start(unsigned hz, void (*tick)(void), int use_pit);

#endif /* KERN_CLOCKHW_H_ */
