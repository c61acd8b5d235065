# The fake arch that host tests compile generic code against: one archive,
# which tools/archcheck.sh also checks against the arch contract.
HOST_ARCH_SRCS := \
	core/arch/host/arch.c \
	core/arch/host/clock.c \
	core/arch/host/mmu.c \
	core/arch/host/pci.c \
	core/arch/host/pio.c \
	core/arch/host/string.c \
	core/arch/host/thread.c \
	core/arch/host/trap.c \
	core/arch/host/user.c
HOST_ARCH_LIB := $(B)/host/libarch_host.a

$(HOST_ARCH_LIB): $(patsubst %.c,$(B)/host/%.o,$(HOST_ARCH_SRCS))
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^
