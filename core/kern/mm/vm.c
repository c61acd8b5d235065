/*
 * The core side of the `vm` role: registration and the wrappers, plus the
 * page-fault entry the trap code calls. The current space is per CPU; one
 * CPU runs now, so it is one variable.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/page.h>
#include <core/module.h>
#include <kern/pmap.h>
#include <core/role.h>
#include <core/role_lock.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <kern/vm_walk.h>
#include <uapi/errno.h>

static struct vm_space *vm_cur;

/* Without a provider there are no address spaces: creating one fails,
 * operations on one say -ENODEV, and a user-address fault is -EFAULT. */
static struct vm_space *vm_null_space_create(void)
{
	return NULL;
}

static void vm_null_space_destroy(struct vm_space *s)
{
	(void)s;
}

static int vm_null_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot,
		       unsigned flags)
{
	(void)s;
	(void)addr;
	(void)len;
	(void)prot;
	(void)flags;
	return -ENODEV;
}

static int vm_null_unmap(struct vm_space *s, uint64_t addr, uint64_t len)
{
	(void)s;
	(void)addr;
	(void)len;
	return -ENODEV;
}

static int vm_null_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot)
{
	(void)prot;
	return vm_null_unmap(s, addr, len);
}

static struct vm_space *vm_null_fork(struct vm_space *parent)
{
	(void)parent;
	return NULL;
}

static int vm_null_fault(struct vm_space *s, uint64_t addr, unsigned access)
{
	(void)s;
	(void)addr;
	(void)access;
	return -EFAULT;
}

static void vm_null_activate(struct vm_space *s)
{
	(void)s;
	pmap_activate(pmap_kernel());
}

static int vm_null_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	(void)s;
	(void)addr;
	if (len)
		buf[0] = '\0';
	return -ENOENT;
}

static void vm_null_info(struct vm_space *s, struct vm_space_info *info)
{
	(void)s;
	memset(info, 0, sizeof(*info));
}

static struct vm_object *vm_null_obj_create(uint64_t size)
{
	(void)size;
	return NULL;
}

static int vm_null_obj_resize(struct vm_object *o, uint64_t size)
{
	(void)o, (void)size;
	return -ENODEV;
}

static int vm_null_obj_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot,
			   unsigned flags, struct vm_object *o, uint64_t off)
{
	(void)o, (void)off;
	return vm_null_map(s, addr, len, prot, flags);
}

/* Never called with an object: none exists without a provider. */
static void vm_null_obj_ref(struct vm_object *o)
{
	(void)o;
}

static void vm_null_obj_info(struct vm_object *o, struct vm_obj_info *info)
{
	(void)o;
	memset(info, 0, sizeof(*info));
}

static struct vm_object *vm_null_obj_create_pager(uint64_t size, const struct vm_pager *pg,
						  void *owner)
{
	(void)pg, (void)owner;
	return vm_null_obj_create(size);
}

static int vm_null_obj_get_page(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa)
{
	(void)o, (void)pgoff, (void)flags, (void)pa;
	return -ENODEV;
}

static unsigned vm_null_obj_take_dirty(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas,
				       unsigned max)
{
	(void)o, (void)pgoffs, (void)pas, (void)max;
	return 0;
}

static int vm_null_sync(struct vm_space *s, uint64_t addr, uint64_t len)
{
	return vm_null_unmap(s, addr, len);
}

static int vm_null_advise(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice)
{
	(void)advice;
	return vm_null_unmap(s, addr, len);
}

static uint64_t vm_null_obj_shrink(struct vm_object *o, uint64_t n)
{
	(void)o, (void)n;
	return 0;
}

static const struct vm_ops vm_null_ops = {
	.version = VM_OPS_VERSION,
	.space_create = vm_null_space_create,
	.space_destroy = vm_null_space_destroy,
	.map = vm_null_map,
	.unmap = vm_null_unmap,
	.protect = vm_null_protect,
	.fork = vm_null_fork,
	.fault = vm_null_fault,
	.activate = vm_null_activate,
	.describe = vm_null_describe,
	.info = vm_null_info,
	.obj_create = vm_null_obj_create,
	.obj_resize = vm_null_obj_resize,
	.obj_map = vm_null_obj_map,
	.obj_ref = vm_null_obj_ref,
	.obj_unref = vm_null_obj_ref,
	.obj_info = vm_null_obj_info,
	.obj_create_pager = vm_null_obj_create_pager,
	.obj_get_page = vm_null_obj_get_page,
	.obj_take_dirty = vm_null_obj_take_dirty,
	.sync = vm_null_sync,
	.obj_shrink = vm_null_obj_shrink,
	.advise = vm_null_advise,
};

static const struct vm_ops *vm_ops = &vm_null_ops;
static struct vm_ops vm_resolved;
/* Every vm operation runs under this lock. They may sleep (a fault waits
 * for a page, later for disk I/O), so it is a mutex: vm is for thread
 * context only, page faults included (they run on the faulting thread).
 * With several CPUs this becomes a lock per address space. */
static struct rmutex vm_lock = RMUTEX_INIT("vm");

ROLE_DEFINE(vm_role, .name = "vm", .version = VM_OPS_VERSION, .ops_size = sizeof(struct vm_ops),
	    .optional = ROLE_OPT(struct vm_ops, describe) | ROLE_OPT(struct vm_ops, info),
	    .null_ops = &vm_null_ops, .resolved = &vm_resolved, .current = (const void **)&vm_ops,
	    .pinned = true, .required = true);

int vm_register(const struct vm_ops *ops)
{
	return role_register(&vm_role, ops);
}
KERN_EXPORT(vm_register);

struct vm_space *vm_space_create(void)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->space_create());
}
KERN_EXPORT(vm_space_create);

void vm_space_destroy(struct vm_space *s)
{
	uint64_t flags;

	if (s == NULL)
		return;
	flags = arch_irq_save(); /* the look and the switch away as one step */
	if (vm_cur == s)
		vm_activate(NULL);
	arch_irq_restore(flags);
	ROLE_CALL_SLEEP_VOID(&vm_lock, vm_ops->space_destroy(s));
}
KERN_EXPORT(vm_space_destroy);

int vm_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->map(s, addr, len, prot, flags));
}
KERN_EXPORT(vm_map);

int vm_unmap(struct vm_space *s, uint64_t addr, uint64_t len)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->unmap(s, addr, len));
}
KERN_EXPORT(vm_unmap);

int vm_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->protect(s, addr, len, prot));
}
KERN_EXPORT(vm_protect);

struct vm_space *vm_fork(struct vm_space *parent)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->fork(parent));
}
KERN_EXPORT(vm_fork);

int vm_fault(struct vm_space *s, uint64_t addr, unsigned access)
{
	return s ? ROLE_CALL_SLEEP(&vm_lock, vm_ops->fault(s, addr, access)) : -EFAULT;
}
KERN_EXPORT(vm_fault);

/*
 * No lock: the context switch calls this (interrupts off), and activate()
 * only loads the space's page tables. Others (vm_space_destroy() of the
 * running space) call it preemptible, so it turns interrupts off itself:
 * vm_cur and the loaded tables must change together. A switch between the
 * two once left vm_cur naming the next thread's space while the kernel's
 * tables were loaded; the switch back to that thread saw its space
 * "active" and loaded nothing, and its first touch of user memory faulted
 * for ever (the fault, resolved in vm_cur, found the page mapped).
 */
void vm_activate(struct vm_space *s)
{
	uint64_t flags = arch_irq_save();

	vm_cur = s;
	if (s)
		vm_ops->activate(s);
	else
		pmap_activate(pmap_kernel());
	arch_irq_restore(flags);
}
KERN_EXPORT(vm_activate);

struct vm_space *vm_current(void)
{
	return vm_cur;
}
KERN_EXPORT(vm_current);

int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	return s ? ROLE_CALL_SLEEP(&vm_lock, vm_ops->describe(s, addr, buf, len))
		 : vm_null_describe(s, addr, buf, len);
}
KERN_EXPORT(vm_describe);

void vm_space_info(struct vm_space *s, struct vm_space_info *info)
{
	if (s)
		ROLE_CALL_SLEEP_VOID(&vm_lock, vm_ops->info(s, info));
	else
		vm_null_info(s, info);
}
KERN_EXPORT(vm_space_info);

struct vm_object *vm_obj_create(uint64_t size)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->obj_create(size));
}
KERN_EXPORT(vm_obj_create);

int vm_obj_resize(struct vm_object *o, uint64_t size)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->obj_resize(o, size));
}
KERN_EXPORT(vm_obj_resize);

int vm_obj_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags,
	       struct vm_object *o, uint64_t off)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->obj_map(s, addr, len, prot, flags, o, off));
}
KERN_EXPORT(vm_obj_map);

void vm_obj_ref(struct vm_object *o)
{
	if (o)
		ROLE_CALL_SLEEP_VOID(&vm_lock, vm_ops->obj_ref(o));
}
KERN_EXPORT(vm_obj_ref);

void vm_obj_unref(struct vm_object *o)
{
	if (o)
		ROLE_CALL_SLEEP_VOID(&vm_lock, vm_ops->obj_unref(o));
}
KERN_EXPORT(vm_obj_unref);

void vm_obj_info(struct vm_object *o, struct vm_obj_info *info)
{
	if (o)
		ROLE_CALL_SLEEP_VOID(&vm_lock, vm_ops->obj_info(o, info));
	else
		vm_null_obj_info(o, info);
}
KERN_EXPORT(vm_obj_info);

struct vm_object *vm_obj_create_pager(uint64_t size, const struct vm_pager *pg, void *owner)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->obj_create_pager(size, pg, owner));
}
KERN_EXPORT(vm_obj_create_pager);

/* No role lock: the object's own lock guards its pages (kern/vm.h), and
 * vm providers are pinned, so the table cannot go away meanwhile. */
int vm_obj_get_page(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa)
{
	return vm_ops->obj_get_page(o, pgoff, flags, pa);
}
KERN_EXPORT(vm_obj_get_page);

unsigned vm_obj_take_dirty(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max)
{
	return ROLE_CALL_SLEEP(&vm_lock, vm_ops->obj_take_dirty(o, pgoffs, pas, max));
}
KERN_EXPORT(vm_obj_take_dirty);

int vm_sync(struct vm_space *s, uint64_t addr, uint64_t len)
{
	return s ? ROLE_CALL_SLEEP(&vm_lock, vm_ops->sync(s, addr, len)) : -ENOMEM;
}
KERN_EXPORT(vm_sync);

int vm_advise(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice)
{
	return s ? ROLE_CALL_SLEEP(&vm_lock, vm_ops->advise(s, addr, len, advice)) : -ENOMEM;
}
KERN_EXPORT(vm_advise);

/* No role lock either: it takes only the object's (the page cache's trim
 * holds its own list lock, which comes after the role's). */
uint64_t vm_obj_shrink(struct vm_object *o, uint64_t n)
{
	return vm_ops->obj_shrink(o, n);
}
KERN_EXPORT(vm_obj_shrink);

/* Waits for the page daemon before a fault short of memory gives up. */
#define VM_FAULT_RECLAIM_TRIES 10

int vm_trap_fault(uint64_t addr, unsigned access)
{
	int rc;

	if (addr >= VM_USER_MAX || vm_cur == NULL)
		return -EFAULT;
	rc = vm_fault(vm_cur, addr, access);
	/* No frame even after the shrinkers: the daemon may write dirty file
	 * pages back and free them, which needs the vm lock this fault held. */
	for (int i = 0; rc == -ENOMEM && i < VM_FAULT_RECLAIM_TRIES && page_wait_reclaim(); i++)
		rc = vm_fault(vm_cur, addr, access);
	return rc;
}

/* The provider's region walker (kern/vm_walk.h); vm providers are pinned. */
static vm_walker_fn *vm_walker;

int vm_walk_register(vm_walker_fn *w)
{
	if (w == NULL)
		return -EINVAL;
	__atomic_store_n(&vm_walker, w, __ATOMIC_RELEASE);
	return 0;
}
KERN_EXPORT(vm_walk_register);

int vm_walk(struct vm_space *s, vm_walk_fn *fn, void *arg)
{
	vm_walker_fn *w = __atomic_load_n(&vm_walker, __ATOMIC_ACQUIRE);

	if (s == NULL)
		return -ENOENT;
	if (w == NULL)
		return -ENOSYS;
	return ROLE_CALL_SLEEP(&vm_lock, w(s, fn, arg));
}
KERN_EXPORT(vm_walk);
