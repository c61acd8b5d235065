/*
 * The System V IPC calls (msgget msgsnd msgrcv msgctl semget semop
 * semtimedop semctl): the verify halves. Each copies its user arguments
 * into kernel memory (or describes a user buffer by a struct uio, which
 * the provider moves with uio_move(): -EFAULT on a bad pointer), calls the
 * ipc role, and copies results out. The objects, their locks and their
 * permission checks are the provider's (modules/ipc).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <core/sys_ipc.h>
#include <kern/ipc.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/time.h>

/* Most operations one semop copies in (the provider's semopm is lower). */
#define SYS_SEMOP_MAX 1024

static struct ipc_who sys_ipc_who(void)
{
	struct proc *p = sys_proc();

	return (struct ipc_who){ .cred = &p->cred, .pid = p->pid };
}

long sys_msgget(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();

	return ipc_msgget((int32_t)a0, (int)a1, &who);
}

/* msgp points at { long mtype; char mtext[size]; }. */
long sys_msgsnd(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();
	struct uio text = { .base = (uint64_t)a1 + sizeof(long), .resid = (size_t)a2, .user = 1 };
	long type;

	if (a2 < 0)
		return -EINVAL;
	if (!uaccess_ok((uint64_t)a1, sizeof(long) + (size_t)a2) ||
	    copyin(&type, (uint64_t)a1, sizeof(type)))
		return -EFAULT;
	if (type < 1)
		return -EINVAL;
	return ipc_msgsnd((int)a0, type, &text, (int)a3, &who);
}

long sys_msgrcv(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();
	struct uio text = { .base = (uint64_t)a1 + sizeof(long), .resid = (size_t)a2, .user = 1 };
	long type = 0, rc;

	if (a2 < 0)
		return -EINVAL;
	if (!uaccess_ok((uint64_t)a1, sizeof(long) + (size_t)a2))
		return -EFAULT;
	rc = ipc_msgrcv((int)a0, &type, &text, a3, (int)a4, &who);
	if (rc >= 0 && copyout((uint64_t)a1, &type, sizeof(type)))
		rc = -EFAULT;
	return rc;
}

long sys_msgctl(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();
	struct msqid_ds ds = { 0 };
	int cmd = (int)a1;
	long rc;

	if (cmd != IPC_STAT && cmd != MSG_STAT && cmd != IPC_SET && cmd != IPC_RMID)
		return -EINVAL;
	if (cmd == IPC_SET && copyin(&ds, (uint64_t)a2, sizeof(ds)))
		return -EFAULT;
	if ((cmd == IPC_STAT || cmd == MSG_STAT) && !uaccess_ok((uint64_t)a2, sizeof(ds)))
		return -EFAULT;
	rc = ipc_msgctl((int)a0, cmd, &ds, &who);
	if (rc >= 0 && (cmd == IPC_STAT || cmd == MSG_STAT) &&
	    copyout((uint64_t)a2, &ds, sizeof(ds)))
		rc = -EFAULT;
	return rc;
}

long sys_semget(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();

	if (a1 < 0 || a1 > 0x7fffffffL)
		return -EINVAL;
	return ipc_semget((int32_t)a0, (int)a1, (int)a2, &who);
}

/* The common half of semop and semtimedop: copy the operations in. */
#define SYS_SEMOP_FEW 8 /* operations copied onto the stack */

static long sys_semop_common(long id, uint64_t usops, long nsops, const uint64_t *timeout)
{
	struct ipc_who who = sys_ipc_who();
	struct sembuf few[SYS_SEMOP_FEW], *ops = few; /* the usual short array: no allocation */
	long rc;

	if (nsops <= 0)
		return -EINVAL;
	if (nsops > SYS_SEMOP_MAX)
		return -E2BIG;
	if (nsops > SYS_SEMOP_FEW && (ops = mem_alloc((size_t)nsops * sizeof(*ops))) == NULL)
		return -ENOMEM;
	if (copyin(ops, usops, (size_t)nsops * sizeof(*ops)))
		rc = -EFAULT;
	else
		rc = ipc_semop((int)id, ops, (unsigned)nsops, timeout, &who);
	if (ops != few)
		mem_free(ops);
	return rc;
}

long sys_semop(SYS_HANDLER_ARGS)
{
	return sys_semop_common(a0, (uint64_t)a1, a2, NULL);
}

long sys_semtimedop(SYS_HANDLER_ARGS)
{
	struct timespec ts;
	uint64_t ns;

	if (a3 == 0)
		return sys_semop_common(a0, (uint64_t)a1, a2, NULL);
	if (copyin(&ts, (uint64_t)a3, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	ns = (uint64_t)ts.tv_sec > UINT64_MAX / 1000000000u / 2 ? UINT64_MAX / 2
								: (uint64_t)ts.tv_sec * 1000000000u;
	ns += (uint64_t)ts.tv_nsec;
	return sys_semop_common(a0, (uint64_t)a1, a2, &ns);
}

/* GETALL and SETALL: the values move through a kernel array. */
static long sys_semctl_all(int id, int cmd, uint64_t uarray, struct ipc_who *who)
{
	struct ipc_semarg arg = { 0 };
	long rc, n = IPC_SEM_ARRAY_MAX;

	if (cmd == SETALL) {
		n = ipc_semctl(id, 0, IPC_SEM_NSEMS, &arg, who);
		if (n < 0)
			return n;
	}
	arg.array = mem_zalloc((size_t)n * sizeof(uint16_t) + 1);
	if (arg.array == NULL)
		return -ENOMEM;
	arg.nsems = (unsigned)n;
	if (cmd == SETALL && copyin(arg.array, uarray, (size_t)n * sizeof(uint16_t)))
		rc = -EFAULT;
	else
		rc = ipc_semctl(id, 0, cmd, &arg, who);
	if (rc == 0 && cmd == GETALL && copyout(uarray, arg.array, arg.nsems * sizeof(uint16_t)))
		rc = -EFAULT;
	mem_free(arg.array);
	return rc;
}

long sys_semctl(SYS_HANDLER_ARGS)
{
	struct ipc_who who = sys_ipc_who();
	struct semid_ds ds = { 0 };
	struct ipc_semarg arg = { .val = (int)a3, .ds = &ds };
	int cmd = (int)a2;
	long rc;

	switch (cmd) {
	case GETALL:
	case SETALL:
		return sys_semctl_all((int)a0, cmd, (uint64_t)a3, &who);
	case IPC_SET:
		if (copyin(&ds, (uint64_t)a3, sizeof(ds)))
			return -EFAULT;
		break;
	case IPC_STAT:
	case SEM_STAT:
		if (!uaccess_ok((uint64_t)a3, sizeof(ds)))
			return -EFAULT;
		break;
	case IPC_RMID:
	case GETPID:
	case GETVAL:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		break;
	default:
		return -EINVAL;
	}
	rc = ipc_semctl((int)a0, (int)a1, cmd, &arg, &who);
	if (rc >= 0 && (cmd == IPC_STAT || cmd == SEM_STAT) &&
	    copyout((uint64_t)a3, &ds, sizeof(ds)))
		rc = -EFAULT;
	return rc;
}

long sysctl_ipc(uint64_t uarg)
{
	struct ipc_limits lim;

	ipc_limits(&lim);
	return copyout(uarg, &lim, sizeof(lim)) ? -EFAULT : 0;
}
