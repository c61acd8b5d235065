/*
 * Frames behind kernel virtual ranges: the part of core/kva.h that touches
 * page tables (the arena logic in kva.c stays host-testable without them).
 * Frames come from the caller, who knows where they must come from (the
 * module area uses the bootstrap allocator until `page` takes over).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/kva.h>
#include <uapi/errno.h>

int kva_map(uint64_t va, size_t npages, uint64_t (*frame_alloc)(void),
	    void (*frame_free)(uint64_t pa))
{
	for (size_t i = 0; i < npages; i++) {
		uint64_t pa = frame_alloc();

		if (pa == 0 || arch_map_page(va + i * PAGE_SIZE, pa, VM_READ | VM_WRITE) != 0) {
			if (pa)
				frame_free(pa);
			kva_unmap(va, i, frame_free);
			return -ENOMEM;
		}
	}
	return 0;
}

void kva_unmap(uint64_t va, size_t npages, void (*frame_free)(uint64_t pa))
{
	for (size_t i = 0; i < npages; i++) {
		uint64_t pa = arch_unmap_page(va + i * PAGE_SIZE);

		if (pa)
			frame_free(pa);
	}
}
