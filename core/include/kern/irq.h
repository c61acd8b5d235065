/**
 * @file kern/irq.h
 * @brief Hardware interrupt handlers.
 * @ingroup core
 */
#ifndef KERN_IRQ_H_
#define KERN_IRQ_H_

/** Number of interrupt lines the core dispatches. */
#define IRQ_LINES 16

/**
 * @brief Install the handler of an interrupt line and unmask it.
 * @param irq line, 0 to IRQ_LINES - 1.
 * @param fn handler; runs with interrupts off and must not sleep.
 * @retval 0 installed.
 * @retval -EINVAL @p irq out of range or @p fn NULL.
 * @retval -EBUSY the line already has a handler.
 */
int irq_register(unsigned irq, void (*fn)(unsigned irq));

#endif /* KERN_IRQ_H_ */
