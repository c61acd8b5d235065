/*
 * The id tables and permissions of System V IPC (ipc_obj.h has the lock
 * order). An id is slot + seq * IPC_SEQ_MUL; a slot's seq grows each time
 * it is freed, so an id of a removed object does not name its successor
 * at once (only after 65536 reuses of the slot).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "ipc_obj.h"

int ipc_owner_ok(const struct ipc_perm *perm, const struct cred *cred)
{
	if (cred->euid == 0 || cred->euid == perm->uid || cred->euid == perm->cuid)
		return 0;
	return -EPERM;
}

static struct ipc_obj *ipc_tab_find_key(struct ipc_table *t, int32_t key)
{
	for (unsigned i = 0; i < IPC_TAB_SLOTS; i++)
		if (t->slot[i] && t->slot[i]->perm.key == key)
			return t->slot[i];
	return NULL;
}

/* The mode bits asked for in a get's flags, as an access want. */
static unsigned ipc_flags_want(int flags)
{
	unsigned m = (unsigned)flags & 0777;

	return ((m >> 6) | (m >> 3) | m) & 7;
}

static int ipc_tab_add(struct ipc_table *t, int32_t key, int flags, const struct ipc_who *who,
		       ipc_make_fn *make, void *arg)
{
	struct ipc_obj *o;
	unsigned i;

	if (t->used >= t->max)
		return -ENOSPC;
	for (i = 0; i < IPC_TAB_SLOTS && t->slot[i]; i++)
		;
	if (i == IPC_TAB_SLOTS)
		return -ENOSPC;
	o = make(arg);
	if (o == NULL)
		return -ENOMEM;
	o->perm = (struct ipc_perm){ .key = key,
				     .uid = who->cred->euid,
				     .gid = who->cred->egid,
				     .cuid = who->cred->euid,
				     .cgid = who->cred->egid,
				     .mode = (uint16_t)(flags & 0777),
				     .seq = t->seq[i] };
	o->id = (int)(t->seq[i] * IPC_SEQ_MUL + i);
	t->slot[i] = o;
	t->used++;
	return o->id;
}

int ipc_tab_get(struct ipc_table *t, int32_t key, int flags, const struct ipc_who *who,
		ipc_make_fn *make, ipc_check_fn *check, void *arg)
{
	struct ipc_obj *o = NULL;
	int rc;

	mutex_lock(&t->lock);
	if (key != IPC_PRIVATE)
		o = ipc_tab_find_key(t, key);
	if (o == NULL) {
		rc = key == IPC_PRIVATE || (flags & IPC_CREAT)
			 ? ipc_tab_add(t, key, flags, who, make, arg)
			 : -ENOENT;
	} else if ((flags & IPC_CREAT) && (flags & IPC_EXCL)) {
		rc = -EEXIST;
	} else {
		mutex_lock(&o->lock);
		rc = ipc_perm_ok(&o->perm, who->cred, ipc_flags_want(flags));
		if (rc == 0)
			rc = check(o, arg);
		if (rc == 0)
			rc = o->id;
		mutex_unlock(&o->lock);
	}
	mutex_unlock(&t->lock);
	return rc;
}

struct ipc_obj *ipc_tab_lock(struct ipc_table *t, int id, int keep_table, int by_index)
{
	struct ipc_obj *o = NULL;
	unsigned i = by_index ? (unsigned)id : (unsigned)id % IPC_SEQ_MUL;

	if (id < 0 || i >= IPC_TAB_SLOTS)
		return NULL;
	mutex_lock(&t->lock);
	o = t->slot[i];
	if (o && !by_index && o->id != id)
		o = NULL;
	if (o)
		mutex_lock(&o->lock);
	if (o == NULL || !keep_table)
		mutex_unlock(&t->lock);
	return o;
}

void ipc_tab_unlink(struct ipc_table *t, struct ipc_obj *o)
{
	unsigned i = (unsigned)o->id % IPC_SEQ_MUL;

	t->slot[i] = NULL;
	t->seq[i] = (uint16_t)(t->seq[i] + 1);
	t->used--;
	o->removed = 1;
}

void ipc_obj_unlock(struct ipc_table *t, struct ipc_obj *o)
{
	int dead = o->removed && o->refs == 0;

	mutex_unlock(&o->lock);
	if (dead)
		t->free(o);
}

void ipc_tab_foreach(struct ipc_table *t, void (*fn)(struct ipc_obj *o, void *arg), void *arg)
{
	mutex_lock(&t->lock);
	for (unsigned i = 0; i < IPC_TAB_SLOTS; i++) {
		struct ipc_obj *o = t->slot[i];

		if (o == NULL)
			continue;
		mutex_lock(&o->lock);
		fn(o, arg);
		mutex_unlock(&o->lock);
	}
	mutex_unlock(&t->lock);
}

int ipc_obj_sleep(struct ipc_obj *o, unsigned *chan, uint64_t timeout_ns)
{
	int rc;

	o->refs++;
	(*chan)++;
	rc = thr_sleep_sig(chan, &o->lock, timeout_ns);
	(*chan)--;
	o->refs--;
	return o->removed ? -EIDRM : rc;
}
