/**
 * @file kern/example.h
 * @brief The `example` role: the smallest role interface, for learning and
 *        for testing the module machinery.
 * @ingroup modules
 *
 * It shows the pattern every role follows: the core owns this header and
 * the wrappers; a module implements `struct example_ops` as a `static
 * const` table with designated initializers and hands it to
 * example_register() from its init. Only the core's wrappers
 * (example_greet(), example_count()) look inside the table. Providers:
 * modules/example/hello/hello.c and its alternate hola.c.
 */
#ifndef KERN_EXAMPLE_H_
#define KERN_EXAMPLE_H_

#include <stddef.h>
#include <stdint.h>

/** The version of struct example_ops this core speaks. */
#define EXAMPLE_OPS_VERSION 1

/**
 * @brief Operations of an `example` provider.
 *
 * Calling context of every member: a thread that may sleep, with the
 * example role's mutex held by the core's wrapper (members never run
 * concurrently). Optional members may be NULL: the core supplies a default.
 */
struct example_ops {
	uint32_t version; /**< Must be EXAMPLE_OPS_VERSION. */
	/**
	 * @brief Write a greeting for @p who into @p buf (mandatory).
	 * @param who NUL-terminated name.
	 * @param buf destination, @p len bytes.
	 * @param len size of @p buf.
	 * @return length of the greeting, or a negative errno.
	 */
	int (*greet)(const char *who, char *buf, size_t len);
	/**
	 * @brief Count the greetings so far (optional; the core's default says 0).
	 * @return the count.
	 */
	unsigned (*count)(void);
};

/**
 * @brief Make the module whose init is running the `example` provider.
 * @param ops the provider's table; must stay valid while it is loaded.
 * @retval 0 registered.
 * @retval -EINVAL wrong version or a mandatory member is NULL.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int example_register(const struct example_ops *ops);

/**
 * @brief Ask the provider for a greeting.
 * @param who NUL-terminated name.
 * @param buf destination, @p len bytes.
 * @param len size of @p buf.
 * @return length of the greeting, or a negative errno.
 * @retval -ENODEV no provider.
 */
int example_greet(const char *who, char *buf, size_t len);

/**
 * @brief Ask the provider how many greetings it gave.
 * @return the count (0 without a provider or without the optional member).
 */
unsigned example_count(void);

#endif /* KERN_EXAMPLE_H_ */
