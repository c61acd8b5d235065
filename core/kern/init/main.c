/*
 * kmain: the boot sequence of the core, in the order of DESIGN.md section 3.
 * Each step either completes or panics with a reason; nothing after a
 * failed step runs on a half-initialised kernel.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <arch/string.h>
#include <core/boot.h>
#include <kern/clockhw.h>
#include <core/pci.h>
#include <core/kbench.h>
#include <core/ktest.h>
#include <core/meminfo.h>
#include <core/module.h>
#include <kern/page.h>
#include <kern/panic.h>
#include <kern/kmod.h>
#include <kern/printk.h>
#include <kern/uptime.h>
#include <kern/sched.h>
#include <kern/thr.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <core/debug.h>
#include <core/clock.h>
#include <core/sched.h>
#include <core/mm.h>
#include <core/proc.h>
#include <kern/io.h>

#define MB2_BOOT_MAGIC 0x36d76289

static struct cmdline boot_cl;
static struct mb2_info boot_mb2;
static uint64_t boot_mbi_len;

const struct cmdline *boot_cmdline(void)
{
	return &boot_cl;
}

const struct mb2_info *boot_info(void)
{
	return &boot_mb2;
}

/* The boot page tables map the first KERN_BOOT_MAPPED bytes; never read past them. */
static void boot_decode(uint32_t mbi_phys)
{
	char err[160];
	const void *mbi = (const void *)(KERN_DIRECT_BASE + mbi_phys);
	size_t avail = mbi_phys < KERN_BOOT_MAPPED ? KERN_BOOT_MAPPED - mbi_phys : 0;

	if (avail >= 4) {
		uint32_t total = *(const uint32_t *)mbi;

		boot_mbi_len = total < avail ? total : avail;
	}
	if (mb2_parse(mbi, avail, &boot_mb2, err, sizeof(err)) != 0)
		pr_err("boot: bad multiboot2 information: %s (continuing with what was read)\n",
		       err);
	if (cmdline_parse(&boot_cl, boot_mb2.cmdline) != 0)
		pr_warn("boot: command line too long or malformed; using what fits\n");
}

/* The index of the last word named @p key, or -1. */
static int boot_last_word(const char *key)
{
	for (unsigned i = boot_cl.nwords; i-- > 0;)
		if (strcmp(boot_cl.words[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Of `quiet` and `loglevel=N`, the later word wins (a menu entry's
 * loglevel=6, then quiet added by hand, is quiet). */
static void boot_apply_words(void)
{
	int quiet = boot_last_word("quiet"), loglevel = boot_last_word("loglevel");
	uint64_t level;
	int rc;

	rc = cmdline_get_range(&boot_cl, "loglevel", LOG_EMERG, LOG_DEBUG, &level);
	if (rc != 0 && rc != -ENOENT)
		pr_warn("boot: loglevel=%s: %s (expected %d..%d); keeping the default\n",
			cmdline_get(&boot_cl, "loglevel"),
			rc == -ERANGE ? "out of range" : "not a number", LOG_EMERG, LOG_DEBUG);
	if (rc == 0 && loglevel > quiet)
		printk_set_console_level((int)level);
	else if (quiet >= 0)
		printk_set_console_level(LOG_WARN);
	if (cmdline_get(&boot_cl, "panic") && strcmp(cmdline_get(&boot_cl, "panic"), "exit") == 0)
		panic_set_exit(1);
}

static void boot_banner(void)
{
	printk("zero %s (x86_64) booting\n", zero_version);
	printk("boot: loader '%s', command line '%s'\n",
	       boot_mb2.loader ? boot_mb2.loader : "unknown",
	       boot_mb2.cmdline ? boot_mb2.cmdline : "");
}

/* /proc on the final root, when a module registered the "proc" type. */
static void boot_mount_proc(void)
{
	static const struct cred root = { 0, 0, 0, 0 };
	int rc = io_mount(NULL, "proc", "/proc", "proc", 0, &root);

	if (rc == 0)
		printk("boot: proc mounted on /proc\n");
	else if (rc == -ENOENT)
		printk("boot: the root has no /proc: proc not mounted\n");
	else if (rc != -ENODEV) /* -ENODEV: no procfs module */
		pr_warn("boot: cannot mount proc on /proc: error %d\n", rc);
}

/* /dev/shm (the POSIX shm names), when a module registered "shmfs". */
static void boot_mount_shm(void)
{
	static const struct cred root = { 0, 0, 0, 0 };
	int rc = io_mount(NULL, "shm", "/dev/shm", "shmfs", 0, &root);

	if (rc == 0)
		printk("boot: shmfs mounted on /dev/shm\n");
	else if (rc != -ENODEV && rc != -ENOENT) /* no shmfs module; no /dev/shm */
		pr_warn("boot: cannot mount shmfs on /dev/shm: error %d\n", rc);
}

/* User space: the root from the initrd, then the first process. */
static int boot_user(void)
{
	const void *image;
	const char *spec;
	size_t len;
	int rc;

	if (module_initrd_image(&image, &len) != 0) {
		printk("zero: no initrd module: no user space\n");
		return -ENOENT;
	}
	rc = io_mount_root(image, len);
	if (rc) {
		pr_err("zero: cannot mount the initial root (%lu bytes): error %d\n", len, rc);
		return rc;
	}
	spec = cmdline_get(&boot_cl, "root");
	if (spec && spec[0] && strcmp(spec, "ram") != 0)
		io_mount_disk_root(spec); /* logs what it did; the initramfs stays on failure */
	boot_mount_proc();
	boot_mount_shm();
	rc = proc_start_first();
	if (rc)
		pr_err("zero: cannot start the first process: error %d\n", rc);
	return rc;
}

static uint64_t boot_cycles0; /* the cycle counter when kmain began */

uint64_t kern_uptime_ms(void)
{
	uint64_t hz = clockhw_hz();

	return hz >= 1000 ? (arch_cycles() - boot_cycles0) / (hz / 1000) : 0;
}
KERN_EXPORT(kern_uptime_ms);

static void boot_report_time(uint64_t t0)
{
	uint64_t cycles = arch_cycles() - t0, hz = clockhw_hz();

	if (hz)
		printk("boot: complete in %lu ms (%lu million cycles)\n", cycles / (hz / 1000),
		       cycles / 1000000);
	else
		printk("boot: complete after %lu million cycles\n", cycles / 1000000);
}

/*
 * After boot: the self-tests asked for, then user space. Under halt=exit a
 * boot without `init=` leaves the emulator after the self-tests (the kernel
 * tests' way); with `init=` the first process's exit ends the run (33 when
 * it exited 0). Without halt=exit, /sbin/init (or init=) runs.
 */
static void boot_finish(uint64_t t0)
{
	const char *spec = cmdline_get(&boot_cl, "ktest");
	const char *halt = cmdline_get(&boot_cl, "halt");
	int failed = 0, halt_exit = halt && strcmp(halt, "exit") == 0;
	int want_user = cmdline_get(&boot_cl, "init") != NULL || (!halt_exit && !spec);

	boot_phase_report();
	boot_report_time(t0);
	if (spec)
		failed = ktest_run(spec[0] ? spec : "all");
	if (cmdline_get(&boot_cl, "bench"))
		kbench_run(cmdline_get(&boot_cl, "bench"));
	if (want_user && !failed && boot_user() == 0) {
		arch_irq_disable();
		for (;;)
			thr_sleep(&boot_cl, 0); /* user space runs; nobody wakes the boot thread */
	}
	if (halt_exit) {
		failed |= want_user;
		printk("zero: %s, leaving the emulator\n", failed ? "tests failed" : "done");
		arch_emu_exit(failed ? ARCH_EXIT_FAIL : ARCH_EXIT_PASS);
	}
	printk("zero: nothing more to run; idling\n");
	arch_irq_disable();
	for (;;)
		thr_sleep(&boot_cl, 0); /* nobody wakes the boot thread; others run */
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
	uint64_t t0 = arch_cycles();

	boot_cycles0 = t0;
	boot_phase_start(t0);

	arch_string_init();
	arch_console_init();
	arch_cpu_init();
	if (magic != MB2_BOOT_MAGIC)
		panic("not booted by a multiboot2 loader (magic %#x)", magic);
	boot_decode(mbi_phys);
	boot_apply_words();
	boot_banner();
	pr_debug("boot: string primitives: %s\n", arch_string_variant());
	boot_print_info(&boot_mb2);
	boot_phase_mark("early");
	boot_memory_init(&boot_mb2, mbi_phys, boot_mbi_len);
	boot_phase_mark("memory");
	sched_init();
	pci_init();
	boot_phase_mark("pci");
	module_boot(&boot_mb2, &boot_cl);
	boot_phase_mark("modules, rest");
	if (page_daemon_start() != 0)
		pr_warn("page: no page daemon thread\n");
	meminfo_print();
	sched_print();
	boot_phase_mark("reports");
	if (cmdline_get(&boot_cl, "crash") && boot_crash(cmdline_get(&boot_cl, "crash")) != 0)
		pr_err("boot: unknown crash= kind '%s'\n", cmdline_get(&boot_cl, "crash"));
	boot_finish(t0);
}
