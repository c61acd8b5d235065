/*
 * The module area allocator behind the loader's ldr_env. Addresses come
 * from the module area's kva arena (each segment followed by a guard page,
 * freed ranges reused); frames come from the bootstrap allocator until
 * `page` takes over, and frames of modules unloaded before that go on a
 * free list threaded through the frames themselves (reached by the direct
 * map), to be used first next time. That list is a stack (push and pop at
 * the head) and needs no links of its own.
 *
 * Lock order: modmem_lock (the frame stack and the takeover flag) is a leaf;
 * frames are taken from bootmem or `page` outside it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/boot.h>
#include <kern/bootmem.h>
#include <core/kva.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/lock.h>
#include <kern/page.h>
#include <kern/string.h>
#include <uapi/errno.h>

static struct kva_arena modmem_area =
    KVA_ARENA_INIT("modmem", KERN_MODULE_BASE, KERN_MODULE_END - KERN_MODULE_BASE, PAGE_SIZE);
static struct spinlock modmem_lock = SPINLOCK_INIT("modmem");
static uint64_t modmem_free_list;   /* physical address of the first free frame */
static uint64_t modmem_free_frames; /* frames on that list */
static uint64_t modmem_bytes;

static int modmem_paged; /* the page module took over: use page_alloc/page_free */

static uint64_t modmem_frame(void)
{
	uint64_t pa = 0;
	int paged;

	spin_lock(&modmem_lock);
	paged = modmem_paged;
	if (!paged && modmem_free_list) {
		pa = modmem_free_list;
		modmem_free_list = *(uint64_t *)(KERN_DIRECT_BASE + pa);
		modmem_free_frames--;
	}
	spin_unlock(&modmem_lock);
	if (paged)
		return page_alloc(0, 0);
	return pa ? pa : boot_frame();
}

static void modmem_release(uint64_t pa)
{
	spin_lock(&modmem_lock);
	if (!modmem_paged) {
		*(uint64_t *)(KERN_DIRECT_BASE + pa) = modmem_free_list;
		modmem_free_list = pa;
		modmem_free_frames++;
		pa = 0;
	}
	spin_unlock(&modmem_lock);
	if (pa)
		page_free(pa, 0);
}

/* Frames kept for reuse were handed out by bootmem, so after the takeover
 * the page module counts them in use: give them to it as free frames. */
void modmem_handoff(void)
{
	uint64_t pa;

	spin_lock(&modmem_lock);
	modmem_paged = 1;
	pa = modmem_free_list;
	modmem_free_list = 0;
	modmem_free_frames = 0;
	spin_unlock(&modmem_lock);
	while (pa) {
		uint64_t next = *(uint64_t *)(KERN_DIRECT_BASE + pa);

		page_free(pa, 0);
		pa = next;
	}
}

/*
 * Before `page` takes over, frames come one by one from the top of the
 * bootstrap allocator, and page tables for the range come from there too,
 * in between; so a mapping that fails half-way could not give its frames
 * back (they would only reach this free list, useless to the page module's
 * takeover, which needs bootmem). Instead a request is checked first, and
 * nothing is taken unless it fits: the frames (from this list first, as
 * modmem_frame() takes them: a probe link's frames serve the real link),
 * an upper bound of the page tables they need, and a reserve for the rest
 * of boot (the page module's frame records take about 1/256 of memory),
 * all but the listed frames from bootmem.
 */
#define MODMEM_BOOT_RESERVE (4ULL << 20)

static bool modmem_boot_affordable(size_t size)
{
	const struct bootmem *bm = boot_bootmem();
	uint64_t pages = size / PAGE_SIZE, free = bootmem_free_bytes(bm) / PAGE_SIZE;
	uint64_t tables = pages / 512 + pages / (512 * 512) + 4, listed;
	uint64_t reserve =
	    (MODMEM_BOOT_RESERVE + (bootmem_free_bytes(bm) + bootmem_used_bytes(bm)) / 64) /
	    PAGE_SIZE;
	int paged;

	spin_lock(&modmem_lock);
	paged = modmem_paged;
	listed = modmem_free_frames;
	spin_unlock(&modmem_lock);
	if (paged)
		return true;
	pages = pages > listed ? pages - listed : 0;
	/* Each term is at most 2^52: no sum overflows. */
	return pages + tables + reserve <= free;
}

static int modmem_alloc(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host)
{
	uint64_t va;

	(void)ctx;
	(void)prot;
	if (!modmem_boot_affordable(size))
		return -ENOMEM;
	if (kva_alloc(&modmem_area, size, &va) != 0)
		return -ENOMEM;
	if (kva_map(va, size / PAGE_SIZE, modmem_frame, modmem_release) != 0) {
		kva_free(&modmem_area, va, size);
		return -ENOMEM;
	}
	__atomic_add_fetch(&modmem_bytes, size, __ATOMIC_RELAXED);
	memset((void *)va, 0, size);
	*target = va;
	*host = (void *)va;
	return 0;
}

static void modmem_free(void *ctx, uint64_t target, void *host, size_t size)
{
	(void)ctx;
	(void)host;
	kva_unmap(target, size / PAGE_SIZE, modmem_release);
	kva_free(&modmem_area, target, size);
	__atomic_sub_fetch(&modmem_bytes, size, __ATOMIC_RELAXED);
}

static int modmem_resolve(void *ctx, const char *name, uint64_t *addr)
{
	(void)ctx;
	return module_resolve(name, addr);
}

static const struct ldr_env modmem_ldr_env = {
	.alloc = modmem_alloc,
	.free = modmem_free,
	.resolve = modmem_resolve,
	.ctx = NULL,
};

const struct ldr_env *modmem_env(void)
{
	return &modmem_ldr_env;
}

int modmem_seal(const struct ldr_module *mod)
{
	for (unsigned s = 0; s < LDR_NSEG; s++) {
		const struct ldr_segment *seg = &mod->seg[s];

		for (size_t off = 0; off < seg->size; off += PAGE_SIZE)
			if (arch_protect_page(seg->target + off, seg->prot))
				return -EINVAL;
	}
	return 0;
}

uint64_t modmem_used(void)
{
	return modmem_bytes;
}
