/**
 * @file arch/clock.h
 * @brief The PC's clock hardware: TSC, PIT, local APIC timer.
 * @ingroup arch
 */
#ifndef ARCH_CLOCK_H_
#define ARCH_CLOCK_H_

#include <stdint.h>

/** Vector of the local APIC timer interrupt. */
#define TRAPTIMER 0x30

/**
 * @brief Measure the TSC rate against PIT channel 2 (10 ms).
 * @return TSC cycles per second.
 */
uint64_t arch_clock_calibrate(void);

/**
 * @brief Start the periodic tick.
 * @param hz ticks per second.
 * @param tick called on each tick, interrupts disabled.
 * @param use_pit non-zero to use the PIT even if there is a local APIC.
 * @return "lapic" or "pit", or NULL.
 */
const char *arch_clock_start(unsigned hz, void (*tick)(void), int use_pit);

/** @brief Handle the local APIC timer vector: acknowledge, then tick. */
void arch_clock_interrupt(void);

/**
 * @brief Report how many ticks ran and the cycles spent in their handlers.
 * @param ticks out: ticks handled.
 * @param cycles out: TSC cycles spent in the tick callback.
 */
void arch_clock_stats(uint64_t *ticks, uint64_t *cycles);

#endif /* ARCH_CLOCK_H_ */
