/*
 * The time each boot phase took, for the log: kmain marks the end of each
 * phase with the cycle counter (always there, even before the clock is
 * calibrated); the report at the end of boot converts the marks to
 * milliseconds once the clock's rate is known and prints them at debug
 * level, with the cycles (under QEMU -icount shift=0 they are guest
 * instructions, which repeat exactly). Only the boot thread marks, before
 * other CPUs or threads run.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <core/boot.h>
#include <core/clock.h>
#include <kern/printk.h>

#define BOOT_PHASES 40

static struct {
	const char *name;
	uint64_t cycles;
} boot_phases[BOOT_PHASES];
static unsigned boot_nphases;
static uint64_t boot_phase_t0;

void boot_phase_start(uint64_t t0)
{
	boot_phase_t0 = t0;
}

void boot_phase_mark(const char *name)
{
	if (boot_nphases < BOOT_PHASES)
		boot_phases[boot_nphases++] = (typeof(boot_phases[0])){ name, arch_cycles() };
}

void boot_phase_report(void)
{
	uint64_t hz = clockhw_hz(), prev = boot_phase_t0;

	for (unsigned i = 0; i < boot_nphases; i++) {
		uint64_t c = boot_phases[i].cycles - prev;
		uint64_t us = hz >= 1000000 ? c / (hz / 1000000) : 0;

		pr_debug("boot: phase %-14s %5lu.%03lu ms  %8lu K cycles\n", boot_phases[i].name,
			 us / 1000, us % 1000, c / 1000);
		prev = boot_phases[i].cycles;
	}
}
