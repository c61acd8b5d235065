/*
 * POSIX shared memory objects of the ipc module, as FreeBSD designed them
 * (shm_open(2), 2008): each object is a memory object of vm (kern/vm.h)
 * whose size is 0 until ftruncate; an open object is a struct file whose
 * fileops are below (fstat works, read and write are refused with
 * ENOTSUP, FreeBSD's EOPNOTSUPP); mmap of the descriptor maps the memory
 * object (ipc_ops::shm_object). Names live in a flat name space, a hash
 * table keyed by the 32-bit FNV-1a hash of the name. SHM_ANON makes an
 * object with no name, shared only by its descriptor (fork, dup).
 *
 * References: each open file and the name hold one on struct pshm; the
 * last drop frees it and its reference on the memory object, whose pages
 * then live as long as a space maps it. Every live object is also on
 * pshm_all, so /proc/<pid>/maps can name its memory object: "[shm:/x]",
 * "[shm:/x (deleted)]" once unlinked (the name is kept for that),
 * "[shm:anon]" for SHM_ANON.
 *
 * Locking: pshm_lock guards the name table and every object's reference
 * count and name; an object's own mutex guards its size, owner and mode
 * (taken after pshm_lock, before vm's locks).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/fmt.h>
#include <kern/io.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "ipc_obj.h"
#include "shm.h"

#define PSHM_BUCKETS 64
#define PSHM_DEV     0x5348 /* st_dev of every object: "SH" */
#define PSHM_FLAGS   (O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC)

struct pshm {
	struct mutex lock; /* size, uid, gid, mode, times */
	unsigned refs;	   /* pshm_lock: open files + the name */
	struct vm_object *vmo;
	uint64_t size;
	uint32_t uid, gid, mode;
	uint64_t ino;
	int64_t mtime, ctime;
	char *name;	       /* NULL: unnamed (SHM_ANON); kept after unlink */
	int linked;	       /* pshm_lock: the name is in the table */
	struct pshm *next;     /* pshm_lock: the hash chain */
	struct pshm *all_next; /* pshm_lock: pshm_all */
};

static struct mutex pshm_lock = MUTEX_INIT("pshm names");
static struct pshm *pshm_hash[PSHM_BUCKETS]; /* pshm_lock */
static struct pshm *pshm_all;		     /* pshm_lock: every object alive (maps names) */
static unsigned pshm_count;		     /* pshm_lock: objects alive */
static uint64_t pshm_next_ino = 1;	     /* pshm_lock */

static uint32_t pshm_fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (uint8_t)*s;
		h *= 16777619u;
	}
	return h;
}

/* '/' then at least one byte and no other '/'. */
static int pshm_name_ok(const char *name)
{
	size_t n = strnlen(name, SHM_NAME_MAX + 1);

	if (n > SHM_NAME_MAX)
		return -ENAMETOOLONG;
	if (n < 2 || name[0] != '/' || strchr(name + 1, '/'))
		return -EINVAL;
	return 0;
}

static struct pshm *pshm_find(const char *name, struct pshm ***link)
{
	struct pshm **pp = &pshm_hash[pshm_fnv1a(name) % PSHM_BUCKETS];

	for (; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0)
			break;
	if (link)
		*link = pp;
	return *pp;
}

/* Count a new object in (pshm_lock held): its inode number, references, pshm_all. */
static void pshm_adopt(struct pshm *p, unsigned refs)
{
	p->ino = pshm_next_ino++;
	p->refs = refs;
	p->all_next = pshm_all;
	pshm_all = p;
	pshm_count++;
}

/* Drop a reference (pshm_lock held); returns the object to free, if any. */
static struct pshm *pshm_put_locked(struct pshm *p)
{
	if (--p->refs)
		return NULL;
	for (struct pshm **pp = &pshm_all; *pp; pp = &(*pp)->all_next)
		if (*pp == p) {
			*pp = p->all_next;
			break;
		}
	pshm_count--;
	return p;
}

static void pshm_free(struct pshm *p)
{
	if (p == NULL)
		return;
	vm_obj_unref(p->vmo);
	mem_free(p->name);
	mem_free(p);
}

static int pshm_perm_ok(struct pshm *p, const struct cred *cred, unsigned want)
{
	unsigned bits;

	if (cred->euid == 0)
		return 0;
	if (cred->euid == p->uid)
		bits = p->mode >> 6;
	else if (cred->egid == p->gid)
		bits = p->mode >> 3;
	else
		bits = p->mode;
	return (bits & want) == want ? 0 : -EACCES;
}

static struct pshm *pshm_new(const char *name, unsigned mode, const struct ipc_who *who)
{
	struct pshm *p = mem_zalloc(sizeof(*p));

	if (p == NULL)
		return NULL;
	p->vmo = vm_obj_create(0);
	if (name) {
		p->name = mem_alloc(strlen(name) + 1);
		if (p->name)
			memcpy(p->name, name, strlen(name) + 1);
	}
	if (p->vmo == NULL || (name && p->name == NULL)) {
		pshm_free(p);
		return NULL;
	}
	p->lock.name = "pshm";
	p->uid = who->cred->euid;
	p->gid = who->cred->egid;
	p->mode = mode & 0777;
	p->mtime = p->ctime = ipc_now();
	return p;
}

static long pshm_rw(struct file *f, struct uio *uio, uint64_t off)
{
	(void)f, (void)uio, (void)off;
	return -ENOTSUP;
}

/* Fill st from p (its lock taken here). */
static void pshm_fill(struct pshm *p, struct stat *st)
{
	mutex_lock(&p->lock);
	st->st_dev = PSHM_DEV;
	st->st_ino = p->ino;
	st->st_mode = S_IFREG | p->mode;
	st->st_nlink = 1;
	st->st_uid = p->uid;
	st->st_gid = p->gid;
	st->st_size = (int64_t)p->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((p->size + 511) / 512);
	st->st_mtim.tv_sec = p->mtime;
	st->st_ctim.tv_sec = p->ctime;
	st->st_atim.tv_sec = p->mtime;
	mutex_unlock(&p->lock);
}

static int pshm_stat(struct file *f, struct stat *st)
{
	pshm_fill(f->priv, st);
	return 0;
}

static void pshm_close(struct file *f)
{
	struct pshm *p = f->priv, *dead;

	mutex_lock(&pshm_lock);
	dead = pshm_put_locked(p);
	mutex_unlock(&pshm_lock);
	pshm_free(dead);
}

static const struct fileops pshm_fileops = {
	.version = FILEOPS_VERSION,
	.read = pshm_rw,
	.write = pshm_rw,
	.stat = pshm_stat,
	.close = pshm_close,
};

static int pshm_truncate(struct pshm *p, uint64_t size)
{
	int rc;

	mutex_lock(&p->lock);
	rc = vm_obj_resize(p->vmo, size);
	if (rc == 0) {
		p->size = size;
		p->mtime = p->ctime = ipc_now();
	}
	mutex_unlock(&p->lock);
	return rc;
}

/* Find (or make, with O_CREAT) the object of a name; pshm_lock held. */
static int pshm_lookup(const char *name, int flags, unsigned mode, const struct ipc_who *who,
		       struct pshm **out)
{
	struct pshm **link, *p = pshm_find(name, &link);

	if (p && (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if (p) {
		int rc = pshm_perm_ok(p, who->cred, (flags & O_ACCMODE) == O_RDWR ? 6 : 4);

		if (rc)
			return rc;
		p->refs++;
		*out = p;
		return 0;
	}
	if (!(flags & O_CREAT))
		return -ENOENT;
	p = pshm_new(name, mode, who);
	if (p == NULL)
		return -ENOMEM;
	pshm_adopt(p, 2); /* the name and the file */
	p->linked = 1;
	*link = p;
	*out = p;
	return 0;
}

int pshm_open(const char *name, int flags, unsigned mode, const struct ipc_who *who,
	      struct file **out)
{
	struct pshm *p = NULL, *dead;
	int rc = 0;

	*out = NULL;
	if ((flags & ~PSHM_FLAGS) ||
	    ((flags & O_ACCMODE) != O_RDONLY && (flags & O_ACCMODE) != O_RDWR))
		return -EINVAL;
	if (name == NULL && (flags & O_ACCMODE) != O_RDWR)
		return -EINVAL;
	if (name && (rc = pshm_name_ok(name)) != 0)
		return rc;
	mutex_lock(&pshm_lock);
	if (name) {
		rc = pshm_lookup(name, flags, mode, who, &p);
	} else if ((p = pshm_new(NULL, mode, who)) != NULL) {
		pshm_adopt(p, 1);
	} else {
		rc = -ENOMEM;
	}
	mutex_unlock(&pshm_lock);
	if (rc)
		return rc;
	if ((flags & (O_ACCMODE | O_TRUNC)) == (O_RDWR | O_TRUNC))
		pshm_truncate(p, 0);
	*out = file_alloc(&pshm_fileops, p, (unsigned)(flags & O_ACCMODE));
	if (*out)
		return 0;
	mutex_lock(&pshm_lock);
	dead = pshm_put_locked(p);
	mutex_unlock(&pshm_lock);
	pshm_free(dead);
	return -ENOMEM;
}

int pshm_unlink(const char *name, const struct ipc_who *who)
{
	struct pshm **link, *p, *dead = NULL;
	int rc = pshm_name_ok(name);

	if (rc)
		return rc;
	mutex_lock(&pshm_lock);
	p = pshm_find(name, &link);
	if (p == NULL)
		rc = -ENOENT;
	else if (who->cred->euid != 0 && who->cred->euid != p->uid &&
		 pshm_perm_ok(p, who->cred, 2) != 0)
		rc = -EACCES;
	if (rc == 0) {
		/* Open ones keep their memory; the name stays only for maps. */
		*link = p->next;
		p->next = NULL;
		p->linked = 0;
		dead = pshm_put_locked(p);
	}
	mutex_unlock(&pshm_lock);
	pshm_free(dead);
	return rc;
}

int pshm_object(struct file *f, struct vm_object **out)
{
	struct pshm *p = f->priv;

	if (f->ops != &pshm_fileops)
		return -ENODEV;
	vm_obj_ref(p->vmo);
	*out = p->vmo;
	return 0;
}

static int pshm_owner(struct pshm *p, const struct io_attr *a, const struct cred *cred)
{
	if (cred->euid != 0 && cred->euid != p->uid)
		return -EPERM;
	if ((a->mask & IO_ATTR_UID) && cred->euid != 0 && a->uid != p->uid)
		return -EPERM;
	if ((a->mask & IO_ATTR_GID) && cred->euid != 0 && a->gid != cred->egid)
		return -EPERM;
	return 0;
}

int pshm_setattr(struct file *f, const struct io_attr *a, const struct cred *cred)
{
	struct pshm *p = f->priv;
	int rc;

	if (f->ops != &pshm_fileops)
		return -EINVAL;
	if (a->mask & IO_ATTR_SIZE)
		return (f->flags & O_ACCMODE) == O_RDWR ? pshm_truncate(p, a->size) : -EINVAL;
	mutex_lock(&p->lock);
	rc = pshm_owner(p, a, cred);
	if (rc == 0 && (a->mask & IO_ATTR_MODE))
		p->mode = a->mode & 0777;
	if (rc == 0 && (a->mask & IO_ATTR_UID))
		p->uid = a->uid;
	if (rc == 0 && (a->mask & IO_ATTR_GID))
		p->gid = a->gid;
	if (rc == 0)
		p->ctime = ipc_now();
	mutex_unlock(&p->lock);
	return rc;
}

long pshm_list(char *buf, uint64_t len)
{
	uint64_t used = 0;

	mutex_lock(&pshm_lock);
	for (unsigned b = 0; b < PSHM_BUCKETS; b++)
		for (struct pshm *p = pshm_hash[b]; p; p = p->next) {
			size_t n = strlen(p->name); /* with its '/': room for the NUL */

			if (used + n > len)
				continue;
			memcpy(buf + used, p->name + 1, n);
			used += n;
		}
	mutex_unlock(&pshm_lock);
	return (long)used;
}

unsigned pshm_in_use(void)
{
	unsigned n;

	mutex_lock(&pshm_lock);
	n = pshm_count;
	mutex_unlock(&pshm_lock);
	return n;
}

int pshm_stat_name(const char *name, struct stat *st)
{
	struct pshm *p;
	int rc = pshm_name_ok(name);

	if (rc)
		return rc;
	mutex_lock(&pshm_lock);
	p = pshm_find(name, NULL);
	if (p)
		pshm_fill(p, st); /* pshm_lock, then the object's: the documented order */
	mutex_unlock(&pshm_lock);
	return p ? 0 : -ENOENT;
}

int pshm_obj_name(const struct vm_object *obj, char *buf, size_t len)
{
	int n = -ENOENT;

	mutex_lock(&pshm_lock);
	for (struct pshm *p = pshm_all; p; p = p->all_next)
		if (p->vmo == obj) {
			if (p->name)
				n = fmt_snprintf(buf, len, "[shm:%s%s]", p->name,
						 p->linked ? "" : " (deleted)");
			else
				n = fmt_snprintf(buf, len, "[shm:anon]");
			break;
		}
	mutex_unlock(&pshm_lock);
	return n;
}
