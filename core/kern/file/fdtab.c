/*
 * Descriptor tables (core/fdtab.h): a fixed array of FDTAB_MAX slots, each
 * a referenced struct file and its descriptor flags.
 *
 * Locking: t->lock (a spinlock) guards the slots and is held only to read
 * or change them. Files are referenced (file_ref(), atomic) under it and
 * released (file_unref(), which may run a close op that sleeps) only after
 * it is dropped: every function that clears a slot takes the file out
 * under the lock and closes it afterwards. Lock order: proc_lock, then
 * t->lock; nothing is taken inside it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include <core/fdtab.h>

struct fdtab {
	struct spinlock lock;
	struct file *file[FDTAB_MAX];
	uint8_t flags[FDTAB_MAX];
};

static int fdtab_valid(int fd)
{
	return fd >= 0 && fd < FDTAB_MAX;
}

struct fdtab *fdtab_create(void)
{
	struct fdtab *t = mem_zalloc(sizeof(*t));

	if (t)
		t->lock.name = "fdtab";
	return t;
}

struct fdtab *fdtab_fork(struct fdtab *t)
{
	struct fdtab *c = fdtab_create();

	if (c == NULL)
		return NULL;
	spin_lock(&t->lock);
	for (int fd = 0; fd < FDTAB_MAX; fd++) {
		if (t->file[fd]) {
			c->file[fd] = file_ref(t->file[fd]);
			c->flags[fd] = t->flags[fd];
		}
	}
	spin_unlock(&t->lock);
	return c;
}

/* Take the file out of a slot; the caller drops the lock, then the file. */
static struct file *fdtab_take(struct fdtab *t, int fd)
{
	struct file *f = t->file[fd];

	t->file[fd] = NULL;
	t->flags[fd] = 0;
	return f;
}

void fdtab_destroy(struct fdtab *t)
{
	if (t == NULL)
		return;
	for (int fd = 0; fd < FDTAB_MAX; fd++)
		file_unref(fdtab_take(t, fd));
	mem_free(t);
}

void fdtab_exec(struct fdtab *t)
{
	for (int fd = 0; fd < FDTAB_MAX; fd++) {
		struct file *f = NULL;

		spin_lock(&t->lock);
		if (t->file[fd] && (t->flags[fd] & FD_CLOEXEC))
			f = fdtab_take(t, fd);
		spin_unlock(&t->lock);
		file_unref(f);
	}
}

/* The lowest free slot >= from, or FDTAB_MAX. Lock held. */
static int fdtab_free_slot(struct fdtab *t, int from)
{
	while (from < FDTAB_MAX && t->file[from])
		from++;
	return from;
}

int fdtab_install(struct fdtab *t, struct file *const *files, unsigned n, int minfd,
		  unsigned fdflags, int *fds)
{
	int fd = minfd;

	if (!fdtab_valid(minfd))
		return -EINVAL;
	spin_lock(&t->lock);
	for (unsigned i = 0; i < n; i++) {
		fd = fdtab_free_slot(t, fd);
		if (fd >= FDTAB_MAX) {
			spin_unlock(&t->lock);
			return -EMFILE;
		}
		fds[i] = fd++;
	}
	for (unsigned i = 0; i < n; i++) {
		t->file[fds[i]] = files[i];
		t->flags[fds[i]] = (uint8_t)(fdflags & FD_CLOEXEC);
	}
	spin_unlock(&t->lock);
	return 0;
}

int fdtab_get(struct fdtab *t, int fd, struct file **out)
{
	struct file *f = NULL;

	if (fdtab_valid(fd)) {
		spin_lock(&t->lock);
		f = t->file[fd];
		if (f)
			file_ref(f);
		spin_unlock(&t->lock);
	}
	*out = f;
	return f ? 0 : -EBADF;
}

int fdtab_close(struct fdtab *t, int fd)
{
	struct file *f = NULL;

	if (fdtab_valid(fd)) {
		spin_lock(&t->lock);
		f = fdtab_take(t, fd);
		spin_unlock(&t->lock);
	}
	if (f == NULL)
		return -EBADF;
	file_unref(f);
	return 0;
}

int fdtab_uninstall(struct fdtab *t, int fd, struct file *f)
{
	struct file *got = NULL;

	if (fdtab_valid(fd)) {
		spin_lock(&t->lock);
		if (t->file[fd] == f)
			got = fdtab_take(t, fd);
		spin_unlock(&t->lock);
	}
	if (got == NULL)
		return -EBADF;
	file_unref(got);
	return 0;
}

int fdtab_dup2(struct fdtab *t, int oldfd, int newfd, unsigned fdflags)
{
	struct file *old = NULL;

	if (!fdtab_valid(oldfd) || !fdtab_valid(newfd))
		return -EBADF;
	spin_lock(&t->lock);
	if (t->file[oldfd] == NULL) {
		spin_unlock(&t->lock);
		return -EBADF;
	}
	if (oldfd != newfd) {
		old = t->file[newfd];
		t->file[newfd] = file_ref(t->file[oldfd]);
		t->flags[newfd] = (uint8_t)(fdflags & FD_CLOEXEC);
	}
	spin_unlock(&t->lock);
	file_unref(old);
	return newfd;
}

int fdtab_dup(struct fdtab *t, int fd, int minfd, unsigned fdflags)
{
	int nfd;

	if (!fdtab_valid(fd))
		return -EBADF;
	if (!fdtab_valid(minfd))
		return -EINVAL;
	spin_lock(&t->lock);
	if (t->file[fd] == NULL) {
		spin_unlock(&t->lock);
		return -EBADF;
	}
	nfd = fdtab_free_slot(t, minfd);
	if (nfd < FDTAB_MAX) {
		t->file[nfd] = file_ref(t->file[fd]);
		t->flags[nfd] = (uint8_t)(fdflags & FD_CLOEXEC);
	}
	spin_unlock(&t->lock);
	return nfd < FDTAB_MAX ? nfd : -EMFILE;
}

int fdtab_getfd(struct fdtab *t, int fd)
{
	int rc = -EBADF;

	if (!fdtab_valid(fd))
		return -EBADF;
	spin_lock(&t->lock);
	if (t->file[fd])
		rc = t->flags[fd];
	spin_unlock(&t->lock);
	return rc;
}

int fdtab_setfd(struct fdtab *t, int fd, unsigned fdflags)
{
	int rc = -EBADF;

	if (!fdtab_valid(fd))
		return -EBADF;
	spin_lock(&t->lock);
	if (t->file[fd]) {
		t->flags[fd] = (uint8_t)(fdflags & FD_CLOEXEC);
		rc = 0;
	}
	spin_unlock(&t->lock);
	return rc;
}

unsigned fdtab_count(struct fdtab *t)
{
	unsigned n = 0;

	spin_lock(&t->lock);
	for (int fd = 0; fd < FDTAB_MAX; fd++)
		n += t->file[fd] != NULL;
	spin_unlock(&t->lock);
	return n;
}

int fdtab_walk(struct fdtab *t, int (*fn)(void *arg, int fd, struct file *f), void *arg)
{
	int rc = 0;

	spin_lock(&t->lock);
	for (int fd = 0; fd < FDTAB_MAX && rc == 0; fd++)
		if (t->file[fd])
			rc = fn(arg, fd, t->file[fd]);
	spin_unlock(&t->lock);
	return rc;
}
