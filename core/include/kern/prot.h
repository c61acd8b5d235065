/**
 * @file kern/prot.h
 * @brief Memory protection bits: the one set vm, pmap and the arch accept.
 * @ingroup vm
 *
 * vm_map(), pmap_enter() and arch_map_page() take these bits unchanged, and
 * vm_fault() takes them as the kind of access (plus VM_FAULT_USER).
 */
#ifndef KERN_PROT_H_
#define KERN_PROT_H_

#define VM_READ	  0x1 /**< Protection / access: read (implied by every mapping). */
#define VM_WRITE  0x2 /**< Protection / access: write (kernel pages: never with VM_EXEC). */
#define VM_EXEC	  0x4 /**< Protection / access: execute. */
#define VM_DEVICE 0x8 /**< Protection: uncached device memory (kernel mappings only). */

#endif /* KERN_PROT_H_ */
