/**
 * @file io/vfs_page.h
 * @brief Private to the io module: the page cache of regular files
 *        (vfs_page.c, vfs_page_sync.c).
 * @ingroup io
 */
#ifndef IO_VFS_PAGE_H_
#define IO_VFS_PAGE_H_

#include <stdint.h>

#include <kern/file.h>
#include <kern/vfs.h>
#include <kern/vm.h>

/** @name How a vnode's data uses the page cache (vfs_pc_mode())
 * @{ */
#define VFS_PC_STORE 1 /**< The pages are the data (VNODE_F_PAGESTORE). */
#define VFS_PC_CACHE 2 /**< The pages cache the file system's (vnode_ops::readpage). */
/** @} */

/** @name vnode::cache_flags
 * @{ */
#define VFS_PCF_TRACKED 0x1 /**< On the list of vnodes with pages. */
#define VFS_PCF_DIRTY	0x2 /**< On the list of mapped-and-written vnodes (one reference). */
/** @} */

/** The pager of a store's objects: zero-filled pages. */
extern const struct vm_pager vfs_store_pager;
/** The pager of a cache's objects: vnode_ops::readpage. */
extern const struct vm_pager vfs_cache_pager;

/**
 * @brief How @p vp uses the page cache.
 * @param vp the vnode. @return 0 (not at all), VFS_PC_STORE or VFS_PC_CACHE.
 */
int vfs_pc_mode(const struct vnode *vp);

/**
 * @brief The vnode's page cache, made on first use (vnode locked).
 * @param vp the vnode. @return the object, or NULL (none for this file, or no memory).
 */
struct vm_object *vfs_page_obj(struct vnode *vp);

/**
 * @brief Remember the path a file was mapped by (/proc/\<pid\>/maps).
 * @param vp the file. @param path the path, or NULL (the old one stays).
 */
void vfs_pc_set_name(struct vnode *vp, const char *path);

/**
 * @brief Put a vnode that just got pages on the list the cache trims.
 * @param vp the vnode.
 */
void vfs_pc_track(struct vnode *vp);

/**
 * @brief Count pages a cache got without its pager (a write made them).
 * @param pages how many.
 */
void vfs_pc_count(uint64_t pages);

/**
 * @brief Trim the cache if it holds more than its share of memory
 *        (clean, unmapped pages of other files go first).
 * @param self a vnode whose lock the caller holds (left alone), or NULL.
 */
void vfs_pc_trim(struct vnode *self);

/**
 * @brief Drop a dead vnode's page cache (from its last vfs_vrele()).
 * @param vp the vnode.
 */
void vfs_page_forget(struct vnode *vp);

/**
 * @brief Write back every file on the list of mapped-and-written ones.
 * @param fsync also vnode_ops::fsync each (msync MS_SYNC).
 * @return 0 or the first error.
 */
int vfs_pc_flush_dirty(int fsync);

/**
 * @brief Write back what live shared mappings wrote, file by file.
 * @return 0 or the first error (-ENOMEM).
 */
int vfs_pc_flush_mapped(void);

/**
 * @brief The page cache's shrinker (struct page_shrinker): drop up to
 *        @p want clean, unmapped, unheld pages of disk files.
 * @param want frames wanted. @return frames freed.
 */
uint64_t vfs_pc_shrink(uint64_t want);

/**
 * @brief The page daemon's write-back (the shrinker's writeback member):
 *        what live mappings wrote, and every file on the written list.
 * @param want frames the daemon is short of (unused: all is written).
 * @return pages written.
 */
uint64_t vfs_pc_writeback(uint64_t want);

/** @brief Start the page flusher thread (io's init). */
void vfs_page_init(void);

/**
 * @brief io_ops::msync: write back the files the vm found written (vm_sync()).
 * @param flags MS_SYNC (to the disk) or MS_ASYNC.
 * @return 0 or the first error.
 */
int vfs_msync(int flags);

/**
 * @brief io_ops::file_object: the page cache of an open regular file, for mmap.
 * @param vp the file. @param path its path (for /proc/\<pid\>/maps), or NULL. @param[out] out the
 * object, referenced.
 * @return 0, -EACCES (not a regular file), -ENODEV (no page cache), -ENOMEM.
 */
int vfs_page_object(struct vnode *vp, const char *path, struct vm_object **out);

#endif /* IO_VFS_PAGE_H_ */
