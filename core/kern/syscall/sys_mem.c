/*
 * The memory calls (Zero book 6.3): brk, map, umap, mhint. Anonymous
 * memory, and POSIX shm objects mapped by descriptor (vm's memory
 * objects); file mappings come with the page cache. The heap
 * grows up from the end of the program; map() places mappings from a base
 * far above it (randomised with the rest of the layout), so the two do not
 * meet.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/fdtab.h>
#include <core/proc.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/ipc.h>
#include <kern/uaccess.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>

#define MEM_PAGE_UP(x) (((x) + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1))
#define MEM_BRK_MAX    (1ULL << 32) /* the heap's most bytes */
#define MEM_MAP_BASE   0x0000100000000000ULL

static long mem_brk_grow(struct proc *p, uint64_t from, uint64_t to)
{
	uint64_t addr = from;
	int rc = vm_map(p->vm, &addr, to - from, VM_READ | VM_WRITE, VM_PRIVATE);

	if (rc == 0 && addr != from) {
		vm_unmap(p->vm, addr, to - from); /* something else lives there */
		rc = -ENOMEM;
	}
	return rc;
}

long sys_brk(long uaddr, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = proc_current();
	uint64_t want = (uint64_t)uaddr, old_end = MEM_PAGE_UP(p->brk), new_end;
	long rc = 0;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (want == 0)
		return (long)p->brk;
	if (want < p->brk_base || want - p->brk_base > MEM_BRK_MAX)
		return -ENOMEM;
	new_end = MEM_PAGE_UP(want);
	if (new_end > old_end)
		rc = mem_brk_grow(p, old_end, new_end);
	else if (new_end < old_end)
		rc = vm_unmap(p->vm, new_end, old_end - new_end);
	if (rc)
		return -ENOMEM;
	p->brk = want;
	return (long)p->brk;
}

static unsigned mem_prot(int64_t perm)
{
	return (perm & PROT_READ ? VM_READ : 0) | (perm & PROT_WRITE ? VM_WRITE : 0) |
	       (perm & PROT_EXEC ? VM_EXEC : 0);
}

/* A mapping of a descriptor: a POSIX shm object's memory object, or a
 * regular file's page cache. The offset (m.ofs) must be page-aligned;
 * a file must be open for reading, and a shared writable mapping needs
 * the descriptor open for writing too. */
static long mem_map_fd(struct proc *p, long desc, long flg, const struct sysmem *m, uint64_t addr,
		       unsigned flags)
{
	struct vm_object *o;
	struct file *f;
	long rc = fdtab_get(p->fds, (int)desc, &f);

	if (rc)
		return rc;
	if ((flg & MAP_SHARED) && (m->perm & PROT_WRITE) && (f->flags & O_ACCMODE) != O_RDWR &&
	    (f->vnode || (f->flags & O_ACCMODE) == O_RDONLY))
		rc = -EACCES;
	else if (f->vnode && (f->flags & O_ACCMODE) == O_WRONLY)
		rc = -EACCES;
	if (rc == 0)
		rc = f->vnode ? io_file_object(f->vnode, f->path, &o) : ipc_shm_object(f, &o);
	file_unref(f);
	if (rc)
		return rc;
	rc = vm_obj_map(p->vm, &addr, (uint64_t)m->len, mem_prot(m->perm), flags, o,
			(uint64_t)m->ofs);
	vm_obj_unref(o); /* the space holds its own */
	return rc ? rc : (long)addr;
}

long sys_map(long desc, long flg, long uarg, long a3, long a4, long a5)
{
	struct proc *p = proc_current();
	struct sysmem m;
	uint64_t addr;
	unsigned flags;
	int rc;

	(void)a3, (void)a4, (void)a5;
	if (copyin(&m, (uint64_t)uarg, sizeof(m)) != 0)
		return -EFAULT;
	if (m.len <= 0 || ((flg & MAP_SHARED) != 0) == ((flg & MAP_PRIVATE) != 0) ||
	    (m.perm & ~(int64_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((flg & MAP_FIXED) && ((m.base & (PAGE_SIZE - 1)) || !uaccess_ok(m.base, (size_t)m.len)))
		return -EINVAL;
	addr = (flg & MAP_FIXED) || m.base ? m.base : p->map_base ? p->map_base : MEM_MAP_BASE;
	flags = (flg & MAP_SHARED ? VM_SHARED : VM_PRIVATE) | (flg & MAP_FIXED ? VM_FIXED : 0);
	if (!(flg & MAP_ANON)) {
		if (m.ofs < 0 || (m.ofs & (PAGE_SIZE - 1)))
			return -EINVAL;
		return mem_map_fd(p, desc, flg, &m, addr, flags); /* shm objects and files */
	}
	rc = vm_map(p->vm, &addr, (uint64_t)m.len, mem_prot(m.perm), flags);
	return rc ? rc : (long)addr;
}

long sys_umap(long uaddr, long len, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((uaddr & (PAGE_SIZE - 1)) || len <= 0 || !uaccess_ok((uint64_t)uaddr, (size_t)len))
		return -EINVAL;
	return vm_unmap(proc_current()->vm, (uint64_t)uaddr, (uint64_t)len);
}

long sys_mhint(long uaddr, long flg, long uarg, long a3, long a4, long a5)
{
	struct proc *p = proc_current();
	struct sysmem m;
	uint64_t addr = (uint64_t)uaddr;

	(void)a3, (void)a4, (void)a5;
	if (copyin(&m, (uint64_t)uarg, sizeof(m)) != 0)
		return -EFAULT;
	if ((addr & (PAGE_SIZE - 1)) || m.len <= 0 || !uaccess_ok(addr, (size_t)m.len))
		return -EINVAL;
	return vm_advise(p->vm, addr, MEM_PAGE_UP((uint64_t)m.len), (unsigned)flg);
}

/* msync: gather what the range's shared file mappings wrote (the vm), then
 * write those files back (io); MS_SYNC waits for the disk, as fsync. */
long sys_msync(long uaddr, long len, long flags, long a3, long a4, long a5)
{
	int rc;

	(void)a3, (void)a4, (void)a5;
	if ((uaddr & (PAGE_SIZE - 1)) || len < 0 ||
	    (flags & ~(long)(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!uaccess_ok((uint64_t)uaddr, (size_t)len))
		return -ENOMEM;
	rc = vm_sync(proc_current()->vm, (uint64_t)uaddr, MEM_PAGE_UP((uint64_t)len));
	if (rc)
		return rc;
	return io_msync(flags & MS_SYNC ? MS_SYNC : MS_ASYNC);
}

long sys_mprotect(long uaddr, long len, long prot, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	if ((uaddr & (PAGE_SIZE - 1)) || len < 0 ||
	    (prot & ~(long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!uaccess_ok((uint64_t)uaddr, (size_t)len))
		return -ENOMEM;
	return vm_protect(proc_current()->vm, (uint64_t)uaddr, (uint64_t)len, mem_prot(prot));
}
