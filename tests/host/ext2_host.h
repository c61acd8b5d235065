/*
 * The host side of the ext2 host tests, kept apart from the tests (whose
 * kernel headers clash with the host's): looking at the source tree with
 * lstat/readdir, reading its files, copying images and running e2fsprogs.
 */
#ifndef TESTS_HOST_EXT2_HOST_H_
#define TESTS_HOST_EXT2_HOST_H_

#include <stddef.h>
#include <stdint.h>

/** What lstat() says of a host file, in neutral types. */
struct eh_stat {
	unsigned mode;	       /**< st_mode. */
	unsigned uid, gid;     /**< Owner and group. */
	uint64_t size;	       /**< Size. */
	unsigned nlink;	       /**< Links. */
	int64_t mtime;	       /**< Modification time, seconds. */
	unsigned major, minor; /**< Device number of a device file. */
	char target[4096];     /**< A symbolic link's target. */
};

/** A scratch directory of this process (removed at exit). */
const char *eh_tmpdir(void);
/** lstat @p path into @p st; 0 or -1. */
int eh_lstat(const char *path, struct eh_stat *st);
/** The names in directory @p path (without . and ..), NUL-separated in a malloc'd block;
 * *@p n gets the count; NULL on error. */
char *eh_names(const char *path, int *n);
/** The contents of @p path (malloc'd; free with eh_free); NULL on error. */
void *eh_read(const char *path, size_t *len);
/** free(). */
void eh_free(void *p);
/** Copy @p src to @p dst; 0 or -1. */
int eh_copy(const char *src, const char *dst);
/** Open @p path read-write; the descriptor or -1. */
int eh_open(const char *path);
/** Run a shell command; its exit status (or -1). Output goes to the test's stderr. */
int eh_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Run a command and return its standard output (malloc'd, NUL-terminated), or NULL. */
char *eh_output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* TESTS_HOST_EXT2_HOST_H_ */
