/**
 * @file core/modmem.h
 * @brief Memory for module segments in the module area.
 * @ingroup loader
 *
 * Segments are mapped read-write and no-execute while the loader writes
 * them; modmem_seal() then gives each page its final protection (text
 * read-execute, rodata read-only, data read-write), so no page is ever
 * writable and executable at the same time.
 */
#ifndef CORE_MODMEM_H_
#define CORE_MODMEM_H_

#include <loader/ldr.h>

/**
 * @brief Return the loader environment backed by the module area.
 *
 * Its alloc takes a range of the module area [KERN_MODULE_BASE,
 * KERN_MODULE_END) from a kva arena (core/kva.h: a guard page after each
 * segment, freed ranges reused) and maps fresh frames there; free unmaps
 * them, keeps the frames for reuse and gives the range back; resolve looks
 * symbols up with module_resolve().
 * @return a static environment.
 */
const struct ldr_env *modmem_env(void);

/**
 * @brief Give every page of a linked module its final protection.
 * @param mod a module linked with modmem_env().
 * @retval 0 done.
 * @retval -EINVAL a page of the module is not mapped (a bug).
 */
int modmem_seal(const struct ldr_module *mod);

/**
 * @brief Switch to the `page` provider for frames and give it the frames kept for reuse.
 *
 * Called by page_register() after the takeover.
 */
void modmem_handoff(void);

/**
 * @brief Count the bytes of module memory in use.
 * @return bytes mapped for module segments.
 */
uint64_t modmem_used(void);

#endif /* CORE_MODMEM_H_ */
