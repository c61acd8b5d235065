/*
 * System V shared memory of the ipc module: shmget shmat shmdt shmctl.
 * A segment is a memory object of vm (kern/vm.h) with an ipc_perm; shmat
 * maps the object shared into the caller's space, and the space holds its
 * own reference on the object while it maps it, so memory lives as long
 * as the segment or any mapping does.
 *
 * Attachments are records (pid, address, length, segment id) on one list:
 * shmdt finds its record by address, fork copies the parent's records for
 * the child (its space maps the same objects: vm_fork), exec and exit drop
 * them. shm_nattch counts a segment's records. IPC_RMID of an attached
 * segment marks it SHM_DEST and makes its key IPC_PRIVATE; the last detach
 * takes it out of the table and frees it.
 *
 * Lock order: shm_att_lock (the records), then the table's lock, then a
 * segment's lock, then (inside vm's wrappers) the vm lock and an object's.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/vm.h>
#include <kern/vm_walk.h>
#include <uapi/errno.h>

#include "ipc_obj.h"
#include "shm.h"

struct shmseg {
	struct ipc_obj o; /* first: the table's head */
	uint64_t size;
	struct vm_object *vmo;
	uint64_t nattch;
	long cpid, lpid;
	int64_t atime, dtime, ctime;
};

struct shm_att {
	long pid;
	uint64_t addr, len;
	int id;
	struct shm_att *next;
};

static void shmseg_free(struct ipc_obj *o);

static struct ipc_table shm_tab = {
	.lock = MUTEX_INIT("shm ids"),
	.max = SHM_MNI,
	.free = shmseg_free,
};

static struct mutex shm_att_lock = MUTEX_INIT("shm attachments");
static struct shm_att *shm_atts; /* shm_att_lock */
static unsigned shm_att_count;	 /* shm_att_lock */
static uint64_t shm_total_pages; /* shm_tab.lock: pages of all segments */

static uint64_t shm_pages(uint64_t size)
{
	return (size + 4095) / 4096;
}

/* Unlocked, out of the table, no attachment left. */
static void shmseg_free(struct ipc_obj *o)
{
	struct shmseg *s = (struct shmseg *)o;

	vm_obj_unref(s->vmo);
	mem_free(s);
}

struct shm_make_arg {
	uint64_t size;
	long pid;
	int err;
};

/* Under shm_tab.lock (ipc_tab_get). */
static struct ipc_obj *shm_make(void *arg)
{
	struct shm_make_arg *a = arg;
	struct shmseg *s;

	if (a->size < SHM_MIN || a->size > SHM_MAX ||
	    shm_total_pages + shm_pages(a->size) > SHM_ALL) {
		a->err = a->size > SHM_MAX || a->size < SHM_MIN ? -EINVAL : -ENOSPC;
		return NULL;
	}
	s = mem_zalloc(sizeof(*s));
	if (s == NULL)
		return NULL;
	s->vmo = vm_obj_create(a->size);
	if (s->vmo == NULL) {
		mem_free(s);
		return NULL;
	}
	s->o.lock.name = "shm segment";
	s->size = a->size;
	s->cpid = a->pid;
	s->ctime = ipc_now();
	shm_total_pages += shm_pages(a->size);
	return &s->o;
}

static int shm_check(struct ipc_obj *o, void *arg)
{
	struct shm_make_arg *a = arg;

	return a->size > ((struct shmseg *)o)->size ? -EINVAL : 0;
}

int shm_get(int32_t key, uint64_t size, int flags, const struct ipc_who *who)
{
	struct shm_make_arg a = { .size = size, .pid = who->pid, .err = 0 };
	int rc = ipc_tab_get(&shm_tab, key, flags, who, shm_make, shm_check, &a);

	return rc == -ENOMEM && a.err ? a.err : rc;
}

/* Count one attachment more (the segment found by id, alive, not removed). */
static int shm_attach_seg(int id, int flags, const struct ipc_who *who, struct vm_object **vmo,
			  uint64_t *size)
{
	struct ipc_obj *o = ipc_tab_lock(&shm_tab, id, 0, 0);
	struct shmseg *s = (struct shmseg *)o;
	int rc;

	if (o == NULL)
		return -EINVAL;
	rc = ipc_perm_ok(&o->perm, who->cred, flags & SHM_RDONLY ? IPC_R : IPC_R | IPC_W);
	if (rc == 0 && (o->perm.mode & SHM_DEST))
		rc = -EIDRM;
	if (rc == 0) {
		s->nattch++;
		s->atime = ipc_now();
		s->lpid = who->pid;
		*vmo = s->vmo;
		vm_obj_ref(s->vmo);
		*size = s->size;
	}
	ipc_obj_unlock(&shm_tab, o);
	return rc;
}

/* Count one attachment less; the last of a removed segment frees it. */
static void shm_detach_seg(int id, long pid)
{
	struct ipc_obj *o = ipc_tab_lock(&shm_tab, id, 1, 0);
	struct shmseg *s = (struct shmseg *)o;

	if (o == NULL)
		return;
	s->nattch--;
	s->dtime = ipc_now();
	s->lpid = pid;
	if (s->nattch == 0 && (o->perm.mode & SHM_DEST)) {
		shm_total_pages -= shm_pages(s->size);
		ipc_tab_unlink(&shm_tab, o);
	}
	mutex_unlock(&shm_tab.lock);
	ipc_obj_unlock(&shm_tab, o);
}

static int shm_record(long pid, uint64_t addr, uint64_t len, int id)
{
	struct shm_att *a = mem_alloc(sizeof(*a));

	if (a == NULL)
		return -ENOMEM;
	*a = (struct shm_att){ .pid = pid, .addr = addr, .len = len, .id = id };
	mutex_lock(&shm_att_lock);
	a->next = shm_atts;
	shm_atts = a;
	shm_att_count++;
	mutex_unlock(&shm_att_lock);
	return 0;
}

struct shm_span {
	uint64_t start, end;
};

/* vm_walk's callback: nonzero when a region meets the span. */
static int shm_meets(void *arg, const struct vm_region_desc *d)
{
	const struct shm_span *sp = arg;

	return d->start < sp->end && d->end > sp->start;
}

/* Does anything map [start, start + len)? (the walk, else a probe per page) */
static int shm_overlaps(struct vm_space *vm, uint64_t start, uint64_t len)
{
	struct shm_span sp = { start, start + len };
	char line[96];
	int rc = vm_walk(vm, shm_meets, &sp);

	if (rc != -ENOSYS)
		return rc > 0;
	for (uint64_t a = start; a < sp.end; a += SHMLBA)
		if (vm_describe(vm, a, line, sizeof(line)) == 0)
			return 1;
	return 0;
}

int shm_at(int id, uint64_t *addr, int flags, struct vm_space *vm, const struct ipc_who *who)
{
	uint64_t where = *addr, size = 0;
	struct vm_object *vmo = NULL;
	unsigned prot = flags & SHM_RDONLY ? VM_READ : VM_READ | VM_WRITE;
	int rc, fixed;

	if (flags & SHM_RND)
		where &= ~(uint64_t)(SHMLBA - 1);
	if ((where & (SHMLBA - 1)) || ((flags & SHM_REMAP) && where == 0))
		return -EINVAL;
	rc = shm_attach_seg(id, flags, who, &vmo, &size);
	if (rc)
		return rc;
	fixed = where != 0;
	if (fixed && !(flags & SHM_REMAP) &&
	    (where + size < where ||
	     shm_overlaps(vm, where, (size + SHMLBA - 1) & ~(uint64_t)(SHMLBA - 1)))) {
		vm_obj_unref(vmo);
		shm_detach_seg(id, who->pid);
		return -EINVAL; /* Linux: only SHM_REMAP replaces a mapping */
	}
	if (!fixed)
		where = SHM_MAP_HINT;
	rc = vm_obj_map(vm, &where, size, prot, VM_SHARED | (fixed ? VM_FIXED : 0), vmo, 0);
	vm_obj_unref(vmo); /* the space holds its own now */
	if (rc == 0)
		rc = shm_record(who->pid, where, size, id);
	if (rc) {
		if (rc == -ENOMEM && where)
			vm_unmap(vm, where, size); /* mapped, but no room for the record */
		shm_detach_seg(id, who->pid);
		return rc == -ENOMEM ? -ENOMEM : -EINVAL;
	}
	*addr = where;
	return 0;
}

int shm_dt(uint64_t addr, struct vm_space *vm, const struct ipc_who *who)
{
	struct shm_att *a = NULL;

	mutex_lock(&shm_att_lock);
	for (struct shm_att **pp = &shm_atts; *pp; pp = &(*pp)->next)
		if ((*pp)->pid == who->pid && (*pp)->addr == addr) {
			a = *pp;
			*pp = a->next;
			shm_att_count--;
			break;
		}
	mutex_unlock(&shm_att_lock);
	if (a == NULL)
		return -EINVAL;
	vm_unmap(vm, a->addr, a->len);
	shm_detach_seg(a->id, who->pid);
	mem_free(a);
	return 0;
}

/* Drop every record of a process (exec, exit): its space is gone or going. */
void shm_proc_drop(long pid)
{
	for (;;) {
		struct shm_att *a = NULL;

		mutex_lock(&shm_att_lock);
		for (struct shm_att **pp = &shm_atts; *pp; pp = &(*pp)->next)
			if ((*pp)->pid == pid) {
				a = *pp;
				*pp = a->next;
				shm_att_count--;
				break;
			}
		mutex_unlock(&shm_att_lock);
		if (a == NULL)
			return;
		shm_detach_seg(a->id, pid);
		mem_free(a);
	}
}

/* Copy the parent's records for the child; its space maps the same objects. */
int shm_proc_fork(long parent, long child)
{
	int rc = 0;

	mutex_lock(&shm_att_lock);
	for (struct shm_att *a = shm_atts; a && rc == 0; a = a->next) {
		struct shm_att *c;
		struct ipc_obj *o;

		if (a->pid != parent)
			continue;
		c = mem_alloc(sizeof(*c));
		if (c == NULL) {
			rc = -ENOMEM;
			break;
		}
		*c = (struct shm_att){
			.pid = child, .addr = a->addr, .len = a->len, .id = a->id, .next = shm_atts
		};
		shm_atts = c;
		shm_att_count++;
		o = ipc_tab_lock(&shm_tab, a->id, 0, 0);
		if (o) {
			((struct shmseg *)o)->nattch++;
			ipc_obj_unlock(&shm_tab, o);
		}
	}
	mutex_unlock(&shm_att_lock);
	if (rc)
		shm_proc_drop(child);
	return rc;
}

static void shm_stat(const struct shmseg *s, struct shmid_ds *ds)
{
	*ds = (struct shmid_ds){ .shm_perm = s->o.perm,
				 .shm_segsz = s->size,
				 .shm_atime = s->atime,
				 .shm_dtime = s->dtime,
				 .shm_ctime = s->ctime,
				 .shm_cpid = (int32_t)s->cpid,
				 .shm_lpid = (int32_t)s->lpid,
				 .shm_nattch = s->nattch };
}

/* IPC_RMID (table and segment locked): free now, or at the last detach. */
static void shm_remove(struct shmseg *s)
{
	s->o.perm.key = IPC_PRIVATE;
	s->o.perm.mode |= SHM_DEST;
	if (s->nattch == 0) {
		shm_total_pages -= shm_pages(s->size);
		ipc_tab_unlink(&shm_tab, &s->o);
	}
}

int shm_ctl(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who)
{
	int rmid = cmd == IPC_RMID;
	struct ipc_obj *o = ipc_tab_lock(&shm_tab, id, rmid, cmd == SHM_STAT);
	struct shmseg *s = (struct shmseg *)o;
	int rc;

	if (o == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
	case SHM_STAT:
		rc = ipc_perm_ok(&o->perm, who->cred, IPC_R);
		if (rc == 0)
			shm_stat(s, ds);
		if (rc == 0 && cmd == SHM_STAT)
			rc = o->id;
		break;
	case IPC_SET:
		rc = ipc_owner_ok(&o->perm, who->cred);
		if (rc == 0) {
			o->perm.uid = ds->shm_perm.uid;
			o->perm.gid = ds->shm_perm.gid;
			o->perm.mode =
			    (uint16_t)((o->perm.mode & ~0777u) | (ds->shm_perm.mode & 0777u));
			s->ctime = ipc_now();
		}
		break;
	case IPC_RMID:
		rc = ipc_owner_ok(&o->perm, who->cred);
		if (rc == 0)
			shm_remove(s);
		mutex_unlock(&shm_tab.lock);
		break;
	default:
		rc = -EINVAL;
	}
	ipc_obj_unlock(&shm_tab, o);
	return rc;
}

void shm_usage(struct ipc_limits *lim)
{
	mutex_lock(&shm_tab.lock);
	lim->shm_used = shm_tab.used;
	lim->shm_pages = (uint32_t)shm_total_pages;
	mutex_unlock(&shm_tab.lock);
	mutex_lock(&shm_att_lock);
	lim->shm_attach = shm_att_count;
	mutex_unlock(&shm_att_lock);
}

/* A name for the segment whose memory object is obj (under the table's lock). */
int shm_obj_name(const struct vm_object *obj, char *buf, size_t len)
{
	int n = -ENOENT;

	mutex_lock(&shm_tab.lock);
	for (unsigned i = 0; i < IPC_TAB_SLOTS && n < 0; i++) {
		const struct shmseg *s = (const struct shmseg *)shm_tab.slot[i];

		if (s && s->vmo == obj)
			n = fmt_snprintf(buf, len, "[sysv-shm:key=0x%08x id=%d%s]",
					 (unsigned)s->o.perm.key, s->o.id,
					 (s->o.perm.mode & SHM_DEST) ? " (deleted)" : "");
	}
	mutex_unlock(&shm_tab.lock);
	return n;
}
