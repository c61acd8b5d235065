/*
 * Self-tests of the core's own early pieces, run inside the kernel with
 * ktest=: they check what host tests cannot, such as the real symbol table
 * of this image and the boot information GRUB gave this boot.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <core/boot.h>
#include <kern/fmt.h>
#include <core/ksym.h>
#include <core/ktest.h>
#include <core/syscall.h>
#include <kern/string.h>
#include <uapi/errno.h>

extern const struct ksym_table ksym_kernel;

KTEST(fmt_in_kernel)
{
	char buf[64];

	KTEST_CHECK(fmt_snprintf(buf, sizeof(buf), "%s=%d %#lx", "x", -42, 0xffUL) == 10);
	KTEST_CHECK(strcmp(buf, "x=-42 0xff") == 0);
	KTEST_CHECK(fmt_snprintf(buf, 4, "%05u", 7u) == 5 && strcmp(buf, "000") == 0);
	return 0;
}

KTEST(ksym_names_kmain)
{
	uint64_t off = ~0ULL;
	const char *name = ksym_lookup(&ksym_kernel, (uint64_t)&kmain + 3, &off);

	KTEST_CHECK(ksym_kernel.nsyms > 10);
	KTEST_CHECK(name != NULL && strcmp(name, "kmain") == 0);
	KTEST_CHECK(off == 3);
	return 0;
}

static void kselftest_frame(uint64_t pc, void *arg)
{
	int *found = arg;
	uint64_t off;
	const char *name = ksym_lookup(&ksym_kernel, pc - 1, &off);

	if (name && strcmp(name, "ktest_run") == 0)
		*found = 1;
}

/* The walk from this test must pass through the runner that called it. */
KTEST(backtrace_reaches_runner)
{
	int found = 0;

	arch_backtrace(0, 16, kselftest_frame, &found);
	KTEST_CHECK(found);
	return 0;
}

KTEST(boot_info_sane)
{
	const struct mb2_info *info = boot_info();

	KTEST_CHECK(info->nmmap > 0);
	KTEST_CHECK(mb2_mem_total(info, MB2_MEM_AVAILABLE) >= (16ULL << 20));
	KTEST_CHECK(cmdline_has(boot_cmdline(), "ktest"));
	for (unsigned i = 0; i < info->nmods; i++) {
		KTEST_CHECK(info->mods[i].end >= info->mods[i].start);
		KTEST_CHECK((info->mods[i].start & 0xfff) == 0); /* page-aligned: tag 6 */
	}
	return 0;
}

KTEST(string_ops)
{
	char a[32];

	memset(a, 'x', sizeof(a));
	memcpy(a + 1, "hello", 6);
	KTEST_CHECK(a[0] == 'x' && strcmp(a + 1, "hello") == 0);
	memmove(a + 3, a + 1, 6);
	KTEST_CHECK(strcmp(a + 3, "hello") == 0 && a[1] == 'h' && a[2] == 'e');
	KTEST_CHECK(memcmp("abc", "abd", 3) < 0 && strncmp("abc", "abd", 2) == 0);
	KTEST_CHECK(strchr("kernel", 'n') != NULL && strnlen("abc", 2) == 2);
	return 0;
}

/* memcpy/memset against a byte-by-byte model: every size up to 80 bytes
 * at every alignment of source and destination, guard bytes intact. */
static unsigned char kt_buf[2][128];

static int kt_copy_one(unsigned da, unsigned sa, unsigned n)
{
	for (unsigned i = 0; i < 128; i++) {
		kt_buf[0][i] = (unsigned char)(0xa5 ^ i);
		kt_buf[1][i] = (unsigned char)(i * 7 + 1);
	}
	memcpy(kt_buf[0] + da, kt_buf[1] + sa, n);
	for (unsigned i = 0; i < 128; i++) {
		unsigned char want = i >= da && i < da + n ? (unsigned char)((i - da + sa) * 7 + 1)
							   : (unsigned char)(0xa5 ^ i);

		if (kt_buf[0][i] != want)
			return -1;
	}
	memset(kt_buf[0] + da, 0x3c, n);
	for (unsigned i = 0; i < 128; i++) {
		unsigned char want = i >= da && i < da + n ? 0x3c : (unsigned char)(0xa5 ^ i);

		if (kt_buf[0][i] != want)
			return -1;
	}
	return 0;
}

KTEST(string_sizes_and_alignments)
{
	int bad = 0;

	for (unsigned da = 0; da < 9; da++)
		for (unsigned sa = 0; sa < 9; sa++)
			for (unsigned n = 0; n <= 80; n++)
				bad |= kt_copy_one(da, sa, n);
	KTEST_CHECK(bad == 0);
	return 0;
}

/* The image is mapped W^X: text executable and read-only, rodata
 * read-only and no-execute, data writable and no-execute. */
KTEST(kernel_mapped_wx)
{
	static int data_word = 1;
	static const int rodata_word = 2;
	unsigned prot;

	KTEST_CHECK(arch_translate((uint64_t)&kmain, &prot) != ~0ULL);
	KTEST_CHECK((prot & VM_EXEC) && !(prot & VM_WRITE));
	KTEST_CHECK(arch_translate((uint64_t)&rodata_word, &prot) != ~0ULL);
	KTEST_CHECK(!(prot & VM_EXEC) && !(prot & VM_WRITE));
	KTEST_CHECK(arch_translate((uint64_t)&data_word, &prot) != ~0ULL);
	KTEST_CHECK(!(prot & VM_EXEC) && (prot & VM_WRITE));
	KTEST_CHECK(arch_translate(0x1000, &prot) == ~0ULL); /* identity map gone */
	return 0;
}

KTEST(map_page_refuses_wx)
{
	uint64_t va = KERN_MODULE_END - 2 * PAGE_SIZE;
	uint64_t pa = boot_frame();
	unsigned prot;

	KTEST_CHECK(pa != 0);
	KTEST_CHECK(arch_map_page(va, pa, VM_WRITE | VM_EXEC) == -EINVAL);
	KTEST_CHECK(arch_map_page(va, pa, VM_READ) == 0);
	KTEST_CHECK(arch_map_page(va, pa, VM_READ) == -EEXIST);
	KTEST_CHECK(arch_translate(va + 8, &prot) == pa + 8 && !(prot & VM_WRITE));
	KTEST_CHECK(arch_unmap_page(va) == pa);
	KTEST_CHECK(arch_translate(va, NULL) == ~0ULL);
	return 0;
}

/* Every call in syscalls.tbl has its handler linked in (the table's
 * references are weak: a missing sys_<name> would be a silent ENOSYS). */
KTEST(syscall_handlers)
{
	unsigned missing = 0;

	for (unsigned i = 0; i < SYS_NR; i++) {
		if (syscall_table[i].name && !syscall_table[i].fn) {
			pr_err("ktest: system call %u (%s) has no handler\n", i,
			       syscall_table[i].name);
			missing++;
		}
	}
	KTEST_CHECK(missing == 0);
	return 0;
}
