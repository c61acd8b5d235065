# modules: each module is compiled with the kernel's flags and linked with
# `ld -r` into $(B)/modules/<name>.ko, then checked by kmodcheck against
# the kernel's export table.
#
# A module folder describes itself: a module.mk beside its sources sets
#   MODULE := <name>          (the file $(B)/modules/<name>.ko)
#   SRCS   := a.c b.c         (relative to the folder)
#   KDEPS  := io              (optional: modules whose exports it imports;
#                              kmodcheck reads their .ko first)
# Every modules/**/module.mk is found (at any depth) and read here, in one
# make graph; adding a module is adding a folder (see doc/modules.md).
# `make module M=<dir>` builds the modules whose module.mk is at or under
# <dir>, and nothing else; <dir> may be outside modules/ (its module.mk
# files are then read too).
#
# MODULES is the list of module files. `make run MODULES=name[:args],...`
# sets it on the command line for another purpose (tools/rules.mk), so it is
# assigned with `override` here: append to it with `override MODULES +=`.

M_DIR := $(patsubst ./%,%,$(patsubst %/,%,$(M)))
MODULE_MKS := $(sort $(shell find modules -name module.mk) \
	$(if $(M_DIR),$(if $(filter modules modules/%,$(M_DIR)),,$(shell find $(M_DIR) -name module.mk 2>/dev/null))))

# $(1): a module.mk. Defines <name>_SRCS (paths from the top) and <name>_DIR.
define module_mk
MODULE :=
SRCS :=
KDEPS :=
include $(1)
$$(if $$(filter 1,$$(words $$(MODULE))),,$$(error $(1): MODULE must be one name, not '$$(MODULE)'))
$$(if $$(strip $$(SRCS)),,$$(error $(1): SRCS lists no sources))
$$(if $$(filter $$(MODULE),$$(MODULE_NAMES)),$$(error $(1): module '$$(MODULE)' is also defined by $$($$(MODULE)_DIR)/module.mk))
$$(foreach s,$$(SRCS),$$(if $$(wildcard $(dir $(1))$$(s)),,$$(error $(1): no source file $(dir $(1))$$(s))))
$$(MODULE)_SRCS := $$(addprefix $(dir $(1)),$$(SRCS))
$$(MODULE)_DIR := $(patsubst %/,%,$(dir $(1)))
$$(MODULE)_KDEPS := $$(KDEPS)
MODULE_NAMES += $$(MODULE)
endef
MODULE_NAMES :=
$(foreach f,$(MODULE_MKS),$(eval $(call module_mk,$(f))))
MODULE_NAMES := $(sort $(MODULE_NAMES))
MODULE :=
SRCS :=
KDEPS :=

KMODCHECK := $(B)/tools/kmodcheck
# The dry run places segments with the kernel's own module-area arena (kva.c).
KMODCHECK_OBJS := $(patsubst %.c,$(B)/host/%.o,loader/tools/kmodcheck.c $(LOADER_SRCS) \
	core/kern/mm/kva.c)

$(KMODCHECK): $(KMODCHECK_OBJS)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $^ -lelf

# $(1): module name; $(2): output directory; $(3): check it (1) or not.
define module_rule
$(2)/$(1).ko: $(patsubst %.c,$(B)/kernel/%.o,$($(1)_SRCS)) $(if $(3),$(KMODCHECK) $(B)/zero.elf) \
	$(patsubst %,$(B)/modules/%.ko,$($(1)_KDEPS))
	@mkdir -p $$(@D)
	$$(call msg,LD,$$@)
	$(Q)$(LD) -r -o $$@.tmp $(patsubst %.c,$(B)/kernel/%.o,$($(1)_SRCS))
	$(if $(3),$(Q)$(KMODCHECK) --kernel $(B)/zero.elf --quiet \
		$(patsubst %,$(B)/modules/%.ko,$($(1)_KDEPS)) $$@.tmp)
	$(Q)mv $$@.tmp $$@
endef
$(foreach m,$(MODULE_NAMES),$(eval $(call module_rule,$(m),$(B)/modules,1)))
override MODULES := $(patsubst %,$(B)/modules/%.ko,$(MODULE_NAMES))

# The modules whose folder is $(M_DIR) or below it.
MODULE_PICKED := $(foreach m,$(MODULE_NAMES),$(if $(filter $(M_DIR)/%,$($(m)_DIR)/),$(m)))

.PHONY: module
module: $(patsubst %,$(B)/modules/%.ko,$(MODULE_PICKED))
	@$(if $(M),,echo "usage: make module M=<dir> (a folder with a module.mk, or above some)" >&2; exit 2)
	@$(if $^,echo "module: built $^",echo "module: no module.mk at or under $(M) (see doc/modules.md)" >&2; exit 2)
