/*
 * The __sys_<name> stubs of zero's libc, answered by Linux x86-64: link
 * these instead of the generated stubs and a zero program runs on the
 * build host, so crt0, TLS, stdio, malloc and the in-guest tests that need
 * nothing zero-specific are checked for real before the kernel can run
 * them. Linux returns -errno as the stubs do. Only the calls those tests
 * reach are mapped; the others return -ENOSYS.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/zero.h>
#include <uapi/proc.h>
#include <uapi/utsname.h>

static long lx(long nr, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

#define L0(n)	       lx(n, 0, 0, 0, 0, 0, 0)
#define L1(n, a)       lx(n, (long)(a), 0, 0, 0, 0, 0)
#define L2(n, a, b)    lx(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define L3(n, a, b, c) lx(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

long __sys_read(long fd, void *buf, unsigned long n)
{
	return L3(0, fd, buf, n);
}
long __sys_write(long fd, const void *buf, unsigned long n)
{
	return L3(1, fd, buf, n);
}
long __sys_open(const char *path, long flags, long mode)
{
	return L3(2, path, flags, mode);
}
long __sys_close(long fd)
{
	return L1(3, fd);
}
long __sys_lseek(long fd, long off, long whence)
{
	return L3(8, fd, off, whence);
}
long __sys_map(long desc, long flg, struct sysmem *m)
{
	return lx(9, (long)m->base, m->len, m->perm, flg, desc, m->ofs);
}
long __sys_umap(void *addr, long len)
{
	return L2(11, addr, len);
}
long __sys_brk(void *addr)
{
	return L1(12, addr);
}
long __sys_ioctl(long fd, unsigned long req, void *arg)
{
	return L3(16, fd, req, arg);
}
long __sys_getpid(void)
{
	return L0(39);
}
long __sys_getppid(void)
{
	return L0(110);
}
void __sys_exit(long val, long flg)
{
	(void)flg;
	for (;;)
		L1(231, val);
}
void __sys_abort(void)
{
	for (;;)
		L2(62, L0(39), 6); /* kill(getpid(), SIGABRT) */
}
long __sys_uname(void *u)
{
	char b[6 * 65];
	long r = L1(63, b);

	for (int i = 0; r == 0 && i < 5 * UTSNAME_LEN; i++)
		((char *)u)[i] = b[i];
	return r;
}
long __sys_futex(int *addr, long op, long val, const void *ts)
{
	return lx(202, (long)addr, op | 128, val, (long)ts, 0, 0);
}
long __sys_setfsbase(void *addr)
{
	return L2(158, 0x1002, addr);
}
long __sys_clock_gettime(long clk, void *ts)
{
	return L2(228, clk, ts);
}
long __sys_nanosleep(const void *req, void *rem)
{
	return L2(35, req, rem);
}
long __sys_sigop(long cmd, long parm, void *arg)
{
	(void)cmd, (void)parm, (void)arg;
	return -ENOSYS;
}
long __sys_fcntl(long fd, long cmd, long arg)
{
	return L3(72, fd, cmd, arg);
}

/*
 * Threads: THR_NEW is clone() of a thread sharing everything, with its TLS;
 * the kernel writes the thread id into a slot and clears it (waking futex
 * waiters) when the thread ends, which is what THR_JOIN waits for.
 */
#define CLONE_FLAGS                                                                                \
	0x3d0f00 /* VM FS FILES SIGHAND THREAD SYSVSEM SETTLS PARENT_SETTID CHILD_CLEARTID */
#define NSLOTS 64

/* A thread's id, and the word the kernel clears when it ends. */
static struct {
	volatile long tid; /* 0: free, -1: being set up */
	volatile int word;
} slots[NSLOTS];

/* clone(flags, stack, ptid, ctid, tls); the child jumps to entry(arg). */
long lx_clone(long flags, uint64_t stack, volatile int *tid, uint64_t tls, uint64_t entry,
	      uint64_t arg);
__asm__(".text\n"
	"lx_clone:\n"
	"	push %r12\n"
	"	push %r13\n"
	"	mov %r8, %r12\n"
	"	mov %r9, %r13\n"
	"	mov %rcx, %r8\n"
	"	mov %rdx, %r10\n"
	"	mov $56, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	mov %r13, %rdi\n"
	"	jmp *%r12\n"
	"1:	pop %r13\n"
	"	pop %r12\n"
	"	ret\n");

static long thr_new(const struct thrarg *ta)
{
	for (int i = 0; i < NSLOTS; i++) {
		long zero = 0, r;
		if (!__atomic_compare_exchange_n(&slots[i].tid, &zero, -1, 0, __ATOMIC_ACQ_REL,
						 __ATOMIC_RELAXED))
			continue;
		r = lx_clone(CLONE_FLAGS, ta->stack, &slots[i].word, ta->tls, ta->entry, ta->arg);
		slots[i].tid = r < 0 ? 0 : r;
		return r;
	}
	return -EAGAIN;
}

static long thr_join(long tid)
{
	for (int i = 0; i < NSLOTS; i++) {
		if (slots[i].tid != tid)
			continue;
		for (int v; (v = slots[i].word) != 0;)
			lx(202, (long)&slots[i].word, 0, v, 0, 0,
			   0); /* shared: CLEARTID wakes so */
		slots[i].tid = 0;
		return 0;
	}
	return -ESRCH;
}

long __sys_throp(long cmd, long parm, void *arg)
{
	switch (cmd) {
	case THR_NEW:
		return thr_new(arg);
	case THR_JOIN:
		return thr_join(parm);
	case THR_DETACH:
		return 0;
	case THR_EXIT:
		for (;;)
			L1(60, parm);
	case THR_SELF:
		return L0(186);
	default:
		return -EINVAL;
	}
}
