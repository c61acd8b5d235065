# loader: the in-kernel ELF linker (linked into the kernel image) and the
# host module checker built on libelf.

LOADER_SRCS :=
KOBJS += $(patsubst %.c,$(B)/kernel/%.o,$(LOADER_SRCS))
