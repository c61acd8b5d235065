/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl (ipc_ops).
 *
 * A queue is an ipc_obj (ipc_obj.h: the table, ids, permissions, the
 * lock order) with a list of messages (msg_queue.c). Senders wait on
 * swait while the queue is full (msg_qbytes), receivers on rwait while no
 * message fits their type; each waits with ipc_obj_sleep(), so a removal
 * wakes it with EIDRM and a signal with EINTR. A sender copies its text
 * into the new message before it locks the queue; a receiver copies the
 * text out under the queue's mutex (a user page may fault in) and takes
 * the message off only once the copy succeeded, so a bad buffer loses
 * nothing.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <uapi/errno.h>

#include "ipc_obj.h"
#include "msg.h"
#include "msg_queue.h"

struct msq {
	struct ipc_obj o; /* first */
	struct msg_list list;
	uint64_t cbytes, qnum, qbytes;
	long lspid, lrpid;
	int64_t stime, rtime, ctime;
	unsigned rwait, swait;
};

static void msq_free(struct ipc_obj *o);

static struct ipc_table msg_tab = {
	.lock = MUTEX_INIT("msg ids"),
	.max = MSG_MNI,
	.free = msq_free,
};

static unsigned msg_count; /* messages on all queues (atomic) */

static void msq_free(struct ipc_obj *o)
{
	struct msq *q = (struct msq *)o;

	while (q->list.head) {
		mem_free(msg_list_unlink(&q->list, &q->list.head));
		__atomic_sub_fetch(&msg_count, 1, __ATOMIC_RELAXED);
	}
	mem_free(q);
}

static struct ipc_obj *msq_make(void *arg)
{
	struct msq *q = mem_zalloc(sizeof(*q));

	(void)arg;
	if (q == NULL)
		return NULL;
	q->o.lock.name = "msq";
	msg_list_init(&q->list);
	q->qbytes = MSG_MNB;
	q->ctime = ipc_now();
	return &q->o;
}

static int msq_check(struct ipc_obj *o, void *arg)
{
	(void)o, (void)arg;
	return 0;
}

int msg_get(int32_t key, int flags, const struct ipc_who *who)
{
	return ipc_tab_get(&msg_tab, key, flags, who, msq_make, msq_check, NULL);
}

static int msq_full(const struct msq *q, size_t size)
{
	return q->cbytes + size > q->qbytes || q->qnum + 1 > q->qbytes;
}

long msg_send(int id, long type, struct uio *text, int flags, const struct ipc_who *who)
{
	size_t size = text->resid;
	struct msg *m;
	struct ipc_obj *o;
	struct msq *q;
	long rc;

	if (size > MSG_MAX || type < 1)
		return -EINVAL;
	m = mem_alloc(sizeof(*m) + size + 1);
	if (m == NULL)
		return -ENOMEM;
	m->type = type;
	m->size = size;
	rc = uio_move(m->text, size, text, 0);
	o = rc < 0 ? NULL : ipc_tab_lock(&msg_tab, id, 0, 0);
	if (o == NULL) {
		mem_free(m);
		return rc < 0 ? rc : -EINVAL;
	}
	q = (struct msq *)o;
	rc = ipc_perm_ok(&o->perm, who->cred, IPC_W);
	while (rc == 0 && msq_full(q, size))
		rc = (flags & IPC_NOWAIT) ? -EAGAIN : ipc_obj_sleep(o, &q->swait, 0);
	if (rc == 0) {
		msg_list_append(&q->list, m);
		m = NULL;
		q->cbytes += size;
		q->qnum++;
		q->lspid = who->pid;
		q->stime = ipc_now();
		__atomic_add_fetch(&msg_count, 1, __ATOMIC_RELAXED);
		ipc_obj_wake(&q->rwait);
	}
	ipc_obj_unlock(&msg_tab, o);
	mem_free(m);
	return rc;
}

/* Take the chosen message (*link) if its text fits: its size, or a negative errno. */
static long msq_take(struct msq *q, struct msg **link, long *type, struct uio *text, int flags,
		     const struct ipc_who *who)
{
	struct msg *m = *link;
	size_t n = m->size;
	long rc;

	if (n > text->resid) {
		if (!(flags & MSG_NOERROR))
			return -E2BIG;
		n = text->resid;
	}
	rc = uio_move(m->text, n, text, 1);
	if (rc < 0)
		return rc;
	msg_list_unlink(&q->list, link);
	q->cbytes -= m->size;
	q->qnum--;
	q->lrpid = who->pid;
	q->rtime = ipc_now();
	*type = m->type;
	mem_free(m);
	__atomic_sub_fetch(&msg_count, 1, __ATOMIC_RELAXED);
	ipc_obj_wake(&q->swait);
	return (long)n;
}

long msg_recv(int id, long *type, struct uio *text, long want, int flags, const struct ipc_who *who)
{
	struct ipc_obj *o = ipc_tab_lock(&msg_tab, id, 0, 0);
	struct msq *q = (struct msq *)o;
	struct msg **link;
	long rc;

	if (o == NULL)
		return -EINVAL;
	if (want < -LONG_MAX_IPC)
		want = -LONG_MAX_IPC;
	rc = ipc_perm_ok(&o->perm, who->cred, IPC_R);
	while (rc == 0) {
		link = msg_list_find(&q->list, want, want > 0 && (flags & MSG_EXCEPT));
		if (link) {
			rc = msq_take(q, link, type, text, flags, who);
			break;
		}
		rc = (flags & IPC_NOWAIT) ? -ENOMSG : ipc_obj_sleep(o, &q->rwait, 0);
	}
	ipc_obj_unlock(&msg_tab, o);
	return rc;
}

static void msq_stat(const struct msq *q, struct msqid_ds *ds)
{
	*ds = (struct msqid_ds){ .msg_perm = q->o.perm,
				 .msg_stime = q->stime,
				 .msg_rtime = q->rtime,
				 .msg_ctime = q->ctime,
				 .msg_cbytes = q->cbytes,
				 .msg_qnum = q->qnum,
				 .msg_qbytes = q->qbytes,
				 .msg_lspid = (int32_t)q->lspid,
				 .msg_lrpid = (int32_t)q->lrpid };
}

static int msq_set(struct msq *q, const struct msqid_ds *ds, const struct cred *cred)
{
	int rc = ipc_owner_ok(&q->o.perm, cred);

	if (rc == 0 && ds->msg_qbytes > MSG_MNB && cred->euid != 0)
		rc = -EPERM;
	if (rc == 0 && ds->msg_qbytes == 0)
		rc = -EINVAL;
	if (rc)
		return rc;
	q->o.perm.uid = ds->msg_perm.uid;
	q->o.perm.gid = ds->msg_perm.gid;
	q->o.perm.mode = (uint16_t)((q->o.perm.mode & ~0777u) | (ds->msg_perm.mode & 0777u));
	q->qbytes = ds->msg_qbytes;
	q->ctime = ipc_now();
	ipc_obj_wake(&q->swait); /* the queue may hold more now */
	return 0;
}

int msg_ctl(int id, int cmd, struct msqid_ds *ds, const struct ipc_who *who)
{
	int rmid = cmd == IPC_RMID;
	struct ipc_obj *o = ipc_tab_lock(&msg_tab, id, rmid, cmd == MSG_STAT);
	struct msq *q = (struct msq *)o;
	int rc;

	if (o == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
	case MSG_STAT:
		rc = ipc_perm_ok(&o->perm, who->cred, IPC_R);
		if (rc == 0)
			msq_stat(q, ds);
		if (rc == 0 && cmd == MSG_STAT)
			rc = o->id;
		break;
	case IPC_SET:
		rc = msq_set(q, ds, who->cred);
		break;
	case IPC_RMID:
		rc = ipc_owner_ok(&o->perm, who->cred);
		if (rc == 0) {
			ipc_tab_unlink(&msg_tab, o);
			ipc_obj_wake(&q->rwait);
			ipc_obj_wake(&q->swait);
		}
		mutex_unlock(&msg_tab.lock);
		break;
	default:
		rc = -EINVAL;
	}
	ipc_obj_unlock(&msg_tab, o);
	return rc;
}

void msg_usage(struct ipc_limits *lim)
{
	mutex_lock(&msg_tab.lock);
	lim->msq_used = msg_tab.used;
	mutex_unlock(&msg_tab.lock);
	lim->msg_used = __atomic_load_n(&msg_count, __ATOMIC_RELAXED);
}
