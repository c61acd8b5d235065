/*
 * The cpio "newc" parser (see cpio.h for the format). Every length is
 * checked against what is left of the archive before it is used, with
 * arithmetic that cannot overflow (sizes are at most 2^32 - 1 and
 * compared with the bytes left, never added to a pointer first).
 */
#include <stddef.h>
#include <stdint.h>

#include "cpio.h"

#define CPIO_S_IFMT  0170000u
#define CPIO_S_IFREG 0100000u
#define CPIO_S_IFDIR 0040000u
#define CPIO_S_IFLNK 0120000u
#define CPIO_S_IFCHR 0020000u
#define CPIO_S_IFBLK 0060000u
#define CPIO_S_IFIFO 0010000u

enum {
	CPIO_F_INO,
	CPIO_F_MODE,
	CPIO_F_UID,
	CPIO_F_GID,
	CPIO_F_NLINK,
	CPIO_F_MTIME,
	CPIO_F_FILESIZE,
	CPIO_F_DEVMAJOR,
	CPIO_F_DEVMINOR,
	CPIO_F_RDEVMAJOR,
	CPIO_F_RDEVMINOR,
	CPIO_F_NAMESIZE,
	CPIO_F_CHECK,
	CPIO_NFIELDS
};

void cpio_start(struct cpio_iter *it, const void *buf, size_t len)
{
	it->buf = buf;
	it->len = len;
	it->pos = 0;
}

static int cpio_hex(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static int cpio_header(const uint8_t *h, uint32_t f[CPIO_NFIELDS], const char **why)
{
	static const char magic[] = "07070";

	for (int i = 0; i < 5; i++)
		if (h[i] != (uint8_t)magic[i]) {
			*why = "bad magic";
			return -1;
		}
	if (h[5] != '1' && h[5] != '2') {
		*why = "bad magic";
		return -1;
	}
	for (int i = 0; i < CPIO_NFIELDS; i++)
		if (cpio_hex(h + 6 + 8 * i, &f[i])) {
			*why = "header field not hexadecimal";
			return -1;
		}
	return 0;
}

static size_t cpio_align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

static int cpio_is_trailer(const struct cpio_entry *e)
{
	static const char t[] = "TRAILER!!!";

	if (e->namelen != sizeof(t) - 1)
		return 0;
	for (size_t i = 0; i < e->namelen; i++)
		if (e->name[i] != t[i])
			return 0;
	return 1;
}

/* The name: inside the archive, NUL-terminated exactly at its end. */
static int cpio_name(struct cpio_iter *it, uint32_t namesize, struct cpio_entry *e,
		     const char **why)
{
	size_t at = it->pos + CPIO_HDR_SIZE;

	if (namesize == 0 || namesize > CPIO_NAME_MAX) {
		*why = "absurd name size";
		return -1;
	}
	if (namesize > it->len - at) {
		*why = "name runs past the end of the archive";
		return -1;
	}
	e->name = (const char *)it->buf + at;
	e->namelen = namesize - 1;
	for (size_t i = 0; i < e->namelen; i++)
		if (e->name[i] == '\0') {
			*why = "NUL inside the name";
			return -1;
		}
	if (e->name[e->namelen] != '\0') {
		*why = "name without NUL";
		return -1;
	}
	return 0;
}

static int cpio_check_type(const struct cpio_entry *e, const char **why)
{
	switch (e->mode & CPIO_S_IFMT) {
	case CPIO_S_IFREG:
		return 0;
	case CPIO_S_IFDIR:
	case CPIO_S_IFCHR:
	case CPIO_S_IFBLK:
	case CPIO_S_IFIFO:
		if (e->size == 0)
			return 0;
		*why = "data on a directory or special file";
		return -1;
	case CPIO_S_IFLNK:
		if (e->size == 0 || e->size > CPIO_LINK_MAX) {
			*why = "absurd symbolic link size";
			return -1;
		}
		for (size_t i = 0; i < e->size; i++)
			if (e->data[i] == '\0') {
				*why = "NUL inside a symbolic link target";
				return -1;
			}
		return 0;
	default:
		*why = "unknown file type";
		return -1;
	}
}

static void cpio_fill(struct cpio_entry *e, const uint32_t f[CPIO_NFIELDS])
{
	e->ino = f[CPIO_F_INO];
	e->mode = f[CPIO_F_MODE];
	e->uid = f[CPIO_F_UID];
	e->gid = f[CPIO_F_GID];
	e->nlink = f[CPIO_F_NLINK];
	e->mtime = f[CPIO_F_MTIME];
	e->devmajor = f[CPIO_F_DEVMAJOR];
	e->devminor = f[CPIO_F_DEVMINOR];
	e->rdevmajor = f[CPIO_F_RDEVMAJOR];
	e->rdevminor = f[CPIO_F_RDEVMINOR];
	e->size = f[CPIO_F_FILESIZE];
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e, const char **why)
{
	uint32_t f[CPIO_NFIELDS];
	size_t data;

	*why = "";
	if (it->pos == it->len && it->pos == 0)
		return 0;
	if (it->pos > it->len || it->len - it->pos < CPIO_HDR_SIZE) {
		*why = "truncated header (no TRAILER!!!)";
		return -1;
	}
	if (cpio_header(it->buf + it->pos, f, why) || cpio_name(it, f[CPIO_F_NAMESIZE], e, why))
		return -1;
	cpio_fill(e, f);
	if (cpio_is_trailer(e))
		return 0;
	data = cpio_align4(it->pos + CPIO_HDR_SIZE + f[CPIO_F_NAMESIZE]);
	if (data > it->len || e->size > it->len - data) {
		*why = "data runs past the end of the archive";
		return -1;
	}
	e->data = it->buf + data;
	if (cpio_check_type(e, why))
		return -1;
	it->pos = cpio_align4(data + e->size);
	if (it->pos > it->len)
		it->pos = it->len;
	return 1;
}

int cpio_check_path(const char *name, size_t len, const char **rel, const char **why)
{
	size_t i = 0;

	while (i < len &&
	       (name[i] == '/' || (name[i] == '.' && (i + 1 == len || name[i + 1] == '/'))))
		i++;
	*rel = name + i;
	while (i < len) {
		size_t start = i;

		while (i < len && name[i] != '/')
			i++;
		if (i - start == 2 && name[start] == '.' && name[start + 1] == '.') {
			*why = "'..' in the path";
			return -1;
		}
		if (i - start > 255) {
			*why = "name component too long";
			return -1;
		}
		while (i < len && name[i] == '/')
			i++;
	}
	return 0;
}
