/*
 * modules/ipc: the `ipc` provider. Pipes (pipe.c over pipe_ring.c), FIFOs
 * (fifo.c), System V message queues (msg.c over msg_queue.c) and
 * semaphores (sem.c over sem_ops.c), with the id tables and permission
 * checks they share (ipc_obj.c), System V shared memory (shm.c) and POSIX
 * shm objects (pshm.c) over the memory objects of vm (DESIGN.md section 12).
 */
#include <kern/ipc.h>
#include <kern/kmod.h>
#include <kern/printk.h>

#include "fifo.h"
#include "msg.h"
#include "pipe.h"
#include "sem.h"
#include "shm.h"

static void ipc_mod_limits(struct ipc_limits *lim)
{
	*lim = (struct ipc_limits){ .msgmax = MSG_MAX,
				    .msgmnb = MSG_MNB,
				    .msgmni = MSG_MNI,
				    .semmsl = SEM_MSL,
				    .semmni = SEM_MNI,
				    .semmns = SEM_MNS,
				    .semopm = SEM_OPM,
				    .semvmx = SEM_VMX,
				    .fifo_used = fifo_in_use(),
				    .shmmax = SHM_MAX,
				    .shmmin = SHM_MIN,
				    .shmmni = SHM_MNI,
				    .shmall = SHM_ALL,
				    .pshm_used = pshm_in_use() };
	msg_usage(lim);
	sem_usage(lim);
	shm_usage(lim);
}

/* A process ends: its SEM_UNDO adjustments, then its attachments. */
static void ipc_mod_proc_exit(long pid)
{
	sem_proc_exit(pid);
	shm_proc_drop(pid);
}

/* A POSIX object's name, else a System V segment's. */
static int ipc_mod_obj_name(const struct vm_object *obj, char *buf, size_t len)
{
	int n = pshm_obj_name(obj, buf, len);

	return n >= 0 ? n : shm_obj_name(obj, buf, len);
}

static const struct ipc_ops ipc_module_ops = {
	.version = IPC_OPS_VERSION,
	.pipe = pipe_create,
	.fifo_open = fifo_open,
	.fifo_read = fifo_read,
	.fifo_write = fifo_write,
	.fifo_close = fifo_close,
	.msgget = msg_get,
	.msgsnd = msg_send,
	.msgrcv = msg_recv,
	.msgctl = msg_ctl,
	.semget = sem_get,
	.semop = sem_op,
	.semctl = sem_ctl,
	.proc_exit = ipc_mod_proc_exit,
	.limits = ipc_mod_limits,
	.shmget = shm_get,
	.shmat = shm_at,
	.shmdt = shm_dt,
	.shmctl = shm_ctl,
	.proc_fork = shm_proc_fork,
	.proc_exec = shm_proc_drop,
	.shm_open = pshm_open,
	.shm_unlink = pshm_unlink,
	.shm_object = pshm_object,
	.shm_setattr = pshm_setattr,
	.shm_list = pshm_list,
	.shm_stat = pshm_stat_name,
	.obj_name = ipc_mod_obj_name,
};

static int ipc_init(const char *args)
{
	int rc;

	(void)args;
	rc = ipc_register(&ipc_module_ops);
	if (rc == 0)
		printk("ipc: pipes of %u KiB, writes of up to %u bytes atomic; FIFOs; "
		       "System V messages (%u queues), semaphores (%u sets) and "
		       "shared memory (%u segments); POSIX shm objects\n",
		       PIPE_SIZE / 1024, PIPE_BUF, MSG_MNI, SEM_MNI, SHM_MNI);
	return rc;
}

KMOD(.name = "ipc", .version = "1.3.0", .role = "ipc", .init = ipc_init);
