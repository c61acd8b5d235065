/*
 * copyin(), copyout(), copyinstr(): the only way the kernel touches user
 * memory. The range check here keeps every access below USER_TOP (so a
 * kernel or non-canonical address is refused before any access); the arch
 * copy runs under the exception fixup, so an unmapped or read-only page
 * that the vm module cannot resolve ends the copy with -EFAULT.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/user.h>
#include <kern/assert.h>
#include <kern/kmod.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>

int uaccess_ok(uint64_t uaddr, size_t len)
{
	return uaddr < USER_TOP && len <= USER_TOP - uaddr;
}
KERN_EXPORT(uaccess_ok);

int copyin(void *dst, uint64_t uaddr, size_t len)
{
	if (len == 0)
		return 0;
	if (!uaccess_ok(uaddr, len))
		return -EFAULT;
	KASSERT_MAY_SLEEP();
	return arch_copy_user(dst, (const void *)uaddr, len);
}
KERN_EXPORT(copyin);

int copyout(uint64_t uaddr, const void *src, size_t len)
{
	if (len == 0)
		return 0;
	if (!uaccess_ok(uaddr, len))
		return -EFAULT;
	KASSERT_MAY_SLEEP();
	return arch_copy_user((void *)uaddr, src, len);
}
KERN_EXPORT(copyout);

long copyinstr(char *dst, uint64_t uaddr, size_t max)
{
	size_t room;
	long n;

	if (max == 0 || uaddr >= USER_TOP)
		return -EFAULT;
	KASSERT_MAY_SLEEP();
	room = USER_TOP - uaddr < max ? USER_TOP - uaddr : max;
	n = arch_copy_user_str(dst, (const char *)uaddr, room);
	if (n == -ENAMETOOLONG && room < max)
		return -EFAULT; /* the string runs into the kernel half */
	return n;
}
KERN_EXPORT(copyinstr);
