/*
 * Self-tests of memory as modules, run with ktest= in a boot where page,
 * vm and mem are loaded: real faults in a kernel-made address space
 * (demand-zero, copy-on-write after fork, guard pages), frames returned on
 * unmap, all of memory allocated and given back, and the mem allocator.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <core/kheap.h>
#include <core/ktest.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/printk.h>
#include <core/role.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/uaccess.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <core/mm.h>

#define VMT_PAGE 4096ULL

static uint64_t vmt_free_frames(void)
{
	struct page_stats st;

	page_stats(&st);
	return st.zone[PAGE_ZONE_DMA].free + st.zone[PAGE_ZONE_NORMAL].free;
}

/* User memory is reached through copyin()/copyout() only (SMAP enforces it). */
static int vmt_put(uint64_t va, uint64_t v)
{
	return copyout(va, &v, sizeof(v));
}

/* The word at @va, or ~0 when it cannot be read (no check expects ~0). */
static uint64_t vmt_get(uint64_t va)
{
	uint64_t v = ~0ULL;

	return copyin(&v, va, sizeof(v)) == 0 ? v : ~0ULL;
}

static uint64_t vmt_frame(struct vm_space *s, uint64_t va)
{
	vm_activate(s);
	return vmt_get(va);
}

/* The space's root is private to vm; compare frames through the data. */
KTEST(vm_cow_after_fork)
{
	struct vm_space *parent, *child;
	struct vm_space_info info;
	uint64_t addr = 0;

	KTEST_REQUIRE(role_provider("vm") && role_provider("page"));
	parent = vm_space_create();
	KTEST_CHECK(parent != NULL);
	KTEST_CHECK(vm_map(parent, &addr, 2 * VMT_PAGE, VM_READ | VM_WRITE, VM_PRIVATE) == 0);
	vm_activate(parent);
	KTEST_CHECK(vmt_put(addr, 0x1111) == 0);    /* demand-zero fault */
	KTEST_CHECK(vmt_get(addr + VMT_PAGE) == 0); /* another, on read */
	child = vm_fork(parent);
	KTEST_CHECK(child != NULL);
	KTEST_CHECK(vmt_put(addr, 0x2222) == 0); /* copy-on-write fault in the parent */
	KTEST_CHECK(vmt_frame(child, addr) == 0x1111);
	KTEST_CHECK(vmt_put(addr, 0x3333) == 0); /* the child's copy is now its own */
	KTEST_CHECK(vmt_frame(parent, addr) == 0x2222);
	vm_space_info(parent, &info);
	KTEST_CHECK(info.cow_faults == 1 && info.zero_faults == 2 && info.regions == 1);
	KTEST_CHECK(info.resident == 2 * VMT_PAGE);
	vm_activate(NULL);
	vm_space_destroy(child);
	vm_space_destroy(parent);
	return 0;
}

KTEST(vm_guard_and_protection)
{
	struct vm_space *s;
	uint64_t guard = 0, ro = 0;
	char line[96];

	KTEST_REQUIRE(role_provider("vm"));
	s = vm_space_create();
	KTEST_CHECK(s != NULL);
	KTEST_CHECK(vm_map(s, &guard, VMT_PAGE, VM_READ | VM_WRITE, VM_PRIVATE | VM_GUARD) == 0);
	KTEST_CHECK(vm_map(s, &ro, VMT_PAGE, VM_READ, VM_PRIVATE) == 0);
	KTEST_CHECK(vm_fault(s, guard + 8, VM_WRITE) == -EFAULT);
	KTEST_CHECK(vm_fault(s, guard + 8, VM_READ) == -EFAULT);
	KTEST_CHECK(vm_fault(s, ro, VM_WRITE) == -EACCES);
	KTEST_CHECK(vm_fault(s, ro, VM_READ) == 0);
	KTEST_CHECK(vm_fault(s, 0x1000, VM_READ) == -EFAULT); /* no region */
	KTEST_CHECK(vm_protect(s, ro, VMT_PAGE, VM_READ | VM_WRITE) == 0);
	KTEST_CHECK(vm_fault(s, ro, VM_WRITE) == 0);
	KTEST_CHECK(vm_protect(s, guard, VMT_PAGE, VM_READ) == -EACCES);
	KTEST_CHECK(vm_describe(s, guard, line, sizeof(line)) == 0 && strchr(line, 'g'));
	vm_space_destroy(s);
	return 0;
}

KTEST(vm_unmap_returns_frames)
{
	struct vm_space *s;
	uint64_t addr = 0, before;

	KTEST_REQUIRE(role_provider("vm") && role_provider("page"));
	vm_space_destroy(vm_space_create()); /* let vm's record pool grow first */
	before = vmt_free_frames();
	s = vm_space_create();
	KTEST_CHECK(s != NULL);
	KTEST_CHECK(vm_map(s, &addr, 64 * VMT_PAGE, VM_READ | VM_WRITE, VM_PRIVATE) == 0);
	vm_activate(s);
	for (uint64_t off = 0; off < 64 * VMT_PAGE; off += VMT_PAGE)
		KTEST_CHECK(vmt_put(addr + off, 1) == 0);
	KTEST_CHECK(vmt_free_frames() < before - 64);
	KTEST_CHECK(vm_unmap(s, addr + 16 * VMT_PAGE, 16 * VMT_PAGE) == 0);
	KTEST_CHECK(vmt_get(addr + 15 * VMT_PAGE) == 1);
	vm_activate(NULL);
	vm_space_destroy(s);
	KTEST_CHECK(vmt_free_frames() == before);
	return 0;
}

/* Pages scattered over 3 GiB (across page-table, directory and PDPT-entry
 * boundaries): the walks that skip empty tables must find every one of
 * them for info, fork, protect and unmap, and give back every frame. */
static const uint64_t vmt_sparse[] = {
	0,
	511 * VMT_PAGE,
	512 * VMT_PAGE,
	(3ULL << 21) + VMT_PAGE,
	(1ULL << 30) - VMT_PAGE,
	(1ULL << 30) + 2 * VMT_PAGE,
	(3ULL << 30) - VMT_PAGE,
};
#define VMT_NSPARSE (sizeof(vmt_sparse) / sizeof(vmt_sparse[0]))

KTEST(vm_sparse_walks)
{
	struct vm_space *s, *child;
	struct vm_space_info info;
	uint64_t addr = 0, before;

	KTEST_REQUIRE(role_provider("vm") && role_provider("page"));
	vm_space_destroy(vm_space_create());
	before = vmt_free_frames();
	s = vm_space_create();
	KTEST_CHECK(s != NULL);
	KTEST_CHECK(vm_map(s, &addr, 3ULL << 30, VM_READ | VM_WRITE, VM_PRIVATE) == 0);
	vm_activate(s);
	for (unsigned i = 0; i < VMT_NSPARSE; i++)
		KTEST_CHECK(vmt_put(addr + vmt_sparse[i], i + 1) == 0);
	vm_space_info(s, &info);
	KTEST_CHECK(info.resident == VMT_NSPARSE * VMT_PAGE);
	child = vm_fork(s);
	KTEST_CHECK(child != NULL);
	vm_space_info(child, &info);
	KTEST_CHECK(info.resident == VMT_NSPARSE * VMT_PAGE);
	for (unsigned i = 0; i < VMT_NSPARSE; i++)
		KTEST_CHECK(vmt_put(addr + vmt_sparse[i], 100 + i) == 0); /* copy-on-write each */
	vm_space_info(s, &info);
	KTEST_CHECK(info.cow_faults == VMT_NSPARSE);
	for (unsigned i = 0; i < VMT_NSPARSE; i++)
		KTEST_CHECK(vmt_frame(child, addr + vmt_sparse[i]) == i + 1);
	KTEST_CHECK(vm_protect(child, addr, 3ULL << 30, VM_READ) == 0);
	KTEST_CHECK(vm_fault(child, addr + vmt_sparse[VMT_NSPARSE - 1], VM_WRITE) == -EACCES);
	KTEST_CHECK(vm_unmap(child, addr + (1ULL << 30), 2ULL << 30) == 0);
	vm_space_info(child, &info);
	KTEST_CHECK(info.resident == 5 * VMT_PAGE);
	vm_activate(NULL);
	vm_space_destroy(child);
	vm_space_destroy(s);
	KTEST_CHECK(vmt_free_frames() == before);
	return 0;
}

/* Take every frame there is, one at a time, then give them all back. */
KTEST(page_all_memory)
{
	uint64_t before, n = 0, head = 0, pa;

	KTEST_REQUIRE(role_provider("page"));
	before = vmt_free_frames();
	while ((pa = page_alloc(0, 0)) != 0) {
		*(uint64_t *)page_virt(pa) = head; /* chain them through themselves */
		head = pa;
		n++;
	}
	KTEST_CHECK(n + 16 >= before && vmt_free_frames() <= 16);
	while (head) {
		pa = head;
		head = *(uint64_t *)page_virt(pa);
		page_free(pa, 0);
	}
	KTEST_CHECK(vmt_free_frames() == before);
	pa = page_alloc(PAGE_MAX_ORDER, 0);
	KTEST_CHECK(pa != 0 && (pa & ((VMT_PAGE << PAGE_MAX_ORDER) - 1)) == 0);
	page_free(pa, PAGE_MAX_ORDER);
	KTEST_CHECK(vmt_free_frames() == before);
	return 0;
}

static void vmt_ctor(void *obj)
{
	*(uint32_t *)obj = 0xc0ffee;
}

KTEST(mem_allocator)
{
	struct mem_cache *c;
	struct mem_info info;
	void *p[64];

	KTEST_REQUIRE(role_provider("mem"));
	for (unsigned i = 0; i < 64; i++) {
		p[i] = mem_alloc(8 + 61 * i);
		KTEST_CHECK(p[i] != NULL && ((uintptr_t)p[i] & 15) == 0);
		memset(p[i], (int)i, 8 + 61 * i);
	}
	for (unsigned i = 0; i < 64; i++) {
		KTEST_CHECK(*(unsigned char *)p[i] == i);
		mem_free(p[i]);
	}
	c = mem_cache_create("ktest-obj", 48, 16, vmt_ctor);
	KTEST_CHECK(c != NULL);
	p[0] = mem_cache_alloc(c);
	KTEST_CHECK(p[0] && *(uint32_t *)p[0] == 0xc0ffee);
	KTEST_CHECK(mem_cache_destroy(c) == -EBUSY);
	mem_cache_free(c, p[0]);
	KTEST_CHECK(mem_cache_destroy(c) == 0);
	mem_info(&info, NULL, 0);
	printk("ktest: allocator '%s': %lu allocations, %lu frees, %lu bytes in use\n",
	       info.allocator, info.allocs, info.frees, info.bytes_in_use);
	KTEST_CHECK(info.allocs >= 64 && info.frees >= 64 && info.allocator[0] != '\0');
	p[0] = mem_alloc(1 << 20);
	KTEST_CHECK(p[0] != NULL && ((uintptr_t)p[0] & (VMT_PAGE - 1)) == 0);
	memset(p[0], 0x5a, 1 << 20);
	mem_free(p[0]);
	return 0;
}

/* The page daemon thread wakes by itself (every second); with plenty of
 * free memory it does not scan. */
KTEST(page_daemon_thread)
{
	struct page_stats before, after;
	uint64_t passes = page_daemon_wakeups();

	KTEST_REQUIRE(role_provider("page") && tmr_hz() > 0);
	page_stats(&before);
	thr_sleep_ns(2100000000ULL);
	page_stats(&after);
	KTEST_CHECK(page_daemon_wakeups() >= passes + 2);
	KTEST_CHECK(after.daemon_runs == before.daemon_runs);
	return 0;
}

/* The heap area: a big block, zeroed, writable, with a guard page after it,
 * and its frames and addresses given back. */
KTEST(kheap_blocks)
{
	uint64_t before;
	char *a, *b;
	unsigned prot;

	KTEST_REQUIRE(role_provider("page"));
	a = kheap_alloc(300);
	kheap_free(a, 300); /* the page tables of the range stay: count after them */
	before = vmt_free_frames();
	a = kheap_alloc(300);
	KTEST_CHECK(a != NULL && kheap_used() >= 300 * VMT_PAGE);
	KTEST_CHECK(a[0] == 0 && a[300 * VMT_PAGE - 1] == 0);
	memset(a, 0x5a, 300 * VMT_PAGE);
	KTEST_CHECK(arch_translate((uint64_t)a + 299 * VMT_PAGE, &prot) != ~0ULL);
	KTEST_CHECK((prot & VM_WRITE) && !(prot & VM_EXEC));
	KTEST_CHECK(arch_translate((uint64_t)a + 300 * VMT_PAGE, NULL) == ~0ULL); /* guard */
	kheap_free(a, 300);
	KTEST_CHECK(vmt_free_frames() == before);
	b = kheap_alloc(100);
	KTEST_CHECK(b == a); /* the hole is reused */
	kheap_free(b, 100);
	KTEST_CHECK(kheap_alloc(0) == NULL);
	return 0;
}

/* Every kind of bad user pointer gives -EFAULT, never a fault report. */
KTEST(uaccess_bad_pointers)
{
	struct vm_space *s;
	uint64_t rw = 0, ro = 0, guard = 0, v = 42;
	char str[16];

	KTEST_REQUIRE(role_provider("vm"));
	s = vm_space_create();
	KTEST_CHECK(s != NULL);
	KTEST_CHECK(vm_map(s, &rw, VMT_PAGE, VM_READ | VM_WRITE, VM_PRIVATE) == 0);
	KTEST_CHECK(vm_map(s, &ro, VMT_PAGE, VM_READ, VM_PRIVATE) == 0);
	KTEST_CHECK(vm_map(s, &guard, VMT_PAGE, VM_READ, VM_PRIVATE | VM_GUARD) == 0);
	vm_activate(s);
	KTEST_CHECK(copyout(rw, &v, 8) == 0 && vmt_get(rw) == 42);
	KTEST_CHECK(copyin(&v, 0, 8) == -EFAULT);		      /* NULL */
	KTEST_CHECK(copyin(&v, KERN_DIRECT_BASE, 8) == -EFAULT);      /* kernel */
	KTEST_CHECK(copyin(&v, 0x8000000000000000ULL, 8) == -EFAULT); /* non-canonical */
	KTEST_CHECK(copyin(&v, USER_TOP - 4, 8) == -EFAULT);	      /* into the kernel half */
	KTEST_CHECK(copyin(&v, 0x1000, 8) == -EFAULT);		      /* unmapped */
	KTEST_CHECK(copyin(&v, guard, 8) == -EFAULT);		      /* guard */
	KTEST_CHECK(copyout(ro, &v, 8) == -EFAULT);		      /* read-only */
	KTEST_CHECK(copyin(&v, ro, 8) == 0 && v == 0);		      /* ...but readable */
	KTEST_CHECK(copyout(rw + VMT_PAGE - 4, &v, 8) == -EFAULT);    /* off the end */
	KTEST_CHECK(copyout(rw, "zero", 5) == 0);
	KTEST_CHECK(copyinstr(str, rw, sizeof(str)) == 4 && strcmp(str, "zero") == 0);
	KTEST_CHECK(copyinstr(str, rw, 4) == -ENAMETOOLONG);
	KTEST_CHECK(copyinstr(str, 0, sizeof(str)) == -EFAULT);
	KTEST_CHECK(copyinstr(str, KERN_DIRECT_BASE, sizeof(str)) == -EFAULT);
	vm_activate(NULL);
	vm_space_destroy(s);
	return 0;
}
