# Kernel allocator: two-level segregated fit (role mem, mem=tlsf).
MODULE := tlsf
SRCS := tlsf.c tlsf_ops.c mem_tlsf_mod.c
