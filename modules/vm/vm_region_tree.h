/**
 * @file vm_region_tree.h
 * @brief The AVL tree under a region set: linking, unlinking, ordered walks.
 * @ingroup vm
 *
 * Private to vm_region.c and vm_region_tree.c. The tree is keyed by region
 * start; callers guarantee that the regions in it never overlap, so ends
 * sort like starts. Linking and unlinking rebalance up to the root, so
 * every operation here is O(log n), except the copy and the free-all,
 * which are O(n). Nodes are never moved or copied: a region pointer stays
 * valid until that region itself is unlinked.
 */
#ifndef VM_VM_REGION_TREE_H_
#define VM_VM_REGION_TREE_H_

#include <stdint.h>

#include "vm_region.h"

/**
 * @brief Hang region @p n into the tree by its start and count it.
 * @param rs the set.
 * @param n a region not in any tree, overlapping none in @p rs; its tree
 *        links are overwritten. The set owns it from now on.
 */
void vm_rtree_link(struct vm_regions *rs, struct vm_region *n);

/**
 * @brief Take region @p n out of the tree, without freeing it.
 * @param rs the set.
 * @param n a region in @p rs; the caller owns it afterwards.
 */
void vm_rtree_unlink(struct vm_regions *rs, struct vm_region *n);

/**
 * @brief Find the lowest region.
 * @param rs the set.
 * @return the region, or NULL if @p rs is empty.
 */
struct vm_region *vm_rtree_first(const struct vm_regions *rs);

/**
 * @brief Find the highest region.
 * @param rs the set.
 * @return the region, or NULL if @p rs is empty.
 */
struct vm_region *vm_rtree_last(const struct vm_regions *rs);

/**
 * @brief Step to the next region up.
 * @param n a region in a tree.
 * @return the region after @p n, or NULL if @p n is the highest.
 */
struct vm_region *vm_rtree_next(const struct vm_region *n);

/**
 * @brief Step to the next region down.
 * @param n a region in a tree.
 * @return the region before @p n, or NULL if @p n is the lowest.
 */
struct vm_region *vm_rtree_prev(const struct vm_region *n);

/**
 * @brief Find the first region that ends above an address.
 * @param rs the set.
 * @param addr byte address.
 * @return the region containing @p addr, else the lowest region above it,
 *         else NULL.
 */
struct vm_region *vm_rtree_first_after(const struct vm_regions *rs, uint64_t addr);

/**
 * @brief Free every region with the set's allocator, leaving @p rs empty.
 * @param rs the set; no callbacks are made.
 */
void vm_rtree_free_all(struct vm_regions *rs);

/**
 * @brief Copy the tree of @p src into the empty @p dst, node for node.
 * @param dst an empty set; its allocator is used.
 * @param src the set to copy.
 * @retval 0 copied.
 * @retval -ENOMEM out of memory; @p dst holds a partial tree (not balanced)
 *         that only vm_rtree_free_all() may touch.
 */
int vm_rtree_copy(struct vm_regions *dst, const struct vm_regions *src);

#endif /* VM_VM_REGION_TREE_H_ */
