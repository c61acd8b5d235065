/*
 * The shared-memory calls: System V shmget shmat shmdt shmctl and POSIX
 * shm_open shm_unlink, plus shm_list (the names behind `ls /dev/shm`).
 * The verify halves: user arguments are copied in (and results out)
 * here; segments, objects, their locks and permission checks are the ipc
 * provider's (modules/ipc/shm.c, pshm.c), their memory vm's objects.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_fs.h>
#include <core/sys_ipc.h>
#include <kern/ipc.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Most bytes one shm_list moves. */
#define SYS_SHM_LIST_MAX 65536

static struct ipc_who sys_shm_who(void)
{
	struct proc *p = sys_proc();

	return (struct ipc_who){ .cred = &p->cred, .pid = p->pid };
}

long sys_shmget(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_shm_who();

	return ipc_shmget((int32_t)a0, (uint64_t)a1, (int)a2, &who);
}

long sys_shmat(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_shm_who();
	uint64_t addr = (uint64_t)a1;
	long rc;

	if (addr && !uaccess_ok(addr & ~(uint64_t)(SHMLBA - 1), 1))
		return -EINVAL;
	rc = ipc_shmat((int)a0, &addr, (int)a2, sys_proc()->vm, &who);
	return rc ? rc : (long)addr;
}

long sys_shmdt(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_shm_who();

	return ipc_shmdt((uint64_t)a0, sys_proc()->vm, &who);
}

long sys_shmctl(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_shm_who();
	struct shmid_ds ds = { 0 };
	int cmd = (int)a1;
	long rc;

	if (cmd != IPC_STAT && cmd != SHM_STAT && cmd != IPC_SET && cmd != IPC_RMID)
		return -EINVAL;
	if (cmd == IPC_SET && copyin(&ds, (uint64_t)a2, sizeof(ds)))
		return -EFAULT;
	if ((cmd == IPC_STAT || cmd == SHM_STAT) && !uaccess_ok((uint64_t)a2, sizeof(ds)))
		return -EFAULT;
	rc = ipc_shmctl((int)a0, cmd, &ds, &who);
	if (rc >= 0 && (cmd == IPC_STAT || cmd == SHM_STAT) &&
	    copyout((uint64_t)a2, &ds, sizeof(ds)))
		rc = -EFAULT;
	return rc;
}

/* shm_open(name or SHM_ANON, flags, mode): a new descriptor. */
long sys_shm_open(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();
	struct ipc_who who = sys_shm_who();
	struct file *f;
	char *name = NULL;
	long rc = 0;
	int fd;

	if ((uint64_t)a0 != (uint64_t)(uintptr_t)SHM_ANON)
		rc = sys_path_copy(a0, &name);
	if (rc == -ENOENT)
		rc = -EINVAL; /* "" is no name */
	if (rc)
		return rc;
	rc = ipc_shm_open(name, (int)(a1 & ~(long)O_CLOEXEC), (unsigned)a2 & ~p->umask & 0777, &who,
			  &f);
	mem_free(name);
	if (rc)
		return rc;
	rc = fdtab_install(p->fds, &f, 1, 0, (a1 & O_CLOEXEC) ? FD_CLOEXEC : 0, &fd);
	if (rc) {
		file_unref(f);
		return rc;
	}
	return fd;
}

long sys_shm_unlink(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_shm_who();
	char *name;
	long rc = sys_path_copy(a0, &name);

	if (rc == -ENOENT)
		rc = -EINVAL;
	if (rc == 0)
		rc = ipc_shm_unlink(name, &who);
	mem_free(name);
	return rc;
}

/* shm_list(buf, len): the names, each ended by a NUL; the bytes stored. */
long sys_shm_list(SYS_HANDLER_ARGS)
{
	uint64_t len = a1 < 0 ? 0 : (uint64_t)a1;
	char *buf;
	long rc;

	if (len > SYS_SHM_LIST_MAX)
		len = SYS_SHM_LIST_MAX;
	if (!uaccess_ok((uint64_t)a0, len))
		return -EFAULT;
	buf = mem_alloc(len + 1);
	if (buf == NULL)
		return -ENOMEM;
	rc = ipc_shm_list(buf, len);
	if (rc > 0 && copyout((uint64_t)a0, buf, (size_t)rc))
		rc = -EFAULT;
	mem_free(buf);
	return rc;
}
