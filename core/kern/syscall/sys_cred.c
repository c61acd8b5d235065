/*
 * setuid and setgid (POSIX, without saved set-user-IDs, which zero does
 * not keep): an effective root sets both the real and the effective ID;
 * anyone else may only set the effective ID to the real one. The
 * credentials are read by permission checks of other threads without a
 * lock; each ID is one aligned word, stored whole.
 */
#include <stdint.h>

#include <core/proc.h>
#include <core/sys_cred.h>
#include <uapi/errno.h>

/* Set *real and *eff as the rules say; euid is the caller's effective user ID. */
static long sys_cred_set(uint32_t euid, uint32_t *real, uint32_t *eff, long id)
{
	if (id < 0 || id > 0xfffffffeL)
		return -EINVAL;
	if (euid == 0) {
		__atomic_store_n(real, (uint32_t)id, __ATOMIC_RELAXED);
		__atomic_store_n(eff, (uint32_t)id, __ATOMIC_RELAXED);
		return 0;
	}
	if ((uint32_t)id != *real)
		return -EPERM;
	__atomic_store_n(eff, (uint32_t)id, __ATOMIC_RELAXED);
	return 0;
}

long sys_setuid(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();

	return sys_cred_set(p->cred.euid, &p->cred.uid, &p->cred.euid, a0);
}

long sys_setgid(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();

	return sys_cred_set(p->cred.euid, &p->cred.gid, &p->cred.egid, a0);
}
