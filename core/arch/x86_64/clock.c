/*
 * Clock hardware of the PC: the TSC as the cycle counter, calibrated
 * against PIT channel 2 (a fixed 1.193182 MHz), and the periodic tick from
 * the local APIC timer (itself calibrated against the PIT) or, failing
 * that, from PIT channel 0 on IRQ 0.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/clock.h>
#include <machine/clock.h>
#include <machine/cpufunc.h>
#include <arch/mmu.h>
#include <machine/trap.h>
#include <kern/irq.h>

#define PIT_HZ	 1193182
#define PIT_CH0	 0x40
#define PIT_CH2	 0x42
#define PIT_CMD	 0x43
#define PIT_GATE 0x61
#define CAL_MS	 10

#define MSR_APIC_BASE	 0x1b
#define LAPIC_EOI	 0x0b0
#define LAPIC_SVR	 0x0f0
#define LAPIC_LVT_TIMER	 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	 0x390
#define LAPIC_TIMER_DIV	 0x3e0
#define LAPIC_PERIODIC	 (1u << 17)
#define LAPIC_MASKED	 (1u << 16)

static volatile uint32_t *clock_lapic;
static void (*clock_tick)(void);

static uint64_t clock_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

/* Run PIT channel 2 for CAL_MS milliseconds (one-shot) and wait for it. */
static void clock_pit_wait(void)
{
	uint16_t count = PIT_HZ / (1000 / CAL_MS);

	arch_outb(PIT_GATE, (arch_inb(PIT_GATE) & ~0x02) | 0x01);
	arch_outb(PIT_CMD, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	arch_outb(PIT_CH2, count & 0xff);
	arch_outb(PIT_CH2, count >> 8);
	while (!(arch_inb(PIT_GATE) & 0x20))
		arch_cpu_relax();
}

uint64_t arch_clock_calibrate(void)
{
	uint64_t flags = arch_irq_save();
	uint64_t t0 = arch_rdtsc();
	uint64_t t1;

	clock_pit_wait();
	t1 = arch_rdtsc();
	arch_irq_restore(flags);
	return (t1 - t0) * (1000 / CAL_MS);
}

static uint32_t clock_lapic_read(unsigned reg)
{
	return clock_lapic[reg / 4];
}

static void clock_lapic_write(unsigned reg, uint32_t v)
{
	clock_lapic[reg / 4] = v;
}

static int clock_lapic_map(void)
{
	uint64_t base = clock_rdmsr(MSR_APIC_BASE);

	if (!(base & (1 << 11)))
		return -1; /* the local APIC is disabled */
	base &= 0xfffff000;
	if (arch_translate(KERN_MMIO_BASE, NULL) == ~0ULL &&
	    arch_map_page(KERN_MMIO_BASE, base, VM_READ | VM_WRITE | VM_DEVICE) != 0)
		return -1;
	clock_lapic = (volatile uint32_t *)KERN_MMIO_BASE;
	return 0;
}

static int clock_lapic_start(unsigned hz)
{
	uint32_t elapsed;

	if (clock_lapic_map() != 0)
		return -1;
	clock_lapic_write(LAPIC_SVR, 0x100 | TRAPSPURIOUS);
	clock_lapic_write(LAPIC_TIMER_DIV, 0x3); /* divide by 16 */
	clock_lapic_write(LAPIC_LVT_TIMER, LAPIC_MASKED | TRAPTIMER);
	clock_lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	clock_pit_wait();
	elapsed = 0xffffffff - clock_lapic_read(LAPIC_TIMER_CUR);
	if (elapsed == 0)
		return -1;
	clock_lapic_write(LAPIC_LVT_TIMER, LAPIC_PERIODIC | TRAPTIMER);
	clock_lapic_write(LAPIC_TIMER_INIT, (uint32_t)((uint64_t)elapsed * (1000 / CAL_MS) / hz));
	return 0;
}

static void clock_run_tick(void);

static void clock_pit_irq(unsigned irq)
{
	(void)irq;
	clock_run_tick();
}

static int clock_pit_start(unsigned hz)
{
	uint32_t div = PIT_HZ / hz;

	arch_outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, rate generator */
	arch_outb(PIT_CH0, div & 0xff);
	arch_outb(PIT_CH0, (div >> 8) & 0xff);
	return irq_register(IRQTIMER, clock_pit_irq);
}

const char *arch_clock_start(unsigned hz, void (*tick)(void), int use_pit)
{
	uint64_t flags = arch_irq_save();
	const char *src = NULL;

	clock_tick = tick;
	if (!use_pit && clock_lapic_start(hz) == 0)
		src = "lapic";
	else if (clock_pit_start(hz) == 0)
		src = "pit";
	arch_irq_restore(flags);
	return src;
}

static uint64_t clock_ticks, clock_tick_cycles;

static void clock_run_tick(void)
{
	uint64_t t0 = arch_rdtsc();

	clock_tick();
	clock_tick_cycles += arch_rdtsc() - t0;
	clock_ticks++;
}

void arch_clock_interrupt(void)
{
	clock_lapic_write(LAPIC_EOI, 0);
	if (clock_tick)
		clock_run_tick();
}

void arch_clock_stats(uint64_t *ticks, uint64_t *cycles)
{
	*ticks = clock_ticks;
	*cycles = clock_tick_cycles;
}
