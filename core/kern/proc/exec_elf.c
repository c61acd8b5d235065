/*
 * Checking a program file before exec touches anything: the ELF header and
 * program headers, with every offset, size and address checked the way the
 * module loader checks a module. What passes runs as a static x86-64
 * executable: loadable segments inside user space, in order, not
 * overlapping, never both writable and executable, the file offsets inside
 * the file, and the entry point in an executable segment. Dynamic programs
 * (PT_INTERP) are refused: zero has no dynamic linker. A static
 * position-independent program (ET_DYN without PT_INTERP: what
 * `zero-cc -static-pie` makes) is checked the same way after every address
 * is moved by the load base the caller chose; it relocates itself (its
 * PT_DYNAMIC is for its own start code, rcrt0).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/exec.h>
#include <kern/prot.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <loader/elf64.h>
#include <uapi/errno.h>

static int exec_refuse(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

static int exec_check_header(const struct elf64_ehdr *eh, size_t len, const char **why)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (len < sizeof(*eh) || memcmp(eh->e_ident, magic, 4) != 0)
		return exec_refuse(why, "not an ELF file");
	if (eh->e_ident[ELF_EI_CLASS] != ELF_CLASS64 || eh->e_ident[ELF_EI_DATA] != ELF_DATA2LSB ||
	    eh->e_ident[ELF_EI_VERSION] != ELF_EV_CURRENT)
		return exec_refuse(why, "not a little-endian ELF64 file");
	if (eh->e_machine != ELF_EM_X86_64)
		return exec_refuse(why, "not an x86-64 program");
	if (eh->e_type != ELF_ET_EXEC && eh->e_type != ELF_ET_DYN)
		return exec_refuse(why, "not an executable (e_type)");
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > EXEC_MAX_PHDRS)
		return exec_refuse(why, "bad program header table size");
	if (eh->e_phoff > len ||
	    (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr) > len - eh->e_phoff)
		return exec_refuse(why, "program headers outside the file's first page");
	return 0;
}

static unsigned exec_prot(uint32_t flags)
{
	return (flags & ELF_PF_R ? VM_READ : 0) | (flags & ELF_PF_W ? VM_WRITE : 0) |
	       (flags & ELF_PF_X ? VM_EXEC : 0);
}

/* One PT_LOAD: inside the file, inside user space, congruent, W^X. */
static int exec_check_load(const struct elf64_phdr *ph, uint64_t file_size, const char **why)
{
	if (ph->p_filesz > ph->p_memsz)
		return exec_refuse(why, "segment with more file bytes than memory");
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return exec_refuse(why, "segment runs past the end of the file");
	if (ph->p_memsz == 0)
		return exec_refuse(why, "empty loadable segment");
	if (ph->p_vaddr < VM_USER_MIN || ph->p_vaddr >= USER_TOP ||
	    ph->p_memsz > USER_TOP - EXEC_STACK_SIZE - ph->p_vaddr)
		return exec_refuse(why, "segment outside user space");
	if ((ph->p_vaddr & (PAGE_SIZE - 1)) != (ph->p_offset & (PAGE_SIZE - 1)))
		return exec_refuse(why, "segment address and file offset disagree within a page");
	if ((ph->p_flags & (ELF_PF_W | ELF_PF_X)) == (ELF_PF_W | ELF_PF_X))
		return exec_refuse(why, "segment both writable and executable");
	return 0;
}

static int exec_add_load(struct exec_image *img, const struct elf64_phdr *ph, const char **why)
{
	struct exec_seg *s;

	if (img->nseg == EXEC_MAX_SEGS)
		return exec_refuse(why, "too many loadable segments");
	if (img->nseg && ph->p_vaddr < img->end)
		return exec_refuse(why, "loadable segments overlap or are out of order");
	s = &img->seg[img->nseg++];
	*s = (struct exec_seg){ .vaddr = ph->p_vaddr,
				.memsz = ph->p_memsz,
				.filesz = ph->p_filesz,
				.off = ph->p_offset,
				.prot = exec_prot(ph->p_flags) };
	img->end = (ph->p_vaddr + ph->p_memsz + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	return 0;
}

/* The program headers are in memory when a segment maps their file bytes. */
static void exec_find_phdr(struct exec_image *img, uint64_t phoff, uint64_t size)
{
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct exec_seg *s = &img->seg[i];

		if (phoff >= s->off && phoff + size <= s->off + s->filesz)
			img->phdr = s->vaddr + (phoff - s->off);
	}
}

static int exec_entry_ok(const struct exec_image *img)
{
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct exec_seg *s = &img->seg[i];

		if ((s->prot & VM_EXEC) && img->entry >= s->vaddr &&
		    img->entry - s->vaddr < s->memsz)
			return 1;
	}
	return 0;
}

/* PT_INTERP never; PT_DYNAMIC only in a position-independent program. */
static int exec_check_dynamic(const struct elf64_phdr *ph, int pie, const char **why)
{
	if (ph->p_type == ELF_PT_INTERP || (ph->p_type == ELF_PT_DYNAMIC && !pie))
		return exec_refuse(why, "a dynamically linked program (zero runs static ones)");
	return 0;
}

/* Move a position-independent program's segment to the load base. */
static int exec_rebase(struct elf64_phdr *ph, uint64_t base, const char **why)
{
	if (ph->p_vaddr >= USER_TOP || ph->p_memsz >= USER_TOP)
		return exec_refuse(why, "segment outside user space");
	ph->p_vaddr += base;
	return 0;
}

int exec_elf_check(const void *head, size_t len, uint64_t file_size, uint64_t pie_base,
		   struct exec_image *img, const char **why)
{
	const struct elf64_ehdr *eh = head;
	int rc = exec_check_header(eh, len < file_size ? len : file_size, why);
	int pie = rc == 0 && eh->e_type == ELF_ET_DYN;

	memset(img, 0, sizeof(*img));
	if (rc)
		return rc;
	if (pie && (pie_base & (PAGE_SIZE - 1)))
		return exec_refuse(why, "load base not page-aligned");
	img->base = pie ? pie_base : 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		struct elf64_phdr ph;

		memcpy(&ph, (const char *)head + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		rc = exec_check_dynamic(&ph, pie, why);
		if (rc || ph.p_type != ELF_PT_LOAD)
			goto next;
		rc = pie ? exec_rebase(&ph, img->base, why) : 0;
		if (rc == 0)
			rc = exec_check_load(&ph, file_size, why);
		if (rc == 0)
			rc = exec_add_load(img, &ph, why);
	next:
		if (rc)
			return rc;
	}
	if (eh->e_entry >= USER_TOP)
		return exec_refuse(why, "entry point outside the executable segments");
	img->entry = eh->e_entry + img->base;
	img->phnum = eh->e_phnum;
	if (img->nseg == 0)
		return exec_refuse(why, "no loadable segment");
	if (!exec_entry_ok(img))
		return exec_refuse(why, "entry point outside the executable segments");
	exec_find_phdr(img, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr));
	return 0;
}

int exec_script(const char *head, size_t len, char *interp, char *arg, size_t max)
{
	size_t i = 2, n;

	if (len < 2 || head[0] != '#' || head[1] != '!')
		return 0;
	while (i < len && (head[i] == ' ' || head[i] == '\t'))
		i++;
	for (n = 0; i < len && head[i] != '\n' && head[i] != ' ' && head[i] != '\t'; i++, n++)
		if (n + 1 < max)
			interp[n] = head[i];
	if (n == 0 || n + 1 >= max || i == len)
		return -ENOEXEC;
	interp[n] = '\0';
	while (i < len && (head[i] == ' ' || head[i] == '\t'))
		i++;
	for (n = 0; i < len && head[i] != '\n'; i++, n++)
		if (n + 1 < max)
			arg[n] = head[i];
	if (n + 1 >= max || i == len)
		return -ENOEXEC;
	while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t' || arg[n - 1] == '\r'))
		n--;
	arg[n] = '\0';
	return 1;
}
