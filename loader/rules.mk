# loader: the in-kernel ELF linker (linked into the kernel image) and the
# host module checker built on libelf.

LOADER_SRCS := \
	loader/ldr_elf.c \
	loader/ldr_err.c \
	loader/ldr_layout.c \
	loader/ldr_meta.c \
	loader/ldr_reloc.c \
	loader/ldr_validate.c
KOBJS += $(patsubst %.c,$(B)/kernel/%.o,$(LOADER_SRCS))
