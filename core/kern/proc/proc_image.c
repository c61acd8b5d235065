/*
 * The record exec leaves for /proc (core/proc_image.h) and the per-process
 * info lock. The locks live beside the process table, one per slot, so
 * proc_alloc()'s clearing of a slot never touches a lock someone holds.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/fdtab.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <kern/lock.h>
#include <kern/file.h>
#include <kern/mem.h>
#include <kern/string.h>

static struct mutex proc_info_locks[PROC_MAX];

static struct mutex *proc_info_mutex(struct proc *p)
{
	return &proc_info_locks[(size_t)(p - proc_slot(0)) % PROC_MAX];
}

void proc_info_lock(struct proc *p)
{
	mutex_lock(proc_info_mutex(p));
}

void proc_info_unlock(struct proc *p)
{
	mutex_unlock(proc_info_mutex(p));
}

/* The argument strings (the first argc of the block), cut at PROC_ARGS_MAX. */
static size_t proc_image_args_len(const struct exec_args *a)
{
	size_t n = 0;

	for (unsigned i = 0; i < a->argc && n < a->used; i++)
		n += strnlen(a->buf + n, a->used - n) + 1;
	if (n > a->used)
		n = a->used;
	return n < PROC_ARGS_MAX ? n : PROC_ARGS_MAX;
}

struct proc_image *proc_image_make(const struct exec_image *img, const struct exec_args *a,
				   const char *path, uint64_t dev, uint64_t ino, uint64_t stack)
{
	size_t alen = proc_image_args_len(a);
	struct proc_image *im = mem_zalloc(sizeof(*im) + alen);

	if (im == NULL)
		return NULL;
	im->refs = 1;
	for (unsigned i = 0; i < img->nseg && i < EXEC_MAX_SEGS; i++) {
		uint64_t start = img->seg[i].vaddr & ~(uint64_t)(PAGE_SIZE - 1);

		im->seg[i].start = start;
		im->seg[i].end = (img->seg[i].vaddr + img->seg[i].memsz + PAGE_SIZE - 1) &
				 ~(uint64_t)(PAGE_SIZE - 1);
		im->seg[i].off = img->seg[i].off - (img->seg[i].vaddr - start);
		im->nseg++;
	}
	im->stack = stack;
	im->dev = dev;
	im->ino = ino;
	memcpy(im->path, path, strnlen(path, sizeof(im->path) - 1));
	memcpy(im->args, a->buf, alen);
	if (alen)
		im->args[alen - 1] = '\0'; /* a cut string still ends */
	im->args_len = alen;
	return im;
}

struct proc_image *proc_image_ref(struct proc_image *im)
{
	if (im)
		__atomic_add_fetch(&im->refs, 1, __ATOMIC_RELAXED);
	return im;
}

void proc_image_put(struct proc_image *im)
{
	if (im && __atomic_sub_fetch(&im->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		if (im->text)
			file_unref(im->text); /* the program's file may be written again */
		mem_free(im);
	}
}

struct vm_space *proc_image_switch(struct proc *p, struct vm_space *vm, struct proc_image *im)
{
	struct vm_space *old;
	struct proc_image *oim;

	proc_info_lock(p);
	old = p->vm;
	oim = p->image;
	p->vm = vm;
	p->image = im;
	proc_info_unlock(p);
	proc_image_put(oim);
	return old;
}

void proc_image_detach(struct proc *p, struct vm_space **vm, struct fdtab **fds)
{
	struct proc_image *im;

	proc_info_lock(p);
	*vm = p->vm;
	*fds = p->fds;
	im = p->image;
	p->vm = NULL;
	p->fds = NULL;
	p->image = NULL;
	proc_info_unlock(p);
	proc_image_put(im);
}
