/*
 * The memory source zero's malloc expects (user/lib/libc.h), faked for
 * the host tests: the heap is a static 64 MiB arena (with a settable
 * limit), map() is the host's mmap, and __mem_fail() jumps back into the
 * test that armed it instead of aborting.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "libc_host.h"

#define ARENA (64u << 20)

static _Alignas(4096) unsigned char arena[ARENA];
size_t fake_heap_used;
size_t fake_heap_limit = ARENA;
int fake_grow_calls;
long fake_maps, fake_unmaps, fake_mapped;
jmp_buf *fake_fail_jump;
const char *fake_fail_what;

void __lock(volatile int *l);
void __unlock(volatile int *l);
void *__mem_grow(size_t n);
void *__mem_map(size_t n);
void __mem_unmap(void *p, size_t n);
void __mem_fail(const char *what);

void __lock(volatile int *l)
{
	*l = 1;
}

void __unlock(volatile int *l)
{
	*l = 0;
}

void *__mem_grow(size_t n)
{
	void *p;

	fake_grow_calls++;
	if (n > fake_heap_limit - fake_heap_used)
		return NULL;
	p = arena + fake_heap_used;
	fake_heap_used += n;
	return p;
}

void *__mem_map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	fake_maps++;
	fake_mapped += (long)n;
	return p;
}

void __mem_unmap(void *p, size_t n)
{
	fake_unmaps++;
	fake_mapped -= (long)n;
	munmap(p, n);
}

void __mem_fail(const char *what)
{
	fake_fail_what = what;
	if (fake_fail_jump)
		longjmp(*fake_fail_jump, 1);
	abort();
}
