/*
 * Where malloc's memory comes from: the break (brk) for the heap, map()
 * for large blocks (and for the heap when the break cannot move).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

void *__mem_map(size_t n)
{
	struct sysmem m = { 0, 0, (int64_t)n, PROT_READ | PROT_WRITE };
	long r = __sys_map(-1, MAP_PRIVATE | MAP_ANON, &m);

	return r < 0 ? NULL : (void *)r;
}

void __mem_unmap(void *p, size_t n)
{
	__sys_umap(p, (long)n);
}

/* The break is read each time: the program may have moved it with sbrk(). */
void *__mem_grow(size_t n)
{
	long cur = __sys_brk(0);

	if (cur > 0 && __sys_brk((char *)cur + n) == cur + (long)n)
		return (void *)cur;
	return __mem_map(n);
}

void __mem_fail(const char *what)
{
	static const char msg[] = "malloc: invalid or freed pointer given to ";

	__sys_write(2, msg, sizeof(msg) - 1);
	__sys_write(2, what, strlen(what));
	__sys_write(2, "\n", 1);
	abort();
}

int brk(void *addr)
{
	long r = __sys_brk(addr);

	if (r < 0)
		return (int)__ret(r);
	if (r != (long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t inc)
{
	long old = __sys_brk(0), r;

	if (old < 0)
		return (void *)__ret(old);
	if (inc == 0)
		return (void *)old;
	r = __sys_brk((char *)old + inc);
	if (r != old + inc) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}
