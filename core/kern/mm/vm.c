/*
 * The core side of the `vm` role: registration and the wrappers, plus the
 * page-fault entry the trap code calls. The current space is per CPU; one
 * CPU runs now, so it is one variable.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <core/module.h>
#include <kern/pmap.h>
#include <core/role.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <uapi/errno.h>

#include <core/role_lock.h>

static struct vm_ops vm_table;
static int vm_live;
static struct vm_space *vm_cur;

static int vm_default_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	(void)s;
	(void)addr;
	if (len)
		buf[0] = '\0';
	return -ENOENT;
}

static void vm_default_info(struct vm_space *s, struct vm_space_info *info)
{
	(void)s;
	memset(info, 0, sizeof(*info));
}

/* The provider's init failed after registering: forget its table. */
static void vm_drop(void)
{
	vm_live = 0;
}

int vm_register(const struct vm_ops *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != VM_OPS_VERSION || !ops->space_create ||
	    !ops->space_destroy || !ops->map || !ops->unmap || !ops->protect || !ops->fork ||
	    !ops->fault || !ops->activate)
		return -EINVAL;
	rc = role_claim("vm", m->name, true, vm_drop);
	if (rc)
		return rc;
	vm_table = *ops;
	if (!vm_table.describe)
		vm_table.describe = vm_default_describe;
	if (!vm_table.info)
		vm_table.info = vm_default_info;
	vm_live = 1;
	return 0;
}
KERN_EXPORT(vm_register);

struct vm_space *vm_space_create(void)
{
	return vm_live ? ROLE_LOCKED(vm_table.space_create()) : NULL;
}
KERN_EXPORT(vm_space_create);

void vm_space_destroy(struct vm_space *s)
{
	if (!vm_live || s == NULL)
		return;
	if (vm_cur == s)
		vm_activate(NULL);
	ROLE_LOCKED_VOID(vm_table.space_destroy(s));
}
KERN_EXPORT(vm_space_destroy);

int vm_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags)
{
	return vm_live ? ROLE_LOCKED(vm_table.map(s, addr, len, prot, flags)) : -ENODEV;
}
KERN_EXPORT(vm_map);

int vm_unmap(struct vm_space *s, uint64_t addr, uint64_t len)
{
	return vm_live ? ROLE_LOCKED(vm_table.unmap(s, addr, len)) : -ENODEV;
}
KERN_EXPORT(vm_unmap);

int vm_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot)
{
	return vm_live ? ROLE_LOCKED(vm_table.protect(s, addr, len, prot)) : -ENODEV;
}
KERN_EXPORT(vm_protect);

struct vm_space *vm_fork(struct vm_space *parent)
{
	return vm_live ? ROLE_LOCKED(vm_table.fork(parent)) : NULL;
}
KERN_EXPORT(vm_fork);

int vm_fault(struct vm_space *s, uint64_t addr, unsigned access)
{
	return vm_live && s ? ROLE_LOCKED(vm_table.fault(s, addr, access)) : -EFAULT;
}
KERN_EXPORT(vm_fault);

void vm_activate(struct vm_space *s)
{
	vm_cur = s;
	if (s && vm_live)
		ROLE_LOCKED_VOID(vm_table.activate(s));
	else
		pmap_activate(pmap_kernel());
}
KERN_EXPORT(vm_activate);

struct vm_space *vm_current(void)
{
	return vm_cur;
}
KERN_EXPORT(vm_current);

int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	return vm_live && s ? ROLE_LOCKED(vm_table.describe(s, addr, buf, len)) : -ENOENT;
}
KERN_EXPORT(vm_describe);

void vm_space_info(struct vm_space *s, struct vm_space_info *info)
{
	if (vm_live && s)
		ROLE_LOCKED_VOID(vm_table.info(s, info));
	else
		memset(info, 0, sizeof(*info));
}
KERN_EXPORT(vm_space_info);

int vm_trap_fault(uint64_t addr, unsigned access)
{
	if (addr >= VM_USER_MAX || vm_cur == NULL)
		return -EFAULT;
	return vm_fault(vm_cur, addr, access);
}
