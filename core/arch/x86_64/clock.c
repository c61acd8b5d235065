/*
 * Clock hardware of the PC: the TSC as the cycle counter and the periodic
 * tick from the local APIC timer or, failing that, from PIT channel 0 on
 * IRQ 0.
 *
 * Calibration happens once, briefly. Where CPUID leaf 0x15 answers (Intel
 * SDM vol. 3, 18.7.3: TSC = crystal * EBX / EAX) the TSC rate is read, not
 * measured, and the crystal is the APIC timer's clock too; where only leaf
 * 0x16 gives the base frequency, that is the TSC rate. Otherwise one
 * window of CAL_MS on PIT channel 2 (a fixed 1.193182 MHz) measures the
 * TSC and the APIC timer together, so the tick's period in TSC cycles is
 * right even where the window itself is not exact (an emulator's I/O), and
 * the TSC clock and the tick agree.
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
#define CAL_MS	 2

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
static uint64_t clock_lapic_hz; /* APIC timer counts per second at divide-by-16; 0: unknown */

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

static void clock_cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(0));
}

/* The TSC rate CPUID states (leaf 0x15, else 0x16), or 0; the crystal in *crystal. */
static uint64_t clock_cpuid_tsc(uint64_t *crystal)
{
	uint32_t r[4];

	*crystal = 0;
	clock_cpuid(0, r);
	if (r[0] < 0x15)
		return 0;
	clock_cpuid(0x15, r);
	if (r[0] && r[1] && r[2]) {
		*crystal = r[2];
		return (uint64_t)r[2] * r[1] / r[0];
	}
	clock_cpuid(0, r);
	if (r[0] < 0x16)
		return 0;
	clock_cpuid(0x16, r);
	return (uint64_t)(r[0] & 0xffff) * 1000000;
}

/* One PIT window: the TSC's rate, and the APIC timer's if it is there. */
static uint64_t clock_window(void)
{
	int lapic = clock_lapic_map() == 0;
	uint64_t t0, t1;
	uint32_t elapsed = 0;

	if (lapic) {
		clock_lapic_write(LAPIC_SVR, 0x100 | TRAPSPURIOUS);
		clock_lapic_write(LAPIC_TIMER_DIV, 0x3); /* divide by 16 */
		clock_lapic_write(LAPIC_LVT_TIMER, LAPIC_MASKED | TRAPTIMER);
		clock_lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	}
	t0 = arch_rdtsc();
	clock_pit_wait();
	t1 = arch_rdtsc();
	if (lapic)
		elapsed = 0xffffffff - clock_lapic_read(LAPIC_TIMER_CUR);
	clock_lapic_hz = (uint64_t)elapsed * (1000 / CAL_MS);
	return (t1 - t0) * (1000 / CAL_MS);
}

uint64_t arch_clock_calibrate(void)
{
	uint64_t flags = arch_irq_save();
	uint64_t crystal, tsc = clock_cpuid_tsc(&crystal);

	if (tsc && crystal && clock_lapic_map() == 0)
		clock_lapic_hz = crystal / 16;
	else if (tsc)
		(void)clock_window(); /* for the APIC timer only */
	else
		tsc = clock_window();
	arch_irq_restore(flags);
	return tsc;
}

static int clock_lapic_start(unsigned hz)
{
	if (clock_lapic_map() != 0)
		return -1;
	if (clock_lapic_hz == 0)
		(void)clock_window(); /* not calibrated yet */
	if (clock_lapic_hz / hz == 0)
		return -1;
	clock_lapic_write(LAPIC_SVR, 0x100 | TRAPSPURIOUS);
	clock_lapic_write(LAPIC_TIMER_DIV, 0x3); /* divide by 16 */
	clock_lapic_write(LAPIC_LVT_TIMER, LAPIC_PERIODIC | TRAPTIMER);
	clock_lapic_write(LAPIC_TIMER_INIT, (uint32_t)(clock_lapic_hz / hz));
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
