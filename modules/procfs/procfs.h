/**
 * @file procfs.h
 * @brief The proc file system's private interface: its nodes, the text
 *        buffer files are generated into, and the generators.
 * @ingroup procfs
 *
 * Private to modules/procfs. Every vnode is made by a lookup and freed by
 * its last release (no cache, no names: nlink 0 except the root). A node
 * says what it shows (enum procfs_kind) and for which process; a file's
 * text is generated into its node's buffer when a read starts at offset 0
 * (or finds none), so a reader that goes on in small pieces sees one
 * snapshot. Locks: the VFS's (vfs_ns_lock around lookup and readdir, the
 * vnode's around read and readlink); the accessors of kern/procinfo.h take
 * the core's own after them.
 */
#ifndef PROCFS_PROCFS_H_
#define PROCFS_PROCFS_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/procinfo.h>
#include <kern/vfs.h>

/** statfs() f_type of proc (Linux's PROC_SUPER_MAGIC). */
#define PROCFS_MAGIC 0x9fa0

/** What a node shows. */
enum procfs_kind {
	PROCFS_ROOT = 1, /**< /proc */
	PROCFS_SELF,	 /**< /proc/self, a symlink */
	PROCFS_MEMINFO,	 /**< /proc/meminfo */
	PROCFS_MODULES,	 /**< /proc/modules */
	PROCFS_UPTIME,	 /**< /proc/uptime */
	PROCFS_MOUNTS,	 /**< /proc/mounts */
	PROCFS_PID,	 /**< /proc/\<pid\> */
	PROCFS_STATUS,	 /**< /proc/\<pid\>/status */
	PROCFS_CMDLINE,	 /**< /proc/\<pid\>/cmdline */
	PROCFS_MAPS,	 /**< /proc/\<pid\>/maps */
	PROCFS_FDDIR,	 /**< /proc/\<pid\>/fd */
	PROCFS_FD,	 /**< /proc/\<pid\>/fd/\<n\>, a symlink */
};

/** A growing text buffer. */
struct procfs_sbuf {
	char *p;    /**< The text (not NUL-terminated), or NULL. */
	size_t len; /**< Bytes in it. */
	size_t cap; /**< Bytes allocated. */
	int err;    /**< -ENOMEM once an append failed. */
};

/** One node's state (vnode::data). */
struct procfs_node {
	enum procfs_kind kind;	 /**< What it shows. */
	long pid;		 /**< Its process (PROCFS_PID and under). */
	int fd;			 /**< Its descriptor (PROCFS_FD). */
	struct procfs_sbuf text; /**< A file's generated text. */
	int have;		 /**< @c text holds a snapshot. */
	struct vnode *vp;	 /**< Its vnode. */
	struct list_node link;	 /**< A directory's place in procfs_mount::dirs. */
	int cached;		 /**< It is in that list. */
};

/**
 * @brief One mounted instance (vfs_mount::data). Directories need names
 *        (nlink > 0) to be listed, so the pid and fd directories in use are
 *        kept in @c dirs (under vfs_ns_lock) and dropped once unreferenced.
 */
struct procfs_mount {
	struct list_node dirs; /**< Cached directories (struct procfs_node). */
};

/**
 * @brief Find or make the directory of @p kind for @p pid (under vfs_ns_lock).
 * @param mp the mount. @param kind PROCFS_PID or PROCFS_FDDIR. @param pid the process.
 * @return it, referenced, or NULL when memory is short.
 */
struct vnode *procfs_dir_get(struct vfs_mount *mp, enum procfs_kind kind, long pid);
/**
 * @brief Drop the cached directories nobody references (under vfs_ns_lock).
 * @param mp the mount. @param all 1: every one (at unmount, none is referenced).
 */
void procfs_dir_prune(struct vfs_mount *mp, int all);

/** The vnode operations of every proc node (procfs_vnops.c). */
extern const struct vnode_ops procfs_vnops;

/**
 * @brief Make a node's vnode (mode and inode number from its kind).
 * @param mp the mount. @param kind what. @param pid its process. @param fd its descriptor.
 * @return the vnode, referenced, or NULL when memory is short.
 */
struct vnode *procfs_node_new(struct vfs_mount *mp, enum procfs_kind kind, long pid, int fd);

/**
 * @brief Find @p name in a proc directory (vnode_ops::lookup, under vfs_ns_lock).
 * @param dvp the directory. @param name the name. @param len its length.
 * @param out the vnode found, referenced.
 * @return 0, -ENOENT (no such entry, or the directory's process is gone), -ENOMEM.
 */
int procfs_lookup(struct vnode *dvp, const char *name, size_t len, struct vnode **out);
/**
 * @brief List a proc directory (vnode_ops::readdir, under vfs_ns_lock).
 * @param dvp the directory. @param off in/out: the position.
 * @param fn called for each entry. @param arg for @p fn.
 * @return 0, -ENOENT (the directory's process is gone), -ENOMEM.
 */
int procfs_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg);

/** @brief Append formatted text. @param b the buffer. @param fmt format. */
void procfs_printf(struct procfs_sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** @brief Append bytes. @param b the buffer. @param s bytes. @param n how many. */
void procfs_put(struct procfs_sbuf *b, const char *s, size_t n);
/** @brief Free a buffer's text. @param b the buffer. */
void procfs_sbuf_free(struct procfs_sbuf *b);

/**
 * @brief Generate the text of a file node.
 * @param n the node. @param b out (empty).
 * @return 0, -ESRCH (its process is gone), -ENOMEM.
 */
int procfs_generate(const struct procfs_node *n, struct procfs_sbuf *b);

/**
 * @brief Format one /proc/\<pid\>/maps line (Linux's layout).
 * @param m the mapping. @param buf out. @param len its size.
 * @return the line's length (with its newline; cut if >= @p len).
 */
int procfs_maps_line(const struct proc_map *m, char *buf, size_t len);

/**
 * @brief Format the status lines of a process.
 * @param pi the process. @param b out.
 */
void procfs_status_text(const struct proc_info *pi, struct procfs_sbuf *b);

/**
 * @brief Parse a decimal pid or descriptor name ("12"; no sign, no leading 0).
 * @param s the name. @param len its length. @param max largest accepted.
 * @return the number, or -1.
 */
long procfs_number(const char *s, size_t len, long max);

#endif /* PROCFS_PROCFS_H_ */
