# modules: each module is compiled with the kernel's flags and linked with
# `ld -r` into $(B)/modules/<name>.ko, then checked by kmodcheck against
# the kernel's export table. `make module M=modules/<dir>` builds the
# modules whose sources are under that directory, and nothing else.
#
# To add a module: append its name to MODULE_NAMES and list its sources in
# <name>_SRCS (see doc/modules.md).

MODULE_NAMES := tmr page vm zone tlsf stride hello hola
zone_SRCS := modules/mem/zone/zone_slab.c modules/mem/zone/zone_magazine.c modules/mem/zone/zone_cache.c \
	modules/mem/zone/zone_alloc.c modules/mem/zone/zone_debug.c modules/mem/zone/zone_ops.c \
	modules/mem/zone/mem_zone_mod.c
tlsf_SRCS := modules/mem/tlsf/tlsf.c modules/mem/tlsf/tlsf_ops.c modules/mem/tlsf/mem_tlsf_mod.c
stride_SRCS := modules/sched/stride/stride.c modules/sched/stride/stride_mod.c
tmr_SRCS := modules/tmr/tmr_mod.c modules/tmr/callout.c
page_SRCS := modules/page/buddy_alloc.c modules/page/buddy_frames.c modules/page/buddy_ops.c \
	modules/page/buddy_reclaim.c modules/page/buddy_takeover.c modules/page/page_buddy_mod.c
vm_SRCS := modules/vm/vm_fault.c modules/vm/vm_mod.c modules/vm/vm_pool.c modules/vm/vm_region.c \
	modules/vm/vm_region_tree.c modules/vm/vm_space.c
hello_SRCS := modules/example/hello/hello.c
hola_SRCS := modules/example/hola/hola.c

KMODCHECK := $(B)/tools/kmodcheck
KMODCHECK_OBJS := $(patsubst %.c,$(B)/host/%.o,loader/tools/kmodcheck.c $(LOADER_SRCS))

$(KMODCHECK): $(KMODCHECK_OBJS)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ -lelf

# $(1): module name; $(2): output directory; $(3): check it (1) or not.
define module_rule
$(2)/$(1).ko: $(patsubst %.c,$(B)/kernel/%.o,$($(1)_SRCS)) $(if $(3),$(KMODCHECK) $(B)/zero.elf)
	@mkdir -p $$(@D)
	$$(call msg,LD,$$@)
	$(Q)$(LD) -r -o $$@.tmp $(patsubst %.c,$(B)/kernel/%.o,$($(1)_SRCS))
	$(if $(3),$(Q)$(KMODCHECK) --kernel $(B)/zero.elf --quiet $$@.tmp)
	$(Q)mv $$@.tmp $$@
endef
$(foreach m,$(MODULE_NAMES),$(eval $(call module_rule,$(m),$(B)/modules,1)))
MODULES := $(patsubst %,$(B)/modules/%.ko,$(MODULE_NAMES))

.PHONY: module
module: $(foreach m,$(MODULE_NAMES),$(if $(filter $(patsubst %/,%,$(M))/%,$($(m)_SRCS)),$(B)/modules/$(m).ko))
	@$(if $(M),,echo "usage: make module M=modules/<dir>" >&2; exit 2)
	@$(if $^,echo "module: built $^",echo "module: no module has sources under $(M)" >&2; exit 2)
