/*
 * exec: replace a process's program. The verify half (sys_exec) copies the
 * path, argv and envp in; exec_run() then:
 *  1. opens the file for execution (io checks the x bit) and reads its
 *     first page; a `#!` line puts the interpreter in front (at most
 *     EXEC_MAX_INTERP deep);
 *  2. checks it (exec_elf_check(): every offset, size and address);
 *  3. builds a new address space while the old one stays intact: a
 *     read-only segment (text) is a private mapping of the file's page
 *     cache; any other is mapped writable, filled from the file, then
 *     given its own protection (data no-execute); a stack with a guard
 *     page under it; argv/envp/auxv laid out on it;
 *  4. and only then switches: the old space goes, close-on-exec
 *     descriptors close, caught signals go back to their default.
 * A failure before step 4 leaves the caller as it was, with the errno.
 * The stack and break bases are randomised unless the kernel word
 * `aslr=off` is given.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/user.h>
#include <core/boot.h>
#include <core/cmdline.h>
#include <core/exec.h>
#include <core/fdtab.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/ipc.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#define EXEC_MAP_BASE 0x0000100000000000ULL /* far above any break */
/* Where a position-independent program goes (Linux's choice under aslr=off),
 * moved by up to 1 GiB: far from the maps and the stack. */
#define EXEC_PIE_BASE	  0x0000555555554000ULL
#define EXEC_PAGE_DOWN(x) ((x) & ~(uint64_t)(PAGE_SIZE - 1))
#define EXEC_PAGE_UP(x)	  EXEC_PAGE_DOWN((x) + PAGE_SIZE - 1)

static long exec_read(struct file *f, uint64_t dst, size_t len, uint64_t off, int user)
{
	struct uio uio = { .base = dst, .resid = len, .user = user };
	long total = 0;

	while (uio.resid > 0) {
		long n = fo_read(f, &uio, off + (uint64_t)total);

		if (n <= 0)
			return n < 0 ? n : total;
		total += n;
	}
	return total;
}

/* Random pages (0 to max-1) to move a base by, unless aslr=off. */
static uint64_t exec_aslr(unsigned max_pages)
{
	uint32_t r;

	if (cmdline_has(boot_cmdline(), "aslr") &&
	    strcmp(cmdline_get(boot_cmdline(), "aslr"), "off") == 0)
		return 0;
	arch_random(&r, sizeof(r));
	return (uint64_t)(r % max_pages) * PAGE_SIZE;
}

/*
 * A read-only segment wholly from the file, at an address congruent to its
 * offset (text, read-only data): a private mapping of the file's page
 * cache, so every process running the program shares its pages. 1 if
 * mapped, 0 if the segment must be copied (no page cache), or -errno.
 */
static int exec_map_cached(struct vm_space *s, struct file *f, const struct exec_seg *g)
{
	uint64_t start = EXEC_PAGE_DOWN(g->vaddr), end = EXEC_PAGE_UP(g->vaddr + g->memsz);
	uint64_t addr = start;
	struct vm_object *o;
	int rc;

	if ((g->prot & VM_WRITE) || g->filesz != g->memsz || g->filesz == 0 ||
	    (g->vaddr - g->off) % PAGE_SIZE || f->vnode == NULL ||
	    io_file_object(f->vnode, f->path, &o) != 0)
		return 0;
	rc = vm_obj_map(s, &addr, end - start, g->prot, VM_PRIVATE | VM_FIXED, o,
			EXEC_PAGE_DOWN(g->off));
	vm_obj_unref(o); /* the space holds its own */
	return rc ? rc : 1;
}

static int exec_map_segment(struct vm_space *s, struct file *f, const struct exec_seg *g)
{
	uint64_t start = EXEC_PAGE_DOWN(g->vaddr), end = EXEC_PAGE_UP(g->vaddr + g->memsz);
	uint64_t addr = start;
	int rc = exec_map_cached(s, f, g);

	if (rc)
		return rc < 0 ? rc : 0;
	rc = vm_map(s, &addr, end - start, VM_READ | VM_WRITE, VM_PRIVATE | VM_FIXED);

	if (rc)
		return rc;
	if (g->filesz && exec_read(f, g->vaddr, g->filesz, g->off, 1) != (long)g->filesz)
		return -ENOEXEC;
	return vm_protect(s, start, end - start, g->prot);
}

/* Steps 3's parts: segments, stack; @s is active while they are filled. */
static int exec_fill(struct vm_space *s, struct file *f, const struct exec_image *img,
		     const struct exec_args *a, const char *path, struct proc *p, uint64_t *sp)
{
	uint64_t top = USER_TOP - PAGE_SIZE - exec_aslr(256);
	uint64_t base = top - EXEC_STACK_SIZE, guard = base - PAGE_SIZE;
	int rc = 0;

	for (unsigned i = 0; i < img->nseg && rc == 0; i++)
		rc = exec_map_segment(s, f, &img->seg[i]);
	if (rc == 0)
		rc = vm_map(s, &guard, PAGE_SIZE, VM_READ, VM_PRIVATE | VM_FIXED | VM_GUARD);
	if (rc == 0)
		rc = vm_map(s, &base, EXEC_STACK_SIZE, VM_READ | VM_WRITE, VM_PRIVATE | VM_FIXED);
	if (rc == 0)
		rc = exec_stack_build(a, path, img, p, top, sp);
	return rc;
}

/* Read the head of the file; follow #! lines (rewriting argv) to the program. */
static int exec_open(struct proc *p, const char *path, struct exec_args *a, char *head,
		     struct file **fp, long *headlen)
{
	char interp[128], arg[128], cur[128];
	int rc, depth = 0;

	if (strlen(path) >= sizeof(cur))
		return -ENAMETOOLONG;
	memcpy(cur, path, strlen(path) + 1);
	for (;;) {
		rc = io_open_exec(p->cwd, cur, &p->cred, fp);
		if (rc)
			return rc;
		*headlen = exec_read(*fp, (uint64_t)head, EXEC_HEAD, 0, 0);
		rc = *headlen < 0
			 ? (int)*headlen
			 : exec_script(head, (size_t)*headlen, interp, arg, sizeof(interp));
		if (rc <= 0)
			return rc;
		file_unref(*fp);
		*fp = NULL;
		if (++depth > EXEC_MAX_INTERP)
			return -ELOOP;
		rc = exec_args_script(a, interp, arg, cur);
		if (rc)
			return rc;
		memcpy(cur, interp, strlen(interp) + 1);
	}
}

/* Step 4: the point of no return. */
static void exec_commit(struct proc *p, struct vm_space *s, const struct exec_image *img,
			const char *path, struct proc_image *im)
{
	struct vm_space *old = proc_image_switch(p, s, im);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strnlen(base, sizeof(p->name) - 1);

	__atomic_store_n(&p->exec_vm, NULL, __ATOMIC_RELEASE);
	p->brk_base = p->brk = img->end + exec_aslr(64);
	p->map_base = EXEC_MAP_BASE + exec_aslr(1u << 20);
	if (old && !p->vm_borrowed)
		vm_space_destroy(old);
	ipc_proc_exec(p->pid); /* its shared-memory attachments went with the space */
	proc_vfork_release(p);
	fdtab_exec(p->fds);
	for (unsigned sig = 1; sig < NSIG; sig++)
		if (p->sig[sig].handler > SIG_IGN_HANDLER)
			p->sig[sig] = (struct proc_sigaction){ 0 };
	memset(p->name, 0, sizeof(p->name));
	memcpy(p->name, base, n);
	thr_current()->tls = 0;
	arch_set_tls(0);
	arch_fpu_init(thr_current()->fpu);
	arch_fpu_restore(thr_current()->fpu);
}

int exec_run(struct proc *p, const char *path, struct exec_args *a, struct trap_frame *tf)
{
	char *head = mem_alloc(EXEC_HEAD);
	struct file *f = NULL;
	struct exec_image img;
	struct vm_space *s = NULL;
	const char *why = "";
	struct stat st;
	uint64_t sp = 0;
	long len = 0;
	int rc = head ? exec_open(p, path, a, head, &f, &len) : -ENOMEM;

	if (rc == 0)
		rc = fo_stat(f, &st);
	if (rc == 0)
		rc = exec_elf_check(head, (size_t)len, (uint64_t)st.st_size,
				    EXEC_PIE_BASE + exec_aslr(1u << 18), &img, &why);
	if (rc == -ENOEXEC && why[0])
		pr_info("exec: %s: %s\n", path, why);
	if (rc == 0)
		rc = (s = vm_space_create()) ? 0 : -ENOMEM;
	if (rc == 0) {
		/* The switch gives this thread s back if it is preempted while it
		 * fills it or waits for the other threads (which run on p->vm). */
		p->exec_vm_thr = thr_current();
		__atomic_store_n(&p->exec_vm, s, __ATOMIC_RELEASE);
		vm_activate(s);
		rc = exec_fill(s, f, &img, a, path, p, &sp);
		if (rc == 0 && p->nthr > 1)
			rc = proc_exec_single(p);
		if (rc) {
			__atomic_store_n(&p->exec_vm, NULL, __ATOMIC_RELEASE);
			vm_activate(p->vm);
		}
	}
	if (rc == 0) {
		/* For /proc; without memory for it the program just shows less there. */
		struct proc_image *im = proc_image_make(&img, a, path, st.st_dev, st.st_ino, sp);

		if (im) { /* the image keeps the program's file open: ETXTBSY for writers */
			im->text = f;
			f = NULL;
		}
		exec_commit(p, s, &img, path, im);
		arch_trap_user_init(tf, img.entry, sp);
	} else if (s) {
		vm_space_destroy(s);
	}
	if (f)
		file_unref(f);
	mem_free(head);
	return rc;
}
