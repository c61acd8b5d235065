/* kern/clockhw.h for the tmr module, over the architecture's clock. */
#include <stdint.h>

#include <arch/arch.h>
#include <arch/clock.h>
#include <core/boot.h>
#include <kern/clockhw.h>
#include <kern/kmod.h>

static uint64_t clockhw_rate;

uint64_t clockhw_calibrate(void)
{
	boot_phase_mark("tmr, before"); /* the tmr module calibrates once, at boot */
	clockhw_rate = arch_clock_calibrate();
	boot_phase_mark("calibration");
	return clockhw_rate;
}
KERN_EXPORT(clockhw_calibrate);

uint64_t clockhw_cycles(void)
{
	return arch_cycles();
}
KERN_EXPORT(clockhw_cycles);

const char *clockhw_start(unsigned hz, void (*tick)(void), int use_pit)
{
	if (hz < 10 || hz > 10000)
		return 0;
	return arch_clock_start(hz, tick, use_pit);
}
KERN_EXPORT(clockhw_start);

void clockhw_stats(uint64_t *ticks, uint64_t *cycles)
{
	arch_clock_stats(ticks, cycles);
}

uint64_t clockhw_hz(void)
{
	return clockhw_rate;
}
