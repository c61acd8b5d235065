/**
 * @file core/clock.h
 * @brief The core's own view of the clock hardware: the calibrated rate and tick statistics.
 * @ingroup core
 */
#ifndef CORE_CLOCK_H_
#define CORE_CLOCK_H_

#include <stdint.h>
#include <kern/clockhw.h>

/**
 * @brief Return the rate the last clockhw_calibrate() measured.
 * @return cycles per second, or 0 before any calibration.
 */
uint64_t clockhw_hz(void);

/**
 * @brief Report ticks handled and the cycles their handlers took (for benchmarks).
 * @param ticks out: ticks handled.
 * @param cycles out: cycles spent in the tick callback.
 */
void clockhw_stats(uint64_t *ticks, uint64_t *cycles);

/**
 * @brief Note the wall clock's second for kern_realtime_sec(); the
 *        scheduler's tick (sched_tick()) calls it.
 */
void kern_realtime_tick(void);

#endif /* CORE_CLOCK_H_ */
