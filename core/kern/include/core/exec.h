/**
 * @file core/exec.h
 * @brief exec: checking a program file, its argument block, loading it.
 * @ingroup core
 *
 * exec_elf_check() is pure (host-tested and fuzzed): it decides from the
 * file header and program headers alone whether zero can run a file, and
 * says why not. exec_load() does the rest: a new address space, the
 * segments, the stack with argv/envp/auxv, then the switch.
 */
#ifndef CORE_EXEC_H_
#define CORE_EXEC_H_

#include <stddef.h>
#include <stdint.h>

/** Most program headers exec reads. */
#define EXEC_MAX_PHDRS 16
/** Most loadable segments. */
#define EXEC_MAX_SEGS 8
/** Bytes of argument and environment strings and pointers exec accepts (E2BIG past it). */
#define EXEC_ARG_MAX (128 * 1024)
/** Most arguments plus environment strings. */
#define EXEC_ARGS_MAX 4096
/** Bytes of the file exec reads first (header, program headers, #! line). */
#define EXEC_HEAD 4096
/** Size of a new program's stack. */
#define EXEC_STACK_SIZE (1024 * 1024)
/** Deepest chain of #! interpreters. */
#define EXEC_MAX_INTERP 4

/** One loadable segment, as the checker accepted it. */
struct exec_seg {
	uint64_t vaddr;	 /**< Virtual address of its first byte. */
	uint64_t memsz;	 /**< Bytes in memory. */
	uint64_t filesz; /**< Bytes from the file (the rest is zero). */
	uint64_t off;	 /**< File offset of its first byte. */
	unsigned prot;	 /**< VM_READ | VM_WRITE | VM_EXEC. */
};

/** What exec needs to know about a program. */
struct exec_image {
	uint64_t entry;			    /**< Entry point. */
	unsigned nseg;			    /**< Loadable segments. */
	struct exec_seg seg[EXEC_MAX_SEGS]; /**< Sorted by address, not overlapping. */
	uint64_t phdr;	/**< Address of the program headers in memory (AT_PHDR), 0 if not loaded. */
	unsigned phnum; /**< Number of program headers. */
	uint64_t end;	/**< First page above every segment (the break starts here). */
	uint64_t base;	/**< Load base of a position-independent program (0 for ET_EXEC). */
};

/**
 * @brief Check an ELF64 executable for zero, from its first bytes.
 * @param head the file's first @p len bytes (at least the header and the
 *        program headers must be in them).
 * @param len bytes at @p head.
 * @param file_size the whole file's size.
 * @param pie_base where a position-independent program (ET_DYN) is loaded:
 *        page-aligned; every address of such a program is moved by it
 *        (ignored for ET_EXEC).
 * @param img out: the program's segments and entry (load base added).
 * @param why out: the reason on failure, a static string.
 * @retval 0 the program may run.
 * @retval -ENOEXEC it may not; @p why says why.
 */
int exec_elf_check(const void *head, size_t len, uint64_t file_size, uint64_t pie_base,
		   struct exec_image *img, const char **why);

/**
 * @brief Parse a `#!` line.
 * @param head the file's first @p len bytes.
 * @param len bytes at @p head.
 * @param interp out: the interpreter path (NUL-terminated), @p max bytes.
 * @param arg out: its one optional argument ("" if none), @p max bytes.
 * @param max size of each output.
 * @retval 1 it is a script.
 * @retval 0 it is not.
 * @retval -ENOEXEC a #! line without an interpreter or too long.
 */
int exec_script(const char *head, size_t len, char *interp, char *arg, size_t max);

/** Arguments and environment copied into the kernel (one block). */
struct exec_args {
	char *buf;     /**< EXEC_ARG_MAX bytes: the strings, NUL-separated. */
	size_t used;   /**< Bytes of @c buf in use. */
	unsigned argc; /**< Argument strings (first in @c buf). */
	unsigned envc; /**< Environment strings (after them). */
};

struct proc;
struct trap_frame;

/**
 * @brief Allocate an empty argument block.
 * @param a the block.
 * @return 0 or -ENOMEM.
 */
int exec_args_init(struct exec_args *a);

/**
 * @brief Free an argument block (its buffer may be NULL).
 * @param a the block.
 */
void exec_args_free(struct exec_args *a);

/**
 * @brief Append a kernel string to the arguments (@p env 0) or the environment (1).
 * @param a the block; arguments must all come before the environment.
 * @param s the string.
 * @param env 0 argv, 1 envp.
 * @return 0 or -E2BIG.
 */
int exec_args_add(struct exec_args *a, const char *s, int env);

/**
 * @brief Copy a user vector of strings (NULL-terminated; a NULL vector is empty).
 * @param a the block.
 * @param uvec user address of the vector.
 * @param env 0 argv, 1 envp.
 * @return 0, -EFAULT or -E2BIG.
 */
int exec_args_copyin(struct exec_args *a, uint64_t uvec, int env);

/**
 * @brief Put a #! interpreter in front: argv becomes interp [arg] path argv[1...].
 * @param a the block.
 * @param interp the interpreter's path.
 * @param arg its optional argument ("" for none).
 * @param path the script's path.
 * @return 0, -ENOMEM or -E2BIG.
 */
int exec_args_script(struct exec_args *a, const char *interp, const char *arg, const char *path);

/**
 * @brief Lay out the System V initial stack below @p top (the space is active).
 * @param a arguments and environment.
 * @param path the program's path (AT_EXECFN).
 * @param img the program (AT_PHDR, AT_ENTRY...).
 * @param p its process (AT_UID...).
 * @param top highest stack address.
 * @param sp_out out: the initial stack pointer (16-byte aligned, at argc).
 * @return 0, -ENOMEM or -EFAULT.
 */
int exec_stack_build(const struct exec_args *a, const char *path, const struct exec_image *img,
		     const struct proc *p, uint64_t top, uint64_t *sp_out);

/**
 * @brief Replace a process's program (the implement half of exec()).
 * @param p the caller's process.
 * @param path the program (a kernel string).
 * @param a its arguments and environment (may be rewritten for #!).
 * @param tf the frame to return to user mode with; set to the new program's entry.
 * @return 0 (the caller returns into the new program), or -ENOENT, -EACCES,
 *         -ENOEXEC, -E2BIG, -ENOMEM, -ELOOP, -EFAULT with the caller unchanged.
 */
int exec_run(struct proc *p, const char *path, struct exec_args *a, struct trap_frame *tf);

#endif /* CORE_EXEC_H_ */
