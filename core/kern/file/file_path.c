/*
 * file::path: the absolute path an open file was opened by, kept for
 * /proc/<pid>/fd. A relative path gets the start directory's path in
 * front (io_getcwd()); the result is not made canonical ("a/../b" stays).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/io.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/string.h>

#define FILE_PATH_MAX 256 /* longer paths are not kept */

void file_set_path(struct file *f, struct vnode *cwd, const char *path)
{
	size_t plen = strnlen(path, FILE_PATH_MAX), dlen = 0;
	char *buf;
	long n;

	if (f == NULL || f->path || plen == 0 || plen >= FILE_PATH_MAX)
		return;
	buf = mem_alloc(path[0] == '/' ? plen + 1 : FILE_PATH_MAX);
	if (buf == NULL)
		return;
	if (path[0] != '/') {
		n = cwd ? io_getcwd(cwd, buf, FILE_PATH_MAX) : -1;
		if (n <= 0 || (size_t)n + plen + 1 > FILE_PATH_MAX) {
			mem_free(buf);
			return;
		}
		dlen = strlen(buf);
		if (dlen == 0 || buf[dlen - 1] != '/')
			buf[dlen++] = '/';
	}
	memcpy(buf + dlen, path, plen + 1);
	f->path = buf;
}
KERN_EXPORT(file_set_path);
