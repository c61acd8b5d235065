/*
 * The clocks the System V IPC sources read, for their host tests: the
 * wall clock (the *_time fields) and the monotonic one (semtimedop), each
 * a counter the test may set.
 */
#include <stdint.h>

#include <kern/tmr.h>
#include <kern/uptime.h>

uint64_t fake_realtime_ns = 1700000000ull * 1000000000ull;
uint64_t fake_now_ns = 1000000000ull;

uint64_t kern_realtime_ns(void)
{
	return fake_realtime_ns;
}

uint64_t kern_realtime_sec(void)
{
	return fake_realtime_ns / 1000000000ull;
}

uint64_t tmr_now_ns(void)
{
	return fake_now_ns;
}
