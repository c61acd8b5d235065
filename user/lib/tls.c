/*
 * Thread-local storage, variant II (x86-64): the FS base points at the
 * thread control block, whose first word points at itself; the TLS block
 * (the PT_TLS image, then zeros up to p_memsz) ends right below it,
 * its size rounded up to p_align (the rounding ld's offsets assume). The main thread's block is a
 * static buffer when it fits, map()ed memory otherwise; a pthread's is malloc'd with its stack.
 */
#include <stdint.h>
#include <string.h>
#include <sys/zero.h>

#include "libc.h"

#define PT_TLS 7

/* An ELF64 program header. */
struct phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

static const void *tls_image;
static size_t tls_filesz, tls_memsz;
static size_t seg_align = 1;  /* PT_TLS p_align: ld rounds memsz to it for the offsets */
static size_t tls_align = 16; /* the TCB's alignment: p_align, at least 16 */
static _Alignas(64) char main_tls[512];

static size_t tls_offset(void)
{
	return (tls_memsz + seg_align - 1) & ~(seg_align - 1);
}

size_t __tls_size(void)
{
	return tls_offset() + sizeof(struct __tcb) + tls_align;
}

struct __tcb *__tls_setup(void *mem)
{
	uintptr_t tp = ((uintptr_t)mem + tls_offset() + tls_align - 1) & ~(tls_align - 1);
	struct __tcb *tcb = (struct __tcb *)tp;
	char *block = (char *)tp - tls_offset();

	memcpy(block, tls_image, tls_filesz);
	memset(block + tls_filesz, 0, tls_offset() - tls_filesz);
	tcb->self = tcb;
	tcb->thread = NULL;
	return tcb;
}

/* How far the program was moved from its link addresses: nothing for an
 * ordinary program, the load base for a static PIE (rcrt0 sets it). */
uintptr_t __libc_load_base;

void __tls_init_main(const void *phdr, size_t phnum)
{
	const struct phdr *ph = phdr;
	uintptr_t bias = __libc_load_base;
	void *mem = main_tls;

	for (size_t i = 0; ph && i < phnum; i++) {
		if (ph[i].p_type != PT_TLS)
			continue;
		tls_image = (const void *)(ph[i].p_vaddr + bias);
		tls_filesz = ph[i].p_filesz;
		tls_memsz = ph[i].p_memsz;
		seg_align = ph[i].p_align ? ph[i].p_align : 1;
		if (seg_align > tls_align)
			tls_align = seg_align;
	}
	if (__tls_size() > sizeof(main_tls)) {
		struct sysmem m = { 0, 0, (int64_t)__tls_size(), PROT_READ | PROT_WRITE };
		long r = __sys_map(-1, MAP_PRIVATE | MAP_ANON, &m);
		if (r < 0)
			__sys_exit(127, 0);
		mem = (void *)r;
	}
	__sys_setfsbase(__tls_setup(mem));
}
