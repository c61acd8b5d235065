/**
 * @file uapi/auxv.h
 * @brief Auxiliary vector entries exec places after envp (System V x86-64 ABI).
 * @ingroup uapi
 */
#ifndef UAPI_AUXV_H_
#define UAPI_AUXV_H_

#define AT_NULL	  0  /**< End of the vector. */
#define AT_PHDR	  3  /**< Address of the program headers. */
#define AT_PHENT  4  /**< Size of one program header. */
#define AT_PHNUM  5  /**< Number of program headers. */
#define AT_PAGESZ 6  /**< Page size. */
#define AT_BASE	  7  /**< Interpreter base (0: static). */
#define AT_ENTRY  9  /**< Program entry point. */
#define AT_UID	  11 /**< Real user ID. */
#define AT_EUID	  12 /**< Effective user ID. */
#define AT_GID	  13 /**< Real group ID. */
#define AT_EGID	  14 /**< Effective group ID. */
#define AT_SECURE 23 /**< Set-ID program. */
#define AT_RANDOM 25 /**< Address of 16 random bytes. */
#define AT_EXECFN 31 /**< Address of the file name. */

#endif /* UAPI_AUXV_H_ */
