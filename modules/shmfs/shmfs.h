/**
 * @file shmfs.h
 * @brief The private interface of modules/shmfs: the /dev/shm view of the
 *        POSIX shm name space.
 * @ingroup ipc
 *
 * The type holds no object of its own: the root lists the names the ipc
 * provider has (ipc_shm_list()), a lookup makes a vnode whose attributes
 * are a snapshot of the object's (ipc_shm_stat()), and unlink is
 * shm_unlink (ipc_shm_unlink()). Vnodes have no name (nlink 0) and are
 * freed by their last release, as proc's files are.
 */
#ifndef SHMFS_SHMFS_H_
#define SHMFS_SHMFS_H_

#include <kern/vfs.h>

/** statfs() f_type of shmfs (Linux's TMPFS_MAGIC, as /dev/shm is tmpfs there). */
#define SHMFS_MAGIC 0x01021994

/** Mode of the root: everybody may remove their own objects (sticky). */
#define SHMFS_ROOT_MODE 01777

/** The vnode operations of the root and of every entry. */
extern const struct vnode_ops shmfs_vnops;

#endif /* SHMFS_SHMFS_H_ */
