/**
 * @file kern/file.h
 * @brief Open files: struct file, its operations, and moving data to the
 *        caller (struct uio).
 * @ingroup io
 *
 * A descriptor of a process points at a struct file, shared after fork()
 * and dup() (so are its offset and status flags). What the file is — a
 * vnode, a device, a pipe, later a socket or a shared-memory object —
 * brings its own `const struct fileops *` and private data; the core calls
 * it only through the fo_*() wrappers, which supply defaults for the
 * members a kind of file leaves NULL (ESPIPE, ENOTTY, ENOTDIR...).
 *
 * Data moves through a struct uio, which says whether the buffer is in user
 * or kernel memory; uio_move() does the copy either way, so a file system
 * never handles user pointers itself and exec can read a file into the
 * kernel through the same read().
 */
#ifndef KERN_FILE_H_
#define KERN_FILE_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <uapi/stat.h>

/** The version of struct fileops this core speaks. */
#define FILEOPS_VERSION 1

/** A buffer to fill or drain: user or kernel memory. */
struct uio {
	uint64_t base; /**< Address of what is left to move. */
	size_t resid;  /**< Bytes left to move. */
	int user;      /**< 1: @c base is a user address (copyin/copyout); 0: kernel. */
};

struct file;
struct vnode;

/**
 * @brief Operations of one kind of open file.
 *
 * Calling context of every member: a thread that may sleep; no lock of the
 * core held. Several threads may call members of one file at once: the
 * kind of file locks what it shares. Members may be NULL: the fo_*()
 * wrappers then give the POSIX error for a file of that kind.
 */
struct fileops {
	uint32_t version; /**< Must be FILEOPS_VERSION. */
	/**
	 * @brief Read into @p uio at offset @p off.
	 * @param f the file.
	 * @param uio where the bytes go; uio_move() advances it.
	 * @param off byte offset for seekable files (ignored by pipes, devices).
	 * @return bytes read (0 at end of file), or a negative errno
	 *         (-EAGAIN when O_NONBLOCK and nothing is there, -EINTR, -EIO...).
	 */
	long (*read)(struct file *f, struct uio *uio, uint64_t off);
	/**
	 * @brief Write from @p uio at offset @p off.
	 * @param f the file.
	 * @param uio where the bytes come from.
	 * @param off byte offset (with O_APPEND the file's end: the kind decides).
	 * @return bytes written, or a negative errno (-EPIPE, -ENOSPC, -EFBIG...).
	 */
	long (*write)(struct file *f, struct uio *uio, uint64_t off);
	/**
	 * @brief Describe the file.
	 * @param f the file.
	 * @param st out; not NULL.
	 * @return 0 or a negative errno.
	 */
	int (*stat)(struct file *f, struct stat *st);
	/**
	 * @brief Read directory entries (struct dirent records) into @p uio.
	 * @param f a directory.
	 * @param uio where the records go; only whole records are moved.
	 * @param off in: position in the directory; out: the next one.
	 * @return bytes moved (0 at the end), or a negative errno
	 *         (-EINVAL when not even one record fits).
	 */
	long (*getdents)(struct file *f, struct uio *uio, uint64_t *off);
	/**
	 * @brief Device control.
	 * @param f the file.
	 * @param cmd the request.
	 * @param arg its argument (often a user address).
	 * @return a request-specific value, or a negative errno (-ENOTTY).
	 */
	long (*ioctl)(struct file *f, unsigned long cmd, uint64_t arg);
	/**
	 * @brief Release what the file holds; called when the last reference goes.
	 * @param f the file (freed by the core afterwards).
	 */
	void (*close)(struct file *f);
	/**
	 * @brief Tell whether lseek() may move the offset, and give the size for SEEK_END.
	 * @param f the file.
	 * @param size out: the size in bytes.
	 * @return 0 seekable, or -ESPIPE (pipes, terminals).
	 */
	int (*seekable)(struct file *f, uint64_t *size);
};

/** An open file; shared by every descriptor that refers to it. */
struct file {
	const struct fileops *ops; /**< What kind of file it is. */
	void *priv;		   /**< The kind's own state (a vnode, a pipe end...). */
	unsigned flags;		   /**< O_ACCMODE, O_APPEND, O_NONBLOCK (fcntl F_GETFL). */
	uint64_t off;		   /**< Offset of the next read or write. */
	unsigned refs;		   /**< Descriptors and other holders. */
	/** The name-space file it was opened from (its kind holds the reference),
	 *  or NULL for pipes and other files without a name: the calls that act
	 *  on a descriptor's file (fchmod, fchown, ftruncate, fsync, fstatfs)
	 *  reach it through the io role. */
	struct vnode *vnode;
	/** Held by the system calls around a read, write, getdents or lseek of a
	 *  seekable file, so each sees and advances @c off as one step (POSIX
	 *  2.9.7); never taken for pipes and terminals. */
	struct mutex pos_lock;
	/** The absolute path it was opened by (open(), the console), for
	 *  /proc/\<pid\>/fd; NULL when not known. Set once, before the file is
	 *  shared, freed with the file (file_set_path()). */
	char *path;
};

/**
 * @brief Make an open file with one reference.
 *
 * Context: thread, may sleep (allocates).
 * @param ops the kind's operations (must stay valid while the file lives).
 * @param priv the kind's state.
 * @param flags O_* status flags.
 * @return the file, or NULL when memory is short.
 */
struct file *file_alloc(const struct fileops *ops, void *priv, unsigned flags);

/**
 * @brief Record the path a file was opened by (file::path), made absolute.
 *
 * Context: thread, may sleep; before the file is installed anywhere. A path
 * that does not fit or memory that is short leaves file::path NULL.
 * @param f the file (its path must still be NULL).
 * @param cwd where a relative @p path starts (NULL: a relative path is not kept).
 * @param path the path as the caller gave it.
 */
void file_set_path(struct file *f, struct vnode *cwd, const char *path);

/**
 * @brief Take another reference.
 * @param f the file.
 * @return @p f.
 */
struct file *file_ref(struct file *f);

/**
 * @brief Drop a reference; the last one calls the close op and frees the file.
 * @param f the file (NULL is ignored).
 */
void file_unref(struct file *f);

/**
 * @brief Read through the file's operations (-EBADF if not open for reading).
 * @param f the file.
 * @param uio destination.
 * @param off offset.
 * @return bytes read, or a negative errno.
 */
long fo_read(struct file *f, struct uio *uio, uint64_t off);

/**
 * @brief Write through the file's operations (-EBADF if not open for writing).
 * @param f the file.
 * @param uio source.
 * @param off offset.
 * @return bytes written, or a negative errno.
 */
long fo_write(struct file *f, struct uio *uio, uint64_t off);

/**
 * @brief Describe the file (the default reports only its kind's mode 0).
 * @param f the file.
 * @param st out.
 * @return 0 or a negative errno.
 */
int fo_stat(struct file *f, struct stat *st);

/**
 * @brief Read directory entries (-ENOTDIR for anything but a directory).
 * @param f the file.
 * @param uio destination.
 * @param off in/out position.
 * @return bytes, or a negative errno.
 */
long fo_getdents(struct file *f, struct uio *uio, uint64_t *off);

/**
 * @brief Device control (-ENOTTY by default).
 * @param f the file.
 * @param cmd request.
 * @param arg argument.
 * @return the result, or a negative errno.
 */
long fo_ioctl(struct file *f, unsigned long cmd, uint64_t arg);

/**
 * @brief Tell whether the file is seekable and how big it is (-ESPIPE by default).
 * @param f the file.
 * @param size out: size in bytes.
 * @return 0 or -ESPIPE.
 */
int fo_seekable(struct file *f, uint64_t *size);

/**
 * @brief Move up to @p n bytes between kernel memory and a uio.
 * @param kbuf kernel buffer.
 * @param n bytes available at @p kbuf.
 * @param uio the other side; advanced by what moved.
 * @param to_uio 1: copy from @p kbuf into the uio (a read); 0: from the uio into @p kbuf.
 * @return bytes moved (min of @p n and uio->resid), or -EFAULT.
 */
long uio_move(void *kbuf, size_t n, struct uio *uio, int to_uio);

#endif /* KERN_FILE_H_ */
