/**
 * @file arch/clock.h
 * @brief The arch contract for clock hardware: cycle rate and periodic tick.
 * @ingroup arch
 */
#ifndef ARCH_CLOCK_H_
#define ARCH_CLOCK_H_

#include <stdint.h>

/**
 * @brief Measure the cycle counter's rate (arch_cycles()) against a known timer.
 * @return cycles per second.
 */
uint64_t arch_clock_calibrate(void);

/**
 * @brief Start the periodic tick.
 * @param hz ticks per second.
 * @param tick called on each tick, interrupts disabled.
 * @param use_pit non-zero to use the legacy timer even if a better one exists.
 * @return the name of the timer used ("lapic", "pit"), or NULL.
 */
const char *arch_clock_start(unsigned hz, void (*tick)(void), int use_pit);

/** @brief Handle the tick interrupt: acknowledge it, then call the tick. */
void arch_clock_interrupt(void);

/**
 * @brief Report how many ticks ran and the cycles spent in their handlers.
 * @param ticks out: ticks handled.
 * @param cycles out: cycles spent in the tick callback.
 */
void arch_clock_stats(uint64_t *ticks, uint64_t *cycles);

#endif /* ARCH_CLOCK_H_ */
