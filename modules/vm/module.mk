# Virtual memory: address spaces, regions and faults (role vm).
MODULE := vm
SRCS := vm_advise.c vm_fault.c vm_mod.c vm_obj.c vm_obj_page.c vm_pool.c vm_region.c vm_region_tree.c vm_space.c vm_walk.c
