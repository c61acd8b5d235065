/*
 * Self-tests of the module machinery, run with ktest= in a boot that
 * loaded modules: the example role answers through the core's wrapper,
 * and every live module sits in the module area with W^X pages.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/example.h>
#include <core/ktest.h>
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
