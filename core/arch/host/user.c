/*
 * The fake architecture's user mode: system-call frames are plain fields a
 * host test fills in and reads back; user memory is host memory (copies
 * are memcpy, so a host test must pass valid pointers); leaving the kernel
 * aborts, since host tests never run user code.
 */
#include <stdlib.h>
#include <string.h>

#include <arch/trap.h>
#include <arch/user.h>
#include <machine/trap.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

void arch_syscall_restart(struct trap_frame *tf, long nr)
{
	tf->pc -= 2;
	tf->sysnr = nr;
	tf->err = 0;
}

void arch_trap_user_init(struct trap_frame *tf, uint64_t pc, uint64_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->kind = TRAP_KIND_SYSCALL;
	tf->pc = pc;
	tf->sp = sp;
	tf->user = 1;
}

void arch_trap_restore_user(struct trap_frame *tf, const void *saved)
{
	const struct trap_frame *s = saved;

	tf->pc = s->pc;
	tf->sp = s->sp;
	memcpy(tf->args, s->args, sizeof(tf->args));
	tf->user = 1;
}

int arch_trap_signal(const struct trap_frame *tf)
{
	return tf->vector == 0 ? SIGFPE : tf->vector == 6 ? SIGILL : SIGSEGV;
}

size_t arch_trap_frame_size(void)
{
	return sizeof(struct trap_frame);
}

void arch_trap_set_call(struct trap_frame *tf, uint64_t pc, uint64_t sp, uint64_t arg0,
			uint64_t arg1, uint64_t arg2)
{
	tf->pc = pc;
	tf->sp = sp;
	tf->args[0] = (long)arg0;
	tf->args[1] = (long)arg1;
	tf->args[2] = (long)arg2;
}

void arch_user_return(const struct trap_frame *tf)
{
	(void)tf;
	abort();
}

int arch_copy_user(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

long arch_copy_user_str(char *dst, const char *src, size_t max)
{
	size_t n = strnlen(src, max);

	if (n == max)
		return -ENAMETOOLONG;
	memcpy(dst, src, n + 1);
	return (long)n;
}

int arch_trap_usercopy(const struct trap_frame *tf)
{
	return tf->fixup != 0;
}

int arch_trap_fixup(struct trap_frame *tf)
{
	if (tf->fixup == 0)
		return 0;
	tf->pc = tf->fixup;
	return 1;
}

void arch_set_tls(uint64_t base)
{
	(void)base;
}

void arch_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)rand();
}

void arch_fpu_init(void *area)
{
	memset(area, 0, ARCH_FPU_SIZE);
}

void arch_fpu_save(void *area)
{
	(void)area;
}

void arch_fpu_restore(const void *area)
{
	(void)area;
}
