/**
 * @file core/proc_image.h
 * @brief What exec leaves about a program for /proc (its layout and argv),
 *        and the per-process lock that keeps a process's space and
 *        descriptor table alive while another process reads them.
 * @ingroup core
 *
 * A struct proc_image is made by exec before the point of no return and
 * never changes afterwards: fork shares it (a reference), exec replaces
 * it, exit drops it. It records the program's loaded segments, its stack,
 * the file's device and inode, its path and the first PROC_ARGS_MAX bytes
 * of its argument strings (argv, NUL-separated, as /proc/\<pid\>/cmdline
 * shows them).
 *
 * The info lock (one mutex per process slot, proc_info_lock()) is held by
 * exec while it swaps proc::vm and proc::image, by exit and
 * proc_discard() while they detach vm, fds and image (they destroy them
 * after dropping it), and by the accessors of kern/procinfo.h while they
 * read a process's space or table. Lock order: a VFS lock (vfs_ns_lock, a
 * vnode's), then the info lock, then the vm role's mutex or a descriptor
 * table's spinlock, then proc_lock. Nothing under the info lock takes
 * vfs_ns_lock.
 */
#ifndef CORE_PROC_IMAGE_H_
#define CORE_PROC_IMAGE_H_

#include <stddef.h>
#include <stdint.h>

#include <core/exec.h>

/** Bytes of argument strings kept for /proc/\<pid\>/cmdline. */
#define PROC_ARGS_MAX 4096
/** Room for the program's path (longer ones are cut). */
#define PROC_IMAGE_PATH 128

struct proc;
struct vm_space;
struct fdtab;

/** One loaded segment of the program. */
struct proc_image_seg {
	uint64_t start; /**< First byte (page-aligned). */
	uint64_t end;	/**< One past the last byte (page-aligned). */
	uint64_t off;	/**< File offset of @c start. */
};

/** A program as exec loaded it; immutable, shared by fork (reference counted). */
struct proc_image {
	unsigned refs;				  /**< References (atomic). */
	unsigned nseg;				  /**< Segments in @c seg. */
	struct proc_image_seg seg[EXEC_MAX_SEGS]; /**< Sorted by address. */
	uint64_t stack;				  /**< An address in the stack (exec's sp). */
	uint64_t dev;				  /**< The program file's st_dev. */
	uint64_t ino;				  /**< Its st_ino. */
	struct file *text;			  /**< The program's file, open while the image
						       lives: writers get ETXTBSY (or NULL). */
	char path[PROC_IMAGE_PATH];		  /**< The path exec was given. */
	size_t args_len;			  /**< Bytes in @c args. */
	char args[];				  /**< argv strings, each with its NUL. */
};

/**
 * @brief Make the record of a program exec is loading (may sleep).
 * @param img its segments. @param a its arguments. @param path its path.
 * @param dev its device. @param ino its inode.
 * @param stack an address in its stack (the initial stack pointer).
 * @return the record with one reference, or NULL when memory is short.
 */
struct proc_image *proc_image_make(const struct exec_image *img, const struct exec_args *a,
				   const char *path, uint64_t dev, uint64_t ino, uint64_t stack);
/** @brief Take a reference. @param im a record or NULL. @return @p im. */
struct proc_image *proc_image_ref(struct proc_image *im);
/** @brief Drop a reference; the last frees it. @param im a record or NULL. */
void proc_image_put(struct proc_image *im);

/** @brief Take @p p's info lock (may sleep). @param p the process. */
void proc_info_lock(struct proc *p);
/** @brief Release @p p's info lock. @param p the process. */
void proc_info_unlock(struct proc *p);

/**
 * @brief exec's switch: @p p gets space @p vm and record @p im under its info lock.
 * @param p the process. @param vm the new space. @param im its record (or NULL; the
 *        reference passes to @p p).
 * @return the old space (the caller destroys it unless it was borrowed).
 */
struct vm_space *proc_image_switch(struct proc *p, struct vm_space *vm, struct proc_image *im);

/**
 * @brief exit's and proc_discard()'s detach: take @p p's space, table and record
 *        away under its info lock (the record is dropped here).
 * @param p the process. @param vm out: its space. @param fds out: its table.
 */
void proc_image_detach(struct proc *p, struct vm_space **vm, struct fdtab **fds);

/**
 * @brief Find a live process and take its info lock.
 * @param pid the process.
 * @return it, locked (proc_info_unlock() it), or NULL when no live process has @p pid.
 */
struct proc *proc_info_hold(long pid);

#endif /* CORE_PROC_IMAGE_H_ */
