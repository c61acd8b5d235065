/*
 * Time, names and the machine: nanosleep, clock_gettime, gettimeofday,
 * uname, halt, setfsbase (sysctl is in sys_sysctl.c). The wall clock
 * is the RTC read at the first request plus the monotonic clock since then.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <arch/user.h>
#include <core/proc.h>
#include <core/signal.h>
#include <kern/kmod.h>
#include <core/clock.h>
#include <kern/io.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/uaccess.h>
#include <kern/uptime.h>
#include <uapi/errno.h>
#include <uapi/proc.h>
#include <uapi/time.h>
#include <uapi/utsname.h>

#define NS 1000000000ULL

static uint64_t misc_epoch_ns; /* wall-clock time at tmr_now_ns() == 0 */

uint64_t kern_realtime_ns(void)
{
	uint64_t e = __atomic_load_n(&misc_epoch_ns, __ATOMIC_RELAXED);

	if (e == 0) {
		e = arch_rtc_seconds() * NS - tmr_now_ns();
		__atomic_store_n(&misc_epoch_ns, e, __ATOMIC_RELAXED);
	}
	return e + tmr_now_ns();
}
KERN_EXPORT(kern_realtime_ns);

static uint64_t misc_coarse_sec; /* kern_realtime_ns() / NS at the last tick */

void kern_realtime_tick(void)
{
	__atomic_store_n(&misc_coarse_sec, kern_realtime_ns() / NS, __ATOMIC_RELAXED);
}

uint64_t kern_realtime_sec(void)
{
	uint64_t s = __atomic_load_n(&misc_coarse_sec, __ATOMIC_RELAXED);

	return s ? s : kern_realtime_ns() / NS;
}
KERN_EXPORT(kern_realtime_sec);

long sys_nanosleep(long ureq, long urem, long a2, long a3, long a4, long a5)
{
	struct timespec req, rem = { 0, 0 };
	uint64_t ns, start;
	long rc;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (copyin(&req, (uint64_t)ureq, sizeof(req)) != 0)
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= (int64_t)NS)
		return -EINVAL;
	ns = (uint64_t)req.tv_sec * NS + (uint64_t)req.tv_nsec;
	start = tmr_now_ns();
	rc = ns ? signal_sleep_ns(ns) : 0;
	if (rc == -EINTR && urem) {
		uint64_t done = tmr_now_ns() - start, left = done < ns ? ns - done : 0;

		rem.tv_sec = (int64_t)(left / NS);
		rem.tv_nsec = (int64_t)(left % NS);
		if (copyout((uint64_t)urem, &rem, sizeof(rem)) != 0)
			return -EFAULT;
	}
	return rc;
}

long sys_clock_gettime(long clk, long uts, long a2, long a3, long a4, long a5)
{
	struct timespec ts;
	uint64_t ns;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (clk == CLOCK_MONOTONIC)
		ns = tmr_now_ns();
	else if (clk == CLOCK_REALTIME)
		ns = kern_realtime_ns();
	else
		return -EINVAL;
	ts.tv_sec = (int64_t)(ns / NS);
	ts.tv_nsec = (int64_t)(ns % NS);
	return copyout((uint64_t)uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(long utv, long utz, long a2, long a3, long a4, long a5)
{
	uint64_t ns = kern_realtime_ns();
	struct timeval tv = { .tv_sec = (int64_t)(ns / NS), .tv_usec = (int64_t)(ns % NS / 1000) };

	(void)utz, (void)a2, (void)a3, (void)a4, (void)a5;
	return utv && copyout((uint64_t)utv, &tv, sizeof(tv)) ? -EFAULT : 0;
}

long sys_uname(long ubuf, long a1, long a2, long a3, long a4, long a5)
{
	struct utsname u;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	memset(&u, 0, sizeof(u));
	memcpy(u.sysname, "zero", 5);
	memcpy(u.nodename, "zero", 5);
	memcpy(u.release, ZERO_VERSION, strlen(ZERO_VERSION) + 1);
	memcpy(u.version, "modular teaching kernel", 24);
	memcpy(u.machine, "x86_64", 7);
	return copyout((uint64_t)ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_halt(long flg, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (proc_current()->cred.euid != 0)
		return -EPERM;
	if (flg & ~(long)(HALT_REBOOT | HALT_POWEROFF))
		return -EINVAL;
	if (io_shutdown() != 0)
		pr_err("zero: some file systems could not write everything back\n");
	printk("zero: %s\n", flg & HALT_REBOOT ? "rebooting" : "halting");
	if (flg & HALT_REBOOT)
		arch_reboot();
	arch_emu_exit(ARCH_EXIT_PASS);
	arch_halt();
}

long sys_setfsbase(long base, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (!uaccess_ok((uint64_t)base, 1))
		return -EINVAL;
	thr_current()->tls = (uint64_t)base;
	arch_set_tls((uint64_t)base);
	return 0;
}
