/*
 * The fake architecture's clock: a fixed rate and a tick that never fires
 * by itself; arch_clock_interrupt() runs the tick, as a test drives it.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/clock.h>

static void (*host_tick)(void);
static uint64_t host_ticks;

uint64_t arch_clock_calibrate(void)
{
	return 1000000000ULL;
}

const char *arch_clock_start(unsigned hz, void (*tick)(void), int use_pit)
{
	(void)hz;
	(void)use_pit;
	host_tick = tick;
	return "host";
}

void arch_clock_interrupt(void)
{
	host_ticks++;
	if (host_tick)
		host_tick();
}

void arch_clock_stats(uint64_t *ticks, uint64_t *cycles)
{
	*ticks = host_ticks;
	*cycles = 0;
}
