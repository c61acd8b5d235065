/**
 * @file core/irqdisp.h
 * @brief Interrupt dispatch, for the architecture's trap code.
 * @ingroup core
 */
#ifndef CORE_IRQDISP_H_
#define CORE_IRQDISP_H_

#include <kern/irq.h>

/**
 * @brief Run the handler of an interrupt line; called by the trap code.
 * @param irq line, 0 to IRQ_LINES - 1.
 */
void irq_dispatch(unsigned irq);

#endif /* CORE_IRQDISP_H_ */
