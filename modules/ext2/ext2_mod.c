/*
 * modules/ext2: the ext2 file-system type (role "ext2"), registered with
 * the VFS as "ext2" (and tried for mount -t auto and root=). This file is
 * the type's table: mount (ext2_super.c checks the disk, then the root
 * inode is read), unmount (write back, drop the cached vnodes, put the
 * superblock's state back, sync and forget the device's buffers), statfs
 * and sync. See ext2.h for the lock order and doc/storage.md for what is
 * supported.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

#include "ext2.h"

/* Unmount's end on the disk: the journal emptied (then needs_recovery is
 * cleared), the state as found, the write time, everything written. */
static void ext2_super_unload(struct ext2_fs *fs)
{
	ext2_journal_close(fs);
	if (!fs->ro) {
		ext2_tx_begin(fs); /* no journal any more: a plain delayed write */
		mutex_lock(&fs->lock);
		fs->sb.s_state = fs->state;
		fs->sb.s_wtime = (uint32_t)(vfs_now() / 1000000000ULL);
		ext2_sb_write(fs);
		mutex_unlock(&fs->lock);
		ext2_tx_end(fs);
	}
	if (buf_sync(&fs->dev) || buf_dev_flush(&fs->dev))
		pr_err("ext2: %s: write-back failed at unmount\n", fs->name);
	buf_invalidate(&fs->dev);
}

static int ext2_mount(struct vfs_mount *mp, const char *source, unsigned flags,
		      struct vnode **rootp)
{
	struct ext2_fs *fs = mem_zalloc(sizeof(*fs));
	struct vnode *root = NULL;
	int rc;

	if (fs == NULL)
		return -ENOMEM;
	fs->mp = mp;
	fs->lock = (struct mutex)MUTEX_INIT("ext2");
	for (unsigned i = 0; i < EXT2_HASH; i++)
		list_init(&fs->hash[i]);
	list_init(&fs->orphans);
	rc = ext2_super_load(fs, source, flags);
	if (rc) {
		mem_free(fs->itable);
		mem_free(fs);
		return rc;
	}
	rc = ext2_iget(fs, EXT2_ROOT_INO, &root);
	if (rc == 0 && !S_ISDIR(root->mode))
		rc = ext2_corrupt(fs, "the root is not a directory: inode", EXT2_ROOT_INO);
	if (rc) {
		if (root) {
			fs->unmounting = 1;
			vfs_nlink_add(root, -(int)root->nlink);
			EXT2_NODE(root)->fs = NULL;
			vfs_vrele(root);
		}
		ext2_super_unload(fs);
		mem_free(fs->itable);
		mem_free(fs);
		return rc;
	}
	if (fs->ro)
		mp->flags |= MS_RDONLY;
	mp->data = fs;
	if (!fs->ro && fs->sb.s_last_orphan && ext2_orphan_scan(fs) < 0)
		pr_err("ext2: %s: the orphan list is damaged; run e2fsck\n", fs->name);
	*rootp = root;
	return 0;
}

static void ext2_unmount(struct vfs_mount *mp)
{
	struct ext2_fs *fs = mp->data;

	ext2_iflush_all(fs);
	ext2_idrop_all(fs);
	ext2_super_unload(fs);
	/* the root's reclaim, right after, frees fs */
}

static void ext2_statfs(struct vfs_mount *mp, struct statfs *st)
{
	struct ext2_fs *fs = mp->data;

	mutex_lock(&fs->lock);
	st->f_bsize = fs->bsize;
	st->f_frsize = fs->bsize;
	st->f_blocks = fs->sb.s_blocks_count;
	st->f_bfree = fs->sb.s_free_blocks_count;
	st->f_bavail = fs->sb.s_free_blocks_count > fs->sb.s_r_blocks_count
			   ? fs->sb.s_free_blocks_count - fs->sb.s_r_blocks_count
			   : 0;
	st->f_files = fs->sb.s_inodes_count;
	st->f_ffree = fs->sb.s_free_inodes_count;
	st->f_namelen = VFS_NAME_MAX;
	mutex_unlock(&fs->lock);
}

static int ext2_sync(struct vfs_mount *mp)
{
	struct ext2_fs *fs = mp->data;
	int rc;

	if (fs->ro)
		return 0;
	rc = ext2_iflush_all(fs);
	ext2_tx_begin(fs); /* a handle never starts under fs->lock (ext2_tx.c) */
	mutex_lock(&fs->lock);
	fs->sb.s_wtime = (uint32_t)(vfs_now() / 1000000000ULL);
	ext2_sb_write(fs);
	mutex_unlock(&fs->lock);
	if (ext2_tx_end(fs))
		rc = -EIO;
	if (ext2_journal_commit(fs))
		rc = -EIO;
	if (buf_sync(&fs->dev) || buf_dev_flush(&fs->dev))
		rc = -EIO;
	return rc;
}

/* Halt or reboot: everything written, the journal emptied, the disk clean;
 * the instance is read-only from here on (its vnodes stay). */
static int ext2_shutdown(struct vfs_mount *mp)
{
	struct ext2_fs *fs = mp->data;
	int rc;

	if (fs->ro)
		return 0;
	rc = ext2_iflush_all(fs);
	ext2_super_unload(fs);
	fs->ro = 1;
	mp->flags |= MS_RDONLY;
	return rc;
}

const struct fs_type_ops ext2_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "ext2",
	.magic = EXT2_SUPER_MAGIC,
	.mount = ext2_mount,
	.unmount = ext2_unmount,
	.statfs = ext2_statfs,
	.sync = ext2_sync,
	.probe = ext2_probe,
	.shutdown = ext2_shutdown,
};

static int ext2_init(const char *args)
{
	uint64_t secs;
	int rc;

	/* ext2.commit=N on the kernel command line: seconds between commits (0: only at
	 * fsync, sync, a full log and unmount) */
	rc = kmod_arg_u64(args, "commit", 0, 3600, &secs);
	if (rc == 0)
		ext2_commit_secs = (unsigned)secs;
	else if (rc != -ENOENT)
		pr_warn("ext2: commit=: a number of seconds (0-3600) is expected; keeping %u\n",
			ext2_commit_secs);
	rc = vfs_fs_register(&ext2_fs_type);
	if (rc)
		pr_err("ext2: cannot register the file-system type: error %d\n", rc);
	return rc;
}

KMOD(.name = "ext2", .version = "0.1.0", .role = "ext2", .deps = { "io", "buf" },
     .init = ext2_init);
