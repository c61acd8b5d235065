/**
 * @file kern/list.h
 * @brief Intrusive circular doubly linked lists.
 * @ingroup core
 *
 * A list is a head node; each element embeds a struct list_node and is
 * linked through it, so adding and removing never allocate. The list is
 * circular: an empty head points at itself, so no operation tests for
 * NULL at either end. The functions do no locking; the owner of a list
 * holds its lock around every call.
 */
#ifndef KERN_LIST_H_
#define KERN_LIST_H_

#include <stddef.h>

/** A link embedded in each element, or the head of a list. */
struct list_node {
	struct list_node *prev; /**< Previous node (the last element, for a head). */
	struct list_node *next; /**< Next node (the first element, for a head). */
};

/**
 * @brief Static initialiser of an empty list.
 * @param head the struct list_node being initialised (its own name).
 */
#define LIST_HEAD_INIT(head)                                                                       \
	{                                                                                          \
		.prev = &(head), .next = &(head)                                                   \
	}

/**
 * @brief The structure that embeds a node.
 * @param node pointer to the struct list_node member.
 * @param type the embedding structure's type.
 * @param member the name of the node in @p type.
 */
#define list_entry(node, type, member) ((type *)(void *)((char *)(node)-offsetof(type, member)))

/**
 * @brief Iterate over the nodes of a list; the current one may be removed.
 * @param pos a struct list_node * for the current node.
 * @param tmp a struct list_node * that holds the next node.
 * @param head the list.
 */
#define list_for_each_safe(pos, tmp, head)                                                         \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head);                           \
	     (pos) = (tmp), (tmp) = (pos)->next)

/**
 * @brief Make @p head an empty list (or mark a node as on no list).
 * @param head the head or node.
 */
static inline void list_init(struct list_node *head)
{
	head->prev = head;
	head->next = head;
}

/**
 * @brief Tell whether a list is empty.
 * @param head the list, initialised with list_init().
 * @return 1 when it has no element, else 0.
 */
static inline int list_empty(const struct list_node *head)
{
	return head->next == head;
}

/**
 * @brief Link @p node between two adjacent nodes (the other functions' building block).
 * @param node the node to add, on no list.
 * @param prev the node that will precede it.
 * @param next the node that will follow it (prev->next).
 */
static inline void list_insert(struct list_node *node, struct list_node *prev,
			       struct list_node *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

/**
 * @brief Add a node at the front of a list.
 * @param head the list; or any node of one, and @p node goes right after it.
 * @param node the node to add, on no list.
 */
static inline void list_add_head(struct list_node *head, struct list_node *node)
{
	list_insert(node, head, head->next);
}

/**
 * @brief Add a node at the back of a list.
 * @param head the list; or any node of one, and @p node goes right before it.
 * @param node the node to add, on no list.
 */
static inline void list_add_tail(struct list_node *head, struct list_node *node)
{
	list_insert(node, head->prev, head);
}

/**
 * @brief Remove a node from its list; it is left initialised (on no list).
 * @param node a node on a list, or one that list_init() initialised.
 */
static inline void list_del(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	list_init(node);
}

/**
 * @brief Move every node of @p src to the back of @p dst, leaving @p src empty.
 * @param dst the list that receives the nodes.
 * @param src the list that gives them up (another list than @p dst).
 */
static inline void list_splice_tail(struct list_node *dst, struct list_node *src)
{
	if (list_empty(src))
		return;
	src->next->prev = dst->prev;
	dst->prev->next = src->next;
	src->prev->next = dst;
	dst->prev = src->prev;
	list_init(src);
}

/**
 * @brief Return the first node of a list.
 * @param head the list.
 * @return the first node, or NULL when the list is empty.
 */
static inline struct list_node *list_first(const struct list_node *head)
{
	return list_empty(head) ? NULL : head->next;
}

#endif /* KERN_LIST_H_ */
