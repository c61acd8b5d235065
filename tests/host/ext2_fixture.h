/*
 * The kernel side of the ext2 host tests: the buf role on the real cache
 * sources (modules/buf), image files as block devices registered with the
 * real block-device switch (so mounts go through blkdev_buf.c and
 * ext2_super.c as in the kernel), a ramfs root with /mnt, and helpers to
 * compare what the VFS shows with the source tree on the host.
 */
#ifndef TESTS_HOST_EXT2_FIXTURE_H_
#define TESTS_HOST_EXT2_FIXTURE_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>

/** The image directory (argv[1]: build/tests/ext2). */
extern const char *ext2t_dir;
/** Root. */
extern const struct cred ext2t_root;

/** Start a test: a fresh ramfs root with /mnt, the cache started. */
void ext2t_setup(void);
/** End it: everything unmounted, no lock held. */
void ext2t_teardown(void);
/**
 * Copy image @p name ("ext2-1k") to a scratch file and register it as a block device.
 * @param dev out: its name (room for 16). @return the scratch file's path (static).
 */
const char *ext2t_attach(const char *name, char *dev);
/** Mount /dev/@p dev on /mnt with @p flags; the mount's result. */
int ext2t_mount(const char *dev, unsigned flags);
/** Unmount /mnt; the result. */
int ext2t_umount(void);
/** Read a whole file through the VFS (malloc'd); its length in *@p len, NULL on error. */
void *ext2t_read(const char *path, size_t *len, long *err);
/** Write @p len bytes at @p off into @p path (opened with @p oflags); bytes or -errno. */
long ext2t_write(const char *path, int oflags, const void *data, size_t len, uint64_t off);
/** Compare the tree under host directory @p host with /mnt/@p rel (recursively); counts
 * the entries compared into *@p count. */
void ext2t_compare_tree(const char *host, const char *rel, int *count);
/** Whether the kernel log has @p s. */
int ext2t_log_has(const char *s);
/** e2fsck -fn on the image at @p path: its exit status. */
int ext2t_fsck(const char *path);

#endif /* TESTS_HOST_EXT2_FIXTURE_H_ */
