# x86-64 parts of the kernel image.
ARCH_SRCS := \
	core/arch/x86_64/boot.S \
	core/arch/x86_64/trap_entry.S \
	core/arch/x86_64/arch.c \
	core/arch/x86_64/clock.c \
	core/arch/x86_64/desc.c \
	core/arch/x86_64/i8042.c \
	core/arch/x86_64/paging.c \
	core/arch/x86_64/pci_cfg.c \
	core/arch/x86_64/pio.c \
	core/arch/x86_64/rtc.c \
	core/arch/x86_64/pic.c \
	core/arch/x86_64/serial.c \
	core/arch/x86_64/string.c \
	core/arch/x86_64/switch.S \
	core/arch/x86_64/thread.c \
	core/arch/x86_64/trap.c \
	core/arch/x86_64/user.c \
	core/arch/x86_64/usercopy.S \
	core/arch/x86_64/vga.c \
	core/arch/x86_64/vga_term.c
