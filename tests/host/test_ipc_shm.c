/*
 * Host tests of shared memory in the ipc module, over fakes of vm's
 * memory objects and spaces (below: each object counts its references,
 * the test counts the objects alive; a space is a list of mapped ranges):
 * - POSIX shm (pshm.c): the name table (create, EEXIST, ENOENT, bad
 *   names, ENAMETOOLONG, bad flags), unlink while open, O_TRUNC,
 *   permissions, read/write refused, the listing, stat by name and the
 *   name of a memory object, every object freed at the end;
 * - System V segments (shm.c): sizes and limits (shmmin, shmmax,
 *   shmall, shmmni), IPC_RMID living until the last detach (EIDRM to new
 *   attaches, the key made private), fork and exit of attachments, shmat
 *   at a fixed address (EINVAL over a mapping unless SHM_REMAP, alignment
 *   and SHM_RND), and the segment's maps name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/io.h>
#include <kern/ipc.h>
#include <kern/vm.h>
#include <kern/vm_walk.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "file_fakes.h"
#include "ipc/shm.h"

/* ---- fakes of vm's objects and spaces ---- */

struct vm_object {
	unsigned refs; /* 0: a free slot of fake_objs */
	uint64_t size;
};

#define FAKE_OBJS 160

static struct vm_object fake_objs[FAKE_OBJS];
static uint64_t fake_next_va = 0x100000000ULL;

#define FAKE_MAPS 16

struct fake_map {
	uint64_t start, end;
	struct vm_object *obj;
};

struct vm_space {
	struct fake_map m[FAKE_MAPS];
};

static int objs_alive;

struct vm_object *vm_obj_create(uint64_t size)
{
	for (int i = 0; i < FAKE_OBJS; i++)
		if (fake_objs[i].refs == 0) {
			fake_objs[i] = (struct vm_object){ .refs = 1, .size = size };
			objs_alive++;
			return &fake_objs[i];
		}
	return NULL;
}

int vm_obj_resize(struct vm_object *o, uint64_t size)
{
	if (size > VM_OBJ_MAX)
		return -EFBIG;
	o->size = size;
	return 0;
}

void vm_obj_ref(struct vm_object *o)
{
	if (o)
		o->refs++;
}

void vm_obj_unref(struct vm_object *o)
{
	if (o && --o->refs == 0)
		objs_alive--;
}

/* Take [start, end) out of the space (splitting nothing: whole ranges only). */
int vm_unmap(struct vm_space *s, uint64_t addr, uint64_t len)
{
	for (int i = 0; i < FAKE_MAPS; i++)
		if (s->m[i].end && s->m[i].start < addr + len && s->m[i].end > addr) {
			vm_obj_unref(s->m[i].obj);
			s->m[i] = (struct fake_map){ 0 };
		}
	return 0;
}

int vm_obj_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags,
	       struct vm_object *o, uint64_t off)
{
	(void)prot, (void)off;
	if (flags & VM_FIXED)
		vm_unmap(s, *addr, len);
	else
		*addr = (fake_next_va += 0x1000000); /* above the hint, each one new */
	for (int i = 0; i < FAKE_MAPS; i++)
		if (s->m[i].end == 0) {
			s->m[i] = (struct fake_map){ *addr, *addr + len, o };
			vm_obj_ref(o);
			return 0;
		}
	return -ENOMEM;
}

int vm_walk(struct vm_space *s, vm_walk_fn *fn, void *arg)
{
	struct vm_region_desc d;
	int rc;

	for (int i = 0; i < FAKE_MAPS; i++) {
		if (s->m[i].end == 0)
			continue;
		memset(&d, 0, sizeof(d));
		d.start = s->m[i].start;
		d.end = s->m[i].end;
		d.object = s->m[i].obj;
		rc = fn(arg, &d);
		if (rc)
			return rc;
	}
	return 0;
}

int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len)
{
	(void)s, (void)addr, (void)buf, (void)len;
	fail_msg("vm_describe: the walk is there");
	return -ENOENT;
}

/* ---- the tests ---- */

static const struct cred root = { 0, 0, 0, 0 }, user = { 1000, 100, 1000, 100 };
static const struct ipc_who root_who = { &root, 1 }, user_who = { &user, 42 };

static struct file *popen_ok(const char *name, int flags, unsigned mode)
{
	struct file *f = NULL;

	assert_int_equal(pshm_open(name, flags, mode, &root_who, &f), 0);
	assert_non_null(f);
	return f;
}

static uint64_t fsize(struct file *f)
{
	struct stat st;

	assert_int_equal(fo_stat(f, &st), 0);
	return (uint64_t)st.st_size;
}

static void test_pshm_names(void **state)
{
	char long_name[SHM_NAME_MAX + 2];
	struct file *f = popen_ok("/a", O_RDWR | O_CREAT | O_EXCL, 0600), *g = NULL;

	(void)state;
	assert_int_equal(pshm_open("/a", O_RDWR | O_CREAT | O_EXCL, 0600, &root_who, &g), -EEXIST);
	assert_null(g);
	g = popen_ok("/a", O_RDONLY, 0); /* the same object */
	assert_int_equal(pshm_in_use(), 1);
	file_unref(g);
	assert_int_equal(pshm_open("/b", O_RDWR, 0, &root_who, &g), -ENOENT);
	assert_int_equal(pshm_open("b", O_RDWR | O_CREAT, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_open("/", O_RDWR | O_CREAT, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_open("", O_RDWR | O_CREAT, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_open("/x/y", O_RDWR | O_CREAT, 0, &root_who, &g), -EINVAL);
	memset(long_name, 'n', sizeof(long_name));
	long_name[0] = '/';
	long_name[SHM_NAME_MAX + 1] = '\0';
	assert_int_equal(pshm_open(long_name, O_RDWR | O_CREAT, 0, &root_who, &g), -ENAMETOOLONG);
	long_name[SHM_NAME_MAX] = '\0'; /* 255 bytes with the '/': fits */
	g = popen_ok(long_name, O_RDWR | O_CREAT, 0600);
	assert_int_equal(pshm_unlink(long_name, &root_who), 0);
	file_unref(g);
	assert_int_equal(pshm_open("/c", O_WRONLY | O_CREAT, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_open("/c", O_RDWR | O_CREAT | O_APPEND, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_open(NULL, O_RDONLY, 0, &root_who, &g), -EINVAL);
	assert_int_equal(pshm_unlink("/b", &root_who), -ENOENT);
	assert_int_equal(pshm_unlink("b", &root_who), -EINVAL);
	assert_int_equal(pshm_unlink("/a", &root_who), 0);
	file_unref(f);
	assert_int_equal(pshm_in_use(), 0);
	assert_int_equal(objs_alive, 0);
}

static void test_pshm_unlink_open(void **state)
{
	struct file *f = popen_ok("/u", O_RDWR | O_CREAT, 0644), *g = NULL;
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = 8192 };
	struct vm_object *o = NULL;

	(void)state;
	assert_int_equal(pshm_setattr(f, &a, &root), 0);
	assert_int_equal(pshm_object(f, &o), 0);
	assert_int_equal(o->size, 8192);
	assert_int_equal(pshm_unlink("/u", &root_who), 0);
	assert_int_equal(pshm_open("/u", O_RDWR, 0, &root_who, &g), -ENOENT);
	assert_int_equal(pshm_in_use(), 1); /* open: alive, nameless */
	assert_int_equal(fsize(f), 8192);
	g = popen_ok("/u", O_RDWR | O_CREAT | O_EXCL, 0644); /* the name is free again */
	assert_int_equal(fsize(g), 0);
	assert_int_equal(pshm_in_use(), 2);
	file_unref(f);
	assert_int_equal(pshm_in_use(), 1);
	assert_int_equal(objs_alive, 2); /* the first object: still held by o (a mapping) */
	vm_obj_unref(o);
	assert_int_equal(objs_alive, 1);
	assert_int_equal(pshm_unlink("/u", &root_who), 0);
	file_unref(g);
	assert_int_equal(objs_alive, 0);
}

static void test_pshm_trunc_perm(void **state)
{
	struct file *f = popen_ok("/t", O_RDWR | O_CREAT, 0600), *g = NULL, *r;
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = 12288 };
	char c;
	struct uio uio = { 0 };

	(void)state;
	assert_int_equal(pshm_setattr(f, &a, &root), 0);
	r = popen_ok("/t", O_RDONLY | O_TRUNC, 0); /* read-only: no truncation */
	assert_int_equal(fsize(r), 12288);
	assert_int_equal(pshm_setattr(r, &a, &root), -EINVAL); /* size of a read-only one */
	g = popen_ok("/t", O_RDWR | O_TRUNC, 0);
	assert_int_equal(fsize(f), 0);
	file_unref(g);
	assert_int_equal(pshm_open("/t", O_RDONLY, 0, &user_who, &g), -EACCES);
	assert_int_equal(pshm_unlink("/t", &user_who), -EACCES);
	(void)c;
	assert_int_equal(f->ops->read(f, &uio, 0), -ENOTSUP);
	assert_int_equal(f->ops->write(f, &uio, 0), -ENOTSUP);
	a = (struct io_attr){ .mask = IO_ATTR_MODE, .mode = 0604 };
	assert_int_equal(pshm_setattr(f, &a, &user), -EPERM);
	assert_int_equal(pshm_setattr(f, &a, &root), 0);
	g = popen_ok("/t", O_RDONLY, 0);
	file_unref(g);
	assert_int_equal(pshm_open("/t", O_RDONLY, 0, &user_who, &g), 0); /* others may read now */
	file_unref(g);
	assert_int_equal(pshm_unlink("/t", &root_who), 0);
	file_unref(r);
	file_unref(f);
	assert_int_equal(objs_alive, 0);
}

static void test_pshm_list_stat_name(void **state)
{
	struct file *a = popen_ok("/one", O_RDWR | O_CREAT, 0640);
	struct file *b = popen_ok("/two", O_RDWR | O_CREAT, 0600);
	struct io_attr sz = { .mask = IO_ATTR_SIZE, .size = 4096 };
	struct vm_object *o = NULL;
	char buf[64], small[5];
	struct stat st;
	long n;

	(void)state;
	assert_int_equal(pshm_setattr(a, &sz, &root), 0);
	n = pshm_list(buf, sizeof(buf));
	assert_int_equal(n, 8);
	assert_true((strcmp(buf, "one") == 0 && strcmp(buf + 4, "two") == 0) ||
		    (strcmp(buf, "two") == 0 && strcmp(buf + 4, "one") == 0));
	assert_int_equal(pshm_list(small, sizeof(small)), 4); /* one fits, the other is left out */
	assert_int_equal(pshm_stat_name("/one", &st), 0);
	assert_int_equal(st.st_mode, S_IFREG | 0640);
	assert_int_equal(st.st_size, 4096);
	assert_int_equal(pshm_stat_name("/three", &st), -ENOENT);
	assert_int_equal(pshm_stat_name("one", &st), -EINVAL);
	assert_int_equal(pshm_object(b, &o), 0);
	assert_int_equal(pshm_obj_name(o, buf, sizeof(buf)), (int)strlen("[shm:/two]"));
	assert_string_equal(buf, "[shm:/two]");
	assert_int_equal(pshm_unlink("/two", &root_who), 0);
	assert_int_equal(pshm_obj_name(o, buf, sizeof(buf)), (int)strlen("[shm:/two (deleted)]"));
	assert_string_equal(buf, "[shm:/two (deleted)]"); /* open still */
	file_unref(b);
	assert_int_equal(pshm_obj_name(o, buf, sizeof(buf)), -ENOENT); /* only mapped now */
	vm_obj_unref(o);
	b = NULL;
	assert_int_equal(pshm_open(NULL, O_RDWR, 0600, &root_who, &b), 0);
	assert_int_equal(pshm_object(b, &o), 0);
	assert_int_equal(pshm_obj_name(o, buf, sizeof(buf)), (int)strlen("[shm:anon]"));
	assert_string_equal(buf, "[shm:anon]");
	assert_int_equal(pshm_obj_name(o, small, sizeof(small)), (int)strlen("[shm:anon]"));
	assert_string_equal(small, "[shm"); /* cut, NUL-ended */
	vm_obj_unref(o);
	file_unref(b);
	assert_int_equal(pshm_unlink("/one", &root_who), 0);
	file_unref(a);
	assert_int_equal(pshm_list(buf, sizeof(buf)), 0);
	assert_int_equal(objs_alive, 0);
}

static struct ipc_limits usage(void)
{
	struct ipc_limits lim = { 0 };

	shm_usage(&lim);
	return lim;
}

static void test_shm_limits(void **state)
{
	int ids[SHM_MNI];

	(void)state;
	assert_int_equal(shm_get(IPC_PRIVATE, 0, IPC_CREAT | 0600, &root_who), -EINVAL);
	assert_int_equal(shm_get(IPC_PRIVATE, SHM_MAX + 1, IPC_CREAT | 0600, &root_who), -EINVAL);
	/* shmall: 256 MiB in all, eight segments of shmmax */
	for (int i = 0; i < 8; i++) {
		ids[i] = shm_get(IPC_PRIVATE, SHM_MAX, IPC_CREAT | 0600, &root_who);
		assert_true(ids[i] >= 0);
	}
	assert_int_equal(usage().shm_pages, SHM_ALL);
	assert_int_equal(shm_get(IPC_PRIVATE, 1, IPC_CREAT | 0600, &root_who), -ENOSPC);
	for (int i = 0; i < 8; i++)
		assert_int_equal(shm_ctl(ids[i], IPC_RMID, NULL, &root_who), 0);
	assert_int_equal(usage().shm_pages, 0);
	/* shmmni: segments at once */
	for (unsigned i = 0; i < SHM_MNI; i++) {
		ids[i] = shm_get(IPC_PRIVATE, 1, IPC_CREAT | 0600, &root_who);
		assert_true(ids[i] >= 0);
	}
	assert_int_equal(shm_get(IPC_PRIVATE, 1, IPC_CREAT | 0600, &root_who), -ENOSPC);
	for (unsigned i = 0; i < SHM_MNI; i++)
		assert_int_equal(shm_ctl(ids[i], IPC_RMID, NULL, &root_who), 0);
	/* a key: found again, bigger is EINVAL, EEXIST with IPC_EXCL */
	ids[0] = shm_get(0x77, 8192, IPC_CREAT | 0600, &root_who);
	assert_int_equal(shm_get(0x77, 4096, 0, &root_who), ids[0]);
	assert_int_equal(shm_get(0x77, 8193, 0, &root_who), -EINVAL);
	assert_int_equal(shm_get(0x77, 4096, IPC_CREAT | IPC_EXCL, &root_who), -EEXIST);
	assert_int_equal(shm_get(0x78, 4096, 0, &root_who), -ENOENT);
	assert_int_equal(shm_get(0x77, 4096, 0600, &user_who), -EACCES);
	assert_int_equal(shm_get(0x77, 4096, 0, &user_who), ids[0]); /* no access asked */
	assert_int_equal(shm_ctl(ids[0], IPC_RMID, NULL, &user_who), -EPERM);
	assert_int_equal(shm_ctl(ids[0], IPC_RMID, NULL, &root_who), 0);
	assert_int_equal(usage().shm_used, 0);
	assert_int_equal(objs_alive, 0);
}

static void test_shm_rmid_last_detach(void **state)
{
	struct vm_space sp = { 0 }, child = { 0 };
	int id = shm_get(0x99, 3 * 4096, IPC_CREAT | 0600, &root_who);
	uint64_t a = 0, b = 0;
	struct shmid_ds ds;
	char name[64];

	(void)state;
	assert_int_equal(shm_at(id, &a, 0, &sp, &root_who), 0);
	assert_int_equal(shm_at(id, &b, SHM_RDONLY, &sp, &root_who), 0);
	assert_int_not_equal(a, b);
	assert_int_equal(shm_proc_fork(1, 2), 0); /* the child inherits both */
	child = sp;
	for (int i = 0; i < FAKE_MAPS; i++)
		vm_obj_ref(child.m[i].obj);
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), 0);
	assert_int_equal(ds.shm_nattch, 4);
	assert_int_equal(usage().shm_attach, 4);
	assert_int_equal(shm_obj_name(sp.m[0].obj, name, sizeof(name)) > 0, 1);
	assert_non_null(strstr(name, "[sysv-shm:key=0x00000099 id="));
	assert_int_equal(shm_ctl(id, IPC_RMID, NULL, &root_who), 0);
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), 0); /* lives on */
	assert_true(ds.shm_perm.mode & SHM_DEST);
	assert_int_equal(ds.shm_perm.key, IPC_PRIVATE);
	assert_int_equal(shm_get(0x99, 4096, 0, &root_who), -ENOENT); /* the key is free */
	assert_int_equal(shm_at(id, &a, 0, &sp, &root_who), -EIDRM);
	assert_int_equal(shm_obj_name(sp.m[0].obj, name, sizeof(name)) > 0, 1);
	assert_non_null(strstr(name, " (deleted)]"));
	shm_proc_drop(2); /* the child exits */
	vm_unmap(&child, 0, UINT64_MAX / 2);
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), 0);
	assert_int_equal(ds.shm_nattch, 2);
	assert_int_equal(shm_dt(a + 4096, &sp, &root_who), -EINVAL); /* not where one starts */
	assert_int_equal(shm_dt(a, &sp, &root_who), 0);
	assert_int_equal(shm_dt(a, &sp, &root_who), -EINVAL);
	assert_int_equal(usage().shm_used, 1);
	assert_int_equal(shm_dt(b, &sp, &root_who), 0); /* the last: gone */
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), -EINVAL);
	assert_int_equal(usage().shm_used, 0);
	assert_int_equal(usage().shm_attach, 0);
	assert_int_equal(objs_alive, 0);
}

static void test_shm_fixed(void **state)
{
	struct vm_space sp = { 0 };
	int id = shm_get(IPC_PRIVATE, 2 * 4096, IPC_CREAT | 0600, &root_who);
	struct vm_object *anon = vm_obj_create(4 * 4096);
	uint64_t base = 0x40000000, at;
	struct shmid_ds ds;

	(void)state;
	at = base;
	assert_int_equal(vm_obj_map(&sp, &at, 4 * 4096, VM_READ, VM_PRIVATE | VM_FIXED, anon, 0),
			 0);
	vm_obj_unref(anon);   /* the space holds it */
	at = base + 3 * 4096; /* its last page, and beyond */
	assert_int_equal(shm_at(id, &at, 0, &sp, &root_who), -EINVAL);
	at = base - 4096; /* the page before, and its first */
	assert_int_equal(shm_at(id, &at, 0, &sp, &root_who), -EINVAL);
	at = base + 1;
	assert_int_equal(shm_at(id, &at, 0, &sp, &root_who), -EINVAL);	     /* unaligned */
	assert_int_equal(shm_at(id, &at, SHM_RND, &sp, &root_who), -EINVAL); /* over the mapping */
	at = 0;
	assert_int_equal(shm_at(id, &at, SHM_REMAP, &sp, &root_who), -EINVAL); /* no address */
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), 0);
	assert_int_equal(ds.shm_nattch, 0); /* the refusals left nothing */
	assert_int_equal(usage().shm_attach, 0);
	at = base - 2 * 4096; /* ends where the mapping starts: free */
	assert_int_equal(shm_at(id, &at, 0, &sp, &root_who), 0);
	assert_int_equal(at, base - 2 * 4096);
	at = base + 1;
	assert_int_equal(shm_at(id, &at, SHM_RND | SHM_REMAP, &sp, &root_who), 0);
	assert_int_equal(at, base);
	assert_int_equal(shm_ctl(id, IPC_STAT, &ds, &root_who), 0);
	assert_int_equal(ds.shm_nattch, 2);
	assert_int_equal(shm_ctl(id, IPC_RMID, NULL, &root_who), 0);
	assert_int_equal(shm_dt(base, &sp, &root_who), 0);
	assert_int_equal(shm_dt(base - 2 * 4096, &sp, &root_who), 0);
	assert_int_equal(usage().shm_used, 0);
	assert_int_equal(objs_alive, 0); /* the anonymous one went with SHM_REMAP */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pshm_names),	cmocka_unit_test(test_pshm_unlink_open),
		cmocka_unit_test(test_pshm_trunc_perm), cmocka_unit_test(test_pshm_list_stat_name),
		cmocka_unit_test(test_shm_limits),	cmocka_unit_test(test_shm_rmid_last_detach),
		cmocka_unit_test(test_shm_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
