/*
 * The core side of the `ipc` role: its descriptor, registration and the
 * wrappers the system calls use. Without a provider there are no pipes:
 * pipe() says -ENOSYS. The role is pinned: open pipes hold the provider's
 * fileops, so it never unloads.
 *
 * Locking: none here. ipc operations may sleep and run on several CPUs at
 * once; the provider locks its objects itself.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/assert.h>
#include <kern/ipc.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

static int ipc_null_pipe(struct file **rd, struct file **wr, int flags)
{
	(void)flags;
	*rd = NULL;
	*wr = NULL;
	return -ENOSYS;
}

static int ipc_null_fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out)
{
	(void)vp, (void)flags;
	*out = NULL;
	return -ENXIO;
}

/* Never called: no FIFO opens without a provider, and it is pinned. */
static long ipc_null_fifo_io(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	(void)ff, (void)uio, (void)flags;
	return -EIO;
}

static void ipc_null_fifo_close(struct ipc_fifo *ff, int flags)
{
	(void)ff, (void)flags;
}

static int ipc_null_msgget(int32_t key, int flags, const struct ipc_who *who)
{
	(void)key, (void)flags, (void)who;
	return -ENOSYS;
}

static long ipc_null_msgsnd(int id, long type, struct uio *text, int flags,
			    const struct ipc_who *who)
{
	(void)id, (void)type, (void)text, (void)flags, (void)who;
	return -ENOSYS;
}

static long ipc_null_msgrcv(int id, long *type, struct uio *text, long want, int flags,
			    const struct ipc_who *who)
{
	(void)id, (void)type, (void)text, (void)want, (void)flags, (void)who;
	return -ENOSYS;
}

static int ipc_null_msgctl(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who)
{
	(void)id, (void)cmd, (void)ds, (void)who;
	return -ENOSYS;
}

static int ipc_null_semget(int32_t key, int nsems, int flags, const struct ipc_who *who)
{
	(void)key, (void)nsems, (void)flags, (void)who;
	return -ENOSYS;
}

static int ipc_null_semop(int id, const struct sembuf *ops, unsigned nsops,
			  const uint64_t *timeout_ns, const struct ipc_who *who)
{
	(void)id, (void)ops, (void)nsops, (void)timeout_ns, (void)who;
	return -ENOSYS;
}

static long ipc_null_semctl(int id, int num, int cmd, struct ipc_semarg *arg,
			    const struct ipc_who *who)
{
	(void)id, (void)num, (void)cmd, (void)arg, (void)who;
	return -ENOSYS;
}

static void ipc_null_proc_exit(long pid)
{
	(void)pid;
}

static void ipc_null_limits(struct ipc_limits *lim)
{
	*lim = (struct ipc_limits){ 0 };
}

static int ipc_null_shmget(int32_t key, uint64_t size, int flags, const struct ipc_who *who)
{
	(void)key, (void)size, (void)flags, (void)who;
	return -ENOSYS;
}

static int ipc_null_shmat(int id, uint64_t *addr, int flags, struct vm_space *vm,
			  const struct ipc_who *who)
{
	(void)id, (void)addr, (void)flags, (void)vm, (void)who;
	return -ENOSYS;
}

static int ipc_null_shmdt(uint64_t addr, struct vm_space *vm, const struct ipc_who *who)
{
	(void)addr, (void)vm, (void)who;
	return -ENOSYS;
}

static int ipc_null_shmctl(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who)
{
	(void)id, (void)cmd, (void)ds, (void)who;
	return -ENOSYS;
}

static int ipc_null_proc_fork(long parent, long child)
{
	(void)parent, (void)child;
	return 0;
}

static void ipc_null_proc_exec(long pid)
{
	(void)pid;
}

static int ipc_null_shm_open(const char *name, int flags, unsigned mode, const struct ipc_who *who,
			     struct file **out)
{
	(void)name, (void)flags, (void)mode, (void)who;
	*out = NULL;
	return -ENOSYS;
}

static int ipc_null_shm_unlink(const char *name, const struct ipc_who *who)
{
	(void)name, (void)who;
	return -ENOSYS;
}

static int ipc_null_shm_object(struct file *f, struct vm_object **out)
{
	(void)f;
	*out = NULL;
	return -ENODEV;
}

static int ipc_null_shm_setattr(struct file *f, const struct io_attr *a, const struct cred *cred)
{
	(void)f, (void)a, (void)cred;
	return -EINVAL;
}

static long ipc_null_shm_list(char *buf, uint64_t len)
{
	(void)buf, (void)len;
	return 0;
}

static int ipc_null_shm_stat(const char *name, struct stat *st)
{
	(void)name, (void)st;
	return -ENOENT;
}

static int ipc_null_obj_name(const struct vm_object *obj, char *buf, size_t len)
{
	(void)obj, (void)buf, (void)len;
	return -ENOENT;
}

static const struct ipc_ops ipc_null_ops = {
	.version = IPC_OPS_VERSION,
	.pipe = ipc_null_pipe,
	.fifo_open = ipc_null_fifo_open,
	.fifo_read = ipc_null_fifo_io,
	.fifo_write = ipc_null_fifo_io,
	.fifo_close = ipc_null_fifo_close,
	.msgget = ipc_null_msgget,
	.msgsnd = ipc_null_msgsnd,
	.msgrcv = ipc_null_msgrcv,
	.msgctl = ipc_null_msgctl,
	.semget = ipc_null_semget,
	.semop = ipc_null_semop,
	.semctl = ipc_null_semctl,
	.proc_exit = ipc_null_proc_exit,
	.limits = ipc_null_limits,
	.shmget = ipc_null_shmget,
	.shmat = ipc_null_shmat,
	.shmdt = ipc_null_shmdt,
	.shmctl = ipc_null_shmctl,
	.proc_fork = ipc_null_proc_fork,
	.proc_exec = ipc_null_proc_exec,
	.shm_open = ipc_null_shm_open,
	.shm_unlink = ipc_null_shm_unlink,
	.shm_object = ipc_null_shm_object,
	.shm_setattr = ipc_null_shm_setattr,
	.shm_list = ipc_null_shm_list,
	.shm_stat = ipc_null_shm_stat,
	.obj_name = ipc_null_obj_name,
};

static const struct ipc_ops *ipc_ops = &ipc_null_ops;
static struct ipc_ops ipc_resolved;

ROLE_DEFINE(ipc_role, .name = "ipc", .version = IPC_OPS_VERSION, .ops_size = sizeof(struct ipc_ops),
	    .null_ops = &ipc_null_ops, .resolved = &ipc_resolved,
	    .current = (const void **)&ipc_ops, .pinned = true);

int ipc_register(const struct ipc_ops *ops)
{
	return role_register(&ipc_role, ops);
}
KERN_EXPORT(ipc_register);

int ipc_pipe(struct file **rd, struct file **wr, int flags)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->pipe(rd, wr, flags);
}
KERN_EXPORT(ipc_pipe);

int ipc_fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->fifo_open(vp, flags, out);
}
KERN_EXPORT(ipc_fifo_open);

long ipc_fifo_read(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->fifo_read(ff, uio, flags);
}
KERN_EXPORT(ipc_fifo_read);

long ipc_fifo_write(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->fifo_write(ff, uio, flags);
}
KERN_EXPORT(ipc_fifo_write);

void ipc_fifo_close(struct ipc_fifo *ff, int flags)
{
	KASSERT_MAY_SLEEP();
	ipc_ops->fifo_close(ff, flags);
}
KERN_EXPORT(ipc_fifo_close);

int ipc_msgget(int32_t key, int flags, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->msgget(key, flags, who);
}
KERN_EXPORT(ipc_msgget);

long ipc_msgsnd(int id, long type, struct uio *text, int flags, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->msgsnd(id, type, text, flags, who);
}
KERN_EXPORT(ipc_msgsnd);

long ipc_msgrcv(int id, long *type, struct uio *text, long want, int flags,
		const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->msgrcv(id, type, text, want, flags, who);
}
KERN_EXPORT(ipc_msgrcv);

int ipc_msgctl(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->msgctl(id, cmd, ds, who);
}
KERN_EXPORT(ipc_msgctl);

int ipc_semget(int32_t key, int nsems, int flags, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->semget(key, nsems, flags, who);
}
KERN_EXPORT(ipc_semget);

int ipc_semop(int id, const struct sembuf *ops, unsigned nsops, const uint64_t *timeout_ns,
	      const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->semop(id, ops, nsops, timeout_ns, who);
}
KERN_EXPORT(ipc_semop);

long ipc_semctl(int id, int num, int cmd, struct ipc_semarg *arg, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->semctl(id, num, cmd, arg, who);
}
KERN_EXPORT(ipc_semctl);

void ipc_proc_exit(long pid)
{
	KASSERT_MAY_SLEEP();
	ipc_ops->proc_exit(pid);
}
KERN_EXPORT(ipc_proc_exit);

void ipc_limits(struct ipc_limits *lim)
{
	ipc_ops->limits(lim);
}
KERN_EXPORT(ipc_limits);

int ipc_shmget(int32_t key, uint64_t size, int flags, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shmget(key, size, flags, who);
}
KERN_EXPORT(ipc_shmget);

int ipc_shmat(int id, uint64_t *addr, int flags, struct vm_space *vm, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shmat(id, addr, flags, vm, who);
}
KERN_EXPORT(ipc_shmat);

int ipc_shmdt(uint64_t addr, struct vm_space *vm, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shmdt(addr, vm, who);
}
KERN_EXPORT(ipc_shmdt);

int ipc_shmctl(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shmctl(id, cmd, ds, who);
}
KERN_EXPORT(ipc_shmctl);

int ipc_proc_fork(long parent, long child)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->proc_fork(parent, child);
}
KERN_EXPORT(ipc_proc_fork);

void ipc_proc_exec(long pid)
{
	KASSERT_MAY_SLEEP();
	ipc_ops->proc_exec(pid);
}
KERN_EXPORT(ipc_proc_exec);

int ipc_shm_open(const char *name, int flags, unsigned mode, const struct ipc_who *who,
		 struct file **out)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_open(name, flags, mode, who, out);
}
KERN_EXPORT(ipc_shm_open);

int ipc_shm_unlink(const char *name, const struct ipc_who *who)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_unlink(name, who);
}
KERN_EXPORT(ipc_shm_unlink);

int ipc_shm_object(struct file *f, struct vm_object **out)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_object(f, out);
}
KERN_EXPORT(ipc_shm_object);

int ipc_shm_setattr(struct file *f, const struct io_attr *a, const struct cred *cred)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_setattr(f, a, cred);
}
KERN_EXPORT(ipc_shm_setattr);

long ipc_shm_list(char *buf, uint64_t len)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_list(buf, len);
}
KERN_EXPORT(ipc_shm_list);

int ipc_shm_stat(const char *name, struct stat *st)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->shm_stat(name, st);
}
KERN_EXPORT(ipc_shm_stat);

int ipc_obj_name(const struct vm_object *obj, char *buf, size_t len)
{
	KASSERT_MAY_SLEEP();
	if (len == 0)
		return -ENOENT;
	return ipc_ops->obj_name(obj, buf, len);
}
KERN_EXPORT(ipc_obj_name);
