/*
 * The x86-64 side of user mode (the contract's <arch/user.h>): the
 * `syscall` instruction's MSRs, SMEP and SMAP, system-call frames, entering
 * user mode, the exception fixup of user copies, the FS base for TLS.
 *
 * GS: in the kernel, GS.base points at this CPU's struct user_percpu (the
 * `syscall` entry finds its kernel stack there); in user mode it holds the
 * user's value, and KERNEL_GS_BASE ours. Every entry from user mode and
 * every return to it does one swapgs (trap_entry.S).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/trap.h>
#include <arch/user.h>
#include <machine/desc.h>
#include <machine/trap.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define MSR_EFER	   0xc0000080
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_SFMASK	   0xc0000084
#define MSR_FS_BASE	   0xc0000100
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_SCE	   0x1

#define CR4_SMEP (1ULL << 20)
#define CR4_SMAP (1ULL << 21)

#define RFLAGS_CF 0x0001
#define RFLAGS_TF 0x0100
#define RFLAGS_IF 0x0200
#define RFLAGS_DF 0x0400
#define RFLAGS_AC 0x40000

/* What the `syscall` entry reads through GS (offsets used in trap_entry.S). */
struct user_percpu {
	uint64_t kstack_top; /* 0: the running thread's kernel stack */
	uint64_t user_rsp;   /* 8: scratch for the user stack pointer */
};

static struct user_percpu user_cpu0;
uint8_t arch_smap_on; /* read by usercopy.S */

extern void syscall_entry(void);
extern char trap_return[];
extern const uint64_t __start_ex_table[], __stop_ex_table[];

static inline uint64_t user_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void user_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static void user_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

/* SMEP (CPUID.7.0:EBX bit 7) and SMAP (bit 20) where the CPU has them. */
static void user_protect_kernel(void)
{
	uint32_t r[4];
	uint64_t cr4;

	user_cpuid(0, 0, r);
	if (r[0] < 7)
		return;
	user_cpuid(7, 0, r);
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	if (r[1] & (1u << 7))
		cr4 |= CR4_SMEP;
	if (r[1] & (1u << 20)) {
		cr4 |= CR4_SMAP;
		arch_smap_on = 1;
	}
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
}

/* SSE for user code: CR0.MP on, CR0.EM off; CR4.OSFXSR and OSXMMEXCPT.
 * The kernel itself never touches these registers (-mgeneral-regs-only). */
static void user_enable_sse(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~(1ULL << 2)) | (1ULL << 1);
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ULL << 9) | (1ULL << 10);
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
}

void arch_fpu_init(void *area)
{
	uint8_t *a = area;

	for (unsigned i = 0; i < ARCH_FPU_SIZE; i++)
		a[i] = 0;
	a[0] = 0x7f; /* FCW 0x037f: every x87 exception masked, 64-bit precision */
	a[1] = 0x03;
	a[24] = 0x80; /* MXCSR 0x1f80: every SSE exception masked */
	a[25] = 0x1f;
}

void arch_fpu_save(void *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void arch_fpu_restore(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void arch_user_init(void)
{
	user_protect_kernel();
	user_enable_sse();
	user_wrmsr(MSR_EFER, user_rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall loads CS = STAR[47:32], SS = +8; sysret (unused: we return
	 * with iretq) would load CS = STAR[63:48] + 16, SS = +8. */
	user_wrmsr(MSR_STAR, ((uint64_t)(SEG_UDATA - 8 - 3) << 48) | ((uint64_t)SEG_KCODE << 32));
	user_wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	user_wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC);
	user_wrmsr(MSR_GS_BASE, (uint64_t)&user_cpu0);
	user_wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void arch_user_set_kstack(uint64_t top)
{
	user_cpu0.kstack_top = top;
}

/* Both gates, `syscall` (0f 05) and `int $0x80` (cd 80), are two bytes. */
void arch_syscall_restart(struct trap_frame *tf, long nr)
{
	tf->rip -= 2;
	tf->rax = (uint64_t)nr;
}

void arch_trap_user_init(struct trap_frame *tf, uint64_t pc, uint64_t sp)
{
	*tf = (struct trap_frame){
		.rip = pc,
		.cs = SEG_UCODE,
		.rflags = RFLAGS_IF,
		.rsp = sp,
		.ss = SEG_UDATA,
		.vector = TRAPSYSCALL,
	};
}

void arch_trap_restore_user(struct trap_frame *tf, const void *saved)
{
	const struct trap_frame *s = saved;
	uint64_t user_flags = 0x0dd5 | RFLAGS_AC; /* CF PF AF ZF SF TF DF OF, AC */
	uint64_t vector = tf->vector, error = tf->error;

	*tf = *s;
	tf->vector = vector;
	tf->error = error;
	tf->cs = SEG_UCODE;
	tf->ss = SEG_UDATA;
	tf->rflags = (s->rflags & user_flags) | RFLAGS_IF;
}

int arch_trap_signal(const struct trap_frame *tf)
{
	switch (tf->vector) {
	case TRAPDE:
	case TRAPMF:
	case TRAPXF:
		return SIGFPE;
	case TRAPUD:
		return SIGILL;
	case TRAPBP:
	case TRAPDB:
		return SIGTRAP;
	case TRAPAC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

size_t arch_trap_frame_size(void)
{
	return sizeof(struct trap_frame);
}

void arch_trap_set_call(struct trap_frame *tf, uint64_t pc, uint64_t sp, uint64_t arg0,
			uint64_t arg1, uint64_t arg2)
{
	tf->rip = pc;
	tf->rsp = sp;
	tf->rdi = arg0;
	tf->rsi = arg1;
	tf->rdx = arg2;
	tf->rflags &= ~(uint64_t)(RFLAGS_DF | RFLAGS_TF);
}

void arch_user_return(const struct trap_frame *tf)
{
	struct trap_frame *top = (struct trap_frame *)(user_cpu0.kstack_top - sizeof(*top));

	arch_irq_disable();
	if (top != tf)
		*top = *tf;
	__asm__ volatile("mov %0, %%rsp; jmp *%1" : : "r"(top), "r"(trap_return) : "memory");
	__builtin_unreachable();
}

int arch_trap_usercopy(const struct trap_frame *tf)
{
	for (const uint64_t *e = __start_ex_table; e < __stop_ex_table; e += 2)
		if (e[0] == tf->rip)
			return 1;
	return 0;
}

int arch_trap_fixup(struct trap_frame *tf)
{
	for (const uint64_t *e = __start_ex_table; e < __stop_ex_table; e += 2) {
		if (e[0] == tf->rip) {
			tf->rip = e[1];
			return 1;
		}
	}
	return 0;
}

void arch_set_tls(uint64_t base)
{
	user_wrmsr(MSR_FS_BASE, base);
}

void arch_random(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint32_t r[4];
	int rdrand;

	user_cpuid(1, 0, r);
	rdrand = (r[2] >> 30) & 1;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t v = 0;
		unsigned char ok = 0;

		if (rdrand)
			__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
		if (!ok)
			v = arch_cycles() * 0x9e3779b97f4a7c15ULL ^ (v << 7) ^ i;
		for (size_t k = 0; k < 8 && i + k < len; k++)
			p[i + k] = (uint8_t)(v >> (8 * k));
	}
}
