/* Host tests of exec's program checker (core/kern/proc/exec_elf.c) and its
 * #! parser: a good static executable passes; every malformed class is
 * refused with ENOEXEC and a reason, never a crash. The images are made
 * here, field by field, after the ELF-64 specification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <core/exec.h>
#include <kern/prot.h>
#include <loader/elf64.h>
#include <uapi/errno.h>

#define FILE_SIZE 0x3000

static unsigned char img[4096];

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)img;
}

static struct elf64_phdr *ph(unsigned i)
{
	return (struct elf64_phdr *)(img + sizeof(struct elf64_ehdr)) + i;
}

/* A text segment (R X) at 0x400000 holding the headers, and data (R W). */
static void good(void)
{
	memset(img, 0, sizeof(img));
	memcpy(eh()->e_ident,
	       "\x7f"
	       "ELF",
	       4);
	eh()->e_ident[ELF_EI_CLASS] = ELF_CLASS64;
	eh()->e_ident[ELF_EI_DATA] = ELF_DATA2LSB;
	eh()->e_ident[ELF_EI_VERSION] = ELF_EV_CURRENT;
	eh()->e_type = ELF_ET_EXEC;
	eh()->e_machine = ELF_EM_X86_64;
	eh()->e_version = 1;
	eh()->e_entry = 0x401000;
	eh()->e_phoff = sizeof(struct elf64_ehdr);
	eh()->e_phentsize = sizeof(struct elf64_phdr);
	eh()->e_phnum = 2;
	*ph(0) = (struct elf64_phdr){ .p_type = ELF_PT_LOAD,
				      .p_flags = ELF_PF_R | ELF_PF_X,
				      .p_offset = 0,
				      .p_vaddr = 0x400000,
				      .p_filesz = 0x2000,
				      .p_memsz = 0x2000,
				      .p_align = 0x1000 };
	*ph(1) = (struct elf64_phdr){ .p_type = ELF_PT_LOAD,
				      .p_flags = ELF_PF_R | ELF_PF_W,
				      .p_offset = 0x2000,
				      .p_vaddr = 0x403000,
				      .p_filesz = 0x100,
				      .p_memsz = 0x5000,
				      .p_align = 0x1000 };
}

static const char *check(int expect)
{
	struct exec_image im;
	const char *why = "";

	assert_int_equal(exec_elf_check(img, sizeof(img), FILE_SIZE, 0, &im, &why), expect);
	return why;
}

static void test_good_program(void **state)
{
	struct exec_image im;
	const char *why = "";

	(void)state;
	good();
	assert_int_equal(exec_elf_check(img, sizeof(img), FILE_SIZE, 0, &im, &why), 0);
	assert_int_equal(im.nseg, 2);
	assert_int_equal(im.entry, 0x401000);
	assert_int_equal(im.seg[0].prot, VM_READ | VM_EXEC);
	assert_int_equal(im.seg[1].prot, VM_READ | VM_WRITE);
	assert_int_equal(im.phdr, 0x400000 + sizeof(struct elf64_ehdr));
	assert_int_equal(im.phnum, 2);
	assert_int_equal(im.end, 0x408000);
}

static void test_bad_headers(void **state)
{
	(void)state;
	good(), img[1] = 'X';
	assert_non_null(strstr(check(-ENOEXEC), "not an ELF"));
	good(), eh()->e_ident[ELF_EI_CLASS] = 1;
	check(-ENOEXEC);
	good(), eh()->e_machine = 3;
	assert_non_null(strstr(check(-ENOEXEC), "x86-64"));
	good(), eh()->e_type = ELF_ET_REL;
	check(-ENOEXEC);
	good(), eh()->e_phnum = 0;
	check(-ENOEXEC);
	good(), eh()->e_phnum = 200;
	check(-ENOEXEC);
	good(), eh()->e_phentsize = 40;
	check(-ENOEXEC);
	good(), eh()->e_phoff = 4090;
	check(-ENOEXEC);
	good(), eh()->e_phoff = UINT64_MAX - 8; /* wraps */
	check(-ENOEXEC);
	good(), eh()->e_entry = 0x403000; /* in data, not text */
	assert_non_null(strstr(check(-ENOEXEC), "entry"));
}

static void test_bad_segments(void **state)
{
	(void)state;
	good(), ph(1)->p_filesz = 0x6000; /* more file than memory */
	check(-ENOEXEC);
	good(), ph(1)->p_offset = FILE_SIZE; /* past the end of the file */
	check(-ENOEXEC);
	good(), ph(1)->p_offset = UINT64_MAX - 0x10; /* wraps */
	check(-ENOEXEC);
	good(), ph(1)->p_vaddr = 0x1000, ph(1)->p_offset = 0x1000; /* below user space's floor */
	check(-ENOEXEC);
	good(), ph(1)->p_vaddr = 0xffff800000000000ULL; /* the kernel */
	check(-ENOEXEC);
	good(), ph(1)->p_memsz = UINT64_MAX - 0x402000; /* wraps */
	check(-ENOEXEC);
	good(), ph(1)->p_vaddr = 0x403010; /* address and offset disagree in the page */
	check(-ENOEXEC);
	good(), ph(1)->p_flags = ELF_PF_R | ELF_PF_W | ELF_PF_X;
	assert_non_null(strstr(check(-ENOEXEC), "writable and executable"));
	good(), ph(1)->p_vaddr = 0x401000, ph(1)->p_offset = 0x1000; /* overlaps text */
	check(-ENOEXEC);
	good(), ph(1)->p_type = ELF_PT_INTERP;
	assert_non_null(strstr(check(-ENOEXEC), "dynamic"));
	good(), ph(0)->p_type = ELF_PT_TLS, ph(1)->p_type = ELF_PT_TLS;
	check(-ENOEXEC); /* no loadable segment */
	good(), ph(1)->p_memsz = 0;
	check(-ENOEXEC);
}

/* The same program linked position-independent: its addresses start at 0. */
static void pie(void)
{
	good();
	eh()->e_type = ELF_ET_DYN;
	eh()->e_entry = 0x1000;
	ph(0)->p_vaddr = 0;
	ph(1)->p_vaddr = 0x3000;
	ph(2)[0] = (struct elf64_phdr){ .p_type = ELF_PT_DYNAMIC,
					.p_flags = ELF_PF_R,
					.p_offset = 0x2000,
					.p_vaddr = 0x3000,
					.p_filesz = 0x40,
					.p_memsz = 0x40 };
	eh()->e_phnum = 3;
}

static int pie_check(uint64_t base, struct exec_image *im)
{
	const char *why = "";

	return exec_elf_check(img, sizeof(img), FILE_SIZE, base, im, &why);
}

static void test_pie(void **state)
{
	const uint64_t base = 0x555555554000ULL;
	struct exec_image im;

	(void)state;
	pie();
	assert_int_equal(pie_check(base, &im), 0);
	assert_int_equal(im.base, base);
	assert_int_equal(im.entry, base + 0x1000);
	assert_int_equal(im.seg[0].vaddr, base);
	assert_int_equal(im.seg[1].vaddr, base + 0x3000);
	assert_int_equal(im.phdr, base + sizeof(struct elf64_ehdr));
	assert_int_equal(im.end, base + 0x8000);
	assert_int_equal(pie_check(base + 12, &im), -ENOEXEC); /* base not page-aligned */
	assert_int_equal(pie_check(0, &im), -ENOEXEC);	       /* page 0 is below user space */
	pie(), ph(2)->p_type = ELF_PT_INTERP;		       /* needs a dynamic linker */
	assert_int_equal(pie_check(base, &im), -ENOEXEC);
	pie(), ph(1)->p_vaddr = 0x00007ffffffff000ULL; /* moved past user space */
	assert_int_equal(pie_check(base, &im), -ENOEXEC);
	pie(), ph(1)->p_vaddr = UINT64_MAX - 0xfff; /* wraps when moved */
	assert_int_equal(pie_check(base, &im), -ENOEXEC);
	pie(), eh()->e_entry = UINT64_MAX - base + 0x1001; /* wraps into the text */
	assert_int_equal(pie_check(base, &im), -ENOEXEC);
	good(), eh()->e_phnum = 3;
	ph(2)[0] = (struct elf64_phdr){ .p_type = ELF_PT_DYNAMIC,
					.p_offset = 0x2000,
					.p_vaddr = 0x403000,
					.p_filesz = 0x40,
					.p_memsz = 0x40 };
	assert_int_equal(pie_check(base, &im), -ENOEXEC); /* ET_EXEC with PT_DYNAMIC */
}

static void test_short_file(void **state)
{
	struct exec_image im;
	const char *why = "";

	(void)state;
	good();
	assert_int_equal(exec_elf_check(img, 10, 10, 0, &im, &why), -ENOEXEC);
	assert_int_equal(exec_elf_check(img, sizeof(img), 100, 0, &im, &why), -ENOEXEC);
}

static void test_scripts(void **state)
{
	char interp[32], arg[32];

	(void)state;
	assert_int_equal(exec_script("\x7f"
				     "ELF",
				     4, interp, arg, sizeof(interp)),
			 0);
	assert_int_equal(exec_script("#!/bin/sh\necho", 14, interp, arg, sizeof(interp)), 1);
	assert_string_equal(interp, "/bin/sh");
	assert_string_equal(arg, "");
	assert_int_equal(exec_script("#! /bin/awk  -f \t\nx", 19, interp, arg, sizeof(interp)), 1);
	assert_string_equal(interp, "/bin/awk");
	assert_string_equal(arg, "-f");
	assert_int_equal(exec_script("#!\n", 3, interp, arg, sizeof(interp)), -ENOEXEC);
	assert_int_equal(exec_script("#!/bin/sh", 9, interp, arg, sizeof(interp)), -ENOEXEC);
	assert_int_equal(
	    exec_script("#!/a/very/long/interpreter/path/name\n", 37, interp, arg, sizeof(interp)),
	    -ENOEXEC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_program), cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_segments), cmocka_unit_test(test_short_file),
		cmocka_unit_test(test_scripts),	     cmocka_unit_test(test_pie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
