/*
 * The PC's CMOS real-time clock (MC146818: index port 0x70, data 0x71):
 * read twice until two reads agree (an update may be under way), BCD or
 * binary as register B says, 12- or 24-hour, the century assumed 20xx.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <machine/cpufunc.h>

#define RTC_INDEX 0x70
#define RTC_DATA  0x71

static uint8_t rtc_reg(uint8_t r)
{
	arch_outb(RTC_INDEX, r);
	return arch_inb(RTC_DATA);
}

static void rtc_read(uint8_t v[6])
{
	static const uint8_t regs[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };

	for (unsigned spin = 0; spin < 100000 && (rtc_reg(0x0a) & 0x80); spin++)
		;
	for (unsigned i = 0; i < 6; i++)
		v[i] = rtc_reg(regs[i]);
}

static unsigned rtc_bin(uint8_t v, int bcd)
{
	return bcd ? (v & 0x0f) + 10 * (v >> 4) : v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t rtc_days(unsigned y, unsigned m, unsigned d)
{
	static const unsigned before[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
	};
	uint64_t days = 365ULL * (y - 1970) + before[(m - 1) % 12] + d - 1;

	for (unsigned k = 1970; k < y; k++)
		days += (k % 4 == 0 && k % 100 != 0) || k % 400 == 0;
	if (m > 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		days++;
	return days;
}

uint64_t arch_rtc_seconds(void)
{
	uint8_t a[6], b[6], regb;
	unsigned sec, min, hour, day, mon, year;
	int bcd;

	do {
		rtc_read(a);
		rtc_read(b);
	} while (a[0] != b[0] || a[1] != b[1] || a[2] != b[2] || a[3] != b[3] || a[4] != b[4] ||
		 a[5] != b[5]);
	regb = rtc_reg(0x0b);
	bcd = !(regb & 0x04);
	sec = rtc_bin(a[0], bcd);
	min = rtc_bin(a[1], bcd);
	hour = rtc_bin(a[2] & 0x7f, bcd);
	if (!(regb & 0x02) && (a[2] & 0x80))
		hour = (hour % 12) + 12;
	day = rtc_bin(a[3], bcd);
	mon = rtc_bin(a[4], bcd);
	year = 2000 + rtc_bin(a[5], bcd);
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return 0;
	return ((rtc_days(year, mon, day) * 24 + hour) * 60 + min) * 60 + sec;
}

void arch_reboot(void)
{
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) none = { 0, 0 };

	arch_irq_disable();
	for (unsigned spin = 0; spin < 100000 && (arch_inb(0x64) & 0x02); spin++)
		;
	arch_outb(0x64, 0xfe); /* pulse the reset line */
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	for (;;)
		arch_wait();
}
