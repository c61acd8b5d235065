# Kernel allocator: magazines over slabs (role mem, mem=zone).
MODULE := zone
SRCS := zone_slab.c zone_magazine.c zone_cache.c zone_alloc.c zone_debug.c zone_ops.c \
	mem_zone_mod.c
