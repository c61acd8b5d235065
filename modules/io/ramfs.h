/**
 * @file ramfs.h
 * @brief ramfs: a read-write file system in memory (private to modules/io).
 * @ingroup io
 *
 * A directory is a list of entries in creation order, each with a cookie
 * (its getdents position, stable while entries come and go); a regular
 * file's data is the VFS's page cache (VNODE_F_PAGESTORE: pages made on
 * first write, a hole reads back as zeros); a symbolic link holds its target. Running out of memory
 * is ENOSPC, never a crash.
 */
#ifndef IO_RAMFS_H_
#define IO_RAMFS_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/vm.h>

#include "vfs.h"

/** Bytes in one page of file data. */
#define RAMFS_PAGE 4096u
/** Largest file ramfs keeps: a write past it is EFBIG. */
#define RAMFS_MAX_FILE VM_OBJ_MAX

/** What ramfs keeps for one vnode (vnode::data). */
struct ramfs_node {
	struct list_node entries; /**< Directory: its entries (struct ramfs_dirent). */
	uint64_t next_cookie;	  /**< Directory: the cookie of the next entry. */
	struct vnode *parent;	  /**< Directory: its parent (not referenced), NULL once removed. */
	char *target;		  /**< Symbolic link: its target. */
};

/** One name in a ramfs directory. */
struct ramfs_dirent {
	struct list_node link; /**< In ramfs_node::entries. */
	struct vnode *vp;      /**< The file (the name counts in its nlink). */
	uint64_t cookie;       /**< Its getdents position. */
	size_t len;	       /**< Length of @c name. */
	char name[];	       /**< The name, NUL-terminated. */
};

/** @brief Set a file's size (vnode_ops::truncate). @param vp file. @param size bytes.
 * @return 0 or -EFBIG. */
int ramfs_truncate(struct vnode *vp, uint64_t size);
/** @brief Make a ramfs vnode. @param mp its mount. @param mode type and bits.
 * @return the vnode (one reference), or NULL when memory is short. */
struct vnode *ramfs_node_new(struct vfs_mount *mp, unsigned mode);
/** @brief Take an entry out of its directory and its name out of the link count.
 * @param dvp the directory. @param de the entry (freed). */
void ramfs_drop(struct vnode *dvp, struct ramfs_dirent *de);
/** The vnode operations of every ramfs file. */
extern const struct vnode_ops ramfs_vnode_ops;

#endif /* IO_RAMFS_H_ */
