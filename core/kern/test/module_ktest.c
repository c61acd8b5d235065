/*
 * Self-tests of the module machinery, run with ktest= in a boot that
 * loaded modules: the example role answers through the core's wrapper,
 * and every live module sits in the module area with W^X pages.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/example.h>
#include <core/ktest.h>
#include <core/kva.h>
#include <core/modmem.h>
#include <core/module.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>
#include <uapi/errno.h>

KTEST(example_role)
{
	char buf[64];
	unsigned before = example_count();
	int n = example_greet("zero", buf, sizeof(buf));

	if (role_provider("example") == NULL) {
		KTEST_CHECK(n == -ENODEV);
		return 0;
	}
	KTEST_CHECK(n > 0 && (size_t)n < sizeof(buf));
	printk("ktest: example provider '%s' says '%s'\n", role_provider("example"), buf);
	KTEST_CHECK(example_count() == before + 1);
	return 0;
}

/* What each segment must be mapped as: W^X, text executable, rodata read-only. */
static const unsigned module_seg_prot[LDR_NSEG] = {
	[LDR_SEG_TEXT] = VM_READ | VM_EXEC,
	[LDR_SEG_RODATA] = VM_READ,
	[LDR_SEG_DATA] = VM_READ | VM_WRITE,
};

static int module_check_pages(const struct ldr_segment *seg, unsigned want)
{
	for (uint64_t off = 0; off < seg->size; off += PAGE_SIZE) {
		unsigned prot;

		if (arch_translate(seg->target + off, &prot) == ~0ULL || prot != want)
			return -1;
	}
	return 0;
}

KTEST(modules_mapped_wx)
{
	for (unsigned i = 0; i < module_count(); i++) {
		const struct module *m = module_at(i);

		if (m->state != MODULE_LIVE)
			continue;
		KTEST_CHECK(m->base >= KERN_MODULE_BASE && m->base < KERN_MODULE_END);
		KTEST_CHECK(m->size > 0 && m->size % PAGE_SIZE == 0);
		KTEST_CHECK(module_find(m->name) == m);
		for (unsigned s = 0; s < LDR_NSEG; s++)
			KTEST_CHECK(module_check_pages(&m->ldr.seg[s], module_seg_prot[s]) == 0);
	}
	return 0;
}

KTEST(module_refusals_named)
{
	for (unsigned i = 0; i < module_count(); i++) {
		const struct module *m = module_at(i);

		KTEST_CHECK(m->name[0] != '\0');
		KTEST_CHECK(m->state != MODULE_REFUSED || m->reason[0] != '\0');
	}
	return 0;
}

/* Needs a boot with the fixtures `late` and `needlate` (tests/qemu/modules_bad.t). */
KTEST(module_unload)
{
	uint64_t before = modmem_used();

	KTEST_REQUIRE(module_find("late") && module_find("needlate"));
	KTEST_CHECK(module_unload("nosuch") == -ENOENT);
	KTEST_CHECK(module_unload("late") == -EBUSY);
	KTEST_CHECK(module_unload("needlate") == 0);
	KTEST_CHECK(module_find("needlate") == NULL && role_provider("needlate") == NULL);
	KTEST_CHECK(module_unload("late") == 0);
	KTEST_CHECK(role_provider("late") == NULL);
	KTEST_CHECK(modmem_used() < before);
	KTEST_CHECK(module_unload("late") == -ENOENT);
	return 0;
}

/*
 * The module area's address space, with the real layout: a probe link and
 * the real one (alloc, free, alloc) cost one module's space, not two; freed
 * space is handed out again; a range may end exactly at the area's end,
 * and after that nothing is placed above it (no wrap in the bounds check).
 */
KTEST(modmem_area_reused)
{
	static struct kva_arena area = KVA_ARENA_INIT(
	    "ktest", KERN_MODULE_BASE, KERN_MODULE_END - KERN_MODULE_BASE, PAGE_SIZE);
	const uint64_t mib = 1ULL << 20;
	uint64_t va[9], again, last, rest, probe;

	for (unsigned i = 0; i < 9; i++) {
		KTEST_CHECK(kva_alloc(&area, 60 * mib, &probe) == 0);
		kva_free(&area, probe, 60 * mib);
		KTEST_CHECK(kva_alloc(&area, 60 * mib, &va[i]) == 0 && va[i] == probe);
	}
	for (unsigned i = 0; i < 9; i++)
		kva_free(&area, va[i], 60 * mib);
	KTEST_CHECK(kva_alloc(&area, 600 * mib, &va[0]) == 0);
	kva_free(&area, va[0], 600 * mib);
	KTEST_CHECK(kva_alloc(&area, 600 * mib, &again) == 0 && again == va[0]);
	/* The rest of the area, guard included, ends exactly at its end. */
	rest = KERN_MODULE_END - (again + 600 * mib + PAGE_SIZE) - PAGE_SIZE;
	KTEST_CHECK(kva_alloc(&area, rest, &last) == 0);
	KTEST_CHECK(last + rest + PAGE_SIZE == KERN_MODULE_END);
	KTEST_CHECK(kva_alloc(&area, PAGE_SIZE, &probe) == -ENOMEM);
	kva_free(&area, last, rest);
	kva_free(&area, again, 600 * mib);
	KTEST_CHECK(area.nfree == 1 && area.used == 0);
	return 0;
}

/* The loader's allocator itself: a freed range comes back, frames and all. */
KTEST(modmem_reuses_freed)
{
	const struct ldr_env *env = modmem_env();
	uint64_t a, b, used = modmem_used();
	void *host;

	KTEST_CHECK(env->alloc(env->ctx, 16 * PAGE_SIZE, VM_READ | VM_WRITE, &a, &host) == 0);
	KTEST_CHECK(a >= KERN_MODULE_BASE && a < KERN_MODULE_END);
	env->free(env->ctx, a, host, 16 * PAGE_SIZE);
	KTEST_CHECK(modmem_used() == used);
	KTEST_CHECK(env->alloc(env->ctx, 16 * PAGE_SIZE, VM_READ | VM_WRITE, &b, &host) == 0);
	KTEST_CHECK(b == a && ((volatile char *)host)[PAGE_SIZE] == 0);
	env->free(env->ctx, b, host, 16 * PAGE_SIZE);
	/* More than the whole area: refused, nothing kept. */
	KTEST_CHECK(env->alloc(env->ctx, KERN_MODULE_END - KERN_MODULE_BASE, VM_READ, &b, &host) ==
		    -ENOMEM);
	KTEST_CHECK(modmem_used() == used);
	return 0;
}
