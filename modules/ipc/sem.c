/*
 * System V semaphores: semget, semop/semtimedop, semctl (ipc_ops).
 *
 * A set is an ipc_obj (ipc_obj.h: table, ids, permissions, lock order)
 * with its semaphores. semop applies its operations all or none
 * (sem_try(), sem_ops.c); when one must wait, the caller counts itself in
 * that semaphore's ncnt (to grow) or zcnt (to be zero) and sleeps on the
 * set's one channel; every change of a value wakes the channel and each
 * sleeper tries again. Removal wakes them with EIDRM, a signal with EINTR,
 * semtimedop's timeout with EAGAIN.
 *
 * SEM_UNDO: each set keeps one record per process that used it, holding
 * the adjustment of each semaphore (the negated sum of its SEM_UNDO
 * operations), under the set's lock. The core calls ipc_proc_exit() when
 * a process ends: its records are applied (clamped to 0..semvmx) and
 * freed. A child of fork starts without records (its pid is new); exec
 * keeps them. SETVAL and SETALL clear the adjustments of what they set.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include "ipc_obj.h"
#include "sem.h"
#include "sem_ops.h"

struct sem_undo {
	struct sem_undo *next;
	long pid;
	int32_t adj[]; /* one per semaphore */
};

struct semset {
	struct ipc_obj o; /* first */
	unsigned nsems;
	int64_t otime, ctime;
	unsigned waiters; /* the channel of every sleeper */
	struct sem_undo *undos;
	struct sem sems[];
};

static void semset_free(struct ipc_obj *o);

static struct ipc_table sem_tab = {
	.lock = MUTEX_INIT("sem ids"),
	.max = SEM_MNI,
	.free = semset_free,
};

static unsigned sem_total;	/* semaphores in all sets (sem_tab.lock) */
static unsigned sem_undo_count; /* undo records (atomic) */

static void semset_free(struct ipc_obj *o)
{
	struct semset *s = (struct semset *)o;

	while (s->undos) {
		struct sem_undo *u = s->undos;

		s->undos = u->next;
		mem_free(u);
		__atomic_sub_fetch(&sem_undo_count, 1, __ATOMIC_RELAXED);
	}
	mem_free(s);
}

struct sem_make_arg {
	int nsems;
	int err;
};

/* Under sem_tab.lock (ipc_tab_get). */
static struct ipc_obj *semset_make(void *arg)
{
	struct sem_make_arg *a = arg;
	struct semset *s;

	if (a->nsems <= 0) {
		a->err = -EINVAL;
		return NULL;
	}
	if (sem_total + (unsigned)a->nsems > SEM_MNS) {
		a->err = -ENOSPC;
		return NULL;
	}
	s = mem_zalloc(sizeof(*s) + (size_t)a->nsems * sizeof(struct sem));
	if (s == NULL)
		return NULL;
	s->o.lock.name = "semset";
	s->nsems = (unsigned)a->nsems;
	s->ctime = ipc_now();
	sem_total += s->nsems;
	return &s->o;
}

static int semset_check(struct ipc_obj *o, void *arg)
{
	const struct sem_make_arg *a = arg;

	return (unsigned)a->nsems > ((struct semset *)o)->nsems ? -EINVAL : 0;
}

int sem_get(int32_t key, int nsems, int flags, const struct ipc_who *who)
{
	struct sem_make_arg a = { .nsems = nsems };
	int rc;

	if (nsems < 0 || nsems > SEM_MSL)
		return -EINVAL;
	rc = ipc_tab_get(&sem_tab, key, flags, who, semset_make, semset_check, &a);
	return rc == -ENOMEM && a.err ? a.err : rc;
}

/* The undo record of pid in s (locked), made when asked; NULL if none or no memory. */
static struct sem_undo *sem_undo_of(struct semset *s, long pid, int make)
{
	struct sem_undo *u;

	for (u = s->undos; u; u = u->next)
		if (u->pid == pid)
			return u;
	if (!make)
		return NULL;
	u = mem_zalloc(sizeof(*u) + s->nsems * sizeof(int32_t));
	if (u == NULL)
		return NULL;
	u->pid = pid;
	u->next = s->undos;
	s->undos = u;
	__atomic_add_fetch(&sem_undo_count, 1, __ATOMIC_RELAXED);
	return u;
}

/* SETVAL (num >= 0) or SETALL (num < 0): the adjustments of what was set go. */
static void sem_undo_clear(struct semset *s, int num)
{
	for (struct sem_undo *u = s->undos; u; u = u->next)
		for (unsigned i = 0; i < s->nsems; i++)
			if (num < 0 || (unsigned)num == i)
				u->adj[i] = 0;
}

/* What the operations need: access, undo, the highest semaphore. */
static void sem_ops_scan(const struct sembuf *ops, unsigned n, unsigned *want, int *undo,
			 unsigned *maxnum)
{
	*want = IPC_R;
	*undo = 0;
	*maxnum = 0;
	for (unsigned i = 0; i < n; i++) {
		if (ops[i].sem_op != 0)
			*want = IPC_W;
		if (ops[i].sem_flg & SEM_UNDO)
			*undo = 1;
		if (ops[i].sem_num > *maxnum)
			*maxnum = ops[i].sem_num;
	}
}

/* Wait for ops[block] (s locked); the time left in *left when timed. */
static int sem_wait(struct semset *s, const struct sembuf *op, const uint64_t *deadline)
{
	struct sem *sem = &s->sems[op->sem_num];
	uint64_t left = 0, now;
	int rc;

	if (op->sem_flg & IPC_NOWAIT)
		return -EAGAIN;
	if (deadline) {
		now = tmr_now_ns();
		if (now >= *deadline)
			return -EAGAIN;
		left = *deadline - now;
	}
	if (op->sem_op < 0)
		sem->ncnt++;
	else
		sem->zcnt++;
	rc = ipc_obj_sleep(&s->o, &s->waiters, left);
	if (op->sem_op < 0)
		sem->ncnt--;
	else
		sem->zcnt--;
	return rc == -ETIMEDOUT ? -EAGAIN : rc;
}

/* The semop loop, s locked and checked: try, wait, try again. */
static int sem_op_locked(struct semset *s, const struct sembuf *ops, unsigned n, int undo,
			 const uint64_t *deadline, const struct ipc_who *who)
{
	struct sem_undo *u = undo ? sem_undo_of(s, who->pid, 1) : NULL;
	unsigned block = 0;
	int rc;

	if (undo && u == NULL)
		return -ENOMEM;
	for (;;) {
		if (n == 1 && u == NULL) /* the usual P or V */
			rc = sem_try_one(&s->sems[ops->sem_num], ops->sem_op, SEM_VMX);
		else
			rc = sem_try(s->sems, ops, n, u ? u->adj : NULL, SEM_VMX, &block);
		if (rc != -EAGAIN)
			break;
		rc = sem_wait(s, &ops[block], deadline);
		if (rc)
			return rc;
	}
	if (rc)
		return rc;
	for (unsigned i = 0; i < n; i++)
		s->sems[ops[i].sem_num].pid = who->pid;
	s->otime = ipc_now();
	ipc_obj_wake(&s->waiters);
	return 0;
}

int sem_op(int id, const struct sembuf *ops, unsigned nsops, const uint64_t *timeout_ns,
	   const struct ipc_who *who)
{
	unsigned want, maxnum;
	uint64_t deadline = 0;
	struct ipc_obj *o;
	struct semset *s;
	int undo, rc;

	if (nsops > SEM_OPM)
		return -E2BIG;
	sem_ops_scan(ops, nsops, &want, &undo, &maxnum);
	if (timeout_ns)
		deadline = tmr_now_ns() + *timeout_ns;
	o = ipc_tab_lock(&sem_tab, id, 0, 0);
	if (o == NULL)
		return -EINVAL;
	s = (struct semset *)o;
	rc = ipc_perm_ok(&o->perm, who->cred, want);
	if (rc == 0 && maxnum >= s->nsems)
		rc = -EFBIG;
	if (rc == 0)
		rc = sem_op_locked(s, ops, nsops, undo, timeout_ns ? &deadline : NULL, who);
	ipc_obj_unlock(&sem_tab, o);
	return rc;
}

/* GETVAL GETPID GETNCNT GETZCNT SETVAL on semaphore num of s (locked). */
static long sem_ctl_one(struct semset *s, int num, int cmd, int val, const struct ipc_who *who)
{
	struct sem *sem;
	int rc = ipc_perm_ok(&s->o.perm, who->cred, cmd == SETVAL ? IPC_W : IPC_R);

	if (rc)
		return rc;
	if (num < 0 || (unsigned)num >= s->nsems)
		return -EINVAL;
	sem = &s->sems[num];
	switch (cmd) {
	case GETVAL:
		return sem->val;
	case GETPID:
		return sem->pid;
	case GETNCNT:
		return sem->ncnt;
	case GETZCNT:
		return sem->zcnt;
	default: /* SETVAL */
		if (val < 0 || val > SEM_VMX)
			return -ERANGE;
		sem->val = (uint16_t)val;
		sem->pid = who->pid;
		sem_undo_clear(s, num);
		s->ctime = ipc_now();
		ipc_obj_wake(&s->waiters);
		return 0;
	}
}

/* GETALL and SETALL on s (locked). */
static long sem_ctl_all(struct semset *s, int cmd, struct ipc_semarg *arg,
			const struct ipc_who *who)
{
	int rc = ipc_perm_ok(&s->o.perm, who->cred, cmd == SETALL ? IPC_W : IPC_R);

	if (rc)
		return rc;
	if (cmd == GETALL) {
		if (arg->nsems < s->nsems)
			return -EINVAL;
		for (unsigned i = 0; i < s->nsems; i++)
			arg->array[i] = s->sems[i].val;
		arg->nsems = s->nsems;
		return 0;
	}
	if (arg->nsems != s->nsems)
		return -EINVAL;
	for (unsigned i = 0; i < s->nsems; i++)
		if (arg->array[i] > SEM_VMX)
			return -ERANGE;
	for (unsigned i = 0; i < s->nsems; i++) {
		s->sems[i].val = arg->array[i];
		s->sems[i].pid = who->pid;
	}
	sem_undo_clear(s, -1);
	s->ctime = ipc_now();
	ipc_obj_wake(&s->waiters);
	return 0;
}

/* IPC_STAT, SEM_STAT, IPC_SET on s (locked). */
static long sem_ctl_ds(struct semset *s, int cmd, struct semid_ds *ds, const struct ipc_who *who)
{
	int rc;

	if (cmd == IPC_SET) {
		rc = ipc_owner_ok(&s->o.perm, who->cred);
		if (rc)
			return rc;
		s->o.perm.uid = ds->sem_perm.uid;
		s->o.perm.gid = ds->sem_perm.gid;
		s->o.perm.mode =
		    (uint16_t)((s->o.perm.mode & ~0777u) | (ds->sem_perm.mode & 0777u));
		s->ctime = ipc_now();
		return 0;
	}
	rc = ipc_perm_ok(&s->o.perm, who->cred, IPC_R);
	if (rc)
		return rc;
	*ds = (struct semid_ds){ .sem_perm = s->o.perm,
				 .sem_otime = s->otime,
				 .sem_ctime = s->ctime,
				 .sem_nsems = s->nsems };
	return cmd == SEM_STAT ? s->o.id : 0;
}

static long sem_ctl_rmid(struct semset *s, const struct ipc_who *who)
{
	int rc = ipc_owner_ok(&s->o.perm, who->cred);

	if (rc == 0) {
		ipc_tab_unlink(&sem_tab, &s->o);
		sem_total -= s->nsems;
		ipc_obj_wake(&s->waiters);
	}
	mutex_unlock(&sem_tab.lock);
	return rc;
}

long sem_ctl(int id, int num, int cmd, struct ipc_semarg *arg, const struct ipc_who *who)
{
	struct ipc_obj *o = ipc_tab_lock(&sem_tab, id, cmd == IPC_RMID, cmd == SEM_STAT);
	struct semset *s = (struct semset *)o;
	long rc;

	if (o == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_SEM_NSEMS:
		rc = s->nsems;
		break;
	case IPC_RMID:
		rc = sem_ctl_rmid(s, who);
		break;
	case IPC_STAT:
	case SEM_STAT:
	case IPC_SET:
		rc = sem_ctl_ds(s, cmd, arg->ds, who);
		break;
	case GETALL:
	case SETALL:
		rc = sem_ctl_all(s, cmd, arg, who);
		break;
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		rc = sem_ctl_one(s, num, cmd, arg->val, who);
		break;
	default:
		rc = -EINVAL;
	}
	ipc_obj_unlock(&sem_tab, o);
	return rc;
}

/* ipc_tab_foreach's step of sem_proc_exit: apply and drop pid's record in one set. */
static void sem_undo_apply(struct ipc_obj *o, void *arg)
{
	struct semset *s = (struct semset *)o;
	long pid = *(const long *)arg;
	struct sem_undo **link = &s->undos, *u;

	while (*link && (*link)->pid != pid)
		link = &(*link)->next;
	u = *link;
	if (u == NULL)
		return;
	*link = u->next;
	for (unsigned i = 0; i < s->nsems; i++) {
		long v = (long)s->sems[i].val + u->adj[i];

		if (u->adj[i] == 0)
			continue;
		s->sems[i].val = (uint16_t)(v < 0 ? 0 : v > SEM_VMX ? SEM_VMX : v);
		s->sems[i].pid = pid;
	}
	mem_free(u);
	__atomic_sub_fetch(&sem_undo_count, 1, __ATOMIC_RELAXED);
	s->otime = ipc_now();
	ipc_obj_wake(&s->waiters);
}

void sem_proc_exit(long pid)
{
	if (__atomic_load_n(&sem_undo_count, __ATOMIC_RELAXED) == 0)
		return;
	ipc_tab_foreach(&sem_tab, sem_undo_apply, &pid);
}

void sem_usage(struct ipc_limits *lim)
{
	mutex_lock(&sem_tab.lock);
	lim->sem_used = sem_tab.used;
	mutex_unlock(&sem_tab.lock);
	lim->undo_used = __atomic_load_n(&sem_undo_count, __ATOMIC_RELAXED);
}
