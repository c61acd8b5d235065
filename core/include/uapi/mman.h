/**
 * @file uapi/mman.h
 * @brief The memory calls map(), umap(), mhint() (Zero book 6.3), shared with user space.
 * @ingroup uapi
 *
 * map(desc, flg, arg) maps anonymous memory (desc -1, MAP_ANON), a POSIX
 * shm object or a regular file (its page cache: one copy of the data); arg->base is the hint or the
 * fixed address, arg->len the length, arg->perm the PROT_* bits, arg->ofs the file offset. It
 * returns the address. libc's mmap() is built on it.
 */
#ifndef UAPI_MMAN_H_
#define UAPI_MMAN_H_

#include <stdint.h>

#define PROT_NONE  0x0 /**< No access. */
#define PROT_READ  0x1 /**< Readable. */
#define PROT_WRITE 0x2 /**< Writable. */
#define PROT_EXEC  0x4 /**< Executable. */

#define MAP_SHARED  0x01 /**< Changes are shared (also with children after fork). */
#define MAP_PRIVATE 0x02 /**< Changes are private (copy-on-write). */
#define MAP_FIXED   0x10 /**< Map exactly at arg->base. */
#define MAP_ANON    0x20 /**< Anonymous memory, zero-filled. */
#define MAP_FILE    0x00 /**< A file (desc is its descriptor). */

#define MS_ASYNC      0x1 /**< msync(): start writing the pages back; do not wait. */
#define MS_INVALIDATE 0x2 /**< msync(): drop cached copies (one copy here: nothing to drop). */
#define MS_SYNC	      0x4 /**< msync(): write the pages and the file to the disk, then return. */

#define MEM_NORMAL     0x000  /**< mhint(): default behaviour. */
#define MEM_SEQUENTIAL 0x100  /**< mhint(): sequential access. */
#define MEM_RANDOM     0x200  /**< mhint(): random access. */
#define MEM_WILLNEED   0x400  /**< mhint(): will be needed soon. */
#define MEM_DONTNEED   0x800  /**< mhint(): not needed any more: may be dropped. */
#define MEM_DONTFORK   0x1000 /**< mhint(): a fork's child does not get the range. */
#define MEM_DOFORK     0x2000 /**< mhint(): undo MEM_DONTFORK. */

/** The Zero book's struct sysmem: what map() and mhint() act on. */
struct sysmem {
	uint64_t base; /**< Base address (hint, fixed address, or range start). */
	int64_t ofs;   /**< Offset in the file, in bytes. */
	int64_t len;   /**< Length in bytes. */
	int64_t perm;  /**< PROT_* bits. */
};

#endif /* UAPI_MMAN_H_ */
