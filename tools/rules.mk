# The boot ISO (GRUB 2, multiboot2), running it in QEMU, and debugging it.

ISO_DIR := $(B)/iso
ISO_MODS := $(patsubst $(B)/modules/%,$(ISO_DIR)/boot/mod/%,$(MODULES))
GRUB_TIMEOUT ?= 3

# QEMU: TCG by default (-cpu max emulates NX, SMEP, SMAP); KVM=1 opts in.
QEMU_MEM ?= 256M
ifeq ($(KVM),1)
QEMU_ACCEL := -accel kvm -cpu host
else
QEMU_ACCEL := -accel tcg -cpu max
endif
ifeq ($(GUI),1)
QEMU_DISPLAY := -serial mon:stdio
else
QEMU_DISPLAY := -display none -serial mon:stdio
endif
QEMU_FLAGS := $(QEMU_ACCEL) -m $(QEMU_MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
# `make run` lets `reboot` restart the machine (the tests keep -no-reboot:
# there a reset is a failure).
QEMU_RUN_FLAGS := $(QEMU_ACCEL) -m $(QEMU_MEM) -device isa-debug-exit,iobase=0xf4,iosize=0x04
export QEMU QEMU_ACCEL QEMU_MEM

# The copies GRUB reads carry no debug information (a fifth of the bytes
# to load); gdb reads the unstripped files in $(B)/.
$(ISO_DIR)/boot/zero.elf: $(B)/zero.elf
	@mkdir -p $(@D)
	$(Q)objcopy --strip-debug $< $@

$(ISO_DIR)/boot/initrd.cpio: $(B)/initrd.cpio
	@mkdir -p $(@D)
	$(Q)cp $< $@

$(ISO_DIR)/boot/mod/%.ko: $(B)/modules/%.ko
	@mkdir -p $(@D)
	$(Q)objcopy --strip-debug $< $@

$(ISO_DIR)/boot/grub/grub.cfg: tools/menu.txt tools/mkgrubcfg.sh
	@mkdir -p $(@D)
	$(Q)tools/mkgrubcfg.sh tools/menu.txt --timeout $(GRUB_TIMEOUT) > $@

$(B)/zero.iso: $(ISO_DIR)/boot/zero.elf $(ISO_MODS) $(ISO_DIR)/boot/initrd.cpio \
		$(ISO_DIR)/boot/grub/grub.cfg
	$(call msg,ISO,$@)
	$(Q)tools/mkiso.sh $(ISO_DIR) $@

iso: $(B)/zero.iso

# The disk of `make run`: build/disk.img, an ext3 image (label zero-root)
# made by mke2fs -d from the root tree of the initramfs. `make run` makes
# it when it is missing and keeps it afterwards (files written in zero
# stay); `make disk` remakes it. DISKIF=ide puts it on the IDE bus (the
# ata driver's entry) instead of virtio, DISK2=file.img attaches a second
# disk the same way, NODISK=1 attaches none.
DISK_IMG := $(B)/disk.img
DISK_SIZE ?= 256M
DISKIF ?= virtio
$(DISK_IMG): | $(B)/root.stamp
	$(call msg,DISK,$@)
	$(Q)tools/mkdisk.sh $(ROOT_DIR) $@ $(DISK_SIZE)

.PHONY: disk
disk: $(B)/root.stamp
	$(call msg,DISK,$(DISK_IMG))
	$(Q)tools/mkdisk.sh $(ROOT_DIR) $(DISK_IMG) $(DISK_SIZE)

# -drive flags of one disk: $(1) the file, $(2) its id, $(3) the IDE index.
ifeq ($(DISKIF),ide)
run_drive = -drive file=$(1),if=ide,index=$(3),format=raw
else
run_drive = -drive file=$(1),if=none,id=$(2),format=raw -device virtio-blk-pci,drive=$(2)
endif
# -boot d: the firmware boots the CD, never a disk (a disk with a boot
# signature would be tried first otherwise).
ifeq ($(NODISK),1)
RUN_DISK_DEP :=
RUN_DISKS := -boot d
else
RUN_DISK_DEP := | $(DISK_IMG)
RUN_DISKS := -boot d $(call run_drive,$(DISK_IMG),vd0,0) \
	$(if $(DISK2),$(call run_drive,$(DISK2),vd1,1))
endif
# One line when the disk predates the root tree it was made from.
run_disk_note = $(if $(filter 1,$(NODISK)),,@[ ! $(DISK_IMG) -ot $(B)/root.stamp ] || \
	echo "$(DISK_IMG) is older than the built root; \`make disk\` remakes it (files written in zero are lost)")

# `make run` boots the ISO with its menu. The quick loop, without editing
# tools/menu.txt: `make run MODULES=name[:args],... BOOT='words'` boots the
# first menu entry (RUN_ENTRY) at once, with those modules (from
# $(B)/modules) and command-line words added, through tools/mktestiso.sh.
RUN_ENTRY ?= $(shell awk -F'|' '!/^[[:space:]]*(\#|$$)/ { print $$1; exit }' tools/menu.txt)
RUN_DIR ?= $(B)/run
ifneq ($(strip $(RUN_MODULES)$(BOOT)),)
run: $(ISO_DIR)/boot/zero.elf $(ISO_MODS) $(ISO_DIR)/boot/initrd.cpio tools/menu.txt tools/mkgrubcfg.sh tools/mkiso.sh \
		tools/mktestiso.sh $(RUN_DISK_DEP)
	$(call msg,ISO,$(RUN_DIR)/test.iso)
	$(Q)B=$(B) tools/mktestiso.sh $(RUN_DIR) '$(RUN_ENTRY)' '$(BOOT)' '$(RUN_MODULES)'
	$(run_disk_note)
	@echo "zero: booting entry '$(RUN_ENTRY)' in QEMU; quit with Ctrl-a x"
	$(QEMU) $(QEMU_RUN_FLAGS) $(QEMU_DISPLAY) $(RUN_DISKS) -cdrom $(RUN_DIR)/test.iso
else
# A power-off from zero (halt, or init after its last line) leaves QEMU
# with status 33 (isa-debug-exit): for `make run` that is a clean end.
run: $(B)/zero.iso $(RUN_DISK_DEP)
	$(run_disk_note)
	@echo "zero: booting in QEMU; quit with Ctrl-a x"
	$(QEMU) $(QEMU_RUN_FLAGS) $(QEMU_DISPLAY) $(RUN_DISKS) -cdrom $< || [ $$? -eq 33 ]
endif

# QEMU waits for gdb (-S); gdb loads the kernel's symbols, connects and
# stops at kmain. See doc/debugging.md.
debug: $(B)/zero.iso
	@$(QEMU) $(QEMU_FLAGS) -display none -serial file:$(B)/debug-serial.log \
		-cdrom $< -s -S & qpid=$$!; \
	echo "zero: QEMU waits for gdb (serial output in $(B)/debug-serial.log)"; \
	gdb -q -x tools/gdbinit $(B)/zero.elf; kill $$qpid 2>/dev/null; true

# House style: `make style` checks, `make style FIX=1` rewrites.
style:
	@tools/style.sh $(if $(FIX),--fix)
