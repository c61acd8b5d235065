/**
 * @file uapi/utsname.h
 * @brief What uname() reports.
 * @ingroup uapi
 */
#ifndef UAPI_UTSNAME_H_
#define UAPI_UTSNAME_H_

#define UTSNAME_LEN 65 /**< Size of each field, with the NUL. */

/** The system's names (uname -a). */
struct utsname {
	char sysname[UTSNAME_LEN];  /**< "zero". */
	char nodename[UTSNAME_LEN]; /**< Host name. */
	char release[UTSNAME_LEN];  /**< Kernel version. */
	char version[UTSNAME_LEN];  /**< Build description. */
	char machine[UTSNAME_LEN];  /**< "x86_64". */
};

#endif /* UAPI_UTSNAME_H_ */
