# core: the kernel image. Explicit source lists; the arch adds its own.

CORE_SRCS := \
	core/kern/debug/assert.c \
	core/kern/debug/crash.c \
	core/kern/debug/ksym.c \
	core/kern/debug/panic.c \
	core/kern/debug/printk.c \
	core/kern/dev/blkdev.c \
	core/kern/dev/blkdev_buf.c \
	core/kern/dev/blkdev_gpt.c \
	core/kern/dev/blkdev_mbr.c \
	core/kern/dev/blkdev_rw.c \
	core/kern/dev/pci.c \
	core/kern/dev/pci_drv.c \
	core/kern/file/fdtab.c \
	core/kern/file/buf.c \
	core/kern/file/console.c \
	core/kern/file/event.c \
	core/kern/file/file.c \
	core/kern/file/file_path.c \
	core/kern/file/io.c \
	core/kern/init/boot_phase.c \
	core/kern/init/boot_report.c \
	core/kern/init/cmdline.c \
	core/kern/init/main.c \
	core/kern/init/mb2.c \
	core/kern/init/memmap.c \
	core/kern/init/version.c \
	core/kern/intr/irq.c \
	core/kern/intr/trap.c \
	core/kern/ipc/ipc.c \
	core/kern/lib/fmt.c \
	core/kern/lib/string.c \
	core/kern/mm/bootmem.c \
	core/kern/mm/kheap.c \
	core/kern/mm/kva.c \
	core/kern/mm/kva_map.c \
	core/kern/mm/mem.c \
	core/kern/mm/meminfo.c \
	core/kern/mm/page.c core/kern/mm/page_shrink.c \
	core/kern/mm/page_pcp.c \
	core/kern/mm/vm.c \
	core/kern/mod/example.c \
	core/kern/mod/kmod_arg.c \
	core/kern/mod/modmem.c \
	core/kern/mod/modsort.c \
	core/kern/mod/module.c \
	core/kern/mod/module_boot.c \
	core/kern/mod/role.c \
	core/kern/proc/exec.c \
	core/kern/proc/exec_args.c \
	core/kern/proc/exec_elf.c \
	core/kern/proc/job.c \
	core/kern/proc/job_tty.c \
	core/kern/proc/proc.c \
	core/kern/proc/proc_fds.c \
	core/kern/proc/proc_image.c \
	core/kern/proc/proc_info.c \
	core/kern/proc/proc_maps.c \
	core/kern/proc/proc_start.c \
	core/kern/proc/sched.c \
	core/kern/proc/sched_zero.c \
	core/kern/proc/signal.c \
	core/kern/proc/sleep.c \
	core/kern/proc/thr.c \
	core/kern/proc/thr_report.c \
	core/kern/synch/lock.c \
	core/kern/syscall/sys_attr.c \
	core/kern/syscall/sys_fd.c \
	core/kern/syscall/sys_fs.c \
	core/kern/syscall/sys_job.c \
	core/kern/syscall/sys_mem.c \
	core/kern/syscall/sys_misc.c \
	core/kern/syscall/sys_path.c \
	core/kern/syscall/sys_path_arg.c \
	core/kern/syscall/sys_cred.c \
	core/kern/syscall/sys_event.c \
	core/kern/syscall/sys_ipc.c \
	core/kern/syscall/sys_shm.c \
	core/kern/syscall/sys_pipe.c \
	core/kern/syscall/sys_prio.c \
	core/kern/syscall/sys_proc.c \
	core/kern/syscall/sys_rw.c \
	core/kern/syscall/sys_signal.c \
	core/kern/syscall/sys_sysctl.c \
	core/kern/syscall/sys_thread.c \
	core/kern/syscall/syscall.c \
	core/kern/syscall/sysctl_modules.c \
	core/kern/syscall/sysctl_procs.c \
	core/kern/syscall/uaccess.c \
	core/kern/test/blkdev_ktest.c \
	core/kern/test/core_ktest.c \
	core/kern/test/buf_ktest.c \
	core/kern/test/ipc_ktest.c \
	core/kern/test/io_ktest.c \
	core/kern/test/kbench.c \
	core/kern/test/ktest.c \
	core/kern/test/module_ktest.c \
	core/kern/test/sched_ktest.c \
	core/kern/test/stats_ktest.c \
	core/kern/test/page_ktest.c \
	core/kern/test/vm_ktest.c \
	core/kern/time/clockhw.c \
	core/kern/time/tmr.c

include core/arch/$(ARCH)/rules.mk

# The system calls, from one table (core/kern/syscall/syscalls.tbl): the
# uapi numbers here; the kernel's dispatch table and libc's stubs beside.
SYSCALL_TBL := core/kern/syscall/syscalls.tbl
GEN_HEADERS += $(GEN)/include/uapi/syscall.h
$(GEN)/include/uapi/syscall.h: $(SYSCALL_TBL) tools/syscallgen.sh
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)tools/syscallgen.sh uapi $(SYSCALL_TBL) > $@
$(GEN)/syscall_table.c: $(SYSCALL_TBL) tools/syscallgen.sh
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)tools/syscallgen.sh kernel $(SYSCALL_TBL) > $@
$(B)/kernel/gen/syscall_table.o: $(GEN)/syscall_table.c $(B)/kernel.flags | $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) $(KPRIVCPPFLAGS) -c $< -o $@
KOBJS += $(B)/kernel/gen/syscall_table.o
include core/arch/host/rules.mk

KOBJS += $(patsubst %,$(B)/kernel/%.o,$(basename $(CORE_SRCS) $(ARCH_SRCS)))
KERNEL_LDS := core/arch/$(ARCH)/kernel.ld
KLDFLAGS := -n -z max-page-size=0x1000 -z noexecstack -T $(KERNEL_LDS)

# Two link passes: the first without a symbol table, whose text symbols
# make the table the second pass links in (text does not move between them).
$(B)/kernel/ksym_empty.S: tools/ksymgen.sh
	@mkdir -p $(@D)
	$(Q)tools/ksymgen.sh --empty > $@

$(B)/kernel/ksyms.S: $(B)/zero.pass1.elf tools/ksymgen.sh
	$(call msg,KSYM,$@)
	$(Q)tools/ksymgen.sh $< > $@

$(B)/kernel/ksym_empty.o $(B)/kernel/ksyms.o: $(B)/kernel/%.o: $(B)/kernel/%.S
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

$(B)/zero.pass1.elf: $(KOBJS) $(B)/kernel/ksym_empty.o $(KERNEL_LDS)
	$(call msg,LD,$@)
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(B)/kernel/ksym_empty.o

$(B)/zero.elf: $(KOBJS) $(B)/kernel/ksyms.o $(KERNEL_LDS) $(B)/zero.pass1.elf
	$(call msg,LD,$@)
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(B)/kernel/ksyms.o
	@tools/ksymcheck.sh $(B)/zero.pass1.elf $@

# The module SDK may declare only what the kernel exports (tools/sdkcheck.sh).
# kern/vfs.h declares the io module's exports (the file-system interface).
$(B)/sdkcheck.ok: $(B)/zero.elf $(B)/modules/io.ko tools/sdkcheck.sh $(wildcard core/include/kern/*.h)
	$(call msg,SDKCHECK,core/include/kern)
	$(Q)tools/sdkcheck.sh $(CC) "$(B)/zero.elf $(B)/modules/io.ko" -Icore/arch/$(ARCH)/include -Icore/include
	@touch $@
# Every ISO (make run, make test) is made from a kernel that passed it.
$(B)/zero.iso: $(B)/sdkcheck.ok
