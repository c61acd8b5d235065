/*
 * What runs between _start and main: environ from the initial stack, the
 * main thread's TLS from the PT_TLS program header (found through AT_PHDR
 * and AT_PHNUM, or the file header the linker script maps), the signal
 * trampoline, the constructors, main, and exit() with its result.
 */
#include <stdlib.h>
#include <uapi/auxv.h>

#include "libc.h"

extern int main(int argc, char **argv, char **envp);
extern void (*__init_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*__init_array_end[])(int, char **, char **) __attribute__((weak));
extern const char __ehdr_start[] __attribute__((weak));

char **environ;
/* The auxiliary vector, for getauxval(). */
static unsigned long *auxv;

unsigned long getauxval(unsigned long type);

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

/* The program headers: AT_PHDR, else those after the mapped file header. */
static const void *program_headers(size_t *phnum)
{
	const void *ph = (const void *)getauxval(AT_PHDR);

	*phnum = getauxval(AT_PHNUM);
	if ((!ph || !*phnum) && __ehdr_start) {
		/* e_phoff at 32, e_phnum at 56 in an ELF64 header */
		ph = __ehdr_start + *(const unsigned long *)(__ehdr_start + 32);
		*phnum = *(const unsigned short *)(__ehdr_start + 56);
	}
	return ph;
}

__attribute__((noreturn, used)) void __libc_start(long *sp);

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;
	const void *ph;
	size_t phnum;

	while (*e)
		e++;
	auxv = (unsigned long *)(e + 1);
	environ = envp;
	ph = program_headers(&phnum);
	__tls_init_main(ph, phnum);
	__sigsetup();
	if (__init_array_start)
		for (size_t i = 0; __init_array_start + i < __init_array_end; i++)
			__init_array_start[i](argc, argv, envp);
	exit(main(argc, argv, envp));
}
