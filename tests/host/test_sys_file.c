/*
 * Host tests of the file system calls (core/kern/syscall/sys_*.c), both
 * halves, over the real descriptor tables, open files and pipes, with the
 * io role faked by a small in-memory file system that records what it was
 * asked. Bad user pointers are the addresses below FAKE_USER_BAD_END.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/ipc.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "file_fakes.h"
#include "host_threads.h"
#include "ipc/pipe.h"

#define BAD 16L /* a user address that faults */

struct vnode {
	int refs;
	char path[32];
};

static struct proc tp;
static struct vnode root, sub;
static char mem_data[16384]; /* the one regular file's contents */
static uint64_t mem_size;
static struct {
	char path[64], to[64];
	int flags, dir;
	unsigned mode;
	uint64_t dev;
	struct vnode *cwd;
	const struct cred *cred;
} io_last;

struct proc *proc_current(void)
{
	return &tp;
}

/* sys_proc() reads the running thread's process inline. */
static struct thr test_thr = { .proc = &tp };
struct thr *sched_cur = &test_thr;

void kassert_fail(const char *expr, const char *file, int line)
{
	fail_msg("KASSERT(%s) at %s:%d", expr, file, line);
	__builtin_trap();
}

int ipc_pipe(struct file **rd, struct file **wr, int flags)
{
	return pipe_create(rd, wr, flags);
}

void io_vref(struct vnode *vp)
{
	vp->refs++;
}

void io_vrele(struct vnode *vp)
{
	if (vp) {
		assert_true(vp->refs > 0);
		vp->refs--;
	}
}

static void io_record(struct vnode *cwd, const char *path, const struct cred *cred)
{
	assert_true(cwd->refs >= 2); /* the process's and the call's */
	io_last.cwd = cwd;
	io_last.cred = cred;
	strncpy(io_last.path, path, sizeof(io_last.path) - 1);
}

static long memf_read(struct file *f, struct uio *uio, uint64_t off)
{
	(void)f;
	if (off >= mem_size)
		return 0;
	return uio_move(mem_data + off, mem_size - off, uio, 1);
}

static long memf_write(struct file *f, struct uio *uio, uint64_t off)
{
	long rc;

	if (f->flags & O_APPEND)
		off = mem_size;
	if (off >= sizeof(mem_data))
		return -ENOSPC;
	for (volatile int spin = 0; spin < 3000; spin++) /* widen any race on the offset */
		;
	rc = uio_move(mem_data + off, sizeof(mem_data) - off, uio, 0);
	if (rc > 0 && off + (uint64_t)rc > mem_size)
		mem_size = off + (uint64_t)rc;
	return rc;
}

static int memf_seekable(struct file *f, uint64_t *size)
{
	(void)f;
	*size = mem_size;
	return 0;
}

static int memf_stat(struct file *f, struct stat *st)
{
	(void)f;
	st->st_mode = S_IFREG | 0644;
	st->st_size = (int64_t)mem_size;
	return 0;
}

static const struct fileops memf_ops = {
	.version = FILEOPS_VERSION,
	.read = memf_read,
	.write = memf_write,
	.seekable = memf_seekable,
	.stat = memf_stat,
};

int io_open(struct vnode *cwd, const char *path, int flags, unsigned mode, const struct cred *cred,
	    struct file **out)
{
	io_record(cwd, path, cred);
	io_last.flags = flags;
	io_last.mode = mode;
	*out = NULL;
	if (strcmp(path, "missing") == 0)
		return -ENOENT;
	*out = file_alloc(&memf_ops, NULL, (unsigned)flags & (O_ACCMODE | O_APPEND | O_NONBLOCK));
	return *out ? 0 : -ENOMEM;
}

int io_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	    struct stat *st)
{
	io_record(cwd, path, cred);
	io_last.flags = flags;
	st->st_mode = S_IFDIR | 0755;
	st->st_ino = 42;
	return 0;
}

int io_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
	     const struct cred *cred)
{
	io_record(cwd, path, cred);
	io_last.mode = mode;
	io_last.dev = dev;
	return 0;
}

int io_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred)
{
	io_record(cwd, path, cred);
	io_last.dir = dir;
	return strcmp(path, "busy") == 0 ? -EBUSY : 0;
}

int io_link(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	io_record(cwd, from, cred);
	strncpy(io_last.to, to, sizeof(io_last.to) - 1);
	return 0;
}

int io_rename(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	return io_link(cwd, from, to, cred);
}

int io_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred, struct vnode **out)
{
	io_record(cwd, path, cred);
	*out = NULL;
	if (strcmp(path, "sub") != 0)
		return -ENOTDIR;
	sub.refs++;
	*out = &sub;
	return 0;
}

long io_getcwd(struct vnode *dir, char *buf, size_t len)
{
	size_t n = strlen(dir->path) + 1;

	if (n > len)
		return -ERANGE;
	memcpy(buf, dir->path, n);
	return (long)n;
}

static long U(const void *p)
{
	return (long)(uintptr_t)p;
}

static int setup(void **state)
{
	(void)state;
	memset(&tp, 0, sizeof(tp));
	memset(&io_last, 0, sizeof(io_last));
	tp.fds = fdtab_create();
	tp.cred = (struct cred){ .uid = 1000, .gid = 100, .euid = 1000, .egid = 100 };
	tp.umask = 022;
	root = (struct vnode){ .refs = 1, .path = "/" };
	sub = (struct vnode){ .refs = 0, .path = "/sub" };
	tp.cwd = &root;
	mem_size = 0;
	fake_mem_fail_after = -1;
	fake_sleep_hook = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fdtab_destroy(tp.fds);
	io_vrele(tp.cwd);
	assert_int_equal(root.refs, 0); /* every call dropped the cwd it held */
	assert_int_equal(sub.refs, 0);
	return 0;
}

static void test_open_arguments(void **state)
{
	char longpath[IO_PATH_MAX + 1];

	(void)state;
	assert_int_equal(sys_open(U("f"), O_RDWR | O_CREAT | O_CLOEXEC, 0666, 0, 0, 0), 0);
	assert_string_equal(io_last.path, "f");
	assert_int_equal(io_last.flags, O_RDWR | O_CREAT); /* O_CLOEXEC is the descriptor's */
	assert_int_equal(io_last.mode, 0644);		   /* umask 022 */
	assert_ptr_equal(io_last.cwd, &root);
	assert_ptr_equal(io_last.cred, &tp.cred);
	assert_int_equal(sys_fcntl(0, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	assert_int_equal(sys_open(U("g"), O_RDONLY, 0, 0, 0, 0), 1);
	assert_int_equal(sys_fcntl(1, F_GETFD, 0, 0, 0, 0), 0);
	assert_int_equal(sys_open(BAD, O_RDONLY, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_open(0, O_RDONLY, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_open(U(""), O_RDONLY, 0, 0, 0, 0), -ENOENT);
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[IO_PATH_MAX] = '\0';
	assert_int_equal(sys_open(U(longpath), O_RDONLY, 0, 0, 0, 0), -ENAMETOOLONG);
	longpath[IO_PATH_MAX - 1] = '\0'; /* IO_PATH_MAX with the NUL fits */
	assert_int_equal(sys_open(U(longpath), O_RDONLY, 0, 0, 0, 0), 2);
	assert_int_equal(sys_open(U("f"), O_ACCMODE, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_open(U("missing"), O_RDONLY, 0, 0, 0, 0), -ENOENT);
	fake_mem_fail_after = 0;
	assert_int_equal(sys_open(U("f"), O_RDONLY, 0, 0, 0, 0), -ENOMEM);
	fake_mem_fail_after = -1;
	assert_int_equal(fdtab_count(tp.fds), 3);
}

static void test_open_emfile_releases_file(void **state)
{
	(void)state;
	for (int i = 0; i < FDTAB_MAX; i++)
		assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), i);
	assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), -EMFILE); /* ASan: nothing leaks */
}

static void test_read_write_offsets(void **state)
{
	char buf[64] = { 0 };

	(void)state;
	assert_int_equal(kern_open(&tp, "f", O_RDWR, 0), 0);
	assert_int_equal(sys_dup(0, 0, 0, 0, 0, 0), 1); /* shares the offset */
	assert_int_equal(sys_write(0, U("hello "), 6, 0, 0, 0), 6);
	assert_int_equal(sys_write(1, U("world"), 5, 0, 0, 0), 5);
	assert_int_equal(mem_size, 11);
	assert_int_equal(sys_lseek(0, 0, SEEK_CUR, 0, 0, 0), 11);
	assert_int_equal(sys_lseek(1, 0, SEEK_SET, 0, 0, 0), 0);
	assert_int_equal(sys_read(0, U(buf), 5, 0, 0, 0), 5);
	assert_int_equal(sys_read(1, U(buf + 5), sizeof(buf), 0, 0, 0), 6);
	assert_string_equal(buf, "hello world");
	assert_int_equal(sys_read(0, U(buf), sizeof(buf), 0, 0, 0), 0); /* end of file */
	assert_int_equal(sys_lseek(0, -5, SEEK_END, 0, 0, 0), 6);
	assert_int_equal(sys_lseek(0, -7, SEEK_CUR, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_lseek(0, 1, 3, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_lseek(0, INT64_MAX, SEEK_CUR, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_lseek(0, 0, SEEK_CUR, 0, 0, 0), 6); /* failures moved nothing */
	assert_int_equal(sys_lseek(9, 0, SEEK_SET, 0, 0, 0), -EBADF);
}

static void test_read_write_arguments(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(kern_open(&tp, "f", O_WRONLY, 0), 0);
	assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), 1);
	assert_int_equal(sys_read(0, U(buf), 1, 0, 0, 0), -EBADF);  /* write-only */
	assert_int_equal(sys_write(1, U(buf), 1, 0, 0, 0), -EBADF); /* read-only */
	assert_int_equal(sys_write(0, BAD, 4, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_write(0, 0, 4, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_write(0, U(buf), -1, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_write(0, BAD, 0, 0, 0, 0), 0); /* nothing to move */
	assert_int_equal(sys_read(5, U(buf), 1, 0, 0, 0), -EBADF);
	assert_int_equal(sys_read(-1, U(buf), 1, 0, 0, 0), -EBADF);
	assert_int_equal(sys_read(0x100000001L, U(buf), 1, 0, 0, 0), -EBADF); /* not fd 1 */
	assert_int_equal(sys_read(1, (long)0xffff800000000000UL, 1, 0, 0, 0), -EFAULT);
	assert_int_equal(mem_size, 0);
}

static void test_append(void **state)
{
	(void)state;
	assert_int_equal(kern_open(&tp, "f", O_RDWR, 0), 0);
	assert_int_equal(kern_open(&tp, "f", O_WRONLY | O_APPEND, 0), 1);
	assert_int_equal(sys_write(0, U("abcdef"), 6, 0, 0, 0), 6);
	assert_int_equal(sys_lseek(0, 0, SEEK_SET, 0, 0, 0), 0);
	assert_int_equal(sys_write(1, U("XY"), 2, 0, 0, 0), 2);
	assert_int_equal(sys_lseek(1, 0, SEEK_CUR, 0, 0, 0), 8); /* at the end it wrote */
	assert_int_equal(sys_write(0, U("12"), 2, 0, 0, 0), 2);	 /* not appending: at 0 */
	assert_memory_equal(mem_data, "12cdefXY", 8);
	/* F_SETFL turns O_APPEND off and O_NONBLOCK on, and nothing else. */
	assert_int_equal(sys_fcntl(1, F_SETFL, O_NONBLOCK | O_RDWR, 0, 0, 0), 0);
	assert_int_equal(sys_fcntl(1, F_GETFL, 0, 0, 0, 0), O_WRONLY | O_NONBLOCK);
	assert_int_equal(sys_lseek(1, 0, SEEK_SET, 0, 0, 0), 0);
	assert_int_equal(sys_write(1, U("Z"), 1, 0, 0, 0), 1);
	assert_memory_equal(mem_data, "Z2cdefXY", 8);
}

static void test_dup_close_fcntl(void **state)
{
	(void)state;
	assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), 0);
	assert_int_equal(sys_dup2(0, 7, 0, 0, 0, 0), 7);
	assert_int_equal(sys_dup2(0, FDTAB_MAX, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_dup2(3, 4, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_fcntl(0, F_DUPFD, 5, 0, 0, 0), 5);
	assert_int_equal(sys_fcntl(0, F_DUPFD, 5, 0, 0, 0), 6);
	assert_int_equal(sys_fcntl(0, F_DUPFD_CLOEXEC, 0, 0, 0, 0), 1);
	assert_int_equal(sys_fcntl(1, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	assert_int_equal(sys_fcntl(1, F_SETFD, 0, 0, 0, 0), 0);
	assert_int_equal(sys_fcntl(1, F_GETFD, 0, 0, 0, 0), 0);
	assert_int_equal(sys_fcntl(0, F_DUPFD, FDTAB_MAX, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_fcntl(0, F_DUPFD, -1, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_fcntl(9, F_DUPFD, -1, 0, 0, 0), -EBADF);
	assert_int_equal(sys_fcntl(0, 999, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_fcntl(9, 999, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_fcntl(0, -1L, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_fcntl(9, F_GETFL, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_ioctl(0, 0x5401, 0, 0, 0, 0), -ENOTTY);
	assert_int_equal(sys_ioctl(9, 0x5401, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_close(7, 0, 0, 0, 0, 0), 0);
	assert_int_equal(sys_close(7, 0, 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_close(-3, 0, 0, 0, 0, 0), -EBADF);
	assert_int_equal(fdtab_count(tp.fds), 4);
}

static void test_fstat_and_stat(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(kern_open(&tp, "f", O_RDWR, 0), 0);
	assert_int_equal(sys_write(0, U("1234"), 4, 0, 0, 0), 4);
	assert_int_equal(sys_fstat(0, U(&st), 0, 0, 0, 0), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 4);
	assert_int_equal(sys_fstat(0, BAD, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_fstat(3, U(&st), 0, 0, 0, 0), -EBADF);
	assert_int_equal(sys_stat(U("d"), U(&st), AT_SYMLINK_NOFOLLOW, 0, 0, 0), 0);
	assert_int_equal(io_last.flags, AT_SYMLINK_NOFOLLOW);
	assert_int_equal(st.st_ino, 42);
	assert_int_equal(sys_stat(U("d"), U(&st), 1, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_stat(U("d"), BAD, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_stat(BAD, U(&st), 0, 0, 0, 0), -EFAULT);
}

static void test_make_and_remove(void **state)
{
	(void)state;
	assert_int_equal(sys_mkdir(U("d"), 0777, 0, 0, 0, 0), 0);
	assert_int_equal(io_last.mode, S_IFDIR | 0755);
	assert_int_equal(sys_mknod(U("p"), S_IFIFO | 0666, 0, 0, 0, 0), 0);
	assert_int_equal(io_last.mode, S_IFIFO | 0644);
	assert_int_equal(sys_mknod(U("r"), 0600, 0, 0, 0, 0), 0);
	assert_int_equal(io_last.mode, S_IFREG | 0600);
	assert_int_equal(sys_mknod(U("c"), S_IFCHR | 0600, 0x501, 0, 0, 0), -EPERM);
	assert_int_equal(sys_mknod(U("x"), S_IFDIR | 0600, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_mknod(U("x"), S_IFLNK | 0600, 0, 0, 0, 0), -EINVAL);
	tp.cred.euid = 0;
	assert_int_equal(sys_mknod(U("c"), S_IFCHR | 0600, 0x501, 0, 0, 0), 0);
	assert_int_equal(io_last.dev, 0x501);
	assert_int_equal(sys_umask(077, 0, 0, 0, 0, 0), 022);
	assert_int_equal(sys_umask(01777, 0, 0, 0, 0, 0), 077);
	assert_int_equal(sys_umask(0, 0, 0, 0, 0, 0), 0777);
	assert_int_equal(sys_unlink(U("a"), 0, 0, 0, 0, 0), 0);
	assert_int_equal(io_last.dir, 0);
	assert_int_equal(sys_rmdir(U("b"), 0, 0, 0, 0, 0), 0);
	assert_int_equal(io_last.dir, 1);
	assert_string_equal(io_last.path, "b");
	assert_int_equal(sys_rmdir(U("busy"), 0, 0, 0, 0, 0), -EBUSY);
	assert_int_equal(sys_unlink(BAD, 0, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_mkdir(BAD, 0, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_mknod(BAD, 0, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_link(U("old"), U("new"), 0, 0, 0, 0), 0);
	assert_string_equal(io_last.path, "old");
	assert_string_equal(io_last.to, "new");
	assert_int_equal(sys_rename(U("a"), U("b"), 0, 0, 0, 0), 0);
	assert_int_equal(sys_link(U("old"), BAD, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_rename(BAD, U("b"), 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_rename(U("a"), U(""), 0, 0, 0, 0), -ENOENT);
}

static void test_chdir_and_getcwd(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(sys_getcwd(U(buf), sizeof(buf), 0, 0, 0, 0), 2);
	assert_string_equal(buf, "/");
	assert_int_equal(sys_chdir(U("nodir"), 0, 0, 0, 0, 0), -ENOTDIR);
	assert_ptr_equal(tp.cwd, &root);
	assert_int_equal(sys_chdir(U("sub"), 0, 0, 0, 0, 0), 0);
	assert_ptr_equal(tp.cwd, &sub);
	assert_int_equal(root.refs, 0); /* the old directory was released */
	assert_int_equal(sub.refs, 1);
	assert_int_equal(sys_getcwd(U(buf), sizeof(buf), 0, 0, 0, 0), 5);
	assert_string_equal(buf, "/sub");
	assert_int_equal(sys_getcwd(U(buf), 4, 0, 0, 0, 0), -ERANGE);
	assert_int_equal(sys_getcwd(U(buf), 0, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(sys_getcwd(U(buf), -1, 0, 0, 0, 0), -ERANGE);
	assert_int_equal(sys_getcwd(BAD, 16, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_chdir(BAD, 0, 0, 0, 0, 0), -EFAULT);
	/* A relative lookup starts at the new directory. */
	assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), 0);
	assert_ptr_equal(io_last.cwd, &sub);
}

static void test_pipe_call(void **state)
{
	int fds[2] = { -1, -1 };
	char buf[8];

	(void)state;
	assert_int_equal(sys_pipe(U(fds), 0, 0, 0, 0, 0), 0);
	assert_int_equal(fds[0], 0);
	assert_int_equal(fds[1], 1);
	assert_int_equal(sys_write(fds[1], U("pipe"), 4, 0, 0, 0), 4);
	assert_int_equal(sys_read(fds[0], U(buf), sizeof(buf), 0, 0, 0), 4);
	assert_memory_equal(buf, "pipe", 4);
	assert_int_equal(sys_lseek(fds[0], 0, SEEK_SET, 0, 0, 0), -ESPIPE);
	assert_int_equal(sys_read(fds[1], U(buf), 1, 0, 0, 0), -EBADF);
	assert_int_equal(sys_close(fds[1], 0, 0, 0, 0, 0), 0);
	assert_int_equal(sys_read(fds[0], U(buf), 1, 0, 0, 0), 0); /* EOF */
	assert_int_equal(sys_pipe(U(fds), O_CLOEXEC | O_NONBLOCK, 0, 0, 0, 0), 0);
	assert_int_equal(fds[0], 1);
	assert_int_equal(fds[1], 2);
	assert_int_equal(sys_fcntl(1, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
	assert_int_equal(sys_fcntl(2, F_GETFL, 0, 0, 0, 0), O_WRONLY | O_NONBLOCK);
	assert_int_equal(sys_read(1, U(buf), 1, 0, 0, 0), -EAGAIN);
	assert_int_equal(sys_close(1, 0, 0, 0, 0, 0), 0);
	fake_signals_posted = 0;
	assert_int_equal(sys_write(2, U(buf), 1, 0, 0, 0), -EPIPE);
	assert_int_equal(fake_signals_posted, 1); /* and SIGPIPE */
	assert_int_equal(fake_last_signal, SIGPIPE);
	assert_int_equal(fdtab_count(tp.fds), 2);
	/* A bad array takes nothing: no descriptor is left behind. */
	assert_int_equal(sys_pipe(BAD, 0, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(sys_pipe(U(fds), O_APPEND, 0, 0, 0, 0), -EINVAL);
	assert_int_equal(fdtab_count(tp.fds), 2);
	fake_mem_fail_after = 1;
	assert_int_equal(sys_pipe(U(fds), 0, 0, 0, 0, 0), -ENOMEM);
	fake_mem_fail_after = -1;
	assert_int_equal(fdtab_count(tp.fds), 2);
}

static void test_pipe_emfile(void **state)
{
	struct file *ends[2];
	int fds[2];

	(void)state;
	for (int i = 0; i < FDTAB_MAX - 1; i++)
		assert_int_equal(kern_open(&tp, "f", O_RDONLY, 0), i);
	assert_int_equal(kern_pipe(&tp, 0, fds, ends), -EMFILE); /* ASan: both ends freed */
	assert_int_equal(fdtab_count(tp.fds), FDTAB_MAX - 1);
}

/* Threads sharing one open file each get their own range: the offset moves as one step. */
#define OFF_THREADS 4
#define OFF_RECORDS 1024

static void off_writer(int id)
{
	char rec[4];

	memset(rec, 'a' + id, sizeof(rec));
	for (int i = 0; i < OFF_RECORDS; i++)
		assert_int_equal(sys_write(0, U(rec), sizeof(rec), 0, 0, 0), sizeof(rec));
}

static void test_threads_share_offset(void **state)
{
	unsigned count[OFF_THREADS] = { 0 };

	(void)state;
	_Static_assert(OFF_THREADS * OFF_RECORDS * 4 == sizeof(mem_data), "fill the file exactly");
	assert_int_equal(kern_open(&tp, "f", O_WRONLY, 0), 0);
	assert_int_equal(host_run_threads(OFF_THREADS, off_writer), 0);
	assert_int_equal(sys_lseek(0, 0, SEEK_CUR, 0, 0, 0), sizeof(mem_data));
	assert_int_equal(mem_size, sizeof(mem_data));
	for (size_t r = 0; r < sizeof(mem_data); r += 4) {
		int id = mem_data[r] - 'a';

		assert_true(id >= 0 && id < OFF_THREADS);
		assert_true(mem_data[r + 1] == mem_data[r] && mem_data[r + 2] == mem_data[r] &&
			    mem_data[r + 3] == mem_data[r]);
		count[id]++;
	}
	for (int i = 0; i < OFF_THREADS; i++)
		assert_int_equal(count[i], OFF_RECORDS);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_arguments),
		T(test_open_emfile_releases_file),
		T(test_read_write_offsets),
		T(test_read_write_arguments),
		T(test_append),
		T(test_dup_close_fcntl),
		T(test_fstat_and_stat),
		T(test_make_and_remove),
		T(test_chdir_and_getcwd),
		T(test_pipe_call),
		T(test_pipe_emfile),
		T(test_threads_share_offset),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
