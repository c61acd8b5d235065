# zero: one make graph for the kernel, its modules, tools, tests and docs.
# Each directory adds its sources through its rules.mk; everything builds
# into $(B)/ (never in the source tree). See doc/build.md.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-builtin-variables

B := build
ARCH := x86_64
VERSION := 0.1.0

CC := gcc
LD := ld
NM := nm
HOSTCC := gcc
CLANG := clang
QEMU := qemu-system-x86_64

# Kernel and module code: freestanding, no red zone, top-2-GiB code model.
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -mno-red-zone -mcmodel=kernel -fno-pic \
	-fno-pie -mgeneral-regs-only -nostdlib -fno-stack-protector -fno-common \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns -Wall -Wextra -Werror -MMD -MP
# Generated headers (the system-call numbers) live in $(GEN)/include.
GEN := $(B)/gen
KCPPFLAGS := -Icore/arch/$(ARCH)/include -Icore/include -I$(GEN)/include -Iloader/include \
	-DZERO_VERSION='"$(VERSION)"'
KASFLAGS := -g -MMD -MP -D__ASSEMBLY__
# The core's private headers (<core/...>) are on the core's and the loader's
# include path only: modules see the SDK (core/include) and nothing else.
KPRIVCPPFLAGS := -Icore/kern/include -DZERO_CORE
$(B)/kernel/core/%.o: KPRIV := $(KPRIVCPPFLAGS)
$(B)/kernel/loader/%.o: KPRIV := $(KPRIVCPPFLAGS)

# Host code (tests, tools): sanitizers on, the fake arch instead of x86.
HOSTCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -MMD -MP \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOSTCPPFLAGS := -Icore/arch/host/include -Icore/include -Icore/kern/include -I$(GEN)/include \
	-Iloader/include -Imodules \
	-DZERO_VERSION='"$(VERSION)"'

# Quiet by default; `make V=1` shows every command.
ifeq ($(V),1)
Q :=
msg = @:
else
Q := @
msg = @printf '  %-7s %s\n' $(1) $(2);
endif

# Every build step waits for the packages the project needs (tools/deps.sh
# installs what is missing, once).
DEPS_STAMP := $(B)/.deps-ok

KOBJS :=
GEN_HEADERS :=
# `make run MODULES=name[:args],...` names extra modules to boot; inside the
# graph MODULES is the list of module files (modules/rules.mk overrides it).
RUN_MODULES := $(if $(filter command line,$(origin MODULES)),$(MODULES))
override MODULES :=
HOST_TESTS :=
QEMU_TESTS :=
CLEAN_EXTRA :=

# loader/ adds to KOBJS, which the kernel link rule in core/ expands.
include loader/rules.mk
include core/rules.mk
include modules/rules.mk
include user/rules.mk
include tools/rules.mk
include tests/rules.mk
include doc/rules.mk

$(DEPS_STAMP): tools/deps.sh
	@mkdir -p $(@D)
	@tools/deps.sh
	@touch $@

# Objects depend on the flags they were built with: a changed flag rebuilds.
define flags_file
$(B)/$(1).flags: FORCE
	@mkdir -p $$(@D)
	@echo '$(2)' | cmp -s - $$@ || echo '$(2)' > $$@
endef
$(eval $(call flags_file,kernel,$(KCFLAGS) $(KCPPFLAGS) $(KASFLAGS)))
$(eval $(call flags_file,host,$(HOSTCFLAGS) $(HOSTCPPFLAGS)))
.PHONY: FORCE

# Kernel objects.
$(B)/kernel/%.o: %.c $(B)/kernel.flags | $(DEPS_STAMP) $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) $(KPRIV) -c $< -o $@

$(B)/kernel/%.o: %.S $(B)/kernel.flags | $(DEPS_STAMP) $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,AS,$<)
	$(Q)$(CC) $(KASFLAGS) $(KCPPFLAGS) $(KPRIV) -c $< -o $@

# Host objects (tests and tools).
$(B)/host/%.o: %.c $(B)/host.flags | $(DEPS_STAMP) $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(HOSTCPPFLAGS) -c $< -o $@

.PHONY: all iso run test bench doc debug style clean deps help
all: $(B)/zero.elf $(B)/sdkcheck.ok $(B)/zero.iso $(MODULES) $(HOST_TEST_BINS)

deps:
	@tools/deps.sh

clean:
	rm -rf $(B)

help:
	@sed -n '/^## /s/^## //p' doc/targets.txt 2>/dev/null || \
		echo "targets: all iso run test bench doc debug style clean deps module"

-include $(shell find $(B) -name '*.d' 2>/dev/null)
