/**
 * @file core/meminfo.h
 * @brief Gathering the memory report of uapi/meminfo.h.
 * @ingroup core
 */
#ifndef CORE_MEMINFO_H_
#define CORE_MEMINFO_H_

#include <uapi/meminfo.h>

/**
 * @brief Fill a memory report from `page`, `mem` and the module area.
 * @param mi out.
 */
void meminfo_get(struct meminfo *mi);

/** @brief Print the report's summary to the log (the boot log's memory line). */
void meminfo_print(void);

#endif /* CORE_MEMINFO_H_ */
