/**
 * @file kern/vfs.h
 * @brief The file-system interface of the VFS: what a file-system module implements and uses.
 * @ingroup io
 *
 * The VFS lives in the `io` module; a file-system type (ramfs inside io,
 * ext2 as its own module) registers a struct fs_type_ops with
 * vfs_fs_register() and hands out vnodes made by vfs_vnode_alloc(), each
 * with its type's struct vnode_ops. The functions declared here are
 * exported by the io module (KERN_EXPORT), so a file-system module lists
 * "io" in its KMOD deps.
 *
 * A vnode is one file: the attributes every file has live in it (type and
 * mode, owner, size, links, times in ns, device number), and the VFS
 * changes them itself (chmod, chown, utimens, the times of read and
 * write); what is particular to a file system hangs off vnode::data. A
 * file system with a backing store writes the vnode's attributes to it
 * when vnode_ops::setattr, fsync or fs_type_ops::sync ask.
 *
 * Locking (the VFS's order, outermost first):
 * - vfs_ns_lock (private to io): the name space. Every directory
 *   operation of vnode_ops (lookup, create, link, unlink, rename, parent,
 *   readdir, empty), and fs_type_ops::mount, unmount and sync, run under
 *   it, as does every change of vnode::nlink (vfs_nlink_add()).
 * - vnode::lock: one file's contents and attributes; read, write,
 *   truncate, setattr and fsync run under it. Never two at once.
 * - the reference lock (a spinlock inside io): vnode::refs.
 * A file system's own locks come after these.
 *
 * Life of a vnode: it lives while it has a reference or a name
 * (nlink > 0). The last vfs_vrele() of a vnode without names calls
 * vnode_ops::reclaim and frees it. A file system may keep vnodes with
 * names and no reference (a cache); it drops them in fs_type_ops::unmount.
 */
#ifndef KERN_VFS_H_
#define KERN_VFS_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <uapi/statfs.h>

/** Longest name of one path component, without the NUL. */
#define VFS_NAME_MAX 255
/**
 * The version of struct vnode_ops and struct fs_type_ops this VFS speaks.
 * 2: fs_type_ops::mount gets the source and the flags, vnode_ops::setattr,
 * fs_type_ops::probe, vfs_mount::data.
 * 3: the page cache: vnode_ops::readpage and vnode_ops::flags.
 */
#define VNODE_OPS_VERSION 3

struct vnode;
struct vfs_mount;
struct vm_object;

/** vnode_ops::flags: the page cache is the file data's only store (ramfs). */
#define VNODE_F_PAGESTORE 0x1

/** What a new file is made of (vnode_ops::create). */
struct vfs_new {
	unsigned mode;	    /**< Type and permission bits. */
	uint32_t uid;	    /**< Owner. */
	uint32_t gid;	    /**< Group. */
	uint64_t rdev;	    /**< Device number (S_IFCHR, S_IFBLK). */
	const char *target; /**< Symbolic link target (S_IFLNK), @c tlen bytes. */
	size_t tlen;	    /**< Length of @c target. */
};

/**
 * @brief Called by vnode_ops::readdir for each entry.
 * @param arg the caller's.
 * @param name the entry's name (not NUL-terminated).
 * @param len its length.
 * @param ino its inode number.
 * @param type DT_* type.
 * @param next the position after this entry.
 * @return 0 to go on, nonzero to stop before this entry.
 */
typedef int vfs_dirent_fn(void *arg, const char *name, size_t len, uint64_t ino, unsigned type,
			  uint64_t next);

/** What vnode_ops::setattr is told changed (the VFS already changed the vnode). */
#define VFS_SET_MODE  0x1 /**< vnode::mode. */
#define VFS_SET_OWNER 0x2 /**< vnode::uid or vnode::gid. */
#define VFS_SET_TIMES 0x4 /**< vnode::atime, mtime or ctime. */
#define VFS_SET_SIZE  0x8 /**< vnode::size (after vnode_ops::truncate). */

/**
 * @brief Operations of one file-system type on its vnodes.
 *
 * Calling context: a thread that may sleep. Directory operations (lookup,
 * create, link, unlink, rename, parent, readdir, empty) run under
 * vfs_ns_lock; read, write, truncate, readlink, setattr and fsync under
 * the vnode's lock. None is NULL.
 */
struct vnode_ops {
	uint32_t version; /**< VNODE_OPS_VERSION. */
	/**
	 * @brief Find @p name (not "." or "..") in directory @p dvp.
	 * @return 0 with *@p out referenced, or -ENOENT (-EIO, -EUCLEAN on a bad disk).
	 */
	int (*lookup)(struct vnode *dvp, const char *name, size_t len, struct vnode **out);
	/**
	 * @brief Make a new file called @p name in @p dvp (the name is free).
	 * @return 0 with *@p out referenced, or -ENOSPC, -EMLINK, -EIO.
	 */
	int (*create)(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
		      struct vnode **out);
	/** @brief Add the name @p name for @p vp in @p dvp (free name). @return 0 or -ENOSPC. */
	int (*link)(struct vnode *dvp, const char *name, size_t len, struct vnode *vp);
	/** @brief Remove the name @p name of @p vp from @p dvp. @return 0 or -errno. */
	int (*unlink)(struct vnode *dvp, const char *name, size_t len, struct vnode *vp);
	/**
	 * @brief Move @p vp from (@p fdvp, @p fname) to (@p tdvp, @p tname), dropping
	 *        @p tvp (the file @p tname named, or NULL) first.
	 * @return 0 or -ENOSPC.
	 */
	int (*rename)(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
		      struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp);
	/** @brief The parent of directory @p dvp, referenced, or NULL if it was removed. */
	struct vnode *(*parent)(struct vnode *dvp);
	/**
	 * @brief Call @p fn for the entries of @p dvp from position *@p off on.
	 * @return 0 or -errno; *@p off is where to go on.
	 */
	int (*readdir)(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg);
	/** @brief Tell whether directory @p dvp has no entry but "." and "..". */
	int (*empty)(struct vnode *dvp);
	/** @brief Read file data at @p off. @return bytes moved or -errno. */
	long (*read)(struct vnode *vp, struct uio *uio, uint64_t off);
	/** @brief Write file data at @p off, growing the file. @return bytes moved or -errno. */
	long (*write)(struct vnode *vp, struct uio *uio, uint64_t off);
	/** @brief Set the size of a regular file. @return 0 or -ENOSPC. */
	int (*truncate)(struct vnode *vp, uint64_t size);
	/** @brief Copy a symbolic link's target (no NUL). @return its length or -errno. */
	long (*readlink)(struct vnode *vp, char *buf, size_t len);
	/** @brief Write the file's data and attributes to its backing store (under its lock).
	 * @return 0 or -EIO. */
	int (*fsync)(struct vnode *vp);
	/** @brief Free what the file system holds for @p vp (no name, no reference left). */
	void (*reclaim)(struct vnode *vp);
	/**
	 * @brief The VFS changed attributes of @p vp (chmod, chown, utimens, truncate).
	 *
	 * Called under the vnode's lock after the fields changed; a file system
	 * with a backing store records them there.
	 * @param vp the file. @param what VFS_SET_* bits.
	 * @return 0 or -EIO (the VFS reports it; the vnode keeps the new values).
	 */
	int (*setattr)(struct vnode *vp, unsigned what);
	/* Version 3: the page cache (see vfs_page_read()). */
	/**
	 * @brief Fill one page of a regular file's page cache from the backing
	 *        store: PAGE_SIZE bytes from @p pgoff * PAGE_SIZE, zeros for
	 *        holes and past the end (optional: NULL without a store).
	 *
	 * Context: may sleep; called **without** the vnode's lock (a page
	 * fault may be filling it while another thread holds the lock for a
	 * write), possibly under the vm's lock: it must not touch user memory
	 * nor take vnode::lock, and must stand a concurrent write or truncate
	 * of the same file (the VFS keeps the result coherent).
	 * @param vp the file. @param pgoff the page index. @param page where the bytes go.
	 * @return 0 or -EIO.
	 */
	int (*readpage)(struct vnode *vp, uint64_t pgoff, void *page);
	/**
	 * @brief VNODE_F_* bits. With VNODE_F_PAGESTORE the VFS keeps a regular
	 *        file's data in its page cache only (read, write and truncate
	 *        of the data never reach the file system; it counts the pages).
	 *        With neither this nor readpage, regular files have no page
	 *        cache: read and write go to the file system, mmap is refused.
	 */
	unsigned flags;
};

/** One file, as the VFS sees it. */
struct vnode {
	const struct vnode_ops *ops;  /**< Its file system's operations. */
	void *data;		      /**< Its file system's state. */
	struct vfs_mount *mount;      /**< The mount it belongs to. */
	struct vfs_mount *covered_by; /**< A mount on this directory, or NULL. */
	struct mutex lock;	      /**< Contents and attributes. */
	unsigned refs;		      /**< References (the VFS's reference lock). */
	unsigned nlink;		      /**< Names (vfs_ns_lock). */
	unsigned mode;		      /**< Type and permission bits. */
	unsigned text_refs;	      /**< Running programs' files open on it (lock). */
	unsigned write_opens;	      /**< Open files that may write it (lock). */
	uint32_t uid;		      /**< Owner. */
	uint32_t gid;		      /**< Group. */
	uint64_t ino;	 /**< Inode number (vfs_vnode_alloc() picks one; a fs may set its own). */
	uint64_t rdev;	 /**< Device number of a device file. */
	uint64_t size;	 /**< Size in bytes. */
	uint64_t blocks; /**< Storage it holds, in 512-byte units (st_blocks). */
	uint64_t atime;	 /**< Last access, ns. */
	uint64_t mtime;	 /**< Last change of contents, ns. */
	uint64_t ctime;	 /**< Last change of the inode, ns. */
	struct vm_object *pages;     /**< The page cache of a regular file (the VFS's), or NULL. */
	struct list_node cache_link; /**< On the VFS's list of vnodes with pages (its lock). */
	struct list_node dirty_link; /**< On the VFS's list of mapped-and-written files. */
	unsigned cache_flags;	     /**< The VFS's VFS_PC_* marks (its lists' locks). */
	char *map_name;		     /**< The path it was last mapped by (the VFS's), or NULL. */
};

struct fs_type_ops;

/** A file system mounted somewhere in the name space. */
struct vfs_mount {
	struct list_node link;	      /**< In the mount table. */
	struct vnode *root;	      /**< Its root directory (one reference). */
	struct vnode *covered;	      /**< The directory it hides (one reference), NULL for "/". */
	uint64_t dev;		      /**< Device number reported as st_dev. */
	const char *fstype;	      /**< Name of its type. */
	const struct fs_type_ops *fs; /**< Its type. */
	unsigned flags;		      /**< MS_RDONLY (a type may set it at mount). */
	unsigned vrefs;		      /**< References to its vnodes, summed (reference lock). */
	uint64_t pages;	       /**< Pages of data its files hold (atomic; its type counts). */
	void *data;	       /**< The file system's state of this instance. */
	char source[MNT_NAME]; /**< What was mounted ("none", "initramfs", "/dev/vda1"). */
};

/** What fs_type_ops::probe found on a device. */
struct vfs_probe {
	uint8_t uuid[16]; /**< The file system's UUID (zeros: none). */
	char label[64];	  /**< Its volume name, NUL-terminated ("" if none). */
	char desc[96];	  /**< How to describe it in the log ("ext2, 4096-byte blocks"). */
};

/**
 * @brief A file-system type: how to make, describe, sync and drop an instance.
 *
 * Calling context: a thread that may sleep; mount, unmount and sync run
 * under vfs_ns_lock, statfs and probe with no lock. None is NULL but
 * @c probe (NULL for a type that lives in memory).
 */
struct fs_type_ops {
	uint32_t version; /**< VNODE_OPS_VERSION. */
	const char *name; /**< "ramfs", "ext2"... */
	uint64_t magic;	  /**< statfs() f_type. */
	/**
	 * @brief Make a file system instance.
	 * @param mp the mount it will be (for vfs_vnode_alloc(); mp->data is the type's).
	 * @param source what to mount: "/dev/vda1" for a disk type (a memory type ignores it).
	 * @param flags MS_RDONLY; the type may add MS_RDONLY to mp->flags (a feature it
	 *        can only read).
	 * @param rootp out: its root directory, referenced.
	 * @return 0, or -ENOMEM, -ENODEV (no such device), -EINVAL (not this type, an
	 *         unsupported feature), -EUCLEAN (corrupt), -EIO.
	 */
	int (*mount)(struct vfs_mount *mp, const char *source, unsigned flags,
		     struct vnode **rootp);
	/**
	 * @brief Drop every file of an instance but its root (none is referenced but
	 *        the root); write back what is not written first.
	 * @param mp the mount. The root is released by the VFS right after (its
	 *        nlink set to 0: reclaim must not free it on the disk).
	 */
	void (*unmount)(struct vfs_mount *mp);
	/** @brief Describe an instance (f_type, f_fsid and f_flags are the VFS's).
	 * @param mp the mount. @param st out (zeroed). */
	void (*statfs)(struct vfs_mount *mp, struct statfs *st);
	/** @brief Write what an instance has not written yet. @param mp the mount.
	 * @return 0 or -EIO. */
	int (*sync)(struct vfs_mount *mp);
	/**
	 * @brief Tell whether a block device holds a file system of this type (optional).
	 * @param dev the block device's name ("vda1").
	 * @param out what it found.
	 * @return 0 (it does), -EINVAL (it does not), -ENODEV, -EIO.
	 */
	int (*probe)(const char *dev, struct vfs_probe *out);
	/**
	 * @brief Finish an instance before the power goes (optional: NULL syncs).
	 *
	 * Called under vfs_ns_lock by io_ops::shutdown at halt or reboot:
	 * write everything and leave the disk as an unmount would (a journal
	 * emptied, the state clean), without dropping any vnode; the instance
	 * may refuse later writes.
	 * @param mp the mount. @return 0 or -EIO.
	 */
	int (*shutdown)(struct vfs_mount *mp);
};

/**
 * @brief Make a vnode with one reference and no name.
 * @param mp its mount. @param ops its file system's operations. @param mode type and bits.
 * @return the vnode, or NULL when memory is short.
 */
struct vnode *vfs_vnode_alloc(struct vfs_mount *mp, const struct vnode_ops *ops, unsigned mode);
/** @brief Take a reference. @param vp the vnode. @return @p vp. */
struct vnode *vfs_vref(struct vnode *vp);
/** @brief Drop a reference; the last one of a file without names frees it. @param vp or NULL. */
void vfs_vrele(struct vnode *vp);
/**
 * @brief Change the link count (under vfs_ns_lock).
 * @param vp the vnode. @param delta +1 or -1 (or -nlink to drop every name).
 */
void vfs_nlink_add(struct vnode *vp, int delta);
/** @brief The current time for timestamps, ns. @return nanoseconds. */
uint64_t vfs_now(void);
/**
 * @brief Make a file-system type known to mount() by its name.
 *
 * A type with a probe is also one of the disk types mount() tries for
 * the type "auto" (or none) and root= scans. Context: a module's init.
 * @param fs the type (stays valid).
 * @retval 0 registered.
 * @retval -EINVAL a bad version or a NULL member.
 * @retval -EEXIST a type of that name exists.
 * @retval -ENOSPC the table is full.
 */
int vfs_fs_register(const struct fs_type_ops *fs);

/**
 * @brief Read a regular file through its page cache (a file system with
 *        VNODE_F_PAGESTORE uses it as its vnode_ops::read).
 *
 * Called with the vnode's lock held. Without a page cache for the file it
 * calls vnode_ops::read.
 * @param vp the file. @param uio where the bytes go. @param off the offset.
 * @return bytes moved, or -errno (-EFAULT, -EIO, -ENOMEM).
 */
long vfs_page_read(struct vnode *vp, struct uio *uio, uint64_t off);

/**
 * @brief Write a regular file through its page cache (the vnode_ops::write
 *        of a file system with VNODE_F_PAGESTORE).
 *
 * Called with the vnode's lock held. A cache over a store passes each
 * batch (64 KiB) to vnode_ops::write from a kernel copy, then updates the
 * resident pages. Grows vnode::size.
 * @param vp the file. @param uio the bytes. @param off the offset.
 * @return bytes moved, or -errno (-EFAULT, -ENOSPC, -EFBIG, -ENOMEM).
 */
long vfs_page_write(struct vnode *vp, struct uio *uio, uint64_t off);

/**
 * @brief Cut or grow a file's page cache to a new size, before the file
 *        system's truncate (a store's truncate: the whole job, vnode::size set).
 * @param vp the file (locked). @param size the new size.
 * @return 0, or -EFBIG (a store past VM_OBJ_MAX).
 */
int vfs_page_truncate(struct vnode *vp, uint64_t size);

/**
 * @brief Write back the pages shared mappings wrote (vnode locked).
 * @param vp the file.
 * @return 0, or the first error of vnode_ops::write.
 */
int vfs_page_flush(struct vnode *vp);

#endif /* KERN_VFS_H_ */
