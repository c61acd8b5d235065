# core: the kernel image. Explicit source lists; the arch adds its own.

CORE_SRCS := \
	core/kern/main.c \
	core/kern/bootinfo.c \
	core/kern/bootmem.c \
	core/kern/boot_mem.c \
	core/kern/clockhw.c \
	core/kern/crash.c \
	core/kern/example.c \
	core/kern/printk.c \
	core/kern/fmt.c \
	core/kern/page.c \
	core/kern/panic.c \
	core/kern/pmap.c \
	core/kern/ksym.c \
	core/kern/irq.c \
	core/kern/kbench.c \
	core/kern/kheap.c \
	core/kern/kmod_arg.c \
	core/kern/lock.c \
	core/kern/ktest.c \
	core/kern/kselftest.c \
	core/kern/cmdline.c \
	core/kern/mb2.c \
	core/kern/mem.c \
	core/kern/meminfo.c \
	core/kern/modmem.c \
	core/kern/modsort.c \
	core/kern/module.c \
	core/kern/module_boot.c \
	core/kern/module_ktest.c \
	core/kern/role.c \
	core/kern/sched.c \
	core/kern/sched_zero.c \
	core/kern/sched_ktest.c \
	core/kern/sleep.c \
	core/kern/string.c \
	core/kern/thr.c \
	core/kern/tmr.c \
	core/kern/vm.c \
	core/kern/vm_ktest.c \
	core/kern/version.c

include core/arch/$(ARCH)/rules.mk

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
