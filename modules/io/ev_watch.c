/*
 * Watches of Zero event queues (doc/events.md): evwatch() and evunwatch(),
 * and the hooks the VFS calls once a change has succeeded. A watch holds
 * a reference on the watched vnode, so it names that file or directory
 * whatever happens to its names, and lives until evunwatch() or the
 * queue's last close.
 *
 * A directory's watchers hear of changes to its entries by name. Writes
 * are the exception: a write knows its file, not the directory entry it
 * was reached by, so it is told to a directory's watchers under the name
 * the writer opened it by (struct file::path), matched against the path
 * the directory had when it was watched. A watched file itself is matched
 * by its vnode, whatever name it was opened by.
 *
 * Locking: ev_lock (ev.h) over the lists, the watches and each queue's
 * owner; a hook takes it once and posts under it, so the two halves of a
 * rename are neighbours in every queue that hears both. The hooks run with
 * the VFS's locks held (vfs_ns_lock, or a vnode's lock): ev_lock comes
 * after them. Nothing that sleeps runs under ev_lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/io.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "ev.h"
#include "vfs.h"

struct ev_watch {
	struct list_node qlink; /* in its queue's watches */
	struct list_node glink; /* in ev_watches */
	struct ev_queue *q;
	struct vnode *vp; /* referenced */
	unsigned mask;
	int wd;
	char *dpath; /* a directory's absolute path when watched, or NULL */
	size_t dplen;
};

struct spinlock ev_lock = SPINLOCK_INIT("ev");
struct list_node ev_queues = { &ev_queues, &ev_queues };
static struct list_node ev_watches = { &ev_watches, &ev_watches };
static unsigned ev_nwatch; /* watches that exist: the hooks' fast way out */
static uint32_t ev_cookie;

static void ev_watch_free(struct ev_watch *w)
{
	if (w == NULL)
		return;
	vfs_vrele(w->vp);
	mem_free(w->dpath);
	mem_free(w);
}

/* path NULL: the queue's own events, and the caller becomes its owner. */
static int ev_watch_self(struct ev_queue *q, unsigned mask, const struct ev_who *who)
{
	if (mask & ~(unsigned)EV_SELF_ALL)
		return -EINVAL;
	spin_lock(&ev_lock);
	q->self_mask = mask;
	q->owner = who->pid;
	q->uid = who->cred->uid;
	q->euid = who->cred->euid;
	spin_unlock(&ev_lock);
	return 0;
}

/* A new watch of path, not linked yet. */
static int ev_watch_make(struct vnode *cwd, const char *path, unsigned mask,
			 const struct ev_who *who, struct ev_watch **out)
{
	struct ev_watch *w = mem_zalloc(sizeof(*w));
	long n;
	int rc;

	*out = NULL;
	if (w == NULL)
		return -ENOMEM;
	rc = vfs_lookup(cwd, path, 0, who->cred, &w->vp);
	if (rc == 0)
		rc = vfs_access(w->vp, who->cred, VFS_R); /* as reading it would tell */
	if (rc == 0 && S_ISDIR(w->vp->mode)) {
		w->dpath = mem_alloc(IO_PATH_MAX);
		n = w->dpath ? vfs_getcwd(w->vp, w->dpath, IO_PATH_MAX) : -ENOMEM;
		rc = n < 0 ? (int)n : 0;
		w->dplen = n > 0 ? (size_t)n - 1 : 0;
	}
	if (rc) {
		if (w->vp)
			ev_watch_free(w);
		else
			mem_free(w);
		return rc;
	}
	w->mask = mask;
	*out = w;
	return 0;
}

/* Link w into q, or update q's watch of the same vnode; ev_lock held. */
static int ev_watch_link(struct ev_queue *q, struct ev_watch **wp)
{
	struct ev_watch *w = *wp;
	struct list_node *n;

	for (n = q->watches.next; n != &q->watches; n = n->next) {
		struct ev_watch *old = list_entry(n, struct ev_watch, qlink);

		if (old->vp == w->vp) {
			old->mask = w->mask;
			return old->wd; /* *wp is the caller's to free */
		}
	}
	if (q->nwatch >= EV_WATCH_MAX)
		return -ENOSPC;
	w->q = q;
	w->wd = q->next_wd++;
	list_add_tail(&q->watches, &w->qlink);
	list_add_tail(&ev_watches, &w->glink);
	q->nwatch++;
	__atomic_add_fetch(&ev_nwatch, 1, __ATOMIC_RELAXED);
	*wp = NULL;
	return w->wd;
}

int ev_watch_add(struct file *f, struct vnode *cwd, const char *path, unsigned mask,
		 const struct ev_who *who)
{
	struct ev_watch *w;
	int rc;

	if (!ev_is_queue(f))
		return -EINVAL;
	if (path == NULL)
		return ev_watch_self(f->priv, mask, who);
	if (mask == 0 || (mask & ~(unsigned)EV_FS_ALL))
		return -EINVAL;
	rc = ev_watch_make(cwd, path, mask, who, &w);
	if (rc)
		return rc;
	spin_lock(&ev_lock);
	rc = ev_watch_link(f->priv, &w);
	spin_unlock(&ev_lock);
	ev_watch_free(w);
	return rc;
}

/* Take w off both lists; ev_lock held. */
static void ev_watch_unlink(struct ev_watch *w)
{
	list_del(&w->qlink);
	list_del(&w->glink);
	w->q->nwatch--;
	__atomic_sub_fetch(&ev_nwatch, 1, __ATOMIC_RELAXED);
}

int ev_watch_del(struct file *f, int wd)
{
	struct ev_watch *found = NULL;
	struct ev_queue *q;
	struct list_node *n;

	if (!ev_is_queue(f))
		return -EINVAL;
	q = f->priv;
	spin_lock(&ev_lock);
	for (n = q->watches.next; n != &q->watches; n = n->next) {
		struct ev_watch *w = list_entry(n, struct ev_watch, qlink);

		if (w->wd == wd) {
			ev_watch_unlink(w);
			found = w;
			break;
		}
	}
	spin_unlock(&ev_lock);
	ev_watch_free(found);
	return found ? 0 : -EINVAL;
}

void ev_watch_close(struct ev_queue *q)
{
	struct list_node gone, *n, *t;

	list_init(&gone);
	spin_lock(&ev_lock);
	list_del(&q->link);
	ev_nqueue--;
	list_for_each_safe(n, t, &q->watches)
	{
		struct ev_watch *w = list_entry(n, struct ev_watch, qlink);

		ev_watch_unlink(w);
		list_add_tail(&gone, &w->qlink);
	}
	spin_unlock(&ev_lock);
	list_for_each_safe(n, t, &gone) ev_watch_free(list_entry(n, struct ev_watch, qlink));
}

/* Post one file-system record for watch w; ev_lock held. */
static void ev_post_fs(struct ev_watch *w, unsigned type, unsigned flags, uint32_t cookie,
		       const char *name, size_t len)
{
	struct zevent ev = { .type = type,
			     .flags = flags,
			     .wd = w->wd,
			     .cookie = cookie,
			     .pid = (int32_t)proc_self_pid() };
	char buf[EV_NAME_MAX + 1];

	if (len > EV_NAME_MAX)
		len = EV_NAME_MAX;
	if (name)
		memcpy(buf, name, len);
	buf[name ? len : 0] = '\0';
	ev_queue_post(w->q, &ev, buf, name ? len + 1 : 0);
}

/* Every watch of dvp that wants type hears of entry name; ev_lock held. */
static void ev_post_dir(struct vnode *dvp, unsigned type, unsigned flags, uint32_t cookie,
			const char *name, size_t len)
{
	struct list_node *n;

	for (n = ev_watches.next; n != &ev_watches; n = n->next) {
		struct ev_watch *w = list_entry(n, struct ev_watch, glink);

		if (w->vp == dvp && (w->mask & type))
			ev_post_fs(w, type, flags, cookie, name, len);
	}
}

/* Every watch of vp itself that wants type; ev_lock held. */
static void ev_post_self(struct vnode *vp, unsigned type, unsigned flags)
{
	struct list_node *n;

	for (n = ev_watches.next; n != &ev_watches; n = n->next) {
		struct ev_watch *w = list_entry(n, struct ev_watch, glink);

		if (w->vp == vp && (w->mask & type))
			ev_post_fs(w, type, flags, 0, NULL, 0);
	}
}

static int ev_none(void)
{
	return __atomic_load_n(&ev_nwatch, __ATOMIC_RELAXED) == 0;
}

void ev_vfs_entry(int rc, const struct nameidata *nd, unsigned type, struct vnode *vp)
{
	unsigned flags;

	if (rc || ev_none())
		return;
	flags = vp && S_ISDIR(vp->mode) ? EVF_ISDIR : 0;
	spin_lock(&ev_lock);
	ev_post_dir(nd->dvp, type, flags, 0, nd->last, nd->lastlen);
	if (vp && type == EV_REMOVE && (vp->nlink == 0 || S_ISDIR(vp->mode)))
		ev_post_self(vp, EV_REMOVE, flags);
	spin_unlock(&ev_lock);
}

void ev_vfs_rename(int rc, const struct nameidata *f, const struct nameidata *t)
{
	unsigned flags;
	uint32_t cookie;

	if (rc || f->vp == t->vp || ev_none())
		return;
	flags = S_ISDIR(f->vp->mode) ? EVF_ISDIR : 0;
	spin_lock(&ev_lock);
	cookie = ++ev_cookie ? ev_cookie : ++ev_cookie;
	ev_post_dir(f->dvp, EV_RENAME_FROM, flags, cookie, f->last, f->lastlen);
	ev_post_dir(t->dvp, EV_RENAME_TO, flags, cookie, t->last, t->lastlen);
	if (t->vp && (t->vp->nlink == 0 || S_ISDIR(t->vp->mode))) /* replaced */
		ev_post_self(t->vp, EV_REMOVE, flags);
	spin_unlock(&ev_lock);
}

/* Does watch w's directory path name the directory of file path p? */
static int ev_dir_of(const struct ev_watch *w, const char *p, size_t dlen)
{
	if (w->dpath == NULL)
		return 0;
	if (dlen == 0) /* a file in "/" */
		return w->dplen == 1 && w->dpath[0] == '/';
	return w->dplen == dlen && memcmp(w->dpath, p, dlen) == 0;
}

void ev_vfs_write(struct file *f, long n)
{
	const char *p = f->path, *base = NULL;
	struct list_node *l;
	size_t dlen = 0;

	if (n <= 0 || ev_none())
		return;
	if (p && p[0] == '/') {
		base = strrchr(p, '/') + 1;
		dlen = (size_t)(base - p - 1);
	}
	spin_lock(&ev_lock);
	for (l = ev_watches.next; l != &ev_watches; l = l->next) {
		struct ev_watch *w = list_entry(l, struct ev_watch, glink);

		if (!(w->mask & EV_WRITE))
			continue;
		if (w->vp == f->priv)
			ev_post_fs(w, EV_WRITE, 0, 0, NULL, 0);
		else if (base && *base && ev_dir_of(w, p, dlen))
			ev_post_fs(w, EV_WRITE, 0, 0, base, strlen(base));
	}
	spin_unlock(&ev_lock);
}

void ev_vfs_attrib(int rc, struct vnode *vp)
{
	if (rc || ev_none())
		return;
	spin_lock(&ev_lock);
	ev_post_self(vp, EV_ATTRIB, S_ISDIR(vp->mode) ? EVF_ISDIR : 0);
	spin_unlock(&ev_lock);
}

unsigned ev_watch_count(void)
{
	return __atomic_load_n(&ev_nwatch, __ATOMIC_RELAXED);
}
