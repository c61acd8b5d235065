/**
 * @file ext2.h
 * @brief The ext2 module's private interface (modules/ext2).
 * @ingroup ext2
 *
 * One struct ext2_fs per mounted instance (vfs_mount::data), one struct
 * ext2_node per inode in memory (vnode::data), found by inode number in
 * the instance's hash, so that one inode has one vnode.
 *
 * Locking, outermost first (after the VFS's vfs_ns_lock):
 *   1. vnode::lock of the file whose inode or data changes; never two
 *      vnode locks at once (a directory operation locks the directory,
 *      lets it go, then locks the file).
 *   2. ext2_fs::lock (a mutex): block and inode allocation, the
 *      superblock's and group descriptors' counts, the inode hash.
 *   3. buffers (kern/buf.h): this module holds ONE buffer at a time
 *      everywhere (read, copy or change, release before the next), which
 *      keeps the cache's rule "several only in increasing block order"
 *      trivially.
 * Every metadata change goes through ext2_tx.c (ext2_tx_begin/end around
 * an operation, ext2_meta_dirty for each metadata buffer), the hook the
 * journal will use.
 */
#ifndef EXT2_EXT2_H_
#define EXT2_EXT2_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/vfs.h>

#include "ext2_fs.h"

/** Buckets of the inode hash. */
#define EXT2_HASH 1024
/** statfs f_type of ext2 (and ext3/ext4). */
#define EXT2_SUPER_MAGIC 0xEF53ULL

/** log2 of the buckets of the freed-but-not-committed blocks (ext2_pending.c). */
#define EXT2_PEND_BITS 8

struct ext2_pend;

/** One mounted ext2 file system. */
struct ext2_fs {
	struct vfs_mount *mp; /**< The mount. */
	struct buf_dev dev;   /**< The device as the cache sees it. */
	char name[16];	      /**< Device name, for messages. */
	struct mutex lock;    /**< Allocation, counts, the hash (see the top). */
	struct ext2_super sb; /**< The superblock (written back by ext2_sb_write()). */
	uint32_t bsize;	      /**< Block size in bytes. */
	uint32_t apb;	      /**< Block numbers per block (bsize / 4). */
	uint32_t ngroups;     /**< Block groups. */
	uint32_t *itable;     /**< Each group's first inode-table block (fixed: read at mount). */
	uint32_t gdt_block;   /**< First block of the group descriptor table. */
	uint32_t isize;	      /**< Bytes per inode. */
	uint32_t first_ino;   /**< First inode that is not reserved. */
	int ro;		      /**< Mounted read-only. */
	int unmounting;	      /**< unmount is dropping the vnodes (reclaim frees memory only). */
	uint16_t state;	      /**< s_state as found at mount. */
	unsigned tx_depth;    /**< Nested ext2_tx_begin() without a journal (ext2_tx.c). */
	struct jbd *jbd;      /**< The journal (ext2_journal.c), or NULL. */
	struct spinlock tx_lock;  /**< Guards @c tx_list. */
	struct list_node tx_list; /**< The threads' journal handles (ext2_tx.c). */
	unsigned tx_credits;	  /**< Credits each handle asks for. */
	int tx_warned;		  /**< A journaling failure was logged once. */
	uint32_t *jmap;		  /**< Journal block -> device block. */
	uint32_t jblocks;	  /**< Blocks of the journal file. */
	struct ext2_pend *pend[1u << EXT2_PEND_BITS]; /**< Freed, not committed (fs->lock). */
	unsigned long npend;			      /**< Entries in @c pend. */
	unsigned long pend_lost;  /**< Frees not remembered for want of memory. */
	struct list_node orphans; /**< Nodes on the orphan list, in memory (fs->lock). */
	int orphan_scan;	  /**< Mount is reading the orphan list (links 0 allowed). */
	struct list_node hash[EXT2_HASH]; /**< struct ext2_node by inode number. */
};

/** One inode in memory (what the vnode does not hold). */
struct ext2_node {
	struct list_node hash;	       /**< In ext2_fs::hash. */
	struct vnode *vp;	       /**< Its vnode. */
	struct ext2_fs *fs;	       /**< Its file system. */
	uint32_t ino;		       /**< Inode number. */
	uint32_t block[EXT2_N_BLOCKS]; /**< i_block[]. */
	uint32_t flags;		       /**< i_flags. */
	uint32_t file_acl;	       /**< i_file_acl. */
	uint32_t goal;		       /**< Where to look for its next block. */
	int orphan;		       /**< On the orphan list (no name, still to free). */
	uint32_t orphan_next;	       /**< The next orphan (on disk: its i_dtime). */
	struct list_node olink;	       /**< In ext2_fs::orphans. */
	uint32_t dir_gen;	       /**< A directory: bumped by every change of its entries. */
	uint32_t hint_gen;	       /**< dir_gen when the hint below was taken. */
	uint32_t hint_lblk;	       /**< The last entry a lookup found: */
	uint32_t hint_off;	       /**< its block and offset (under vfs_ns_lock). */
	uint32_t add_lblk;	       /**< The block the last new entry went into. */
};

/** The ext2 node of a vnode. */
#define EXT2_NODE(vp) ((struct ext2_node *)(vp)->data)

/* ext2_tx.c: the journal hook. */
/** @brief Start an operation that changes metadata. @param fs the file system. */
void ext2_tx_begin(struct ext2_fs *fs);
/** @brief End it. @param fs the file system. @return 0 or -EIO. */
int ext2_tx_end(struct ext2_fs *fs);
/** @brief A held metadata buffer changed. @param fs the fs. @param b the buffer. */
void ext2_meta_dirty(struct ext2_fs *fs, struct buf *b);
/** @brief A held file data buffer changed. @param fs the fs. @param b the buffer. */
void ext2_data_dirty(struct ext2_fs *fs, struct buf *b);
/** @brief A metadata block was freed. @param fs the fs. @param blkno the block. */
void ext2_meta_forget(struct ext2_fs *fs, uint32_t blkno);
/** @brief End the outermost handle and start a new one (between steps of a long
 * operation, with no buffer and no fs->lock held). @param fs the fs. */
void ext2_tx_restart(struct ext2_fs *fs);

/* ext2_orphan.c: inodes without names still to free (ext3's orphan list) */
/** @brief Put a file whose last name went on the orphan list (in the handle of the unlink,
 * before its inode is written). @param vp the file. @return 0 or -EIO. */
int ext2_orphan_add(struct vnode *vp);
/** @brief Take it off (in the last handle of its deletion). @param vp the file.
 * @return 0 or -EIO. */
int ext2_orphan_del(struct vnode *vp);
/** @brief At a read-write mount: free every inode the list holds (a cut came before
 * their deletion ended). @param fs the fs. @return how many, or -errno. */
int ext2_orphan_scan(struct ext2_fs *fs);

/* ext2_pending.c (fs->lock held) */
/** @brief Remember a block freed in the running transaction. @param fs the fs.
 * @param blk the block. */
void ext2_pend_add(struct ext2_fs *fs, uint32_t blk);
/** @brief Is @p blk freed in a transaction not committed yet? @param fs the fs.
 * @param blk the block. @return 1 or 0. */
int ext2_pend_busy(struct ext2_fs *fs, uint32_t blk);
/** @brief Forget every entry (unmount, after the journal is closed). @param fs the fs. */
void ext2_pend_clear(struct ext2_fs *fs);

/* ext2_journal.c: the journal of a has_journal file system. */
/** @brief Load the journal, replay it if it needs it, and (read-write) set needs_recovery.
 * Call after the superblock checks, before the group descriptors are read.
 * @param fs the fs. @return transactions replayed (the superblock must then be read
 * again), or -EINVAL (unsupported journal), -EUCLEAN, -EIO, -ENOMEM. */
int ext2_journal_open(struct ext2_fs *fs);
/** @brief After the superblock is final: a read-only mount gives the journal up, a
 * read-write one sets needs_recovery on the disk. @param fs the fs. @return 0 or -EIO. */
int ext2_journal_start(struct ext2_fs *fs);
/** @brief Commit what runs and wait (fsync, sync). @param fs the fs. @return 0 or -EIO. */
int ext2_journal_commit(struct ext2_fs *fs);
/** @brief Commit, checkpoint and empty the journal, then clear needs_recovery in fs->sb
 * (unmount). @param fs the fs. @return 0 or -EIO. */
int ext2_journal_close(struct ext2_fs *fs);
/** @brief Seconds between commits of the commit thread (ext2.commit=N). */
extern unsigned ext2_commit_secs;

/* ext2_super.c */
/** @brief Log a corruption and say -EUCLEAN. @param fs the fs. @param what what is wrong.
 * @param n a number to show (inode, block). @return -EUCLEAN. */
int ext2_corrupt(struct ext2_fs *fs, const char *what, uint64_t n);
/** @brief Write the superblock (and its free counts) to its buffer. @param fs the fs.
 * @return 0 or -EIO. */
int ext2_sb_write(struct ext2_fs *fs);
/** @brief Read a block, checking its number. @param fs the fs. @param blk the block.
 * @param bp out. @return 0, -EUCLEAN (out of range), -EIO. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct buf **bp);
/** @brief Get a block to overwrite whole (zeroed). @param fs the fs. @param blk the block.
 * @param bp out. @return 0, -EUCLEAN, -EIO. */
int ext2_bzero(struct ext2_fs *fs, uint32_t blk, struct buf **bp);
/** @brief Read the descriptor of group @p g. @param fs the fs. @param g group.
 * @param gd out. @return 0 or -EIO. */
int ext2_gd_get(struct ext2_fs *fs, uint32_t g, struct ext2_group_desc *gd);
/** @brief Write the descriptor of group @p g. @param fs the fs. @param g group.
 * @param gd what. @return 0 or -EIO. */
int ext2_gd_put(struct ext2_fs *fs, uint32_t g, const struct ext2_group_desc *gd);
/** @brief Open the device and check the superblock and descriptors (no vnode yet).
 * @param fs zeroed but for mp. @param dev device name. @param flags MS_RDONLY.
 * @return 0, -ENODEV, -EINVAL, -EUCLEAN, -EIO, -ENOMEM. */
int ext2_super_load(struct ext2_fs *fs, const char *dev, unsigned flags);

/** @brief fs_type_ops::probe: an ext2 superblock on device @p dev? @param dev name.
 * @param out its UUID, label, description. @return 0, -EINVAL, -ENODEV, -EIO. */
int ext2_probe(const char *dev, struct vfs_probe *out);

/* ext2_alloc.c (call with fs->lock free: they take it) */
/** @brief Allocate a block near @p goal. @param fs the fs. @param goal a block.
 * @param out the block. @return 0, -ENOSPC, -EUCLEAN, -EIO. */
int ext2_block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
/** @brief Free a block. @param fs the fs. @param blk the block. @param meta it held metadata.
 * @return 0, -EUCLEAN, -EIO. */
int ext2_block_free(struct ext2_fs *fs, uint32_t blk, int meta);
/** @brief Allocate an inode near @p parent. @param fs the fs. @param parent its directory's
 * inode. @param dir it is a directory. @param out the inode. @return 0, -ENOSPC, -EIO. */
int ext2_inode_alloc(struct ext2_fs *fs, uint32_t parent, int dir, uint32_t *out);
/** @brief Free an inode. @param fs the fs. @param ino inode. @param dir it was a directory.
 * @return 0, -EUCLEAN, -EIO. */
int ext2_inode_free(struct ext2_fs *fs, uint32_t ino, int dir);

/* ext2_inode.c */
/** @brief The vnode of inode @p ino, referenced (read from disk or found in the hash).
 * @param fs the fs. @param ino inode. @param out the vnode. @return 0, -EUCLEAN, -EIO, -ENOMEM. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct vnode **out);
/** @brief Make the vnode of a new inode (zeroed on disk). @param fs the fs. @param ino inode.
 * @param mode type and bits. @param out the vnode. @return 0 or -ENOMEM, -EIO. */
int ext2_inew(struct ext2_fs *fs, uint32_t ino, unsigned mode, struct vnode **out);
/** @brief Write a vnode's attributes and block map to its inode (call with its lock held,
 * or under vfs_ns_lock for a vnode nobody else sees). @param vp the vnode. @return 0, -EIO. */
int ext2_iwrite(struct vnode *vp);
/** @brief Set only the i_dtime field of inode @p ino on the disk (the orphan list's link
 * of an inode whose vnode another thread may hold). @param fs the fs. @param ino inode.
 * @param dtime the value. @return 0, -EUCLEAN, -EIO. */
int ext2_iset_dtime(struct ext2_fs *fs, uint32_t ino, uint32_t dtime);
/** @brief Write every cached inode (sync). @param fs the fs. @return 0 or -EIO. */
int ext2_iflush_all(struct ext2_fs *fs);
/** @brief Free a vnode no name nor reference holds (vnode_ops::reclaim). @param vp it. */
void ext2_reclaim(struct vnode *vp);
/** @brief Drop every cached vnode but the root (unmount). @param fs the fs. */
void ext2_idrop_all(struct ext2_fs *fs);

/* ext2_bmap.c (call with the vnode's lock held) */
/**
 * @brief Map file block @p lblk to a disk block.
 * @param vp the file. @param lblk its block. @param alloc allocate a missing block (zeroed).
 * @param out the disk block, 0 for a hole (when !alloc). @param fresh out (may be NULL): set
 *        to 1 when the block was just allocated.
 * @return 0, -EFBIG (past triple indirection), -ENOSPC, -EUCLEAN, -EIO.
 */
int ext2_bmap(struct vnode *vp, uint64_t lblk, int alloc, uint32_t *out, int *fresh);
/** @brief Free every block of file block @p from on. @param vp the file. @param from first
 * block to free. @return 0, -EUCLEAN, -EIO. */
int ext2_bfree_from(struct vnode *vp, uint64_t from);

/** File blocks one journal handle writes (and, times 16, frees) before the next. */
#define EXT2_TX_STEP 64

/* ext2_file.c (vnode lock held) */
/** @brief ext2_bfree_from() in steps from the end, each in its own journal handle
 * (when not nested), the inode written between them. @param vp the file.
 * @param from first block to free. @return 0, -EUCLEAN, -EIO. */
int ext2_bfree_steps(struct vnode *vp, uint64_t from);
/** @brief vnode_ops::read. @param vp f. @param uio out. @param off offset. @return bytes or -errno.
 */
long ext2_read(struct vnode *vp, struct uio *uio, uint64_t off);
/**
 * @brief Fill a page of a file's page cache (vnode_ops::readpage).
 * @param vp the file. @param pgoff the page index. @param page PAGE_SIZE bytes.
 * @return 0, -EIO or -EUCLEAN.
 */
int ext2_readpage(struct vnode *vp, uint64_t pgoff, void *page);
/** @brief vnode_ops::write. @param vp f. @param uio in. @param off offset. @return bytes or -errno.
 */
long ext2_write(struct vnode *vp, struct uio *uio, uint64_t off);
/** @brief vnode_ops::truncate. @param vp f. @param size bytes. @return 0 or -errno. */
int ext2_truncate(struct vnode *vp, uint64_t size);
/** @brief Largest file size. @param fs the fs. @return bytes. */
uint64_t ext2_max_size(struct ext2_fs *fs);

/* ext2_dir.c (vfs_ns_lock held; add, remove and set_parent also with the directory's
 * vnode lock held: the caller takes it before its journal handle) */
/** @brief Find @p name in @p dvp. @param dvp dir. @param name n. @param len its length.
 * @param ino out. @return 0, -ENOENT, -EUCLEAN, -EIO. */
int ext2_dir_find(struct vnode *dvp, const char *name, size_t len, uint32_t *ino);
/** @brief Add an entry. @param dvp dir. @param name n. @param len l. @param ino inode.
 * @param mode its mode (for the type). @return 0, -ENOSPC, -EUCLEAN, -EIO. */
int ext2_dir_add(struct vnode *dvp, const char *name, size_t len, uint32_t ino, unsigned mode);
/** @brief Remove an entry naming @p ino. @param dvp dir. @param name n. @param len l.
 * @param ino the inode it must name. @return 0, -ENOENT, -EUCLEAN, -EIO. */
int ext2_dir_remove(struct vnode *dvp, const char *name, size_t len, uint32_t ino);
/** @brief Point ".." of directory @p vp at @p parent. @param vp dir. @param parent inode.
 * @return 0 or -errno. */
int ext2_dir_set_parent(struct vnode *vp, uint32_t parent);
/** @brief Write "." and ".." into a new directory. @param vp dir. @param parent inode.
 * @return 0 or -errno. */
int ext2_dir_init(struct vnode *vp, uint32_t parent);
/** @brief vnode_ops::readdir. @param dvp d. @param off pos. @param fn cb. @param arg a.
 * @return 0 or -errno. */
int ext2_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg);
/** @brief vnode_ops::empty. @param dvp dir. @return 1 if empty. */
int ext2_dir_empty(struct vnode *dvp);
/** @brief The inode ".." names. @param dvp dir. @param ino out. @return 0 or -errno. */
int ext2_dir_parent(struct vnode *dvp, uint32_t *ino);

/** The vnode operations of every ext2 file. */
extern const struct vnode_ops ext2_vnode_ops;

#endif /* EXT2_EXT2_H_ */
