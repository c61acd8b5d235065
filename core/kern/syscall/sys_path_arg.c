/*
 * The verify halves of the calls that name files (sys_path.c holds their
 * implement halves): each path is copied into a kernel buffer of
 * IO_PATH_MAX bytes from the kernel heap (a kernel stack is too small for
 * two of them); -EFAULT for a bad pointer, -ENAMETOOLONG without a NUL in
 * IO_PATH_MAX bytes, -ENOENT for an empty path.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <core/sys_file.h>
#include <core/sys_fs.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

/* Copy the path at user address uaddr into a new kernel buffer (*out, mem_free() it). */
long sys_path_copy(long uaddr, char **out)
{
	char *buf = mem_alloc(IO_PATH_MAX);
	long rc;

	*out = NULL;
	if (buf == NULL)
		return -ENOMEM;
	rc = copyinstr(buf, (uint64_t)uaddr, IO_PATH_MAX);
	if (rc == 0)
		rc = -ENOENT;
	if (rc < 0) {
		mem_free(buf);
		return rc;
	}
	*out = buf;
	return 0;
}

long sys_open(SYS_HANDLER_ARGS)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_open(sys_proc(), path, (int)a1, (unsigned)a2);
	mem_free(path);
	return rc;
}

long sys_chdir(SYS_HANDLER_ARGS)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_chdir(sys_proc(), path);
	mem_free(path);
	return rc;
}

long sys_mkdir(SYS_HANDLER_ARGS)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_mkdir(sys_proc(), path, (unsigned)a1);
	mem_free(path);
	return rc;
}

long sys_mknod(SYS_HANDLER_ARGS)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_mknod(sys_proc(), path, (unsigned)a1, (uint64_t)a2);
	mem_free(path);
	return rc;
}

long sys_stat(SYS_HANDLER_ARGS)
{
	struct stat st;
	char *path;
	long rc;

	if (!uaccess_ok((uint64_t)a1, sizeof(st)))
		return -EFAULT;
	rc = sys_path_copy(a0, &path);
	if (rc == 0)
		rc = kern_stat(sys_proc(), path, (int)a2, &st);
	mem_free(path);
	if (rc == 0)
		rc = copyout((uint64_t)a1, &st, sizeof(st));
	return rc;
}

/* link(), rename(), symlink(): two paths. */
long sys_two_paths(long a0, long a1, long (*fn)(struct proc *, const char *, const char *))
{
	char *from, *to = NULL;
	long rc = sys_path_copy(a0, &from);

	if (rc == 0)
		rc = sys_path_copy(a1, &to);
	if (rc == 0)
		rc = fn(sys_proc(), from, to);
	mem_free(from);
	mem_free(to);
	return rc;
}

long sys_link(SYS_HANDLER_ARGS)
{
	return sys_two_paths(a0, a1, kern_link);
}

long sys_rename(SYS_HANDLER_ARGS)
{
	return sys_two_paths(a0, a1, kern_rename);
}

static long sys_remove(long a0, int dir)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_remove(sys_proc(), path, dir);
	mem_free(path);
	return rc;
}

long sys_unlink(SYS_HANDLER_ARGS)
{
	return sys_remove(a0, 0);
}

long sys_rmdir(SYS_HANDLER_ARGS)
{
	return sys_remove(a0, 1);
}

long sys_getcwd(SYS_HANDLER_ARGS)
{
	size_t len = (size_t)a1 < IO_PATH_MAX ? (size_t)a1 : IO_PATH_MAX;
	char *buf;
	long rc;

	if (a1 <= 0)
		return a1 == 0 ? -EINVAL : -ERANGE;
	if (!uaccess_ok((uint64_t)a0, len))
		return -EFAULT;
	buf = mem_alloc(len);
	if (buf == NULL)
		return -ENOMEM;
	rc = kern_getcwd(sys_proc(), buf, len);
	if (rc > 0 && copyout((uint64_t)a0, buf, (size_t)rc) != 0)
		rc = -EFAULT;
	mem_free(buf);
	return rc;
}
